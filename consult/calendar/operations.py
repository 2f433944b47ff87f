"""Creating a cycle and moving its phases without breaking what depends on them silently."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from consult.auth.audit import record
from consult.auth.models import ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.hearings.models import STATUS_ANNOUNCED, Hearing
from consult.hearings.operations import input_closes_at
from consult.hearings.queries import hearings_outside_their_phase, officials_of
from consult.i18n import LOCAL_ZONE
from consult.notifications.emails import render_email
from consult.notifications.operations import queue_email
from consult.strategy.models import PHASE_HEARINGS, PHASE_NAMES, CyclePhase, StrategyCycle
from consult.urls import absolute_url

PHASE_ORDER = tuple(PHASE_NAMES)
# A scheduler that was down longer than this does not announce phases that opened meanwhile.
PHASE_OPENING_GRACE = timedelta(days=7)

PHASE_INVERTED = "phase_inverted"
PHASES_OVERLAP = "phases_overlap"
HEARING_PHASE_MISSING = "hearing_phase_missing"


@dataclass(frozen=True)
class PhaseDates:
    key: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class CalendarProblem:
    code: str
    key: str | None = None  # the phase concerned
    other: str | None = None  # the phase it overlaps


class CalendarRejected(Exception):
    def __init__(self, problems: list[CalendarProblem]):
        super().__init__(", ".join(problem.code for problem in problems))
        self.problems = problems


def calendar_problems(phases: list[PhaseDates]) -> list[CalendarProblem]:
    """Each phase ends on or after its start, phases follow one another in the usual order
    without overlapping (so "where are we now" has one answer), and there is a hearing phase."""
    problems = [
        CalendarProblem(PHASE_INVERTED, phase.key) for phase in phases if phase.ends_on < phase.starts_on
    ]
    ordered = sorted(phases, key=lambda phase: PHASE_ORDER.index(phase.key))
    problems += [
        CalendarProblem(PHASES_OVERLAP, later.key, earlier.key)
        for earlier, later in zip(ordered, ordered[1:])
        if later.starts_on <= earlier.ends_on
    ]
    if not any(phase.key == PHASE_HEARINGS for phase in phases):
        problems.append(CalendarProblem(HEARING_PHASE_MISSING))
    return problems


def create_cycle(
    plan, title: str, phases: list[PhaseDates], *, user, title_en: str | None = None
) -> StrategyCycle:
    if not can_review_province(user, plan.province_code):
        raise PermissionError("only the province's planners may create its strategy calendar")
    problems = calendar_problems(phases)
    if problems:
        raise CalendarRejected(problems)
    cycle = StrategyCycle(
        plan=plan,
        province_code=plan.province_code,
        title=" ".join(title.split()),
        title_en=" ".join((title_en or "").split()) or None,
    )
    for phase in phases:
        name_th, name_en = PHASE_NAMES[phase.key]
        cycle.phases.append(
            CyclePhase(
                key=phase.key,
                name_th=name_th,
                name_en=name_en,
                starts_on=phase.starts_on,
                ends_on=phase.ends_on,
            )
        )
    db.session.add(cycle)
    db.session.flush()
    record("cycle.create", cycle, {"phases": _dates(cycle)}, user=user)
    db.session.commit()
    return cycle


def hearings_left_outside(cycle: StrategyCycle, phases: list[PhaseDates]) -> list[Hearing]:
    """The announced hearings that new dates would leave outside the hearing phase (a preview)."""
    hearing_phase = next((phase for phase in phases if phase.key == PHASE_HEARINGS), None)
    hearings = db.session.scalars(
        select(Hearing)
        .where(Hearing.cycle_id == cycle.id, Hearing.status == STATUS_ANNOUNCED)
        .order_by(Hearing.starts_at)
    )
    return [
        hearing
        for hearing in hearings
        if hearing_phase is None
        or not (
            hearing_phase.starts_on <= hearing.starts_at.astimezone(LOCAL_ZONE).date()
            and hearing.ends_at.astimezone(LOCAL_ZONE).date() <= hearing_phase.ends_on
        )
    ]


def update_cycle(
    cycle: StrategyCycle,
    title: str,
    phases: list[PhaseDates],
    *,
    user,
    now: datetime,
    title_en: str | None = None,
) -> list[Hearing]:
    """Move phases; hearings left outside the hearing phase are flagged to their officials.

    Input windows follow the hearing phase's end (never closing before now). Returns the
    flagged hearings; commits.
    """
    if not can_review_province(user, cycle.province_code):
        raise PermissionError("only the province's planners may change its strategy calendar")
    problems = calendar_problems(phases)
    if problems:
        raise CalendarRejected(problems)
    before = _dates(cycle)
    cycle.title = " ".join(title.split())
    cycle.title_en = " ".join((title_en or "").split()) or None
    wanted = {phase.key: phase for phase in phases}
    for existing in list(cycle.phases):
        if existing.key not in wanted:
            cycle.phases.remove(existing)
    for phase in phases:
        row = cycle.phase(phase.key)
        if row is None:
            name_th, name_en = PHASE_NAMES[phase.key]
            row = CyclePhase(key=phase.key, name_th=name_th, name_en=name_en)
            cycle.phases.append(row)
        row.starts_on, row.ends_on = phase.starts_on, phase.ends_on
    db.session.flush()
    db.session.refresh(cycle, ["phases"])
    _follow_input_windows(cycle, now)
    after = _dates(cycle)
    record("cycle.update", cycle, {"before": before, "after": after}, user=user)
    flagged = hearings_outside_their_phase(province=cycle.province_code)
    flagged = [hearing for hearing in flagged if hearing.cycle_id == cycle.id]
    if before.get(PHASE_HEARINGS) != after.get(PHASE_HEARINGS):
        _flag_to_officials(cycle, flagged)
    db.session.commit()
    return flagged


def _follow_input_windows(cycle: StrategyCycle, now: datetime) -> None:
    hearings = db.session.scalars(
        select(Hearing).where(Hearing.cycle_id == cycle.id, Hearing.input_closes_at > now)
    )
    for hearing in hearings:
        hearing.input_closes_at = max(now, input_closes_at(cycle, hearing.ends_at))


def _flag_to_officials(cycle: StrategyCycle, flagged: list[Hearing]) -> None:
    phase = cycle.phase(PHASE_HEARINGS)
    by_official = defaultdict(list)
    for hearing in flagged:
        for official in officials_of(s.code for s in hearing.subdistricts):
            by_official[official].append(hearing)
    for official, hearings in by_official.items():
        if not official.email:
            continue
        email = render_email(
            "hearings_outside_phase",
            "th",
            cycle=cycle,
            phase=phase,
            hearings=hearings,
            reminders_url=absolute_url("hearing_staff.reminders"),
            edit_url=lambda hearing: absolute_url("hearing_staff.edit", hearing_id=hearing.id),
        )
        queue_email(
            official.email,
            email.subject,
            email.body,
            language="th",
            key=f"outside-phase:{cycle.id}:{phase.starts_on}:{phase.ends_on}:user:{official.id}",
        )


def queue_phase_openings(now: datetime) -> int:
    """Tell staff that a phase they act in has opened: officials the hearing phase, planners
    every phase. Once per phase and start date, so a phase moved later is announced again."""
    today = now.astimezone(LOCAL_ZONE).date()
    phases = db.session.scalars(
        select(CyclePhase).where(
            CyclePhase.runs_on(today), CyclePhase.starts_on >= today - PHASE_OPENING_GRACE
        )
    )
    queued = 0
    for phase in phases:
        cycle = phase.cycle
        for user in _staff_acting_in(phase):
            email = render_email(
                "phase_opened",
                "th",
                cycle=cycle,
                phase=phase,
                for_official=user.role == ROLE_OFFICIAL,
                cycle_url=absolute_url("main.cycle", cycle_id=cycle.id),
                reminders_url=absolute_url("hearing_staff.reminders"),
            )
            queued += (
                queue_email(
                    user.email,
                    email.subject,
                    email.body,
                    language="th",
                    key=f"phase-opened:{phase.id}:{phase.starts_on}:user:{user.id}",
                )
                is not None
            )
    db.session.commit()
    return queued


def _staff_acting_in(phase: CyclePhase) -> list[User]:
    roles = [ROLE_PLANNER, ROLE_OFFICIAL] if phase.key == PHASE_HEARINGS else [ROLE_PLANNER]
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.province_code == phase.cycle.province_code,
                User.role.in_(roles),
                User.active.is_(True),
                User.email.is_not(None),
            )
            .order_by(User.id)
        )
    )


def _dates(cycle: StrategyCycle) -> dict[str, list[str]]:
    return {phase.key: [phase.starts_on.isoformat(), phase.ends_on.isoformat()] for phase in cycle.phases}
