"""Regular hearings: a recurrence rule expanded to dated hearings inside the hearing phase.

Planning and creating are separate so that an official sees every date first, with the ones
that break a rule (a holiday, a clash) marked, and then creates the others in one step.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from consult.auth.audit import record
from consult.auth.permissions import can_act_for_subdistricts
from consult.extensions import db
from consult.hearings.models import HearingSeries
from consult.hearings.operations import HearingDetails, check_details, errors_and_warnings, new_hearing
from consult.hearings.recurrence import expand_recurrence
from consult.hearings.rules import BANGKOK, HearingSlot, Problem
from consult.strategy.models import PHASE_HEARINGS


@dataclass(frozen=True)
class PlannedHearing:
    starts_at: datetime
    ends_at: datetime
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity != "error"]


@dataclass(frozen=True)
class SeriesPlan:
    hearings: tuple[PlannedHearing, ...]
    skipped_holidays: dict[date, str]  # dates the rule gave that are Thai public holidays

    @property
    def creatable(self) -> list[PlannedHearing]:
        return [planned for planned in self.hearings if not planned.errors]


def plan_series(template: HearingDetails, rule: str, *, now: datetime) -> SeriesPlan:
    """Every hearing ``rule`` gives from ``template``'s date to the end of the hearing phase.

    ``template`` holds the first date and times and everything else the hearings share. Each
    hearing is checked against the saved hearings and the earlier ones of the same series.
    Raises ValueError for a rule that cannot be expanded.
    """
    phase = template.cycle.phase(PHASE_HEARINGS)
    first_day = template.starts_at.astimezone(BANGKOK).date()
    expansion = expand_recurrence(
        rule,
        first_start=template.starts_at,
        duration=template.ends_at - template.starts_at,
        window_start=max(first_day, phase.starts_on),
        window_end=phase.ends_on,
    )
    planned, accepted = [], []
    for starts_at, ends_at in expansion.occurrences:
        details = replace(template, starts_at=starts_at, ends_at=ends_at)
        problems = check_details(details, now=now, extra_others=tuple(accepted))
        planned.append(PlannedHearing(starts_at, ends_at, tuple(problems)))
        if not errors_and_warnings(problems)[0]:
            accepted.append(
                HearingSlot(
                    starts_at=starts_at,
                    ends_at=ends_at,
                    venue=template.venue,
                    subdistricts=tuple(sorted(template.subdistrict_codes)),
                )
            )
    return SeriesPlan(tuple(planned), expansion.on_holidays)


def create_series(
    template: HearingDetails, rule: str, *, user, now: datetime
) -> tuple[HearingSeries, SeriesPlan]:
    """Create the hearings of the plan that break no rule; commits. ValueError when there are none."""
    if not can_act_for_subdistricts(user, template.subdistrict_codes):
        raise PermissionError("the user may not schedule hearings for these subdistricts")
    plan = plan_series(template, rule, now=now)
    if not plan.creatable:
        raise ValueError("no date of the series can be scheduled")
    series = HearingSeries(
        cycle_id=template.cycle.id,
        title=template.title.strip(),
        rule=rule,
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(series)
    for planned in plan.creatable:
        new_hearing(
            replace(template, starts_at=planned.starts_at, ends_at=planned.ends_at),
            user=user,
            now=now,
            series=series,
        )
    db.session.flush()
    record(
        "hearing_series.create",
        series,
        {
            "rule": rule,
            "hearings": [hearing.id for hearing in series.hearings],
            "subdistricts": template.subdistrict_codes,
        },
        user=user,
    )
    db.session.commit()
    return series, plan
