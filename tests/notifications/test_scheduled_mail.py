"""What the scheduler's calendar sweep sends, delivered to a local SMTP server."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from consult.calendar.operations import queue_phase_openings
from consult.extensions import db
from consult.hearings.registrations import register
from consult.hearings.reminders import due_lead, queue_due_reminders, queue_minutes_requests
from consult.i18n import LOCAL_ZONE, format_date
from consult.jobs import calendar_sweep
from consult.notifications.models import OutboxMessage
from consult.notifications.sender import send_due_messages
from consult.review.digest import digest_week_start, queue_weekly_digests
from consult.timeutil import utcnow
from tests.hearings.helpers import add_hearing, set_email, working_day


def without_the_fixture_hearing(world):
    """The fixture's hearing lies in the same days and subdistrict; these tests follow their own."""
    world["hearing"].status = "cancelled"
    db.session.commit()


def keys():
    return sorted(db.session.scalars(select(OutboxMessage.idempotency_key)))


def test_the_shortest_due_lead_time_wins(world):
    starts = datetime(2027, 1, 20, 9, 30, tzinfo=LOCAL_ZONE)
    assert due_lead(starts, [7, 1], starts - timedelta(days=8)) is None
    assert due_lead(starts, [7, 1], starts - timedelta(days=7)) == 7
    assert due_lead(starts, [7, 1], starts - timedelta(hours=3)) == 1


def test_reminders_reach_the_attendee_and_the_official_by_smtp_once(world, smtp_inbox):
    without_the_fixture_hearing(world)
    set_email(world, "official", "official@example.org")
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=50, title="เวทีประชาคมบ้านโนน")
    register(
        hearing,
        name="สมชาย",
        phone=None,
        email="somchai@example.org",
        consent=True,
        language="th",
        now=utcnow() - timedelta(days=3),
    )
    register(
        hearing,
        name="Jane",
        phone=None,
        email="jane@example.org",
        consent=True,
        language="en",
        now=utcnow() - timedelta(days=3),
    )
    smtp_inbox.messages.clear()
    db.session.query(OutboxMessage).delete()  # the registration confirmations are not the subject here
    db.session.commit()
    seven_days_before = hearing.starts_at - timedelta(days=7)
    assert queue_due_reminders(seven_days_before - timedelta(minutes=1)) == 0
    assert queue_due_reminders(seven_days_before) == 3
    assert queue_due_reminders(seven_days_before + timedelta(hours=2)) == 0  # a second run adds nothing
    assert send_due_messages().sent == 3
    assert send_due_messages().sent == 0
    [thai] = smtp_inbox.to("somchai@example.org")
    assert thai["Subject"] == "อีก 7 วัน: เวทีประชาคมบ้านโนน"
    body = thai.get_content()
    assert format_date(hearing.starts_at, "full", "th") in body and str(hearing.starts_at.year + 543) in body
    assert "/registrations/" in body
    [english] = smtp_inbox.to("jane@example.org")
    assert english["Subject"] == "In 7 days: เวทีประชาคมบ้านโนน"
    assert str(hearing.starts_at.year) in english.get_content()
    assert str(hearing.starts_at.year + 543) not in english.get_content()
    [official] = smtp_inbox.to("official@example.org")
    assert "ผู้ลงทะเบียนที่ได้ที่นั่ง: 2 คน" in official.get_content()
    one_day_before = hearing.starts_at - timedelta(days=1)
    assert queue_due_reminders(one_day_before) == 3
    send_due_messages()
    assert smtp_inbox.to("somchai@example.org")[-1]["Subject"] == "พรุ่งนี้: เวทีประชาคมบ้านโนน"


def test_after_downtime_only_the_latest_reminder_goes_and_late_registrants_are_spared(world):
    without_the_fixture_hearing(world)
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    early = register(
        hearing,
        name=None,
        phone=None,
        email="early@example.org",
        consent=True,
        language="th",
        now=hearing.starts_at - timedelta(days=10),
    )
    register(
        hearing,
        name=None,
        phone=None,
        email="late@example.org",
        consent=True,
        language="th",
        now=hearing.starts_at - timedelta(hours=12),
    )
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    # The scheduler was down from 10 days before until 6 hours before the hearing.
    queue_due_reminders(hearing.starts_at - timedelta(hours=6))
    assert keys() == [f"reminder:{hearing.id}:{hearing.starts_at:%Y%m%dT%H%M}:1d:registration:{early.id}"]


