"""The strategy calendar: planners create cycles and move phases; the public sees a timeline;
hearings left outside a moved hearing phase are flagged to their officials."""

import html
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.calendar.operations import PhaseDates, calendar_problems, update_cycle
from consult.calendar.queries import timeline
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.i18n import LOCAL_ZONE, format_date
from consult.notifications.models import OutboxMessage
from consult.strategy.models import StrategyCycle
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.hearings.helpers import add_hearing, set_email, working_day

PHASES = ("data_gathering", "hearings", "drafting", "committee_review", "publication")


def phase_form(dates: dict[str, tuple[date, date]], **extra):
    data = {}
    for key in PHASES:
        start, end = dates.get(key, (None, None))
        data[f"{key}_starts"] = start.isoformat() if start else ""
        data[f"{key}_ends"] = end.isoformat() if end else ""
    data.update(extra)
    return data


def current_dates(cycle) -> dict[str, tuple[date, date]]:
    return {phase.key: (phase.starts_on, phase.ends_on) for phase in cycle.phases}


def test_a_planner_creates_the_calendar_for_fiscal_year_2570(client, world):
    today = world["today"]
    login(client, "planner")
    url = "/staff/cycles/new"
    dates = {
        "data_gathering": (today - timedelta(days=30), today - timedelta(days=1)),
        "hearings": (today, today + timedelta(days=45)),
        "drafting": (today + timedelta(days=46), today + timedelta(days=75)),
        "committee_review": (today + timedelta(days=76), today + timedelta(days=90)),
    }
    data = phase_form(
        dates,
        csrf_token=csrf_token(client, url),
        plan_id=world["plan"].id,
        title="การทบทวนแผนพัฒนาจังหวัด ปีงบประมาณ 2570",
    )
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    cycle = db.session.scalar(select(StrategyCycle).where(StrategyCycle.title.like("%2570")))
    assert [phase.key for phase in cycle.phases] == [
        "data_gathering",
        "hearings",
        "drafting",
        "committee_review",
    ]
    assert cycle.phase("hearings").name_th == "รับฟังความคิดเห็นระดับตำบล"
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cycle.create")).user_id
        == world["users"]["planner"].id
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "ขณะนี้" in page and "รับฟังความคิดเห็นระดับตำบล" in page
    assert format_date(today + timedelta(days=45), language="th") in page  # the deadline, in พ.ศ.
    assert "เหลืออีก 45 วัน" in page
    english = client.get(f"{response.headers['Location']}?lang=en").get_data(as_text=True)
    assert "45 days left, until " + format_date(today + timedelta(days=45), language="en") in english


@pytest.mark.parametrize(
    "language, overlap, inverted, missing",
    [
        ("th", "ต้องเริ่มหลังจากช่วง", "สิ้นสุดก่อนวันเริ่มต้น", "กรุณาระบุวันของช่วงรับฟังความคิดเห็น"),
        ("en", "must start after", "ends before it starts.", "The hearing phase needs its dates."),
    ],
)
def test_calendar_mistakes_are_explained(client, world, language, overlap, inverted, missing):
    today = world["today"]
    login(client, "planner")
    url = f"/staff/cycles/new?lang={language}"
    token = csrf_token(client, url)
    base = {"csrf_token": token, "plan_id": world["plan"].id, "title": "รอบทดสอบข้อผิดพลาด"}
    overlapping = phase_form(
        {
            "hearings": (today, today + timedelta(days=30)),
            "drafting": (today + timedelta(days=20), today + timedelta(days=40)),
        },
        **base,
    )
    page = html.unescape(client.post(url, data=overlapping).get_data(as_text=True))
    assert overlap in page
    backwards = phase_form({"hearings": (today + timedelta(days=30), today)}, **base)
    assert inverted in html.unescape(client.post(url, data=backwards).get_data(as_text=True))
    no_hearings = phase_form({"drafting": (today, today + timedelta(days=30))}, **base)
    response = client.post(url, data=no_hearings)
    assert response.status_code == 400 and missing in html.unescape(response.get_data(as_text=True))
    half = phase_form({"hearings": (today, today + timedelta(days=30))}, **base)
    half["drafting_starts"] = (today + timedelta(days=31)).isoformat()
    both = {"th": "กรุณาระบุทั้งวันเริ่มและวันสิ้นสุดของช่วง", "en": "Please give both dates of the phase, or neither."}
    assert both[language] in html.unescape(client.post(url, data=half).get_data(as_text=True))
    assert db.session.scalar(select(db.func.count()).select_from(StrategyCycle)) == 1


