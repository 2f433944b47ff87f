"""Aggregates over input: one set of queries behind the dashboard, the exports, the committee
report, the public results page and the API, so that their numbers cannot disagree.

An input counts when it belongs to the cycle, is not hidden by moderation and matches the
filters. It counts under a strategic issue when it carries a tag for that issue that no planner
has rejected: chosen by the citizen, suggested by the tagger, or confirmed/added by a planner.
Hearings count when they belong to the cycle, are not cancelled and match the filters (a sector
filter does not narrow hearings: a hearing is open to every sector).
"""
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, false, func, literal_column, select, text
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.geography.models import District, Subdistrict
from consult.hearings.models import (
    STATUS_CANCELLED, STATUS_MINUTES_RECORDED, Attendance, Hearing, hearing_subdistrict,
)
from consult.i18n import LOCAL_ZONE, current_language, localised, to_local
from consult.inputs.models import (
    AGE_BANDS, CHANNELS, GENDERS, MODERATION_APPROVED, MODERATION_HIDDEN, SECTORS,
    STATUS_CONSIDERED, STATUS_LABELS, STATUS_NOT_TAKEN_UP, STATUS_USED, CitizenInput,
)
from consult.review import rollup
from consult.review.filters import ReviewFilter, phase_window
from consult.review.stats import IssueRow, lift_table
from consult.review.terms import terms_for_inputs, with_stored_terms
from consult.scale.cache import cached_per_cycle_version
from consult.strategy.models import REVISION_PUBLISHED, Revision, StrategicIssue, StrategyCycle
from consult.tagging.models import TAG_CONFIRMED, TAG_REJECTED, InputTag

NO_FILTER = ReviewFilter()
# The groupings of input a planner can break totals down by, with their labels.
DIMENSIONS = {
    "sector": SECTORS,
    "channel": CHANNELS,
    "age_band": AGE_BANDS,
    "gender": GENDERS,
    "status": STATUS_LABELS,
}
CROSS_DIMENSIONS = ("sector", "age_band", "gender")
NOT_GIVEN = ""  # the key under which inputs without an age band or gender are counted
ANSWERED_STATUSES = (STATUS_CONSIDERED, STATUS_USED, STATUS_NOT_TAKEN_UP)
VOICES_SAMPLE = 200  # inputs per issue read for "what people say"
VOICES_WINDOW = 2000  # of the cycle's latest inputs, which those are taken from


# ---------------------------------------------------------------------------------------------
# Conditions shared by every aggregate

def input_conditions(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, side: str | None = None) -> list:
    """`side` "before" or "after" selects the inputs outside the phase's window instead of those
    within it (see _plan), read through the (cycle, submitted_at) index."""
    conditions = [CitizenInput.cycle_id == cycle.id, CitizenInput.moderation != MODERATION_HIDDEN]
    if filters.phase:
        window = phase_window(cycle, filters.phase)
        if window is None:
            conditions.append(false())
        elif side == "before":
            conditions.append(CitizenInput.submitted_at < window.starts)
        elif side == "after":
            conditions.append(CitizenInput.submitted_at >= window.ends)
        else:
            submitted = _submitted_at_unindexed()
            conditions += [submitted >= window.starts, submitted < window.ends]
    if filters.hearing:
        conditions.append(CitizenInput.hearing_id == filters.hearing)
    if filters.subdistrict:
        conditions.append(CitizenInput.subdistrict_code == filters.subdistrict)
    if filters.district:
        conditions.append(CitizenInput.district_code == filters.district)
    if filters.sector:
        conditions.append(CitizenInput.sector == filters.sector)
    return conditions


def _submitted_at_unindexed():
    """The submission instant, compared without SQLite seeking the (cycle, submitted_at) index:
    that index leads it to read each input's row, while the cycle's entries of the covering
    aggregates index answer every count without reading rows at all (SQLite's unary + changes no
    value and disqualifies an index). PostgreSQL weighs both by its statistics."""
    if db.session.get_bind().dialect.name != "sqlite":
        return CitizenInput.submitted_at
    return literal_column(f"+{CitizenInput.__tablename__}.submitted_at", type_=CitizenInput.submitted_at.type)


