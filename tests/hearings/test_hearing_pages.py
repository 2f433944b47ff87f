from datetime import timedelta

from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.hearings.models import Hearing
from tests.conftest import csrf_token, login


def schedule_form(world, **overrides):
    day = world["today"] + timedelta(days=30)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    data = {
        "cycle_id": world["cycle"].id,
        "title": "เวทีประชาคมหมู่ 3",
        "subdistricts": ["400101"],
        "day": day.isoformat(),
        "starts": "13:30",
        "ends": "16:00",
        "venue": "ศาลาวัดบ้านโนน",
        "capacity": "60",
        "issues": [str(world["plan"].issues[1].id)],
        "description": "",
    }
    data.update(overrides)
    return data


def holiday_free(world, data):
    from datetime import date

    from consult.hearings.rules import is_working_day

    day = date.fromisoformat(data["day"])
    while not is_working_day(day):
        day += timedelta(days=1)
    data["day"] = day.isoformat()
    return data


def test_official_schedules_a_hearing_that_the_public_then_sees(client, world):
    login(client, "official")
    data = holiday_free(world, schedule_form(world))
    data["csrf_token"] = csrf_token(client, "/staff/hearings/new")
    response = client.post("/staff/hearings/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    hearing = db.session.scalar(select(Hearing).where(Hearing.title == "เวทีประชาคมหมู่ 3"))
    assert [s.code for s in hearing.subdistricts] == ["400101"]
    assert hearing.issues[0].code == "SI02"
    assert hearing.input_open_at(hearing.starts_at)
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hearing.schedule")).user_id
        == world["users"]["official"].id
    )
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "เวทีประชาคมหมู่ 3" in page and "ศาลาวัดบ้านโนน" in page
    listing = client.get("/hearings?province=40&district=4001&subdistrict=400101").get_data(as_text=True)
    assert "เวทีประชาคมหมู่ 3" in listing


def test_schedule_form_needs_csrf(client, world):
    login(client, "official")
    response = client.post("/staff/hearings/new", data=holiday_free(world, schedule_form(world)))
    assert response.status_code == 400
    assert db.session.scalar(select(db.func.count()).select_from(Hearing)) == 1


def test_hearing_outside_the_phase_is_refused_with_a_thai_message(client, world):
    login(client, "official")
    data = schedule_form(world, day=(world["today"] + timedelta(days=200)).isoformat())
    data["csrf_token"] = csrf_token(client, "/staff/hearings/new")
    response = client.post("/staff/hearings/new", data=data)
    assert response.status_code == 400
    assert "ช่วงรับฟังความคิดเห็น" in response.get_data(as_text=True)


def test_errors_follow_the_chosen_language(client, world):
    login(client, "official")
    client.get("/?lang=en")
    data = schedule_form(world, day=(world["today"] + timedelta(days=200)).isoformat(), title="")
    data["csrf_token"] = csrf_token(client, "/staff/hearings/new")
    page = client.post("/staff/hearings/new", data=data).get_data(as_text=True)
    assert "Please give the hearing a title." in page


def test_official_cannot_schedule_for_another_subdistrict(client, world):
    login(client, "official")
    data = holiday_free(world, schedule_form(world, subdistricts=["400201"]))
    data["csrf_token"] = csrf_token(client, "/staff/hearings/new")
    response = client.post("/staff/hearings/new", data=data)
    assert response.status_code == 400
    assert db.session.scalar(select(db.func.count()).select_from(Hearing)) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get("/staff/hearings/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_pickers_work_without_javascript(client, world):
    page = client.get("/hearings").get_data(as_text=True)
    assert 'href="/hearings?province=40"' in page
    page = client.get("/hearings?province=40").get_data(as_text=True)
    assert "district=4001" in page and "เวทีประชาคมตำบลในเมือง" in page
    page = client.get("/hearings?province=40&district=4001").get_data(as_text=True)
    assert "subdistrict=400101" in page


def test_hearing_page_shows_thai_buddhist_era_and_english_common_era(client, world):
    hearing = world["hearing"]
    thai = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert f"{hearing.starts_at.year + 543}" in thai and '<html lang="th">' in thai
    english = client.get(f"/hearings/{hearing.id}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and f"{hearing.starts_at.year}" in english
    assert f"{hearing.starts_at.year + 543}" not in english
    # the choice is remembered
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_unknown_hearing_is_a_404_page(client, world):
    assert client.get("/hearings/999999").status_code == 404
