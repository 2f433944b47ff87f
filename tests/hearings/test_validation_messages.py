"""Each scheduling rule, seen through the form, with its Thai and its English message."""

import html
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.hearings.rules import thai_holidays
from consult.i18n import LOCAL_ZONE, format_date
from tests.conftest import csrf_token, login
from tests.hearings.helpers import working_day

URL = "/staff/hearings/new"


def form(world, day, **overrides):
    data = {
        "cycle_id": world["cycle"].id,
        "title": "เวทีประชาคมหมู่ 5",
        "subdistricts": ["400101"],
        "day": day.isoformat(),
        "starts": "13:30",
        "ends": "16:00",
        "venue": "ศาลาวัดบ้านโนน",
        "capacity": "60",
        "issues": [str(world["plan"].issues[0].id)],
        "description": "",
    }
    data.update(overrides)
    return data


def post(client, username, data, language):
    login(client, username)
    url = f"{URL}?lang={language}"
    data["csrf_token"] = csrf_token(client, url)
    response = client.post(url, data=data, follow_redirects=True)
    return response, html.unescape(response.get_data(as_text=True))


def hearing_count():
    return db.session.scalar(select(func.count()).select_from(Hearing))


def long_hearing_phase(world, days=400):
    world["cycle"].phase("hearings").ends_on = world["today"] + timedelta(days=days)
    db.session.commit()


@pytest.mark.parametrize("language", ["th", "en"])
def test_outside_the_hearing_phase(client, world, language):
    phase = world["cycle"].phase("hearings")
    response, page = post(client, "official", form(world, working_day(world["today"], 200)), language)
    assert response.status_code == 400 and hearing_count() == 1
    if language == "th":
        assert f"ต้องจัดเวทีภายในช่วงรับฟังความคิดเห็นของรอบนี้ ({format_date(phase.starts_on, language='th')}" in page
        assert str(phase.ends_on.year + 543) in page
    else:
        assert (
            f"The hearing must take place within the hearing phase of the cycle "
            f"({format_date(phase.starts_on, language='en')} – {format_date(phase.ends_on, language='en')})"
        ) in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_in_the_past(client, world, language):
    day = world["today"] - timedelta(days=1)
    response, page = post(client, "official", form(world, day, starts="08:00", ends="09:00"), language)
    assert response.status_code == 400 and hearing_count() == 1
    expected = {"th": "ไม่สามารถกำหนดเวทีในเวลาที่ผ่านมาแล้ว", "en": "The hearing cannot start in the past."}
    assert expected[language] in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_ending_before_starting(client, world, language):
    day = working_day(world["today"], 30)
    response, page = post(client, "official", form(world, day, starts="15:00", ends="10:00"), language)
    assert response.status_code == 400 and hearing_count() == 1
    expected = {"th": "เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม", "en": "The hearing must end after it starts."}
    assert expected[language] in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_same_venue_at_the_same_time(client, world, language):
    booked = world["hearing"]  # ห้องประชุม อบต., subdistrict 400101 of district 4001
    day = booked.starts_at.astimezone(LOCAL_ZONE).date()
    # Another district (4002), the same venue typed with other spacing.
    data = form(world, day, subdistricts=["400201"], starts="10:00", ends="11:00", venue="  ห้องประชุม  อบต. ")
    response, page = post(client, "other_official", data, language)
    assert response.status_code == 400 and hearing_count() == 1
    expected = {
        "th": "สถานที่นี้มีเวทีอื่นจองไว้ในเวลาเดียวกันแล้ว",
        "en": "Another hearing is already booked at this venue at that time.",
    }
    assert expected[language] in page
    assert {"th": "มีเวทีอื่นในอำเภอเดียวกัน", "en": "Another hearing of the same district"}[language] not in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_another_hearing_of_the_same_district_at_the_same_time(client, world, language):
    booked = world["hearing"]
    day = booked.starts_at.astimezone(LOCAL_ZONE).date()
    # 400102 lies in district 4001 like the booked hearing of 400101; another venue.
    response, page = post(
        client,
        "planner",
        form(world, day, subdistricts=["400102"], starts="11:00", ends="12:30", venue="โรงเรียนบ้านหนองแวง"),
        language,
    )
    assert response.status_code == 400 and hearing_count() == 1
    expected = {
        "th": "มีเวทีอื่นในอำเภอเดียวกันในเวลาเดียวกัน เจ้าหน้าที่อำเภอไม่สามารถเข้าร่วมทั้งสองเวทีได้",
        "en": "Another hearing of the same district is scheduled at that time; district staff cannot attend both.",
    }
    assert expected[language] in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_on_a_thai_public_holiday(client, world, language):
    long_hearing_phase(world)
    holidays = thai_holidays(world["today"] + timedelta(days=20), world["today"] + timedelta(days=400))
    day, thai_name = next(iter(holidays.items()))
    english_name = thai_holidays(day, day, language="en_US")[day]
    response, page = post(client, "official", form(world, day), language)
    assert response.status_code == 400 and hearing_count() == 1
    if language == "th":
        assert f"{format_date(day, language='th')} เป็นวันหยุดราชการ ({thai_name}) กรุณาเลือกวันทำการ" in page
    else:
        assert (
            f"{format_date(day, language='en')} is a public holiday ({english_name}). "
            f"Please choose a working day."
        ) in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_short_notice_is_a_warning_not_a_refusal(client, world, language):
    day = working_day(world["today"], 3)
    response, page = post(client, "official", form(world, day), language)
    assert response.status_code == 200 and hearing_count() == 2
    days = (day - world["today"]).days
    expected = {
        "th": f"ประกาศล่วงหน้าเพียง {days} วัน จังหวัดกำหนดให้ประกาศล่วงหน้าอย่างน้อย 15 วัน",
        "en": f"Only {days} days of public notice; the province asks for at least 15 days.",
    }
    assert expected[language] in page


def test_the_province_sets_its_own_notice_period(client, world):
    from consult.hearings.operations import save_province_settings

    save_province_settings("40", min_notice_days=2, reminder_days="7,1", user=world["users"]["planner"])
    _, page = post(client, "official", form(world, working_day(world["today"], 3)), "en")
    assert hearing_count() == 2 and "days of public notice" not in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_weekend_is_a_warning(client, world, language):
    long_hearing_phase(world)
    day = world["today"] + timedelta(days=20)
    while day.weekday() != 5 or thai_holidays(day, day):
        day += timedelta(days=1)
    response, page = post(client, "official", form(world, day), language)
    assert response.status_code == 200 and hearing_count() == 2
    expected = {"th": "เวทีนี้ตรงกับวันหยุดสุดสัปดาห์", "en": "This hearing falls on a weekend."}
    assert expected[language] in page