def hearing_conditions(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> list:
    conditions = [Hearing.cycle_id == cycle.id, Hearing.status != STATUS_CANCELLED]
    if filters.phase:
        window = phase_window(cycle, filters.phase)
        conditions += [Hearing.starts_at >= window.starts, Hearing.starts_at < window.ends] if window else [false()]
    if filters.hearing:
        conditions.append(Hearing.id == filters.hearing)
    if filters.subdistrict:
        conditions.append(Hearing.id.in_(
            select(hearing_subdistrict.c.hearing_id)
            .where(hearing_subdistrict.c.subdistrict_code == filters.subdistrict)))
    if filters.district:
        conditions.append(Hearing.district_code == filters.district)
    return conditions


def _counted_tags():
    return InputTag.state != TAG_REJECTED


# ---------------------------------------------------------------------------------------------
# The summary (the contract's /api/v1/cycles/<id>/summary and the dashboard's headline)

@dataclass
class CycleSummary:
    inputs: int = 0
    hearings: int = 0
    by_issue: dict[str, int] = field(default_factory=dict)
    confirmed_by_issue: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_district: dict[str, int] = field(default_factory=dict)
    subdistricts_with_input: int = 0

    def as_api(self) -> dict:
        return {
            "inputs": self.inputs, "hearings": self.hearings, "by_issue": self.by_issue,
            "by_sector": self.by_sector, "by_district": self.by_district,
            "subdistricts_with_input": self.subdistricts_with_input,
        }


# Where the rollups cannot answer (a hearing, or the inputs around a phase: see _plan), the counts
# by issue come from one "tag cube" of the inputs themselves: the counted tags grouped by issue,
# area, sector, age band and gender, computed once per filter and kept per data version.


class Cells(tuple):
    """Rows of counts that nobody changes: the per-version cache may hand out the same object
    instead of deep-copying thousands of cells for each table built from them."""

    def __deepcopy__(self, memo):
        return self


@cached_per_cycle_version
def tag_cube(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, side: str | None = None) -> Cells:
    """(issue code, area, sector, age band, gender, inputs, of which confirmed) over counted tags;
    the area is the district, or within a chosen district the subdistrict."""
    area = CitizenInput.subdistrict_code if filters.district else CitizenInput.district_code
    groups = (StrategicIssue.code, area, CitizenInput.sector, CitizenInput.age_band, CitizenInput.gender)
    return Cells(tuple(row) for row in db.session.execute(
        select(*groups, func.count(), func.sum(case((InputTag.state == TAG_CONFIRMED, 1), else_=0)))
        .select_from(CitizenInput)
        .join(InputTag, InputTag.input_id == CitizenInput.id)
        .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
        .where(*input_conditions(cycle, filters, side), _counted_tags())
        .group_by(*groups)))


@cached_per_cycle_version
def cycle_summary(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> CycleSummary:
    tags = tag_margins(cycle, filters)
    summary = CycleSummary()
    summary.hearings = db.session.scalar(
        select(func.count()).select_from(Hearing).where(*hearing_conditions(cycle, filters)))
    places = _places(cycle, filters)
    summary.inputs = sum(places.values())
    for (district, subdistrict, sector), count in places.items():
        summary.by_sector[sector] = summary.by_sector.get(sector, 0) + count
        if district:
            summary.by_district[district] = summary.by_district.get(district, 0) + count
    summary.subdistricts_with_input = len({subdistrict for _d, subdistrict, _s in places if subdistrict})
    summary.by_issue = dict(tags.by_issue)
    summary.confirmed_by_issue = {code: count for code, count in tags.confirmed.items() if count}
    return summary


# ---------------------------------------------------------------------------------------------
# Reading the rollups (consult.review.rollup): every filter but a hearing and a phase is a
# condition on their keys; a phase is a range of days, which only the daily rollup keeps.

ROLLUP, RAW, COMPLEMENT = "rollup", "raw", "complement"
OUTSIDE = ("before", "after")


def rollup_serves(filters: ReviewFilter) -> bool:
    return filters.hearing is None and filters.phase is None


def _plan(cycle: StrategyCycle, filters: ReviewFilter) -> str:
    """How to count under these filters. Without a hearing or a phase: the rollups. A hearing
    has few inputs: read them (RAW). A phase is a range of days, which only the daily rollup
    keeps, and it tells how many inputs fall within the phase: when that is most of them (the
    hearing phase), the rollups' totals less the few inputs before and after the phase
    (COMPLEMENT); otherwise the few within it (RAW)."""
    if filters.hearing is not None:
        return RAW
    if rollup_serves(filters):
        return ROLLUP
    phase = cycle.phase(filters.phase)
    if phase is None or filters.subdistrict:
        return RAW
    table = rollup.DailyRollup
    within = case((and_(table.day >= phase.starts_on, table.day <= phase.ends_on), table.n), else_=0)
    total, inside = db.session.execute(select(func.sum(table.n), func.sum(within))
                                       .where(*_rollup_conditions(table, cycle, filters))).one()
    return COMPLEMENT if 2 * int(inside or 0) > int(total or 0) else RAW


def _without_phase(filters: ReviewFilter) -> ReviewFilter:
    return replace(filters, phase=None)


def _less(totals: dict, *parts: dict) -> dict:
    """totals less each part, key by key, keeping positive counts."""
    result = dict(totals)
    for part in parts:
        for key, count in part.items():
            result[key] = result.get(key, 0) - count
    return {key: count for key, count in result.items() if count}


def _places(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple[str, str, str], int]:
    plan = _plan(cycle, filters)
    if plan == ROLLUP:
        return _rollup_places(cycle, filters)
    if plan == RAW:
        return _raw_places(cycle, filters)
    return _less(_rollup_places(cycle, _without_phase(filters)),
                 *(_raw_places(cycle, filters, side) for side in OUTSIDE))


def _raw_places(cycle: StrategyCycle, filters: ReviewFilter, side: str | None = None) -> dict:
    keys = (func.coalesce(CitizenInput.district_code, ""), func.coalesce(CitizenInput.subdistrict_code, ""),
            CitizenInput.sector)
    rows = db.session.execute(select(*keys, func.count()).where(*input_conditions(cycle, filters, side))
                              .group_by(*keys))
    return {(district, subdistrict, sector): n for district, subdistrict, sector, n in rows if n}


def daily_rollup_serves(filters: ReviewFilter) -> bool:
    """The daily rollup keeps districts, not subdistricts."""
    return filters.hearing is None and filters.subdistrict is None


def _rollup_conditions(table, cycle: StrategyCycle, filters: ReviewFilter) -> list:
    conditions = [table.cycle_id == cycle.id]
    if filters.district:
        conditions.append(table.district_code == filters.district)
    if filters.subdistrict:
        conditions.append(table.subdistrict_code == filters.subdistrict)
    if filters.sector:
        conditions.append(table.sector == filters.sector)
    return conditions


def _rollup_places(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple[str, str, str], int]:
    """(district, subdistrict, sector) → inputs, positive counts only."""
    table = rollup.InputRollup
    rows = db.session.execute(select(table.district_code, table.subdistrict_code, table.sector, table.n)
                              .where(*_rollup_conditions(table, cycle, filters), table.n > 0))
    return {(district, subdistrict, sector): n for district, subdistrict, sector, n in rows}


def _rollup_vector(cycle: StrategyCycle, dimension: str, filters: ReviewFilter) -> dict[str, int]:
    table = rollup.InputRollup
    if dimension == "sector":
        rows = db.session.execute(select(table.sector, func.sum(table.n))
                                  .where(*_rollup_conditions(table, cycle, filters)).group_by(table.sector))
        return {key: int(count) for key, count in rows if count}
    columns = rollup.INPUT_VECTOR[dimension]
    sums = db.session.execute(select(*(func.sum(getattr(table, name)) for name in columns.values()))
                              .where(*_rollup_conditions(table, cycle, filters))).one()
    return {(key or NOT_GIVEN): int(count) for key, count in zip(columns, sums) if count}


@dataclass
class TagMargins:
    """Counted tags per issue (and confirmed), per area and issue, per group and issue."""

    by_issue: dict[str, int] = field(default_factory=dict)
    confirmed: dict[str, int] = field(default_factory=dict)
    by_area: dict[str | None, dict[str, int]] = field(default_factory=dict)
    by_group: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def add(self, code: str, area, groups: dict[str, dict[str, int]], count: int, confirmed: int,
            sign: int = 1) -> None:
        if not count and not confirmed:
            return
        self.by_issue[code] = self.by_issue.get(code, 0) + sign * count
        self.confirmed[code] = self.confirmed.get(code, 0) + sign * confirmed
        cells = self.by_area.setdefault(area, {})
        cells[code] = cells.get(code, 0) + sign * count
        for dimension, counts in groups.items():
            row = self.by_group.setdefault(dimension, {}).setdefault(code, {})
            for group, value in counts.items():
                if value:
                    row[group] = row.get(group, 0) + sign * value

    def add_cube(self, cells, sign: int = 1) -> None:
        for code, area, sector, age_band, gender, count, confirmed in cells:
            self.add(code, area, {"sector": {sector: count}, "age_band": {age_band or NOT_GIVEN: count},
                                  "gender": {gender or NOT_GIVEN: count}}, count, int(confirmed or 0), sign)

    def pruned(self) -> "TagMargins":
        """Without the zeros a subtraction leaves (the inputs' own counts have none)."""
        def positive(counts):
            return {key: value for key, value in counts.items() if value}

        self.by_issue = positive(self.by_issue)
        self.by_area = {area: positive(cells) for area, cells in self.by_area.items() if positive(cells)}
        self.by_group = {dimension: {code: positive(groups) for code, groups in rows.items() if positive(groups)}
                         for dimension, rows in self.by_group.items()}
        return self


@cached_per_cycle_version
def tag_margins(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> TagMargins:
    """The counts by issue every table of the review needs, from the tag rollup when the filters
    allow, else from the tag cube of the inputs themselves. The area is the district, or within a
    chosen district the subdistrict."""
    margins = TagMargins()
    plan = _plan(cycle, filters)
    if plan == RAW:
        margins.add_cube(tag_cube(cycle, filters))
        return margins
    _add_tag_rollup(margins, cycle, _without_phase(filters) if plan == COMPLEMENT else filters)
    if plan == COMPLEMENT:
        for side in OUTSIDE:
            margins.add_cube(tag_cube(cycle, filters, side), sign=-1)
    return margins.pruned()


def _add_tag_rollup(margins: TagMargins, cycle: StrategyCycle, filters: ReviewFilter) -> None:
    """Three small sums in the database (by issue and area, by issue and sector, by issue over
    the age and gender columns) rather than every row of the rollup through Python."""
    table = rollup.TagRollup
    area = table.subdistrict_code if filters.district else table.district_code
    where = _rollup_conditions(table, cycle, filters)

    for code, place, count, confirmed in db.session.execute(
            select(StrategicIssue.code, area, func.sum(table.n), func.sum(table.confirmed))
            .join(StrategicIssue, StrategicIssue.id == table.issue_id).where(*where)
            .group_by(StrategicIssue.code, area)):
        margins.add(code, place or None, {}, int(count or 0), int(confirmed or 0))
    by_group = margins.by_group
    for code, sector, count in db.session.execute(
            select(StrategicIssue.code, table.sector, func.sum(table.n))
            .join(StrategicIssue, StrategicIssue.id == table.issue_id).where(*where)
            .group_by(StrategicIssue.code, table.sector)):
        if count:
            row = by_group.setdefault("sector", {}).setdefault(code, {})
            row[sector] = row.get(sector, 0) + int(count)
    vectors = [(dimension, key, getattr(table, name))
               for dimension, columns in rollup.TAG_VECTOR.items() for key, name in columns.items()]
    for code, *sums in db.session.execute(
            select(StrategicIssue.code, *(func.sum(column) for _d, _k, column in vectors))
            .join(StrategicIssue, StrategicIssue.id == table.issue_id).where(*where)
            .group_by(StrategicIssue.code)):
        for (dimension, key, _column), count in zip(vectors, sums):
            if count:
                row = by_group.setdefault(dimension, {}).setdefault(code, {})
                group = key or NOT_GIVEN
                row[group] = row.get(group, 0) + int(count)


def _grouped(column, where) -> dict[str, int]:
    rows = db.session.execute(select(column, func.count()).where(*where).group_by(column))
    return {key: count for key, count in rows}


def breakdown(cycle: StrategyCycle, dimension: str, filters: ReviewFilter = NO_FILTER) -> dict[str, int]:
    """Inputs per value of one dimension (sector, channel, age band, gender, status); inputs
    that did not say are counted under NOT_GIVEN."""
    plan = _plan(cycle, filters)
    if plan == ROLLUP:
        return _rollup_vector(cycle, dimension, filters)
    if plan == RAW:
        return _raw_vector(cycle, dimension, filters)
    return _less(_rollup_vector(cycle, dimension, _without_phase(filters)),
                 *(_raw_vector(cycle, dimension, filters, side) for side in OUTSIDE))


def _raw_vector(cycle: StrategyCycle, dimension: str, filters: ReviewFilter, side: str | None = None) -> dict:
    counts = _grouped(getattr(CitizenInput, dimension), input_conditions(cycle, filters, side))
    return {(key or NOT_GIVEN): count for key, count in counts.items()}


def hearings_per_subdistrict(cycle_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(hearing_subdistrict.c.subdistrict_code, func.count())
        .join(Hearing, Hearing.id == hearing_subdistrict.c.hearing_id)
        .where(Hearing.cycle_id == cycle_id, Hearing.status != STATUS_CANCELLED)
        .group_by(hearing_subdistrict.c.subdistrict_code)
    )
    return {code: count for code, count in rows}


# ---------------------------------------------------------------------------------------------
# Over time

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
        conditions = _rollup_conditions(table, cycle, filters)
        phase = cycle.phase(filters.phase) if filters.phase else None
        if filters.phase:
            conditions += [table.day >= phase.starts_on, table.day <= phase.ends_on] if phase else [false()]
        inputs = {_as_date(d): int(n) for d, n in db.session.execute(
            select(table.day, func.sum(table.n)).where(*conditions).group_by(table.day)) if n}
    else:
        day = _local_day(CitizenInput.submitted_at)
        inputs = {_as_date(d): n for d, n in db.session.execute(
            select(day, func.count()).where(*input_conditions(cycle, filters)).group_by(day))}
    hearing_day = _local_day(Hearing.starts_at)
    hearings = {_as_date(d): n for d, n in db.session.execute(
        select(hearing_day, func.count()).where(*hearing_conditions(cycle, filters)).group_by(hearing_day))}
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
        places = db.session.scalars(select(Subdistrict).where(
            Subdistrict.district_code == filters.district).order_by(Subdistrict.code))
        inputs = _area_inputs(cycle, filters, "subdistrict_code")
    else:
        level = "district"
        places = db.session.scalars(select(District).where(
            District.province_code == cycle.province_code).order_by(District.code))
        inputs = _area_inputs(cycle, filters, "district_code")
    margins = tag_margins(cycle, filters)
    cells = margins.by_area
    issue_totals = margins.by_issue
    table_rows = [AreaRow(code=place.code, name=place.name, inputs=inputs.get(place.code, 0),
                          by_issue=cells.get(place.code, {})) for place in places]
    if inputs.get(None):
        table_rows.append(AreaRow(code="", name="", inputs=inputs[None], by_issue=cells.get(None, {})))
    return AreaTable(level=level, rows=table_rows, issue_totals=dict(issue_totals),
                     inputs=sum(inputs.values()))


def _area_inputs(cycle: StrategyCycle, filters: ReviewFilter, column: str) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for (district, subdistrict, _sector), count in _places(cycle, filters).items():
        key = (subdistrict if column == "subdistrict_code" else district) or None
        counts[key] = counts.get(key, 0) + count
    return counts


# ---------------------------------------------------------------------------------------------
# Which groups raise which issue

def issues_by_group(cycle: StrategyCycle, dimension: str,
                    filters: ReviewFilter = NO_FILTER) -> dict[str, dict[str, int]]:
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


# ---------------------------------------------------------------------------------------------
# What people say

@dataclass
class Quote:
    input_id: int
    receipt: str
    text: str
    sector: str
    approved: bool


@dataclass
class IssueVoices:
    issue: str
    sampled: int
    terms: list[tuple[str, int]]
    quotes: list[Quote]


def voices_by_issue(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, *, terms: int = 12,
                    quotes: int = 3, public: bool = False, sample: int = VOICES_SAMPLE) -> dict[str, IssueVoices]:
    """Per issue, the most frequent words and phrases of its latest inputs (each counted once
    per input) and the inputs that say most of them in few words, as representative quotes.
    The latest VOICES_WINDOW inputs of the cycle (after the filters) are read once, with their
    tags and stored words, and each issue takes up to `sample` of them: one statement, however
    many issues. `public` reads only texts that moderation approved for publication."""
    where = input_conditions(cycle, filters)
    if public:
        where.append(CitizenInput.moderation == MODERATION_APPROVED)
    newest = (select(CitizenInput.id).where(*where)
              .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc()).limit(VOICES_WINDOW).subquery())
    rows = db.session.execute(with_stored_terms(
        select(InputTag.issue_id, CitizenInput.id, CitizenInput.receipt, CitizenInput.text, CitizenInput.sector,
               CitizenInput.moderation)
        .join(newest, newest.c.id == CitizenInput.id)
        .join(InputTag, InputTag.input_id == CitizenInput.id)
        .where(_counted_tags())
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc()))).all()
    by_issue: dict[int, list] = defaultdict(list)
    for row in rows:
        if len(by_issue[row.issue_id]) < sample:
            by_issue[row.issue_id].append(row)
    term_sets = terms_for_inputs([(row.id, row.text, row.text_hash, row.terms)
                                  for chosen in by_issue.values() for row in chosen])
    result = {}
    for issue in cycle.plan.issues:
        chosen = by_issue.get(issue.id, [])
        counts: Counter = Counter()
        for row in chosen:
            counts.update(term_sets[row.id])
        top = heapq.nsmallest(terms, counts.items(), key=lambda item: (-item[1], item[0]))
        result[issue.code] = IssueVoices(issue=issue.code, sampled=len(chosen), terms=top,
                                         quotes=_representative(chosen, term_sets, dict(top), quotes, public))
    return result


def _representative(rows, term_sets, top: dict[str, int], limit: int, public: bool) -> list[Quote]:
    top_terms = set(top)

    def score(row) -> float:
        found = term_sets[row.id]
        return sum(top[term] for term in top_terms.intersection(found)) / max(len(found), 1) ** 0.5

    chosen, seen = [], set()
    if limit <= 0:
        return chosen
    for row in sorted(rows, key=lambda r: (-score(r), r.id)):
        approved = row.moderation == MODERATION_APPROVED
        if (public and not approved) or row.text in seen:
            continue
        seen.add(row.text)
        chosen.append(Quote(input_id=row.id, receipt=row.receipt, text=row.text, sector=row.sector,
                            approved=approved))
        if len(chosen) == limit:
            break
    return chosen


# ---------------------------------------------------------------------------------------------
# Participation coverage

@dataclass
class HearingFacts:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    notice_days: int  # whole days between announcing the hearing and holding it
    held: bool
    minutes_late: bool
    attendance: int | None = None  # people counted by the official; None until counted


@dataclass
class SubdistrictCoverage:
    code: str
    name: str
    district_code: str
    district_name: str
    hearings: list[HearingFacts] = field(default_factory=list)
    inputs: int = 0
    by_sector: dict[str, int] = field(default_factory=dict)
    answered: int = 0

    @property
    def held(self) -> int:
        return sum(1 for hearing in self.hearings if hearing.held)

    @property
    def has_hearing(self) -> bool:
        return bool(self.hearings)

    @property
    def missing_sectors(self) -> list[str]:
        return [sector for sector in SECTORS if not self.by_sector.get(sector)]

    @property
    def minutes_late(self) -> list[HearingFacts]:
        return [hearing for hearing in self.hearings if hearing.minutes_late]

    @property
    def attendance(self) -> int | None:
        counted = [hearing.attendance for hearing in self.hearings if hearing.attendance is not None]
        return sum(counted) if counted else None

    @property
    def shortest_notice(self) -> int | None:
        return min((hearing.notice_days for hearing in self.hearings), default=None)

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.inputs if self.inputs else None

    @property
    def gap_rank(self) -> tuple:
        """Gaps first: neither hearing nor input, then one of them missing, then fewest sectors."""
        return (bool(self.hearings) + bool(self.inputs), len(SECTORS) - len(self.missing_sectors),
                self.inputs, self.code)


@dataclass
class DistrictCoverage:
    code: str
    name: str
    subdistricts: int = 0
    with_hearing: int = 0
    with_input: int = 0
    by_sector: dict[str, int] = field(default_factory=dict)

    @property
    def missing_sectors(self) -> list[str]:
        return [sector for sector in SECTORS if not self.by_sector.get(sector)]

    @property
    def share_covered(self) -> float:
        return self.with_input / self.subdistricts if self.subdistricts else 0.0


@dataclass
class Coverage:
    subdistricts: list[SubdistrictCoverage]
    districts: list[DistrictCoverage]
    minutes_due_days: int

    @property
    def total(self) -> int:
        return len(self.subdistricts)

    @property
    def with_hearing(self) -> int:
        return sum(1 for s in self.subdistricts if s.has_hearing)

    @property
    def with_input(self) -> int:
        return sum(1 for s in self.subdistricts if s.inputs)

    @property
    def without_either(self) -> list[SubdistrictCoverage]:
        return [s for s in self.subdistricts if not s.has_hearing and not s.inputs]

    @property
    def silent_sectors(self) -> list[str]:
        present = Counter()
        for item in self.subdistricts:
            present.update({sector for sector, n in item.by_sector.items() if n})
        return [sector for sector in SECTORS if not present.get(sector)]

    @property
    def late_minutes(self) -> list[HearingFacts]:
        unique = {h.id: h for s in self.subdistricts for h in s.minutes_late}
        return sorted(unique.values(), key=lambda h: h.starts_at)

    def ranked(self) -> list[SubdistrictCoverage]:
        return sorted(self.subdistricts, key=lambda s: s.gap_rank)


def coverage(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, *, now: datetime,
             minutes_due_days: int = 7) -> Coverage:
    """Per subdistrict of the province (or of the chosen district): its hearings (not cancelled,
    with notice period and whether minutes are overdue), its inputs by sector and how many of
    them have been answered (considered, used or not taken up with a reason)."""
    area = [Subdistrict.province_code == cycle.province_code]
    if filters.subdistrict:
        area.append(Subdistrict.code == filters.subdistrict)
    elif filters.district:
        area.append(Subdistrict.district_code == filters.district)
    places = db.session.execute(
        select(Subdistrict.code, Subdistrict.name_th, Subdistrict.name_en, District.code,
               District.name_th, District.name_en)
        .join(District, District.code == Subdistrict.district_code)
        .where(*area).order_by(Subdistrict.code)).all()
    english = current_language() == "en"
    items = {row[0]: SubdistrictCoverage(code=row[0], name=row[2] if english else row[1],
                                         district_code=row[3], district_name=row[5] if english else row[4])
             for row in places}
    due = now - timedelta(days=minutes_due_days)
    hearing_filter = ReviewFilter(phase=filters.phase, hearing=filters.hearing)
    hearing_rows = db.session.execute(
        select(Hearing.id, Hearing.title, Hearing.title_en, Hearing.starts_at, Hearing.ends_at, Hearing.status,
               Hearing.created_at, hearing_subdistrict.c.subdistrict_code)
        .join(hearing_subdistrict, hearing_subdistrict.c.hearing_id == Hearing.id)
        .where(*hearing_conditions(cycle, hearing_filter))).all()
    attendance = dict(db.session.execute(
        select(Attendance.hearing_id, func.sum(Attendance.count))
        .where(Attendance.hearing_id.in_({row.id for row in hearing_rows}))
        .group_by(Attendance.hearing_id)).all()) if hearing_rows else {}
    for row in hearing_rows:
        target = items.get(row.subdistrict_code)
        if target is None:
            continue
        target.hearings.append(HearingFacts(
            id=row.id, title=localised(row.title, row.title_en), starts_at=row.starts_at, ends_at=row.ends_at, status=row.status,
            notice_days=(to_local(row.starts_at).date() - to_local(row.created_at).date()).days,
            held=row.ends_at <= now,
            minutes_late=row.ends_at < due and row.status != STATUS_MINUTES_RECORDED,
            attendance=attendance.get(row.id)))
    input_filter = ReviewFilter(phase=filters.phase, hearing=filters.hearing, sector=filters.sector)
    for (code, sector), (count, answered) in _answered_by_place(cycle, input_filter).items():
        target = items.get(code)
        if target is None:
            continue
        target.inputs += count
        target.answered += int(answered or 0)
        target.by_sector[sector] = count
    districts: dict[str, DistrictCoverage] = {}
    for item in items.values():
        district = districts.setdefault(item.district_code,
                                        DistrictCoverage(code=item.district_code, name=item.district_name))
        district.subdistricts += 1
        district.with_hearing += item.has_hearing
        district.with_input += bool(item.inputs)
        for sector, count in item.by_sector.items():
            district.by_sector[sector] = district.by_sector.get(sector, 0) + count
    return Coverage(subdistricts=list(items.values()), districts=list(districts.values()),
                    minutes_due_days=minutes_due_days)


def _answered_by_place(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple, tuple[int, int]]:
    """(subdistrict, sector) → (inputs, of them answered), positive counts only."""
    plan = _plan(cycle, filters)

    def read(query) -> dict:
        return {(code or None, sector): (int(count), int(answered or 0))
                for code, sector, count, answered in db.session.execute(query) if count}

    def raw(side=None) -> dict:
        return read(select(CitizenInput.subdistrict_code, CitizenInput.sector, func.count(), func.sum(_answered_case()))
                    .where(*input_conditions(cycle, filters, side))
                    .group_by(CitizenInput.subdistrict_code, CitizenInput.sector))

    if plan == RAW:
        return raw()
    table = rollup.InputRollup
    answered_columns = [getattr(table, rollup.STATUS_COLUMNS[status]) for status in ANSWERED_STATUSES]
    totals = read(select(table.subdistrict_code, table.sector, func.sum(table.n),
                         func.sum(sum(answered_columns[1:], answered_columns[0])))
                  .where(*_rollup_conditions(table, cycle, _without_phase(filters)))
                  .group_by(table.subdistrict_code, table.sector))
    if plan == COMPLEMENT:
        for side in OUTSIDE:
            for key, (count, answered) in raw(side).items():
                kept = totals.get(key, (0, 0))
                totals[key] = (kept[0] - count, kept[1] - answered)
    return {key: value for key, value in totals.items() if value[0]}


def _answered_case():
    return case((CitizenInput.status.in_(ANSWERED_STATUSES), 1), else_=0)


# ---------------------------------------------------------------------------------------------
# Input lists (the planners' search view and the row-level export)

@dataclass(frozen=True)
class InputSearch:
    text: str = ""
    issue: str | None = None  # an issue code: inputs with a non-rejected tag for it
    status: str | None = None


def input_query(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, search: InputSearch = InputSearch()):
    query = select(CitizenInput).where(*input_conditions(cycle, filters))
    if search.text:
        query = query.where(CitizenInput.text.ilike(f"%{_escape_like(search.text)}%", escape="\\"))
    if search.issue:
        query = query.where(CitizenInput.id.in_(
            select(InputTag.input_id).join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
            .where(StrategicIssue.plan_id == cycle.plan_id, StrategicIssue.code == search.issue,
                   _counted_tags())))
    if search.status:
        query = query.where(CitizenInput.status == search.status)
    return query


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_inputs(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, search: InputSearch = InputSearch(),
                  *, offset: int = 0, limit: int = 50) -> tuple[list[CitizenInput], int]:
    query = input_query(cycle, filters, search)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        query.options(selectinload(CitizenInput.tags).selectinload(InputTag.issue))
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .offset(offset).limit(limit)).all()
    return list(items), total


