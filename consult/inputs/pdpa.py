"""Personal data under the PDPA: erasure on request, export for the data subject, and the
retention limit after which contact details are removed for good."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from consult.auth.audit import record
from consult.extensions import db
from consult.i18n import to_local
from consult.inputs.models import IMPORT_STAGED, CitizenInput, InputContact, InputImport
from consult.timeutil import utcnow

STALE_IMPORT = timedelta(days=2)


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
