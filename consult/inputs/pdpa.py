"""Personal data under the PDPA: erasure on request, export for the data subject, the one
export of contact details (for a stated purpose, logged), the retention limit after which contact
details are removed for good, and the administrators' report of what is kept until when."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select

from consult.auth.audit import record
from consult.auth.models import AuditEvent, SignInThrottle
from consult.auth.signin import FORGIVEN_AFTER
from consult.extensions import db
from consult.hearings.models import Registration
from consult.i18n import format_datetime, to_local
from consult.inputs.models import IMPORT_STAGED, CitizenInput, InputContact, InputImport
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow

STALE_IMPORT = timedelta(days=2)
# Why contact details may be taken out of consult: what the consent box and the privacy notice
# name, and a data subject's own request. Anything else is not a purpose they agreed to.
CONTACT_PURPOSES = {
    "tell_outcome": _l("Tell the people what became of their input"),
    "subject_request": _l("Answer a person's own request about their data"),
}


def erase_contact(item: CitizenInput, *, via: str, user=None) -> bool:
    """Remove the contact details kept with an input; False when there were none. The input's
    text and counts stay: they carry no contact details."""
    if item.contact is None:
        return False
    db.session.delete(item.contact)
    item.contact = None
    item.consent = False
    record("input.contact_erased", item, {"via": via}, user=user)
    db.session.commit()
    return True


def export_personal_data(item: CitizenInput, user=None) -> dict:
    """Everything kept about the person behind one receipt, for a data-subject access request."""
    contact = item.contact
    data = {
        "receipt": item.receipt,
        "submitted_at": to_local(item.submitted_at).isoformat(),
        "hearing": item.hearing_id,
        "cycle": item.cycle_id,
        "subdistrict": item.subdistrict_code,
        "text": item.text,
        "sector": item.sector,
        "channel": item.channel,
        "age_band": item.age_band,
        "gender": item.gender,
        "village": item.village,
        "consent": item.consent,
        "contact": None
        if contact is None
        else {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "kept_since": to_local(contact.created_at).isoformat(),
        },
    }
    record("input.personal_data_exported", item, {"via": "command"}, user=user)
    db.session.commit()
    return data


def retention_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=current_app.config["CONTACT_RETENTION_DAYS"])


def anonymise_expired_contacts(now: datetime | None = None) -> int:
    """Delete contact details kept longer than the retention period, and sheets staged for
    import but never confirmed (they may hold contact details too). Returns how many contacts."""
    now = now or utcnow()
    expired = list(
        db.session.scalars(select(InputContact).where(InputContact.created_at < retention_cutoff(now)))
    )
    for contact in expired:
        contact.input.consent = False
        record(
            "input.contact_expired",
            contact.input,
            {"retention_days": current_app.config["CONTACT_RETENTION_DAYS"]},
        )
        db.session.delete(contact)
    db.session.execute(
        delete(InputImport).where(
            InputImport.status == IMPORT_STAGED, InputImport.created_at < now - STALE_IMPORT
        )
    )
    db.session.commit()
    return len(expired)


def contact_rows(cycle, *, purpose: str, reason: str, user, now: datetime | None = None) -> list[list]:
    """The contact details kept with the inputs of a cycle, for one of CONTACT_PURPOSES; the audit
    log records who took them, when, why and how many."""
    if purpose not in CONTACT_PURPOSES or not reason.strip():
        raise ValueError("a contact export needs one of the purposes and a reason")
    now = now or utcnow()
    kept = timedelta(days=current_app.config["CONTACT_RETENTION_DAYS"])
    rows = [
        [
            item.receipt,
            to_local(item.submitted_at).isoformat(),
            contact.name or "",
            contact.email or "",
            contact.phone or "",
            to_local(contact.created_at + kept).date().isoformat(),
        ]
        for item, contact in db.session.execute(
            select(CitizenInput, InputContact)
            .join(InputContact, InputContact.input_id == CitizenInput.id)
            .where(CitizenInput.cycle_id == cycle.id, CitizenInput.consent.is_(True))
            .order_by(CitizenInput.submitted_at, CitizenInput.id)
        )
    ]
    record(
        "input.contacts_exported",
        cycle,
        {"purpose": purpose, "reason": reason.strip()[:500], "count": len(rows)},
        user=user,
    )
    db.session.commit()
    return rows


def contact_header() -> list[str]:
    return [_("Receipt"), _("Date received"), _("Name"), _("Email"), _("Phone"), _("Kept until")]


@dataclass(frozen=True)
class Kept:
    """One kind of personal data: how much is kept, since when, and when it goes."""

    what: str
    count: int
    oldest: datetime | None
    removed: str


def retention_report(now: datetime | None = None) -> list[Kept]:
    now = now or utcnow()
    days = current_app.config["CONTACT_RETENTION_DAYS"]

    def counted(model, column, *where):
        count, oldest = db.session.execute(
            select(func.count(), func.min(column)).select_from(model).where(*where)
        ).one()
        return count, oldest

    contacts = counted(InputContact, InputContact.created_at)
    next_removal = (
        format_datetime(contacts[1] + timedelta(days=days), "long")
        if contacts[1] is not None
        else _("none due")
    )
    staged = counted(InputImport, InputImport.created_at, InputImport.status == IMPORT_STAGED)
    registrations = counted(
        Registration,
        Registration.created_at,
        or_(Registration.name.is_not(None), Registration.phone.is_not(None), Registration.email.is_not(None)),
    )
    return [
        Kept(
            _("Contact details given with inputs (name, email, phone)"),
            *contacts,
            _(
                "%(days)s days after they were given, by the scheduler's job expire_personal_data; "
                "next removal: %(next)s. At once when the person erases them with the receipt code.",
                days=days,
                next=next_removal,
            ),
        ),
        Kept(
            _("Sheets uploaded for import and not confirmed (may hold contact details)"),
            *staged,
            _("%(days)s days after the upload, by the same job.", days=STALE_IMPORT.days),
        ),
        Kept(
            _("Hearing registrations with a name, phone or email"),
            *registrations,
            _("Kept with the hearing's record: there is no automatic removal."),
        ),
        Kept(
            _("Emails in the outbox (addresses and texts)"),
            *counted(OutboxMessage, OutboxMessage.created_at),
            _("Kept as the record of what was sent: there is no automatic removal."),
        ),
        Kept(
            _("Audit log (staff actions with their address, sign-in attempts, erasures)"),
            *counted(AuditEvent, AuditEvent.created_at),
            _("Kept as the record of who did what: there is no automatic removal."),
        ),
        Kept(
            _("Failed sign-ins per account name and address"),
            *counted(SignInThrottle, SignInThrottle.last_failure_at),
            _("Forgotten a day after the last failure, by the same job."),
        ),
    ]


def forget_old_sign_in_failures(now: datetime | None = None) -> int:
    """Counts of failed sign-ins name an address and a typed account name: gone a day after."""
    now = now or utcnow()
    result = db.session.execute(
        delete(SignInThrottle).where(SignInThrottle.last_failure_at < now - FORGIVEN_AFTER)
    )
    db.session.commit()
    return result.rowcount