def export_batch(cycle: StrategyCycle, filters: ReviewFilter, after_id: int, limit: int) -> list[CitizenInput]:
    """The next counted inputs after `after_id` in id order, with what an export row shows
    loaded: exports read a million rows in such batches (keyset, not offset)."""
    return list(db.session.scalars(
        select(CitizenInput).where(*input_conditions(cycle, filters), CitizenInput.id > after_id)
        .options(selectinload(CitizenInput.tags).selectinload(InputTag.issue),
                 selectinload(CitizenInput.contact), selectinload(CitizenInput.hearing),
                 selectinload(CitizenInput.subdistrict))
        .order_by(CitizenInput.id).limit(limit)))


def published_revisions(cycle: StrategyCycle) -> list[Revision]:
    return list(db.session.scalars(
        select(Revision).where(Revision.cycle_id == cycle.id, Revision.status == REVISION_PUBLISHED)
        .order_by(Revision.published_at)))


def status_counts_by_issue(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> dict[str, dict[str, int]]:
    """issue code → input status → inputs: what became of the input on each issue."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(StrategicIssue.code, CitizenInput.status, func.count())
        .select_from(CitizenInput)
        .join(InputTag, InputTag.input_id == CitizenInput.id)
        .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
        .where(*input_conditions(cycle, filters), _counted_tags())
        .group_by(StrategicIssue.code, CitizenInput.status))
    for code, status, count in rows:
        result[code][status] = count
    return dict(result)
