"""The dashboard's tables: input over time, strategic issue × area, and which groups raise which
issue. Built on the counts of consult.review.queries, so that they agree with the summary."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import false, func, select, text

from consult.extensions import db
from consult.geography.models import District, Subdistrict
from consult.hearings.models import Hearing
from consult.i18n import LOCAL_ZONE
from consult.inputs.models import CitizenInput
from consult.review import rollup
from consult.review.filters import ReviewFilter
from consult.review.queries import (
    DIMENSIONS,
    NO_FILTER,
    breakdown,
    daily_rollup_serves,
    hearing_conditions,
    input_conditions,
    inputs_by_place,
    rollup_conditions,
    tag_margins,
)
from consult.review.stats import IssueRow, lift_table
from consult.strategy.models import StrategyCycle


@dataclass
class DayActivity:
    day: date
    inputs: int = 0
    hearings: int = 0


def _local_day(column):
    """The Bangkok calendar day of a stored (naive UTC) instant, computed by the database."""
    hours = int(LOCAL_ZONE.utcoffset(datetime(2000, 1, 1)).total_seconds() // 3600)
    if db.session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"{hours:+d} hours")
    return func.date(column + text(f"interval '{hours} hours'"))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def activity_by_day(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> list[DayActivity]:
    """Inputs received and hearings held per day, every day of the span shown (the filtered
    phase, else the hearing phase widened to any activity outside it)."""
    if daily_rollup_serves(filters):
        table = rollup.DailyRollup
        conditions = rollup_conditions(table, cycle, filters)
        phase = cycle.phase(filters.phase) if filters.phase else None
        if filters.phase:
            conditions += [table.day >= phase.starts_on, table.day <= phase.ends_on] if phase else [false()]
        inputs = {
            _as_date(d): int(n)
            for d, n in db.session.execute(
                select(table.day, func.sum(table.n)).where(*conditions).group_by(table.day)
            )
            if n
        }
    else:
        day = _local_day(CitizenInput.submitted_at)
        inputs = {
            _as_date(d): n
            for d, n in db.session.execute(
                select(day, func.count()).where(*input_conditions(cycle, filters)).group_by(day)
            )
        }
    hearing_day = _local_day(Hearing.starts_at)
    hearings = {
        _as_date(d): n
        for d, n in db.session.execute(
            select(hearing_day, func.count()).where(*hearing_conditions(cycle, filters)).group_by(hearing_day)
        )
    }
    phase = cycle.phase(filters.phase) if filters.phase else cycle.phase("hearings")
    known = set(inputs) | set(hearings)
    if phase is not None:
        first, last = phase.starts_on, phase.ends_on
        if not filters.phase and known:
            first, last = min(first, *known), max(last, *known)
    elif known:
        first, last = min(known), max(known)
    else:
        return []
    days = []
    current = first
    while current <= last:
        days.append(DayActivity(current, inputs.get(current, 0), hearings.get(current, 0)))
        current += timedelta(days=1)
    return days


# ---------------------------------------------------------------------------------------------
# Strategic issue × area


@dataclass
class AreaRow:
    code: str
    name: str
    inputs: int
    by_issue: dict[str, int]


@dataclass
class AreaTable:
    level: str  # "district" or "subdistrict"
    rows: list[AreaRow]
    issue_totals: dict[str, int]
    inputs: int

    @property
    def largest_cell(self) -> int:
        return max((count for row in self.rows for count in row.by_issue.values()), default=0)


def issues_by_area(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> AreaTable:
    """Inputs per district and issue; within a chosen district, per subdistrict of it."""
    if filters.district:
        level = "subdistrict"
        places = db.session.scalars(
            select(Subdistrict)
            .where(Subdistrict.district_code == filters.district)
            .order_by(Subdistrict.code)
        )
        inputs = _area_inputs(cycle, filters, "subdistrict_code")
    else:
        level = "district"
        places = db.session.scalars(
            select(District).where(District.province_code == cycle.province_code).order_by(District.code)
        )
        inputs = _area_inputs(cycle, filters, "district_code")
    margins = tag_margins(cycle, filters)
    cells = margins.by_area
    issue_totals = margins.by_issue
    table_rows = [
        AreaRow(
            code=place.code,
            name=place.name,
            inputs=inputs.get(place.code, 0),
            by_issue=cells.get(place.code, {}),
        )
        for place in places
    ]
    if inputs.get(None):
        table_rows.append(AreaRow(code="", name="", inputs=inputs[None], by_issue=cells.get(None, {})))
    return AreaTable(
        level=level, rows=table_rows, issue_totals=dict(issue_totals), inputs=sum(inputs.values())
    )


def _area_inputs(cycle: StrategyCycle, filters: ReviewFilter, column: str) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for (district, subdistrict, _sector), count in inputs_by_place(cycle, filters).items():
        key = (subdistrict if column == "subdistrict_code" else district) or None
        counts[key] = counts.get(key, 0) + count
    return counts


# ---------------------------------------------------------------------------------------------
# Which groups raise which issue


def issues_by_group(
    cycle: StrategyCycle, dimension: str, filters: ReviewFilter = NO_FILTER
) -> dict[str, dict[str, int]]:
    """issue code → group value → inputs of that group raising the issue."""
    counts: dict[str, dict[str, int]] = {issue.code: {} for issue in cycle.plan.issues}
    for code, groups in tag_margins(cycle, filters).by_group.get(dimension, {}).items():
        counts[code] = dict(groups)
    return counts


@dataclass
class CrossTable:
    dimension: str
    groups: list[str]
    group_totals: dict[str, int]
    rows: list[IssueRow]


def cross_table(cycle: StrategyCycle, dimension: str, filters: ReviewFilter = NO_FILTER) -> CrossTable:
    """Issue × group with lift and a chi-square test; inputs that did not give the dimension
    are left out of the comparison."""
    totals = breakdown(cycle, dimension, filters)
    groups = [key for key in DIMENSIONS[dimension] if totals.get(key)]
    rows = lift_table(issues_by_group(cycle, dimension, filters), totals, groups)
    return CrossTable(dimension=dimension, groups=groups, group_totals=totals, rows=rows)