def test_moving_the_hearing_phase_flags_hearings_left_outside_to_their_officials(client, world):
    set_email(world, "official", "official@example.org")
    cycle, today = world["cycle"], world["today"]
    inside = add_hearing(world, day=working_day(today, 5), title="เวทีต้นช่วง")
    late = add_hearing(world, day=working_day(today, 50), title="เวทีปลายช่วง", venue="วัดบ้านโนน")
    login(client, "planner")
    url = f"/staff/cycles/{cycle.id}/edit"
    dates = current_dates(cycle)
    dates["hearings"] = (dates["hearings"][0], today + timedelta(days=30))  # shortened
    dates["drafting"] = (today + timedelta(days=31), dates["drafting"][1])
    data = phase_form(dates, csrf_token=csrf_token(client, url), plan_id=world["plan"].id, title=cycle.title)
    preview = client.post(url, data=data)
    assert preview.status_code == 400
    page = preview.get_data(as_text=True)
    assert "เวทีปลายช่วง" in page and "เวทีต้นช่วง" not in page
    assert cycle.phase("hearings").ends_on == today + timedelta(days=60)  # nothing saved yet
    confirmed = client.post(url, data={**data, "confirm_moves": "y"})
    assert confirmed.status_code == 302
    db.session.expire_all()
    cycle = db.session.get(StrategyCycle, cycle.id)
    assert cycle.phase("hearings").ends_on == today + timedelta(days=30)
    [notice] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.idempotency_key.like("outside-phase:%"))
    )
    assert notice.recipient == "official@example.org" and "เวทีปลายช่วง" in notice.body
    assert "เวทีต้นช่วง" not in notice.body and f"/staff/hearings/{late.id}/edit" in notice.body
    assert format_date(today + timedelta(days=30), language="th") in notice.body
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cycle.update"))
    assert audit.detail["after"]["hearings"][1] == (today + timedelta(days=30)).isoformat()
    # The official sees it among their reminders, with a way to move it.
    official = client.application.test_client()
    login(official, "official")
    reminders = official.get("/staff/reminders").get_data(as_text=True)
    assert "เวทีที่อยู่นอกช่วงรับฟังความคิดเห็น" in reminders and f"/staff/hearings/{late.id}/edit" in reminders
    assert db.session.get(Hearing, inside.id).status == "announced"


def test_input_windows_follow_a_longer_hearing_phase(client, world):
    cycle, today = world["cycle"], world["today"]
    hearing = add_hearing(world, day=working_day(today, 5))
    closes_before = hearing.input_closes_at
    dates = [PhaseDates(key, start, end) for key, (start, end) in current_dates(cycle).items()]
    dates = [
        PhaseDates(p.key, p.starts_on, today + timedelta(days=80))
        if p.key == "hearings"
        else PhaseDates(p.key, today + timedelta(days=81), today + timedelta(days=100))
        if p.key == "drafting"
        else p
        for p in dates
    ]
    update_cycle(cycle, cycle.title, dates, user=world["users"]["planner"], now=utcnow())
    db.session.expire_all()
    closes_after = db.session.get(Hearing, hearing.id).input_closes_at
    assert closes_after > closes_before
    assert closes_after.astimezone(LOCAL_ZONE).date() == today + timedelta(days=80)


def test_only_the_provinces_planners_edit_its_calendar(app, world):
    for username, status in (("other_planner", 403), ("official", 403), ("planner", 200), ("admin", 200)):
        client = app.test_client()
        login(client, username)
        assert client.get(f"/staff/cycles/{world['cycle'].id}/edit").status_code == status, username


def test_timeline_states():
    from types import SimpleNamespace

    def phase(key, start, end):
        return SimpleNamespace(key=key, starts_on=start, ends_on=end)

    cycle = SimpleNamespace(
        phases=[
            phase("data_gathering", date(2026, 10, 1), date(2026, 10, 31)),
            phase("hearings", date(2026, 11, 1), date(2026, 12, 15)),
            phase("drafting", date(2026, 12, 16), date(2027, 1, 15)),
            phase("committee_review", date(2027, 1, 16), date(2027, 2, 1)),
        ]
    )
    rows = timeline(cycle, date(2026, 11, 23))
    assert [row.state for row in rows] == ["done", "now", "next", "later"]
    assert rows[1].days_left == 22 and rows[2].days_until == 23


def test_calendar_problems_are_plain_data():
    day = date(2027, 1, 1)
    problems = calendar_problems([PhaseDates("hearings", day, day - timedelta(days=1))])
    assert [problem.code for problem in problems] == ["phase_inverted"]
    assert calendar_problems([PhaseDates("hearings", day, day)]) == []
