"""Citizens registering for a hearing: a confirmed place while seats last, then a waiting list.

Seats are counted on the hearing row and taken with one conditional UPDATE, so two people
registering for the last seat at the same moment cannot both get it, on either database.
"""

import secrets
from datetime import datetime

from sqlalchemy import func, or_, select, update

from consult.extensions import db
from consult.hearings.models import (
    REGISTRATION_CANCELLED,
    REGISTRATION_CONFIRMED,
    REGISTRATION_WAITING,
    STATUS_ANNOUNCED,
    Hearing,
    Registration,
)
from consult.hearings.notices import notify_promotion, notify_registration
from consult.i18n import LOCAL_ZONE
from consult.strategy.models import CyclePhase

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
REFERENCE_LENGTH = 10


class RegistrationClosed(Exception):
    """The hearing was cancelled or has started: nobody can register any more."""


def registration_open(hearing: Hearing, now: datetime) -> bool:
    return hearing.status == STATUS_ANNOUNCED and now < hearing.starts_at


def register(
    hearing: Hearing,
    *,
    name: str | None,
    phone: str | None,
    email: str | None,
    consent: bool,
    language: str,
    now: datetime,
) -> Registration:
    """Take a seat if one is free, else a place on the waiting list; commits."""
    if not registration_open(hearing, now):
        raise RegistrationClosed(hearing.status)
    name, phone, email = (_clean(value) for value in (name, phone, email))
    if (name or phone or email) and not consent:
        raise ValueError("contact details are kept only with consent")
    confirmed = _take_seat(hearing.id)
    registration = Registration(
        hearing=hearing,
        reference=new_reference(),
        name=name,
        phone=phone,
        email=email,
        consent=bool(consent and (name or phone or email)),
        language=language,
        status=REGISTRATION_CONFIRMED if confirmed else REGISTRATION_WAITING,
        created_at=now,
        confirmed_at=now if confirmed else None,
    )
    db.session.add(registration)
    db.session.flush()
    notify_registration(registration)
    db.session.commit()
    return registration


def cancel_registration(registration: Registration, *, now: datetime) -> None:
    """The citizen gives up their place; the first on the waiting list gets it."""
    if registration.status == REGISTRATION_CANCELLED:
        return
    held_a_seat = registration.status == REGISTRATION_CONFIRMED
    registration.status = REGISTRATION_CANCELLED
    registration.cancelled_at = now
    if held_a_seat:
        db.session.execute(
            update(Hearing)
            .where(Hearing.id == registration.hearing_id)
            .values(registered_count=Hearing.registered_count - 1)
            .execution_options(synchronize_session=False)
        )
        promote_waiting(registration.hearing, now=now)
    db.session.commit()


def promote_waiting(hearing: Hearing, *, now: datetime) -> list[Registration]:
    """Give free seats to the waiting list in order of registration (the caller commits)."""
    if not registration_open(hearing, now):
        return []
    promoted = []
    waiting = db.session.scalars(
        select(Registration)
        .where(Registration.hearing_id == hearing.id, Registration.status == REGISTRATION_WAITING)
        .order_by(Registration.id)
    )
    for registration in waiting:
        if not _take_seat(hearing.id):
            break
        registration.status = REGISTRATION_CONFIRMED
        registration.confirmed_at = now
        notify_promotion(registration)
        promoted.append(registration)
    db.session.refresh(hearing, ["registered_count"])
    return promoted


def _take_seat(hearing_id: int) -> bool:
    taken = db.session.execute(
        update(Hearing)
        .where(
            Hearing.id == hearing_id,
            (Hearing.capacity.is_(None)) | (Hearing.registered_count < Hearing.capacity),
        )
        .values(registered_count=Hearing.registered_count + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    return taken == 1


def erase_contacts_after_cycle(now: datetime) -> int:
    """Keep the promise of the consent: contact details go once the hearing's cycle has ended
    (its last phase is over). The registration itself stays, counted but anonymous."""
    ended_cycles = (
        select(CyclePhase.cycle_id)
        .group_by(CyclePhase.cycle_id)
        .having(func.max(CyclePhase.ends_on) < now.astimezone(LOCAL_ZONE).date())
    )
    result = db.session.execute(
        update(Registration)
        .where(
            Registration.hearing_id.in_(select(Hearing.id).where(Hearing.cycle_id.in_(ended_cycles))),
            or_(
                Registration.name.is_not(None),
                Registration.phone.is_not(None),
                Registration.email.is_not(None),
            ),
        )
        .values(name=None, phone=None, email=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def registrations_of(hearing: Hearing) -> list[Registration]:
    return list(
        db.session.scalars(
            select(Registration).where(Registration.hearing_id == hearing.id).order_by(Registration.id)
        )
    )


def find_registration(reference: str) -> Registration | None:
    cleaned = "".join(character for character in reference.upper() if character.isalnum())
    return db.session.scalar(select(Registration).where(Registration.reference == cleaned))


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
