import re

from sqlalchemy import func, select

from consult.extensions import db
from consult.inputs.models import CitizenInput
from tests.conftest import csrf_token, login


def form_data(client, url, **fields):
    page = client.get(url).get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    data = {
        "csrf_token": csrf_token(client, url),
        "submission_key": key,
        "text": "อยากให้ขุดลอกหนองน้ำสาธารณะ",
        "sector": "citizen",
    }
    data.update(fields)
    return data


def test_citizen_gives_input_without_an_account_and_tracks_it(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    response = client.post(url, data=form_data(client, url, issues=["SI02"], age_band="40_59"))
    assert response.status_code == 303
    receipt_url = response.headers["Location"]
    page = client.get(receipt_url).get_data(as_text=True)
    assert "ได้รับความคิดเห็นของท่านแล้ว" in page
    code = db.session.scalar(select(CitizenInput.receipt))
    assert f"{code[:4]}-{code[4:]}" in page
    assert client.get(f"/track?receipt={code.lower()}").status_code == 302


def test_double_submission_stores_one_input(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    data = form_data(client, url)
    first = client.post(url, data=data)
    second = client.post(url, data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1


def test_form_errors_in_thai(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    response = client.post(url, data=form_data(client, url, text="  ", contact_phone="0812345678"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "กรุณาเขียนความคิดเห็นของท่าน" in page
    assert "ความยินยอม" in page
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 0


def test_input_form_needs_csrf(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    data = form_data(client, url)
    del data["csrf_token"]
    assert client.post(url, data=data).status_code == 400


def test_planner_sees_the_input_counted_under_its_issue(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    client.post(url, data=form_data(client, url, issues=["SI05"], text="อยากให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาล"))
    login(client, "planner")
    page = client.get("/review/").get_data(as_text=True)
    row = re.search(r"SI05</span>[^<]*</th>\s*<td class=\"num\">(\d+)</td>", page)
    assert row and row.group(1) == "1"


def test_other_provinces_planner_and_officials_cannot_see_the_dashboard(client, world):
    login(client, "official")
    assert client.get("/review/").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "other_planner")
    assert client.get(f"/review/?cycle={world['cycle'].id}").status_code == 403