def test_a_moved_hearing_is_reminded_again(world):
    without_the_fixture_hearing(world)
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    register(
        hearing,
        name=None,
        phone=None,
        email="a@example.org",
        consent=True,
        language="th",
        now=utcnow() - timedelta(days=1),
    )
    queue_due_reminders(hearing.starts_at - timedelta(days=6))
    hearing.starts_at += timedelta(days=2)
    hearing.ends_at += timedelta(days=2)
    db.session.commit()
    queue_due_reminders(hearing.starts_at - timedelta(days=6))
    assert len([key for key in keys() if key.startswith("reminder:")]) == 2


def test_officials_are_asked_for_the_minutes_once(world):
    set_email(world, "official", "official@example.org")
    past = add_hearing(world, day=world["today"] - timedelta(days=2), status="held")
    now = utcnow()
    assert queue_minutes_requests(now) == 1
    assert queue_minutes_requests(now) == 0
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.idempotency_key.like("minutes-due:%"))
    )
    assert message.subject == f"กรุณาบันทึกรายงานการประชุม: {past.title}"
    assert f"/staff/hearings/{past.id}/minutes" in message.body


def test_staff_hear_when_a_phase_they_act_in_opens(world):
    set_email(world, "official", "official@example.org")
    set_email(world, "planner", "planner@example.org")
    set_email(world, "other_planner", "chiangmai@example.org")
    phase = world["cycle"].phase("hearings")
    # Ten days after it began is too late to announce it (the grace is a week); on its first morning, not.
    assert queue_phase_openings(datetime.combine(world["today"], time(8), tzinfo=LOCAL_ZONE)) == 0
    now = datetime.combine(phase.starts_on, time(8), tzinfo=LOCAL_ZONE)
    assert queue_phase_openings(now) == 2
    assert queue_phase_openings(now) == 0
    recipients = sorted(db.session.scalars(select(OutboxMessage.recipient)))
    assert recipients == ["official@example.org", "planner@example.org"]
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "official@example.org")
    )
    assert message.subject == "เริ่มแล้ว: รับฟังความคิดเห็นระดับตำบล"
    assert format_date(phase.ends_on, language="th") in message.body
    # Drafting opens later: only the planner acts in it.
    drafting = world["cycle"].phase("drafting")
    queue_phase_openings(datetime.combine(drafting.starts_on, time(8), tzinfo=LOCAL_ZONE))
    assert sorted(db.session.scalars(select(OutboxMessage.recipient)))[-1] == "planner@example.org"
    assert len(keys()) == 3


def test_the_weekly_digest_goes_once_a_week_from_monday_morning(world):
    set_email(world, "planner", "planner@example.org")
    monday = digest_week_start(utcnow())
    assert monday.weekday() == 0 and monday.time() == time(8)
    assert queue_weekly_digests(monday + timedelta(hours=1)) == 1
    assert queue_weekly_digests(monday + timedelta(days=3)) == 0  # a scheduler restarted on Thursday
    assert queue_weekly_digests(monday + timedelta(days=7, hours=1)) == 1
    digest = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert digest.subject == f"สรุปประจำสัปดาห์ เริ่ม {format_date(monday, language='th')}"
    assert "เวทีที่กำหนดไว้" in digest.body and "รอบทดสอบ" in digest.body


def test_the_sweep_runs_every_step_and_survives_a_failing_one(world, monkeypatch):
    import consult.hearings.reminders as reminders

    def broken(now):
        raise RuntimeError("boom")

    monkeypatch.setattr(reminders, "queue_due_reminders", broken)
    done = calendar_sweep()
    assert set(done) == {"held", "phase_openings", "minutes_requests", "digests", "erased_contacts"}
