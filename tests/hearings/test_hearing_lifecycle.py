"""Editing, moving, cancelling and recording the minutes of a hearing, through the staff pages."""

import html
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.hearings.operations import HearingLocked, cancel_hearing, record_minutes
from consult.hearings.registrations import register
from consult.i18n import LOCAL_ZONE
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.hearings.helpers import add_hearing, working_day


def edit_form(hearing, **overrides):
    start = hearing.starts_at.astimezone(LOCAL_ZONE)
    data = {
        "cycle_id": hearing.cycle_id,
        "title": hearing.title,
        "subdistricts": [s.code for s in hearing.subdistricts],
        "day": start.date().isoformat(),
        "starts": start.strftime("%H:%M"),
        "ends": hearing.ends_at.astimezone(LOCAL_ZONE).strftime("%H:%M"),
        "venue": hearing.venue,
        "capacity": str(hearing.capacity or ""),
        "issues": [str(i.id) for i in hearing.issues],
        "description": "",
    }
    data.update(overrides)
    return data


def audit_actions():
    return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_moving_a_hearing_tells_the_people_registered_and_bumps_its_sequence(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=30)
    register(
        hearing,
        name="สมชาย",
        phone=None,
        email="somchai@example.org",
        consent=True,
        language="th",
        now=utcnow(),
    )
    register(hearing, name=None, phone=None, email=None, consent=False, language="th", now=utcnow())
    sequence = hearing.sequence
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/edit"
    new_day = working_day(world["today"], 32)
    data = edit_form(
        hearing,
        day=new_day.isoformat(),
        starts="13:00",
        ends="15:30",
        venue="หอประชุมอำเภอ",
        **{
            "agenda-0-starts": "13:00",
            "agenda-0-title": "ชี้แจงวัตถุประสงค์",
            "agenda-1-starts": "13:30",
            "agenda-1-title": "ระดมความคิดเห็นประเด็นน้ำ",
            "agenda-1-issue": str(world["plan"].issues[1].id),
        },
    )
    data["csrf_token"] = csrf_token(client, url)
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    hearing = db.session.get(Hearing, hearing.id)
    assert hearing.starts_at.astimezone(LOCAL_ZONE).date() == new_day and hearing.venue == "หอประชุมอำเภอ"
    assert hearing.sequence == sequence + 1
    assert [(item.offset_minutes, item.title) for item in hearing.agenda] == [
        (0, "ชี้แจงวัตถุประสงค์"),
        (30, "ระดมความคิดเห็นประเด็นน้ำ"),
    ]
    assert hearing.agenda[1].issue.code == world["plan"].issues[1].code
    [changed] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.idempotency_key.like("hearing-changed:%"))
    )
    assert changed.recipient == "somchai@example.org" and "หอประชุมอำเภอ" in changed.body
    assert str(new_day.year + 543) in changed.body  # Buddhist Era in a Thai email
    assert "hearing.update" in audit_actions()
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "ชี้แจงวัตถุประสงค์" in page and "13:30 น." in page


def test_a_move_that_breaks_a_rule_changes_nothing(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    before = hearing.starts_at
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/edit"
    data = edit_form(hearing, day=working_day(world["today"], 200).isoformat())
    data["csrf_token"] = csrf_token(client, url)
    response = client.post(url, data=data)
    assert response.status_code == 400 and "ช่วงรับฟังความคิดเห็น" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Hearing, hearing.id).starts_at == before


def test_agenda_items_must_lie_within_the_hearing(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/edit?lang=en"
    data = edit_form(hearing, **{"agenda-0-starts": "17:00", "agenda-0-title": "ปิดประชุม"})
    data["csrf_token"] = csrf_token(client, url)
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "Agenda items must fall within the hearing's time." in html.unescape(
        response.get_data(as_text=True)
    )


def test_cancelling_needs_a_reason_which_the_public_page_and_feed_then_show(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    register(
        hearing,
        name="สมหญิง",
        phone=None,
        email="somying@example.org",
        consent=True,
        language="en",
        now=utcnow(),
    )
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/cancel"
    token = csrf_token(client, url)
    refused = client.post(url, data={"csrf_token": token, "reason": "   "})
    assert refused.status_code == 400 and "กรุณาระบุเหตุผลการยกเลิก" in refused.get_data(as_text=True)
    response = client.post(url, data={"csrf_token": token, "reason": "น้ำท่วมถนนเข้าหมู่บ้าน"})
    assert response.status_code == 302
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "เวทีนี้ถูกยกเลิก" in page and "น้ำท่วมถนนเข้าหมู่บ้าน" in page
    feed = client.get("/hearings.ics?province=40").get_data(as_text=True)
    assert "STATUS:CANCELLED" in feed  # kept in the feed, marked cancelled
    [notice] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.idempotency_key.like("hearing-cancelled:%"))
    )
    assert notice.recipient == "somying@example.org" and notice.language == "en"
    assert notice.subject.startswith("Cancelled:") and "น้ำท่วมถนนเข้าหมู่บ้าน" in notice.body
    assert "hearing.cancel" in audit_actions()
    again = client.get(url)  # a cancelled hearing cannot be cancelled or edited again
    assert again.status_code == 302


