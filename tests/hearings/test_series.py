"""Regular hearings: a rule expands to dated hearings in the phase, shown first, then created;
each can then be moved or cancelled on its own."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.hearings.models import Hearing, HearingSeries
from consult.hearings.operations import HearingDetails, cancel_hearing
from consult.hearings.recurrence import build_rrule
from consult.hearings.rules import thai_holidays
from consult.hearings.series import create_series, plan_series
from consult.i18n import LOCAL_ZONE
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.hearings.helpers import at


def long_phase(world, first: date, last: date):
    phase = world["cycle"].phase("hearings")
    phase.starts_on, phase.ends_on = first, last
    db.session.commit()


def template(world, first_day: date, **overrides) -> HearingDetails:
    values = dict(
        cycle=world["cycle"],
        title="เวทีประชาคมประจำเดือน",
        subdistrict_codes=["400101"],
        starts_at=at(first_day, "13:30"),
        ends_at=at(first_day, "15:30"),
        venue="ศาลากลางบ้าน",
        issue_ids=[world["plan"].issues[0].id],
    )
    values.update(overrides)
    return HearingDetails(**values)


def first_tuesdays(start: date, end: date) -> list[date]:
    days = []
    day = start.replace(day=1)
    while day <= end:
        tuesday = day + timedelta(days=(1 - day.weekday()) % 7)
        if start <= tuesday <= end:
            days.append(tuesday)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return days


def test_first_tuesday_of_every_month_until_the_phase_ends(world):
    first, last = world["today"] + timedelta(days=20), world["today"] + timedelta(days=380)
    long_phase(world, world["today"] - timedelta(days=10), last)
    rule = build_rrule("monthly", 1, 1)
    plan = plan_series(template(world, first), rule, now=utcnow())
    expected = [day for day in first_tuesdays(first, last) if day not in thai_holidays(first, last)]
    assert [planned.starts_at.date() for planned in plan.hearings] == expected
    assert all(
        planned.starts_at.astimezone(LOCAL_ZONE).strftime("%H:%M") == "13:30" for planned in plan.hearings
    )
    skipped = {day for day in first_tuesdays(first, last) if day in thai_holidays(first, last)}
    assert set(plan.skipped_holidays) == skipped
    series, _ = create_series(template(world, first), rule, user=world["users"]["official"], now=utcnow())
    assert [h.starts_at.astimezone(LOCAL_ZONE).date() for h in series.hearings] == expected
    assert all(h.series_id == series.id and h.venue == "ศาลากลางบ้าน" for h in series.hearings)


def test_a_date_that_breaks_a_rule_is_shown_and_left_out_while_the_others_are_created(world):
    first, last = world["today"] + timedelta(days=20), world["today"] + timedelta(days=120)
    long_phase(world, world["today"] - timedelta(days=10), last)
    rule = build_rrule("weekly", 2, count=4)  # four Wednesdays
    plan = plan_series(template(world, first), rule, now=utcnow())
    wednesdays = [planned.starts_at.date() for planned in plan.hearings]
    # Another hearing at the same venue and time on the second Wednesday.
    clash = Hearing(
        cycle=world["cycle"],
        province_code="40",
        district_code="4002",
        title="เวทีอื่น",
        starts_at=at(wednesdays[1], "14:00"),
        ends_at=at(wednesdays[1], "16:00"),
        venue="ศาลากลางบ้าน",
        input_opens_at=utcnow(),
        input_closes_at=utcnow() + timedelta(days=60),
        subdistricts=[db.session.get(Subdistrict, "400201")],
    )
    db.session.add(clash)
    db.session.commit()
    plan = plan_series(template(world, first), rule, now=utcnow())
    assert [bool(planned.errors) for planned in plan.hearings] == [False, True, False, False]
    assert plan.hearings[1].errors[0].code == "venue_overlap"
    series, _ = create_series(template(world, first), rule, user=world["users"]["official"], now=utcnow())
    assert len(series.hearings) == 3


def test_each_hearing_of_a_series_can_be_cancelled_on_its_own(world):
    first = world["today"] + timedelta(days=20)
    series, _ = create_series(
        template(world, first),
        build_rrule("weekly", 3, count=3),
        user=world["users"]["official"],
        now=utcnow(),
    )
    cancel_hearing(series.hearings[1], "ตรงกับงานบุญประจำปีของหมู่บ้าน", user=world["users"]["official"])
    db.session.expire_all()
    statuses = [h.status for h in db.session.get(HearingSeries, series.id).hearings]
    assert statuses[1] == "cancelled" and statuses.count("cancelled") == 1 and len(statuses) >= 2


def test_the_series_page_previews_then_creates(client, world):
    first = world["today"] + timedelta(days=20)
    login(client, "official")
    url = "/staff/hearings/series/new"
    data = {
        "csrf_token": csrf_token(client, url),
        "cycle_id": world["cycle"].id,
        "title": "เวทีประจำสัปดาห์",
        "subdistricts": ["400101"],
        "first_day": first.isoformat(),
        "frequency": "weekly",
        "weekday": "3",
        "week_of_month": "1",
        "count": "3",
        "starts": "09:00",
        "ends": "11:00",
        "venue": "ห้องประชุม อบต.",
        "capacity": "",
        "online_url": "",
        "issues": [],
        "description": "",
        "create": "0",
    }
    preview = client.post(url, data=data)
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "วันที่ของชุดเวที" in page and "วันพฤหัสบดี" in page
    assert db.session.scalar(select(db.func.count()).select_from(HearingSeries)) == 0
    created = client.post(url, data={**data, "create": "1"})
    assert created.status_code == 302
    series = db.session.scalar(select(HearingSeries))
    assert series.rule == "FREQ=WEEKLY;BYDAY=TH;COUNT=3"
    assert 1 <= len(series.hearings) <= 3  # a Thursday may be a holiday


def test_an_official_cannot_create_a_series_for_another_subdistrict(world):
    with pytest.raises(PermissionError):
        create_series(
            template(world, world["today"] + timedelta(days=20), subdistrict_codes=["400201"]),
            build_rrule("weekly", 1, count=2),
            user=world["users"]["official"],
            now=utcnow(),
        )
