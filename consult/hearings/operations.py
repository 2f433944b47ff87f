"""Scheduling and changing hearings; callable from views, commands and jobs alike."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import update

from consult.auth.audit import record
from consult.auth.permissions import can_act_for_subdistricts, can_manage_hearing, can_review_province
from consult.extensions import db
from consult.geography.queries import subdistricts_by_codes
from consult.hearings.models import (
    STATUS_ANNOUNCED,
    STATUS_CANCELLED,
    STATUS_HELD,
    STATUS_MINUTES_RECORDED,
    AgendaItem,
    Attendance,
    Hearing,
)
from consult.hearings.notices import notify_registrants_of_cancellation, notify_registrants_of_change
from consult.hearings.queries import active_hearings_between, province_settings
from consult.hearings.registrations import promote_waiting
from consult.hearings.rules import HearingSlot, Problem, check_hearing
from consult.i18n import LOCAL_ZONE
from consult.strategy.models import PHASE_HEARINGS
from consult.timeutil import utcnow

# Input stays open a while after the hearing so that people who heard about it can still write.
INPUT_OPEN_AFTER_HEARING = timedelta(days=14)
LAST_MINUTE = time(23, 59)


@dataclass(frozen=True)
class AgendaEntry:
    offset_minutes: int  # from the hearing's start
    title: str
    issue_id: int | None = None


@dataclass
class HearingDetails:
    cycle: object
    title: str
    subdistrict_codes: list[str]
    starts_at: datetime
    ends_at: datetime
    venue: str
    capacity: int | None = None
    online_url: str | None = None
    issue_ids: list[int] = field(default_factory=list)
    description: str = ""
    agenda: list[AgendaEntry] = field(default_factory=list)
    title_en: str | None = None
    venue_en: str | None = None


class HearingRejected(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(problem.code for problem in problems))
        self.problems = problems


class HearingLocked(Exception):
    """The hearing has taken place or was cancelled: it can no longer be changed this way."""


def slot_of(hearing: Hearing) -> HearingSlot:
    return HearingSlot(
        starts_at=hearing.starts_at,
        ends_at=hearing.ends_at,
        venue=hearing.venue,
        subdistricts=tuple(s.code for s in hearing.subdistricts),
        id=hearing.id,
    )


def check_details(
    details: HearingDetails,
    *,
    now: datetime,
    hearing_id: int | None = None,
    extra_others: tuple[HearingSlot, ...] = (),
) -> list[Problem]:
    """Every problem with the hearing ``details`` describe; ``extra_others`` are planned but unsaved."""
    phase = details.cycle.phase(PHASE_HEARINGS)
    slot = HearingSlot(
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        venue=details.venue,
        subdistricts=tuple(sorted(details.subdistrict_codes)),
        id=hearing_id,
    )
    others = [
        slot_of(h)
        for h in active_hearings_between(
            details.starts_at - timedelta(days=1), details.ends_at + timedelta(days=1)
        )
    ]
    return check_hearing(
        slot,
        phase_start=phase.starts_on,
        phase_end=phase.ends_on,
        now=now,
        others=others + list(extra_others),
        min_notice_days=province_settings(details.cycle.province_code).min_notice_days,
    )


def errors_and_warnings(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    return ([p for p in problems if p.severity == "error"], [p for p in problems if p.severity != "error"])


def input_closes_at(cycle, ends_at: datetime) -> datetime:
    """Input on a hearing is open until the end of the hearing phase, and at least two weeks after it."""
    phase = cycle.phase(PHASE_HEARINGS)
    phase_close = datetime.combine(phase.ends_on, LAST_MINUTE, tzinfo=LOCAL_ZONE)
    return max(phase_close, ends_at + INPUT_OPEN_AFTER_HEARING)


def default_input_window(details: HearingDetails, now: datetime) -> tuple[datetime, datetime]:
    return now, input_closes_at(details.cycle, details.ends_at)


def new_hearing(details: HearingDetails, *, user, now: datetime, series=None) -> Hearing:
    """Add a hearing to the session (no checks, no commit): the callers check and commit."""
    subdistricts = subdistricts_by_codes(details.subdistrict_codes)
    opens, closes = default_input_window(details, now)
    wanted_issues = set(details.issue_ids)
    hearing = Hearing(
        cycle_id=details.cycle.id,
        province_code=details.cycle.province_code,
        district_code=subdistricts[0].district_code,
        title=details.title.strip(),
        title_en=(details.title_en or "").strip() or None,
        description=(details.description or "").strip(),
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        venue=details.venue.strip(),
        venue_en=(details.venue_en or "").strip() or None,
        capacity=details.capacity,
        online_url=details.online_url or None,
        input_opens_at=opens,
        input_closes_at=closes,
        created_by_id=getattr(user, "id", None),
        subdistricts=subdistricts,
        issues=[issue for issue in details.cycle.plan.issues if issue.id in wanted_issues],
        agenda=[
            AgendaItem(
                offset_minutes=entry.offset_minutes, title=entry.title.strip(), issue_id=entry.issue_id
            )
            for entry in details.agenda
        ],
        series=series,
    )
    db.session.add(hearing)
    return hearing


def schedule_hearing(details: HearingDetails, *, user, now: datetime) -> tuple[Hearing, list[Problem]]:
    """Create the hearing unless a rule refuses it; returns it with the warnings to show."""
    if not can_act_for_subdistricts(user, details.subdistrict_codes):
        raise PermissionError("the user may not schedule hearings for these subdistricts")
    errors, warnings = errors_and_warnings(check_details(details, now=now))
    if errors:
        raise HearingRejected(errors)
    hearing = new_hearing(details, user=user, now=now)
    db.session.flush()
    record("hearing.schedule", hearing, {"subdistricts": details.subdistrict_codes}, user=user)
    db.session.commit()
    return hearing, warnings


def update_hearing(hearing: Hearing, details: HearingDetails, *, user, now: datetime) -> list[Problem]:
    """Edit or move a hearing; registrants hear of a new time or place. Returns the warnings."""
    if not (can_manage_hearing(user, hearing) and can_act_for_subdistricts(user, details.subdistrict_codes)):
        raise PermissionError("the user may not change this hearing")
    if not hearing.is_changeable:
        raise HearingLocked(hearing.status)
    errors, warnings = errors_and_warnings(check_details(details, now=now, hearing_id=hearing.id))
    if errors:
        raise HearingRejected(errors)
    before = {"starts_at": hearing.starts_at, "ends_at": hearing.ends_at, "venue": hearing.venue}
    subdistricts = subdistricts_by_codes(details.subdistrict_codes)
    wanted_issues = set(details.issue_ids)
    hearing.title = details.title.strip()
    hearing.title_en = (details.title_en or "").strip() or None
    hearing.description = (details.description or "").strip()
    hearing.starts_at, hearing.ends_at = details.starts_at, details.ends_at
    hearing.venue = details.venue.strip()
    hearing.venue_en = (details.venue_en or "").strip() or None
    hearing.capacity = details.capacity
    hearing.online_url = details.online_url or None
    hearing.subdistricts = subdistricts
    hearing.district_code = subdistricts[0].district_code
    hearing.issues = [issue for issue in details.cycle.plan.issues if issue.id in wanted_issues]
    hearing.agenda = [
        AgendaItem(offset_minutes=entry.offset_minutes, title=entry.title.strip(), issue_id=entry.issue_id)
        for entry in details.agenda
    ]
    hearing.input_closes_at = max(hearing.input_closes_at, input_closes_at(details.cycle, details.ends_at))
    hearing.sequence += 1
    moved = {
        name: (str(old), str(getattr(hearing, name)))
        for name, old in before.items()
        if old != getattr(hearing, name)
    }
    record("hearing.update", hearing, {"moved": moved} if moved else {}, user=user)
    promote_waiting(hearing, now=now)  # a larger capacity lets people in from the waiting list
    if moved:
        notify_registrants_of_change(hearing)
    db.session.commit()
    return warnings


def cancel_hearing(hearing: Hearing, reason: str, *, user) -> None:
    """Cancel with a reason that the public page, the calendar feed and the registrants see."""
    if not can_manage_hearing(user, hearing):
        raise PermissionError("the user may not cancel this hearing")
    if not hearing.is_changeable:
        raise HearingLocked(hearing.status)
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("a cancellation needs a reason")
    hearing.status = STATUS_CANCELLED
    hearing.cancel_reason = reason
    hearing.sequence += 1
    record("hearing.cancel", hearing, {"reason": reason}, user=user)
    notify_registrants_of_cancellation(hearing)
    db.session.commit()


def record_minutes(
    hearing: Hearing, minutes: str, attendance: dict[tuple[str, str], int], *, user, now: datetime
) -> None:
    """After the hearing: the minutes and head counts by (sector, gender); may be corrected later."""
    if not can_manage_hearing(user, hearing):
        raise PermissionError("the user may not record minutes for this hearing")
    if (
        hearing.status not in (STATUS_ANNOUNCED, STATUS_HELD, STATUS_MINUTES_RECORDED)
        or hearing.ends_at > now
    ):
        raise HearingLocked(hearing.status)
    if any(count < 0 for count in attendance.values()):
        raise ValueError("attendance counts cannot be negative")
    hearing.minutes = minutes.strip()
    hearing.attendance = [
        Attendance(sector=sector, gender=gender, count=count)
        for (sector, gender), count in sorted(attendance.items())
        if count
    ]
    hearing.minutes_recorded_at = now
    hearing.minutes_recorded_by_id = getattr(user, "id", None)
    hearing.status = STATUS_MINUTES_RECORDED
    hearing.sequence += 1
    record("hearing.minutes", hearing, {"attendance": sum(attendance.values())}, user=user)
    db.session.commit()


def save_province_settings(province_code: str, *, min_notice_days: int, reminder_days: str, user) -> None:
    if not can_review_province(user, province_code):
        raise PermissionError("only the province's planners may change its settings")
    settings = province_settings(province_code)
    settings.min_notice_days, settings.reminder_days = min_notice_days, reminder_days
    settings.updated_by_id = getattr(user, "id", None)
    db.session.add(settings)
    db.session.flush()
    record(
        "province_settings.update",
        settings,
        {"min_notice_days": min_notice_days, "reminder_days": reminder_days},
        user=user,
    )
    db.session.commit()


def mark_finished_hearings_held(now: datetime | None = None) -> int:
    """Announced hearings whose time has passed are held; officials then record the minutes."""
    result = db.session.execute(
        update(Hearing)
        .where(Hearing.status == STATUS_ANNOUNCED, Hearing.ends_at < (now or utcnow()))
        .values(status=STATUS_HELD, sequence=Hearing.sequence + 1)
    )
    db.session.commit()
    return result.rowcount
