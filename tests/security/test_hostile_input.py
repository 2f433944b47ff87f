"""Whatever arrives, the answer is a clear refusal or an accepted input, never a server error:
generated texts and fields for the input form and the API, generated files for the sheet
importer, malformed UTF-8, bodies too large, wrong content types, unknown fields; session
cookies hardened in production and no redirect to another site."""

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from consult import create_app
from consult.inputs.sheets import Sheet, SheetError, read_sheet
from tests.conftest import csrf_token

TEXTS = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    ["", " ", "\x00", "ก" * 5001, "=1+1", "<script>alert(1)</script>", "\u200b\u200b", "๑๒๓"]
)
FIELD_VALUES = st.one_of(
    TEXTS,
    st.integers(),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(
    fields=st.fixed_dictionaries(
        {"text": FIELD_VALUES},
        optional={
            "sector": FIELD_VALUES,
            "age_band": FIELD_VALUES,
            "gender": FIELD_VALUES,
            "village": FIELD_VALUES,
            "issues": FIELD_VALUES,
            "surprise": FIELD_VALUES,
        },
    )
)
def test_api_answers_any_body_with_201_or_a_clear_400(client, world, fields):
    response = client.post(f"/api/v1/hearings/{world['hearing'].id}/inputs", json=fields)
    assert response.status_code in (201, 400), response.get_data(as_text=True)[:300]
    if response.status_code == 400:
        assert response.get_json()["error"]["message"]


@HYPOTHESIS
@given(text=TEXTS, sector=TEXTS, age_band=TEXTS, village=TEXTS, contact_email=TEXTS, key=TEXTS)
def test_input_form_answers_any_fields_with_a_receipt_or_its_errors(
    app, world, text, sector, age_band, village, contact_email, key
):
    client = app.test_client()
    url = f"/hearings/{world['hearing'].id}/input"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "text": text,
            "sector": sector,
            "age_band": age_band,
            "village": village,
            "contact_email": contact_email,
            "submission_key": key,
            "website": "",
        },
    )
    assert response.status_code in (303, 400), response.status_code
    if response.status_code == 400:
        assert 'class="errors' in response.get_data(as_text=True) or "error" in response.get_data(
            as_text=True
        )


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:  # control characters cannot be written to a workbook at all
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CELLS = st.one_of(
    TEXTS,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
    st.dates(),
)


@HYPOTHESIS
@given(
    data=st.binary(max_size=2000) | st.text(max_size=500).map(lambda text: text.encode("utf-8")),
    name=st.sampled_from(["inputs.csv", "inputs.txt", "inputs.xlsx", "inputs.pdf", "", "INPUTS.CSV"]),
)
def test_sheet_reader_reads_or_refuses_any_bytes(data, name):
    try:
        assert isinstance(read_sheet(name, data, max_rows=1000), Sheet)
    except SheetError as error:
        assert error.code


@HYPOTHESIS
@given(
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=12),
    heading=st.lists(
        st.sampled_from(["ข้อความ", "text", "ภาคส่วน", "sector", "วันที่", "date", "อายุ", "?"]), max_size=6
    ),
)
def test_sheet_reader_reads_or_refuses_any_workbook(rows, heading):
    try:
        sheet = read_sheet("inputs.xlsx", _xlsx([heading] + rows), max_rows=1000)
    except SheetError as error:
        assert error.code
    else:
        assert all(isinstance(value, str) for row in sheet.rows for value in row["cells"].values())


def test_api_refuses_malformed_bodies_clearly(client, world):
    url = f"/api/v1/hearings/{world['hearing'].id}/inputs"
    cases = {
        "malformed UTF-8": (b'{"text": "\xff\xfe\xe0\xb8", "sector": "citizen"}', "application/json", 400),
        "not JSON": (b"text=hello", "application/json", 400),
        "a JSON list": (b"[1, 2]", "application/json", 400),
        "wrong content type": (b'{"text": "hello"}', "text/plain", 415),
        "form instead of JSON": (b"text=hello", "application/x-www-form-urlencoded", 415),
        "too large": (b'{"text": "' + b"a" * (3 * 1024 * 1024) + b'"}', "application/json", 413),
    }
    for name, (body, content_type, expected) in cases.items():
        response = client.post(url, data=body, content_type=content_type)
        assert response.status_code == expected, name
        assert response.get_json()["error"]["message"], name


def test_form_refuses_malformed_bodies_clearly(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    token = csrf_token(client, url)
    malformed = client.post(
        url,
        data=b"csrf_token=" + token.encode() + b"&text=%FF%FE%E0%B8&sector=citizen",
        content_type="application/x-www-form-urlencoded",
    )
    # undecodable bytes become U+FFFD: the rest of the text is still taken, or refused with the form
    assert malformed.status_code in (303, 400)
    too_large = client.post(url, data={"csrf_token": token, "text": "ก" * (3 * 1024 * 1024)})
    assert too_large.status_code == 413
    assert "<html" in too_large.get_data(as_text=True)


def test_session_cookies_are_hardened_in_production(monkeypatch, tmp_path):
    monkeypatch.setenv("CONSULT_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", os.urandom(16).hex())
    monkeypatch.setenv("CONSULT_BASE_URL", "https://consult.example")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/production.sqlite3"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["REMEMBER_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    response = app.test_client().get("/login", base_url="https://consult.example")
    session_cookie = next(
        header
        for header in response.headers.getlist("Set-Cookie")
        if header.startswith(app.config.get("SESSION_COOKIE_NAME", "session") + "=")
    )
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "http:/evil.example",
        " https://evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_never_redirects_off_site(client, world, target):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "planner", "password": "correct-horse-battery", "csrf_token": token},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and not location.startswith("javascript")
