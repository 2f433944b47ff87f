"""What the scheduler sends about hearings: reminders ahead of them and requests for minutes.

Everything is worked out from the database each run, so a scheduler that was down catches up
on its next run, and idempotency keys make a second run (or a second scheduler) send nothing.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.hearings.models import (
    REGISTRATION_CONFIRMED,
    REGISTRATION_WAITING,
    STATUS_ANNOUNCED,
    Hearing,
    Registration,
)
from consult.hearings.notices import ask_for_minutes, remind_official, remind_registrant
from consult.hearings.queries import hearings_awaiting_minutes, officials_of, province_settings

MAX_REMINDER_DAYS = 60
# Officials are asked for the minutes of hearings that ended at most this long ago.
MINUTES_REQUEST_WINDOW = timedelta(days=30)


def due_lead(starts_at: datetime, lead_days: list[int], now: datetime) -> int | None:
    """The shortest lead time whose moment has come: after a long pause only the latest
    reminder goes out, not every one that was missed."""
    due = [days for days in lead_days if now >= starts_at - timedelta(days=days)]
    return min(due) if due else None


def queue_due_reminders(now: datetime) -> int:
    hearings = db.session.scalars(
        select(Hearing)
        .where(
            Hearing.status == STATUS_ANNOUNCED,
            Hearing.starts_at > now,
            Hearing.starts_at <= now + timedelta(days=MAX_REMINDER_DAYS),
        )
        .options(selectinload(Hearing.subdistricts))
        .order_by(Hearing.starts_at)
    )
    settings = {}
    queued = 0
    for hearing in hearings:
        if hearing.province_code not in settings:
            settings[hearing.province_code] = province_settings(hearing.province_code).reminder_lead_days
        lead = due_lead(hearing.starts_at, settings[hearing.province_code], now)
        if lead is None:
            continue
        mark = hearing.starts_at - timedelta(days=lead)
        registrations = list(
            db.session.scalars(
                select(Registration).where(
                    Registration.hearing_id == hearing.id,
                    Registration.status.in_([REGISTRATION_CONFIRMED, REGISTRATION_WAITING]),
                )
            )
        )
        for registration in registrations:
            # Whoever registered after this reminder's moment had the confirmation just now instead.
            if (
                registration.status == REGISTRATION_CONFIRMED
                and registration.email
                and registration.created_at <= mark
            ):
                queued += remind_registrant(hearing, registration, lead)
        confirmed = sum(r.status == REGISTRATION_CONFIRMED for r in registrations)
        for official in officials_of(s.code for s in hearing.subdistricts):
            if official.email:
                queued += remind_official(
                    hearing, official, lead, registered=confirmed, waiting=len(registrations) - confirmed
                )
    db.session.commit()
    return queued


def queue_minutes_requests(now: datetime) -> int:
    queued = 0
    for hearing in hearings_awaiting_minutes(now):
        if hearing.ends_at < now - MINUTES_REQUEST_WINDOW:
            continue
        for official in officials_of(s.code for s in hearing.subdistricts):
            if official.email:
                queued += ask_for_minutes(hearing, official)
    db.session.commit()
    return queued
