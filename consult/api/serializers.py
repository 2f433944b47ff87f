"""JSON shapes of API v1 (see the contract); dates ISO 8601 with the +07:00 offset."""

from datetime import date, datetime

from consult.i18n import to_local
from consult.tagging.models import TAG_CONFIRMED
from consult.timeutil import utcnow
from consult.urls import absolute_url


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_local(value).isoformat()
    return value.isoformat()


def place(item) -> dict:
    return {"code": item.code, "name_th": item.name_th, "name_en": item.name_en}


def cycle(item) -> dict:
    return {
        "id": item.id,
        "plan": item.plan_id,
        "province": item.province_code,
        "title": item.title,
        "title_en": item.title_en,
        "phases": [
            {
                "key": phase.key,
                "name_th": phase.name_th,
                "name_en": phase.name_en,
                "starts_on": iso(phase.starts_on),
                "ends_on": iso(phase.ends_on),
            }
            for phase in item.phases
        ],
    }


def hearing(item, now: datetime | None = None) -> dict:
    return {
        "id": item.id,
        "title": item.title,
        "title_en": item.title_en,
        "starts_at": iso(item.starts_at),
        "ends_at": iso(item.ends_at),
        "venue": item.venue,
        "venue_en": item.venue_en,
        "subdistricts": [subdistrict.code for subdistrict in item.subdistricts],
        "province": item.province_code,
        "cycle": item.cycle_id,
        "plan": item.cycle.plan_id,
        "status": item.status,
        "issues": [issue.code for issue in item.issues],
        "input_open": item.input_open_at(now or utcnow()),
        "input_closes_at": iso(item.input_closes_at),
        "url": absolute_url("hearings.detail", hearing_id=item.id),
        "ics_url": absolute_url("hearings.hearing_calendar", hearing_id=item.id),
    }


def receipt(item) -> dict:
    """What anyone holding the receipt may see: never the text's author or contact."""
    return {
        "receipt": item.receipt,
        "status": item.status,
        "hearing": item.hearing_id,
        "submitted_at": iso(item.submitted_at),
        "issues": sorted(tag.issue.code for tag in item.tags if tag.state == TAG_CONFIRMED),
        "revisions": [
            {
                "id": revision.id,
                "title": revision.title,
                "published_at": iso(revision.published_at),
                "url": absolute_url("revisions.published", revision_id=revision.id),
            }
            for revision in item.revisions
            if revision.published_at
        ],
    }
