"""Reads over hearings shared by the public pages, the API and the calendar feed."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.auth.models import ROLE_OFFICIAL, User, user_subdistrict
from consult.extensions import db
from consult.hearings.models import (
    STATUS_ANNOUNCED,
    STATUS_CANCELLED,
    STATUS_HELD,
    Hearing,
    ProvinceHearingSettings,
    hearing_subdistrict,
)
from consult.i18n import LOCAL_ZONE, to_local
from consult.strategy.models import PHASE_HEARINGS, CyclePhase

DEFAULT_MIN_NOTICE_DAYS = 15
DEFAULT_REMINDER_DAYS = "7,1"


@dataclass(frozen=True)
class HearingFilter:
    province: str | None = None
    district: str | None = None
    subdistrict: str | None = None
    starts_from: date | None = None
    starts_to: date | None = None
    cycle_id: int | None = None


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


def hearing_query(criteria: HearingFilter, *, details: bool = True):
    """details: also load each hearing's subdistricts, issues and agenda (three more queries),
    which lists that show only the title, time, venue and status do without."""
    query = select(Hearing)
    if criteria.province:
        query = query.where(Hearing.province_code == criteria.province)
    if criteria.district:
        query = query.where(Hearing.district_code == criteria.district)
    if criteria.subdistrict:
        query = query.where(
            Hearing.id.in_(
                select(hearing_subdistrict.c.hearing_id).where(
                    hearing_subdistrict.c.subdistrict_code == criteria.subdistrict
                )
            )
        )
    if criteria.cycle_id:
        query = query.where(Hearing.cycle_id == criteria.cycle_id)
    if criteria.starts_from:
        query = query.where(Hearing.starts_at >= _local_midnight(criteria.starts_from))
    if criteria.starts_to:
        query = query.where(Hearing.starts_at < _local_midnight(criteria.starts_to + timedelta(days=1)))
    if not details:
        return query
    return query.options(
        selectinload(Hearing.subdistricts), selectinload(Hearing.issues), selectinload(Hearing.agenda)
    )


def list_hearings(criteria: HearingFilter, *, offset: int = 0, limit: int = 50) -> list[Hearing]:
    query = hearing_query(criteria).order_by(Hearing.starts_at, Hearing.id).offset(offset).limit(limit)
    return list(db.session.scalars(query))


def upcoming_and_past(criteria: HearingFilter, now: datetime, limit: int = 20, *, details: bool = True):
    base = hearing_query(criteria, details=details)
    upcoming = db.session.scalars(
        base.where(Hearing.ends_at >= now).order_by(Hearing.starts_at, Hearing.id).limit(limit)
    )
    past = db.session.scalars(
        base.where(Hearing.ends_at < now).order_by(Hearing.starts_at.desc(), Hearing.id).limit(limit)
    )
    return list(upcoming), list(past)


def active_hearings_between(start: datetime, end: datetime) -> list[Hearing]:
    """Hearings overlapping a time window, to check a new one against (venue, district staff)."""
    query = (
        select(Hearing)
        .where(Hearing.starts_at < end, Hearing.ends_at > start, Hearing.status != STATUS_CANCELLED)
        .options(selectinload(Hearing.subdistricts))
    )
    return list(db.session.scalars(query))


EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2200, 12, 31)


def parse_hearing_filter(args) -> tuple[HearingFilter | None, dict[str, str]]:
    """The filters shared by /hearings.ics and the API; returns field errors for bad values."""
    errors = {}
    values = {}
    for name, length in (("province", 2), ("district", 4), ("subdistrict", 6)):
        value = args.get(name, "")
        if value and not (value.isascii() and value.isdigit() and len(value) == length):
            errors[name] = _("Must be a %(length)s-digit code.", length=length)
        values[name] = value or None
    for name, target in (("from", "starts_from"), ("to", "starts_to")):
        value = args.get(name, "")
        values[target] = None
        if value:
            try:
                # Far-off dates cannot match a hearing; clamping keeps time-zone arithmetic in range.
                values[target] = min(max(date.fromisoformat(value[:10]), EARLIEST_DAY), LATEST_DAY)
            except ValueError:
                errors[name] = _("Must be a date such as 2026-11-23.")
    if errors:
        return None, errors
    return HearingFilter(**values), {}


def province_settings(province_code: str) -> ProvinceHearingSettings:
    """The province's rules for hearings; an unsaved row of defaults when it has set none."""
    settings = db.session.get(ProvinceHearingSettings, province_code)
    if settings is None:
        settings = ProvinceHearingSettings(
            province_code=province_code,
            min_notice_days=DEFAULT_MIN_NOTICE_DAYS,
            reminder_days=DEFAULT_REMINDER_DAYS,
        )
    return settings


def officials_of(subdistrict_codes) -> list[User]:
    """Active officials responsible for any of these subdistricts: the hearing's hosts."""
    return list(
        db.session.scalars(
            select(User)
            .join(user_subdistrict, user_subdistrict.c.user_id == User.id)
            .where(
                user_subdistrict.c.subdistrict_code.in_(list(subdistrict_codes)),
                User.role == ROLE_OFFICIAL,
                User.active.is_(True),
            )
            .distinct()
            .order_by(User.id)
        )
    )


def hearings_outside_their_phase(*, province: str | None = None, subdistricts=None) -> list[Hearing]:
    """Announced hearings whose day no longer lies in their cycle's hearing phase (it was moved)."""
    query = (
        select(Hearing)
        .join(CyclePhase, (CyclePhase.cycle_id == Hearing.cycle_id) & (CyclePhase.key == PHASE_HEARINGS))
        .where(Hearing.status == STATUS_ANNOUNCED)
        .options(selectinload(Hearing.subdistricts), selectinload(Hearing.cycle))
        .order_by(Hearing.starts_at)
    )
    query = _in_area(query, province, subdistricts)
    # Compared in Bangkok days, which the database cannot do portably: filter the few candidates here.
    candidates = db.session.scalars(query).unique()
    return [hearing for hearing in candidates if not _within_phase(hearing)]


def _in_area(query, province: str | None, subdistricts):
    """Hearings of the province, or touching one of the subdistricts (an official's)."""
    if province:
        query = query.where(Hearing.province_code == province)
    if subdistricts is not None:
        query = query.where(
            Hearing.id.in_(
                select(hearing_subdistrict.c.hearing_id).where(
                    hearing_subdistrict.c.subdistrict_code.in_(list(subdistricts))
                )
            )
        )
    return query


def _within_phase(hearing: Hearing) -> bool:
    phase = hearing.cycle.phase(PHASE_HEARINGS)
    start, end = to_local(hearing.starts_at).date(), to_local(hearing.ends_at).date()
    return phase is not None and phase.starts_on <= start and end <= phase.ends_on


def hearings_awaiting_minutes(
    now: datetime, *, province: str | None = None, subdistricts=None
) -> list[Hearing]:
    query = (
        select(Hearing)
        .where(Hearing.status.in_([STATUS_ANNOUNCED, STATUS_HELD]), Hearing.ends_at < now)
        .options(selectinload(Hearing.subdistricts))
        .order_by(Hearing.starts_at)
    )
    query = _in_area(query, province, subdistricts)
    return list(db.session.scalars(query))


def hearings_in_district(cycle_id: int, district_code: str, limit: int) -> list[Hearing]:
    """The cycle's hearings in one district, in date order: what a filter form offers to pick."""
    return list(
        db.session.scalars(
            select(Hearing)
            .where(Hearing.cycle_id == cycle_id, Hearing.district_code == district_code)
            .order_by(Hearing.starts_at, Hearing.id)
            .limit(limit)
        )
    )
