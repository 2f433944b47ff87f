"""The planners' weekly digest: how the province's hearings and input went, and what is due."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from consult.auth.models import ROLE_PLANNER, User
from consult.extensions import db
from consult.hearings.drafts import slots_for_user
from consult.hearings.models import SLOT_PROPOSED, STATUS_CANCELLED, Hearing
from consult.hearings.queries import hearings_awaiting_minutes, hearings_outside_their_phase
from consult.i18n import LOCAL_ZONE
from consult.inputs.models import CitizenInput
from consult.notifications.emails import render_email
from consult.notifications.operations import message_with_key, queue_email
from consult.strategy.queries import cycles_of
from consult.urls import absolute_url

DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = time(8, 0)
UPCOMING = timedelta(days=14)


@dataclass(frozen=True)
class WeeklySummary:
    held: int
    cancelled: int
    upcoming: int
    inputs: int
    awaiting_minutes: int
    outside_phase: int
    slots_waiting: int
    running: list  # (cycle, current phase) pairs


def digest_week_start(now: datetime) -> datetime:
    """This week's digest moment (Monday 08:00 in Bangkok); the digest is due from then on."""
    local = now.astimezone(LOCAL_ZONE)
    monday = local.date() - timedelta(days=(local.weekday() - DIGEST_WEEKDAY) % 7)
    return datetime.combine(monday, DIGEST_TIME, tzinfo=LOCAL_ZONE)


def weekly_summary(planner: User, now: datetime) -> WeeklySummary:
    province = planner.province_code
    week_ago = now - timedelta(days=7)
    in_province = Hearing.province_code == province

    def count(*conditions) -> int:
        return db.session.scalar(select(func.count()).select_from(Hearing).where(in_province, *conditions))

    today = now.astimezone(LOCAL_ZONE).date()
    return WeeklySummary(
        held=count(Hearing.status != STATUS_CANCELLED, Hearing.ends_at >= week_ago, Hearing.ends_at < now),
        cancelled=count(Hearing.status == STATUS_CANCELLED, Hearing.updated_at >= week_ago),
        upcoming=count(
            Hearing.status != STATUS_CANCELLED, Hearing.starts_at >= now, Hearing.starts_at < now + UPCOMING
        ),
        inputs=db.session.scalar(
            select(func.count())
            .select_from(CitizenInput)
            .where(CitizenInput.province_code == province, CitizenInput.submitted_at >= week_ago)
        ),
        awaiting_minutes=len(hearings_awaiting_minutes(now, province=province)),
        outside_phase=len(hearings_outside_their_phase(province=province)),
        slots_waiting=len(slots_for_user(planner, statuses=(SLOT_PROPOSED,))),
        running=[
            (cycle, cycle.current_phase(today)) for cycle in cycles_of(province) if cycle.current_phase(today)
        ],
    )


def queue_weekly_digests(now: datetime) -> int:
    start = digest_week_start(now)
    if now < start:
        return 0
    year, week, _ = start.date().isocalendar()
    planners = db.session.scalars(
        select(User)
        .where(User.role == ROLE_PLANNER, User.active.is_(True), User.email.is_not(None))
        .order_by(User.id)
    )
    queued = 0
    for planner in planners:
        key = f"digest:{year}-W{week:02d}:user:{planner.id}"
        if message_with_key(key) is not None:
            continue
        email = render_email(
            "weekly_digest",
            "th",
            planner=planner,
            summary=weekly_summary(planner, now),
            week_start=start,
            today=now.astimezone(LOCAL_ZONE).date(),
            reminders_url=absolute_url("hearing_staff.reminders"),
            dashboard_url=absolute_url("review.dashboard"),
        )
        queued += queue_email(planner.email, email.subject, email.body, key=key, language="th") is not None
    db.session.commit()
    return queued
