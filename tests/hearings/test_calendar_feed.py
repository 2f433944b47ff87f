"""The iCalendar feeds, parsed back with the icalendar package and checked field by field."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from consult.extensions import db
from consult.hearings.models import AgendaItem
from consult.hearings.operations import cancel_hearing
from consult.i18n import LOCAL_ZONE
from tests.hearings.helpers import add_hearing, at, working_day


def parse(response):
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_hearing_as_an_event_field_by_field(client, world):
    day = working_day(world["today"], 25)
    hearing = add_hearing(
        world,
        day=day,
        starts="09:30",
        ends="12:00",
        venue="ห้องประชุม อบต.ในเมือง",
        title="เวทีประชาคมตำบลในเมือง ครั้งที่ 2",
    )
    hearing.description = "ทบทวนประเด็นยุทธศาสตร์ด้านน้ำ"
    hearing.agenda = [
        AgendaItem(offset_minutes=0, title="ลงทะเบียน"),
        AgendaItem(offset_minutes=30, title="ระดมความคิด"),
    ]
    db.session.commit()
    calendar = parse(client.get(f"/hearings/{hearing.id}.ics"))
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//consult//")
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Bangkok"
    [standard] = zone.walk("STANDARD")
    assert standard["TZOFFSETTO"].td == timedelta(hours=7)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"hearing-{hearing.id}@127.0.0.1"
    start, end = event["DTSTART"], event["DTEND"]
    assert start.params["TZID"] == "Asia/Bangkok" and end.params["TZID"] == "Asia/Bangkok"
    assert start.dt == at(day, "09:30") and end.dt == at(day, "12:00")
    assert start.dt.utcoffset() == timedelta(hours=7)
    assert str(event["SUMMARY"]) == "เวทีประชาคมตำบลในเมือง ครั้งที่ 2"
    assert str(event["LOCATION"]) == "ห้องประชุม อบต.ในเมือง"
    assert str(event["URL"]) == f"http://consult.test/hearings/{hearing.id}"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == hearing.sequence
    description = str(event["DESCRIPTION"])
    assert f"{day.year + 543}" in description and "ในเมือง" in description
    assert "ทบทวนประเด็นยุทธศาสตร์ด้านน้ำ" in description and "10:00 น. ระดมความคิด" in description
    assert event["DTSTAMP"].dt.tzinfo is not None and event["LAST-MODIFIED"].dt.tzinfo is not None
    assert "attachment" in client.get(f"/hearings/{hearing.id}.ics").headers["Content-Disposition"]


def test_the_uid_is_stable_across_requests_hosts_and_changes(app, client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    first = events(parse(client.get(f"/hearings/{hearing.id}.ics")))
    other_host = app.test_client().get(f"/hearings/{hearing.id}.ics", base_url="http://other.example")
    assert set(events(parse(other_host))) == set(first)
    cancel_hearing(hearing, "ฝนตกหนัก", user=world["users"]["official"])
    [(uid, event)] = events(parse(client.get(f"/hearings/{hearing.id}.ics"))).items()
    assert uid in first and int(event["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_a_cancelled_hearing_stays_in_the_feed_marked_cancelled_with_its_reason(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), title="เวทีที่ถูกยกเลิก")
    cancel_hearing(hearing, "ฝนตกหนักน้ำท่วมทางเข้า", user=world["users"]["official"])
    event = events(parse(client.get("/hearings.ics?province=40")))[f"hearing-{hearing.id}@127.0.0.1"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "ยกเลิก: เวทีที่ถูกยกเลิก"
    assert str(event["DESCRIPTION"]).startswith("ฝนตกหนักน้ำท่วมทางเข้า")


def test_the_feed_filters_by_area_and_dates(client, world):
    near = working_day(world["today"], 25)
    far = working_day(world["today"], 45)
    in_4001 = world["hearing"]
    in_4002 = add_hearing(world, day=near, codes=("400201",), venue="ที่ว่าการอำเภอ")
    later_4002 = add_hearing(world, day=far, codes=("400202",), venue="โรงเรียน")
    elsewhere = add_hearing(world, day=near, codes=("500101",), venue="เชียงใหม่")

    def ids(query):
        return {
            int(uid.split("-")[1].split("@")[0]) for uid in events(parse(client.get(f"/hearings.ics{query}")))
        }

    assert ids("") == {in_4001.id, in_4002.id, later_4002.id, elsewhere.id}
    assert ids("?province=40") == {in_4001.id, in_4002.id, later_4002.id}
    assert ids("?district=4002") == {in_4002.id, later_4002.id}
    assert ids("?subdistrict=400202") == {later_4002.id}
    assert ids(f"?province=40&from={far.isoformat()}") == {later_4002.id}
    assert ids(f"?district=4002&to={near.isoformat()}") == {in_4002.id}


@pytest.mark.parametrize(
    "query", ["?province=4", "?district=abcd", "?from=2026-13-40", "?subdistrict=1234567"]
)
def test_bad_filters_are_a_400_not_a_500(client, world, query):
    assert client.get(f"/hearings.ics{query}").status_code == 400


def test_every_event_time_is_in_bangkok(client, world):
    for event in parse(client.get("/hearings.ics")).walk("VEVENT"):
        assert event["DTSTART"].dt.tzinfo in (LOCAL_ZONE, ZoneInfo("Asia/Bangkok")) or event[
            "DTSTART"
        ].dt.utcoffset() == timedelta(hours=7)
