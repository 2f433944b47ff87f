"""A staff member given an email on the admin page, or by `consult demo`, receives what the
scheduler sends staff: hearing reminders, phase openings, the weekly digest."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from consult.auth.models import User
from consult.calendar.operations import queue_phase_openings
from consult.demo import DEMO_MAIL_DOMAIN, load_demo
from consult.extensions import db
from consult.hearings.reminders import queue_due_reminders
from consult.i18n import LOCAL_ZONE
from consult.notifications.models import OutboxMessage
from consult.notifications.sender import send_due_messages
from consult.review.digest import digest_week_start, queue_weekly_digests
from consult.strategy.models import PHASE_HEARINGS, StrategyCycle
from tests.conftest import csrf_token, login
from tests.hearings.helpers import add_hearing, working_day

EMAIL = "somsri@example.org"


def noon(day) -> datetime:
    return datetime.combine(day, time(12), tzinfo=LOCAL_ZONE)


def test_an_official_created_on_the_admin_page_receives_the_reminder_and_the_phase_opening(
    client, world, smtp_inbox
):
    login(client, "admin")
    client.post(
        "/staff/accounts/new",
        data={
            "username": "somsri",
            "display_name": "สมศรี ใจดี",
            "email": EMAIL,
            "role": "official",
            "province": "40",
            "district": "4001",
            "subdistricts": ["400102"],
            "save": "1",
            "csrf_token": csrf_token(client, "/staff/accounts/new"),
        },
    )
    db.session.query(OutboxMessage).delete()  # the password link is not the subject here
    db.session.commit()
    hearing = add_hearing(
        world, day=working_day(world["today"], 25), codes=("400102",), title="เวทีประชาคมบ้านค้อ"
    )

    assert queue_due_reminders(hearing.starts_at - timedelta(days=7)) == 1
    phase = world["cycle"].phase(PHASE_HEARINGS)
    assert queue_phase_openings(noon(phase.starts_on)) >= 1
    assert send_due_messages().failed == 0
    subjects = sorted(message["Subject"] for message in smtp_inbox.to(EMAIL))
    assert subjects == ["อีก 7 วัน: เวทีประชาคมบ้านค้อ", f"เริ่มแล้ว: {phase.name_th}"]


def test_demo_staff_have_addresses_the_scheduler_mails(app_context, smtp_inbox):
    load_demo(password="demo-password-long")
    users = {user.username: user.email for user in db.session.scalars(select(User))}
    staff = ("official", "planner", "approver", "admin")
    assert users == {name: f"{name}@{DEMO_MAIL_DOMAIN}" for name in staff}
    cycle = db.session.scalar(select(StrategyCycle))
    phase = cycle.phase(PHASE_HEARINGS)
    assert queue_phase_openings(noon(phase.starts_on)) == 3  # the official and the two planners
    monday = digest_week_start(noon(phase.starts_on + timedelta(days=7)))
    assert queue_weekly_digests(monday + timedelta(hours=1)) == 2
    send_due_messages()
    assert len(smtp_inbox.to(f"official@{DEMO_MAIL_DOMAIN}")) == 1
    assert len(smtp_inbox.to(f"planner@{DEMO_MAIL_DOMAIN}")) == 2
    assert len(smtp_inbox.to(f"approver@{DEMO_MAIL_DOMAIN}")) == 2