def test_officials_manage_only_hearings_of_their_own_subdistricts(app, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))

    def client_of(username):
        client = app.test_client()
        login(client, username)
        return client

    other = client_of("other_official")
    for path in ("", "/edit", "/cancel", "/minutes"):
        assert other.get(f"/staff/hearings/{hearing.id}{path}").status_code == 403
    with pytest.raises(PermissionError):
        cancel_hearing(hearing, "ไม่มีสิทธิ์", user=world["users"]["other_official"])
    assert client_of("other_planner").get(f"/staff/hearings/{hearing.id}/edit").status_code == 403
    assert client_of("planner").get(f"/staff/hearings/{hearing.id}/edit").status_code == 200
    assert client_of("official").get(f"/staff/hearings/{hearing.id}/edit").status_code == 200


def test_minutes_and_attendance_after_the_hearing(client, world):
    day = world["today"] - timedelta(days=1)
    hearing = add_hearing(world, day=day, status="held")
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/minutes"
    page = client.get(url).get_data(as_text=True)
    assert f"/staff/hearings/{hearing.id}/transcribe" in page  # the transcription page, built elsewhere
    data = {"csrf_token": csrf_token(client, url), "minutes": "ที่ประชุมเสนอให้ขุดลอกคลองและพัฒนาตลาดชุมชน"}
    for sector in ("citizen", "private", "civil_society", "academia", "government"):
        for gender in ("female", "male", "other", "unspecified"):
            data[f"attendance_{sector}_{gender}"] = "0"
    data.update(
        {
            "attendance_citizen_female": "23",
            "attendance_citizen_male": "19",
            "attendance_government_male": "4",
        }
    )
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    hearing = db.session.get(Hearing, hearing.id)
    assert hearing.status == "minutes_recorded" and hearing.attendance_total == 46
    assert {(row.sector, row.gender): row.count for row in hearing.attendance} == {
        ("citizen", "female"): 23,
        ("citizen", "male"): 19,
        ("government", "male"): 4,
    }
    public = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "46" in public and "ขุดลอกคลอง" in public
    assert "hearing.minutes" in audit_actions()


def test_minutes_are_refused_before_the_hearing_and_negative_counts_are_refused(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    with pytest.raises(HearingLocked):
        record_minutes(hearing, "ยังไม่จัด", {}, user=world["users"]["official"], now=utcnow())
    login(client, "official")
    assert client.get(f"/staff/hearings/{hearing.id}/minutes").status_code == 302
    past = add_hearing(
        world, day=world["today"] - timedelta(days=2), codes=("400101",), venue="อื่น", status="held"
    )
    url = f"/staff/hearings/{past.id}/minutes?lang=en"
    data = {"csrf_token": csrf_token(client, url), "minutes": "บันทึก", "attendance_citizen_female": "-3"}
    page = client.post(url, data=data).get_data(as_text=True)
    assert "Please give a number of people, 0 or more." in page


def test_the_scheduler_marks_finished_hearings_held(world):
    from consult.hearings.operations import mark_finished_hearings_held

    past = add_hearing(world, day=world["today"] - timedelta(days=2), venue="ที่อื่น")
    assert mark_finished_hearings_held() == 1
    db.session.expire_all()
    assert db.session.get(Hearing, past.id).status == "held"
    assert db.session.get(Hearing, world["hearing"].id).status == "announced"


def test_planners_pick_a_district_before_its_subdistricts_are_listed(client, world):
    login(client, "planner")
    page = client.get("/staff/hearings/new").get_data(as_text=True)
    assert "/staff/hearings/new?district=4002" in page and 'value="400201"' not in page
    page = client.get("/staff/hearings/new?district=4002").get_data(as_text=True)
    assert 'value="400201"' in page and 'value="400101"' not in page
    hearing = add_hearing(world, day=working_day(world["today"], 25), codes=("400201",), venue="อำเภอ")
    page = client.get(f"/staff/hearings/{hearing.id}/edit").get_data(as_text=True)
    assert 'value="400202"' in page and 'value="400101"' not in page  # only the hearing's district
