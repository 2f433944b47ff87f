"""Personal data (PDPA): kept apart, never public, erasable by the citizen with the receipt or by
an administrator's command, exportable for the data subject, removed after the retention period."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.models import CitizenInput, InputContact, InputImport
from consult.inputs.moderation import set_publication
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.pdpa import anonymise_expired_contacts
from consult.jobs import JOBS
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login

CONTACT = {"contact_name": "สมศรี ใจดี", "contact_phone": "0891112222", "contact_email": "somsri@example.com"}


def give_with_contact(world, **overrides):
    data = NewInput(
        text="อยากให้มีรถพยาบาลประจำตำบล", sector="citizen", channel="online", consent=True, **CONTACT
    )
    item, _created = submit_input(data, cycle=world["cycle"], hearing=world["hearing"], **overrides)
    return item


def test_citizen_erases_contact_with_the_receipt(client, world):
    item = give_with_contact(world)
    url = f"/receipts/{item.receipt}"
    response = client.post(f"{url}/erase-contact", data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 400 and "กรุณาทำเครื่องหมายในช่องเพื่อยืนยัน" in response.get_data(as_text=True)
    response = client.post(
        f"{url}/erase-contact", data={"csrf_token": csrf_token(client, url), "confirm": "y"}
    )
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "ลบข้อมูลติดต่อของท่านแล้ว" in page and "ไม่มีข้อมูลติดต่อเก็บไว้กับความคิดเห็นนี้" in page
    assert db.session.scalar(select(func.count()).select_from(InputContact)) == 0
    kept = db.session.get(CitizenInput, item.id)
    assert kept.text == "อยากให้มีรถพยาบาลประจำตำบล" and not kept.consent
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "input.contact_erased"))
    assert event.detail == {"via": "citizen"} and event.user_id is None


def test_admin_commands_export_and_erase_by_receipt(app, world):
    item = give_with_contact(world)
    runner = app.test_cli_runner()
    exported = runner.invoke(args=["consult", "pdpa", "export", item.receipt_display.lower()])
    assert exported.exit_code == 0
    data = json.loads(exported.output)
    assert data["contact"]["phone"] == "0891112222" and data["text"] == item.text
    assert data["submitted_at"].endswith("+07:00")
    erased = runner.invoke(args=["consult", "pdpa", "erase", item.receipt])
    assert erased.exit_code == 0 and "erased" in erased.output
    assert db.session.scalar(select(func.count()).select_from(InputContact)) == 0
    again = runner.invoke(args=["consult", "pdpa", "erase", item.receipt])
    assert "nothing to erase" in again.output
    unknown = runner.invoke(args=["consult", "pdpa", "export", "ABCD-2345"])
    assert unknown.exit_code != 0 and "no input has the receipt" in unknown.output
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["input.personal_data_exported", "input.contact_erased"]


def test_retention_job_removes_old_contacts_and_stale_staged_sheets(app, world):
    old = give_with_contact(
        world, now=utcnow() - timedelta(days=app.config["CONTACT_RETENTION_DAYS"] + 1), check_window=False
    )
    recent = give_with_contact(world)
    db.session.add(
        InputImport(
            hearing_id=world["hearing"].id,
            uploaded_by_id=world["users"]["official"].id,
            filename="old.csv",
            default_sector="citizen",
            channel="hearing_paper",
            rows=[{"row": 2, "cells": {"text": "x", "contact_phone": "0890000000"}}],
            created_at=utcnow() - timedelta(days=3),
        )
    )
    db.session.commit()
    assert "expire_personal_data" in JOBS
    assert JOBS["expire_personal_data"]() == {"contacts_removed": 1, "sign_in_failures_forgotten": 0}
    assert db.session.scalar(select(InputContact.input_id)) == recent.id
    assert db.session.get(CitizenInput, old.id).text == old.text
    assert db.session.scalar(select(func.count()).select_from(InputImport)) == 0
    assert anonymise_expired_contacts() == 0  # nothing left to remove


def test_contact_details_appear_in_no_public_page_api_answer_or_moderation_queue(client, world):
    item = give_with_contact(world)
    set_publication("40", True, world["users"]["planner"])
    item.moderation = "approved"
    db.session.commit()
    pages = [
        f"/receipts/{item.receipt}",
        f"/track?receipt={item.receipt}",
        f"/cycles/{world['cycle'].id}/voices",
        f"/cycles/{world['cycle'].id}/voices/{item.id}",
        f"/api/v1/inputs/{item.receipt}",
        f"/api/v1/cycles/{world['cycle'].id}/summary",
        f"/hearings/{world['hearing'].id}",
    ]
    for url in pages:
        body = client.get(url, follow_redirects=True).get_data(as_text=True)
        for value in CONTACT.values():
            assert value not in body, (url, value)
    login(client, "planner")
    queue = client.get("/staff/moderation?state=approved").get_data(as_text=True)
    assert item.text in queue and all(value not in queue for value in CONTACT.values())
