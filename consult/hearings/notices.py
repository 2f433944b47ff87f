"""Emails about hearings, queued in the outbox in the recipient's language.

Idempotency keys name the event and the recipient, so that a job or a request that runs twice
queues each email once; events that may recur (a hearing moved twice) include what changed.
"""

from sqlalchemy import select

from consult.extensions import db
from consult.hearings.models import REGISTRATION_CONFIRMED, REGISTRATION_WAITING, Registration
from consult.notifications.emails import render_email
from consult.notifications.operations import message_with_key, queue_email
from consult.urls import absolute_url

STILL_REGISTERED = (REGISTRATION_CONFIRMED, REGISTRATION_WAITING)


def _registrants(hearing, statuses=STILL_REGISTERED) -> list[Registration]:
    return list(
        db.session.scalars(
            select(Registration)
            .where(
                Registration.hearing_id == hearing.id,
                Registration.status.in_(statuses),
                Registration.email.is_not(None),
            )
            .order_by(Registration.id)
        )
    )


def _send(template: str, recipient: str, language: str, key: str, **context) -> bool:
    """Queue one email; False when its key was queued before (then nothing is rendered)."""
    if message_with_key(key) is not None:
        return False
    email = render_email(template, language, **context)
    return queue_email(recipient, email.subject, email.body, key=key, language=language) is not None


def hearing_link(hearing) -> str:
    return absolute_url("hearings.detail", hearing_id=hearing.id)


def registration_link(registration) -> str:
    return absolute_url("hearings.registration", reference=registration.reference)


def notify_registration(registration: Registration) -> None:
    """Confirm a new registration: a confirmed place, or a place on the waiting list."""
    if registration.email:
        _send(
            "registration",
            registration.email,
            registration.language,
            f"registration:{registration.id}:{registration.status}",
            registration=registration,
            hearing=registration.hearing,
            hearing_url=hearing_link(registration.hearing),
            registration_url=registration_link(registration),
        )


def notify_promotion(registration: Registration) -> None:
    if registration.email:
        _send(
            "registration_promoted",
            registration.email,
            registration.language,
            f"registration:{registration.id}:promoted",
            registration=registration,
            hearing=registration.hearing,
            hearing_url=hearing_link(registration.hearing),
            registration_url=registration_link(registration),
        )


def notify_registrants_of_change(hearing) -> None:
    for registration in _registrants(hearing):
        _send(
            "hearing_changed",
            registration.email,
            registration.language,
            f"hearing-changed:{hearing.id}:{hearing.sequence}:registration:{registration.id}",
            registration=registration,
            hearing=hearing,
            hearing_url=hearing_link(hearing),
            registration_url=registration_link(registration),
        )


def notify_registrants_of_cancellation(hearing) -> None:
    for registration in _registrants(hearing):
        _send(
            "hearing_cancelled",
            registration.email,
            registration.language,
            f"hearing-cancelled:{hearing.id}:registration:{registration.id}",
            registration=registration,
            hearing=hearing,
            hearing_url=hearing_link(hearing),
        )


def remind_registrant(hearing, registration: Registration, lead_days: int) -> bool:
    return _send(
        "reminder",
        registration.email,
        registration.language,
        f"reminder:{hearing.id}:{hearing.starts_at:%Y%m%dT%H%M}:{lead_days}d:registration:{registration.id}",
        hearing=hearing,
        lead_days=lead_days,
        for_official=False,
        hearing_url=hearing_link(hearing),
        registration_url=registration_link(registration),
    )


def remind_official(hearing, user, lead_days: int, *, registered: int, waiting: int) -> bool:
    return _send(
        "reminder",
        user.email,
        "th",
        f"reminder:{hearing.id}:{hearing.starts_at:%Y%m%dT%H%M}:{lead_days}d:user:{user.id}",
        hearing=hearing,
        lead_days=lead_days,
        for_official=True,
        registered=registered,
        waiting=waiting,
        hearing_url=hearing_link(hearing),
        staff_url=absolute_url("hearing_staff.manage", hearing_id=hearing.id),
    )


def ask_for_minutes(hearing, user) -> bool:
    return _send(
        "minutes_due",
        user.email,
        "th",
        f"minutes-due:{hearing.id}:user:{user.id}",
        hearing=hearing,
        minutes_url=absolute_url("hearing_staff.minutes", hearing_id=hearing.id),
        manage_url=absolute_url("hearing_staff.manage", hearing_id=hearing.id),
    )
