"""Finding: the administrator's export carried names, emails and phones, while the privacy notice
said contact details are never in an export. Now no download of any role holds them; the one
way out is the contact export of a cycle, for a stated purpose, in the audit log."""

import csv
import io
import zipfile

from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from tests.conftest import csrf_token, login
from tests.security.conftest import ADMIN, OTHER_PLANNER, PLANNER, url_of

CONTACT = ("สมหญิง", "somying@example.org", "0812345678")


def _text_of(response) -> str:
    body = response.get_data()
    if body.startswith(b"PK"):  # xlsx, docx: the XML inside
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


def test_no_download_of_a_planner_or_an_administrator_holds_contact_details(app, matrix_world):
    downloads = 0
    for role in (PLANNER, ADMIN):
        client = app.test_client()
        login(client, role)
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in ("static", "auth.logout"):
                continue
            response = client.get(url_of(app, rule, matrix_world["values"]))
            response.close()  # a static file's response keeps the file open until closed
            if "attachment" not in response.headers.get("Content-Disposition", ""):
                continue
            downloads += 1
            text = _text_of(response)
            assert not [part for part in CONTACT if part in text], f"{rule.endpoint} as {role}"
    assert downloads >= 8  # inputs (csv, xlsx), aggregates, report, for both roles


def test_contact_details_go_out_only_for_a_stated_purpose_and_that_is_logged(app, review_world):
    url = f"/review/cycles/{review_world['cycle'].id}/contacts"
    client = app.test_client()
    login(client, PLANNER)
    token = csrf_token(client, url)
    no_reason = client.post(url, data={"csrf_token": token, "purpose": "tell_outcome", "reason": ""})
    assert no_reason.status_code == 400
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "input.contacts_exported")) is None
    reason = "แจ้งผลการนำความคิดเห็นไปใช้ในแผนปี 2570"
    response = client.post(url, data={"csrf_token": token, "purpose": "tell_outcome", "reason": reason})
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert any(row[2:5] == ["สมหญิง ใจดี", "somying@example.org", "0812345678"] for row in rows[1:])
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "input.contacts_exported"))
    assert event.user_id == review_world["users"][PLANNER].id and event.created_at is not None
    assert event.detail == {"purpose": "tell_outcome", "reason": reason, "count": len(rows) - 1}


def test_planners_of_another_province_and_officials_get_no_contact_export(app, review_world):
    url = f"/review/cycles/{review_world['cycle'].id}/contacts"
    for role, status in ((OTHER_PLANNER, 403), ("official", 403)):
        client = app.test_client()
        login(client, role)
        assert client.get(url).status_code == status


def test_administrators_see_what_is_kept_until_when(app, review_world):
    client = app.test_client()
    login(client, ADMIN)
    page = client.get("/staff/retention?lang=en").get_data(as_text=True)
    assert "Contact details given with inputs" in page and "730 days after they were given" in page
    planner = app.test_client()
    login(planner, PLANNER)
    assert planner.get("/staff/retention").status_code == 403


def test_the_privacy_notice_says_how_contact_details_can_leave(client):
    page = client.get("/privacy?lang=en").get_data(as_text=True)
    assert "never shown publicly, in exports" not in page  # what the notice said, and was not true
    assert "contact export made for one of these two purposes, stated each time" in page
    assert "is kept in the audit log" in page
