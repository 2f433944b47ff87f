"""Aggregates over input: the conditions every count shares, the cycle summary and the counts by
issue, place and group, read from the rollups where they can answer. The dashboard's tables
(consult.review.tables), what people say (voices), participation coverage (coverage) and the
input lists (input_lists) build on them, so that the dashboard, the exports, the committee report,
the public results page and the API cannot disagree.

An input counts when it belongs to the cycle, is not hidden by moderation and matches the
filters. An input that names no subdistrict but was given at a hearing belongs to each of the
hearing's subdistricts (a group hearing gathers several): a subdistrict filter and the coverage
count it for every one of them, while every total counts it once. It counts under a strategic issue when it carries a tag for that issue that no planner
has rejected: chosen by the citizen, suggested by the tagger, or confirmed/added by a planner.
Hearings count when they belong to the cycle, are not cancelled and match the filters (a sector
filter does not narrow hearings: a hearing is open to every sector).
"""

from dataclasses import dataclass, field, replace

from sqlalchemy import and_, case, false, func, literal_column, or_, select

from consult.extensions import db
from consult.hearings.models import STATUS_CANCELLED, Hearing, hearing_subdistrict
from consult.inputs.models import (
    CHANNELS,
    MODERATION_HIDDEN,
    STATUS_CONSIDERED,
    STATUS_LABELS,
    STATUS_NOT_TAKEN_UP,
    STATUS_USED,
    CitizenInput,
)
from consult.participants import AGE_BANDS, GENDERS, SECTORS
from consult.review import rollup
from consult.review.filters import ReviewFilter, phase_window
from consult.scale.cache import cached_per_cycle_version
from consult.strategy.models import StrategicIssue, StrategyCycle
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


# ---------------------------------------------------------------------------------------------
# Conditions shared by every aggregate (here and in the tables, voices, coverage and input lists)


def input_conditions(
    cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, side: str | None = None
) -> list:
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
        conditions.append(given_in_subdistrict(filters.subdistrict))
    return conditions + area_and_sector_conditions(CitizenInput, filters)


def given_in_subdistrict(code: str):
    """Inputs that name the subdistrict, and those that name none given at one of its hearings."""
    return or_(
        CitizenInput.subdistrict_code == code,
        and_(
            CitizenInput.subdistrict_code.is_(None),
            CitizenInput.hearing_id.in_(
                select(hearing_subdistrict.c.hearing_id).where(hearing_subdistrict.c.subdistrict_code == code)
            ),
        ),
    )


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
        conditions += (
            [Hearing.starts_at >= window.starts, Hearing.starts_at < window.ends] if window else [false()]
        )
    if filters.hearing:
        conditions.append(Hearing.id == filters.hearing)
    if filters.subdistrict:
        conditions.append(
            Hearing.id.in_(
                select(hearing_subdistrict.c.hearing_id).where(
                    hearing_subdistrict.c.subdistrict_code == filters.subdistrict
                )
            )
        )
    if filters.district:
        conditions.append(Hearing.district_code == filters.district)
    return conditions


def counted_tags():
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
            "inputs": self.inputs,
            "hearings": self.hearings,
            "by_issue": self.by_issue,
            "by_sector": self.by_sector,
            "by_district": self.by_district,
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
    return Cells(
        tuple(row)
        for row in db.session.execute(
            select(*groups, func.count(), func.sum(case((InputTag.state == TAG_CONFIRMED, 1), else_=0)))
            .select_from(CitizenInput)
            .join(InputTag, InputTag.input_id == CitizenInput.id)
            .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
            .where(*input_conditions(cycle, filters, side), counted_tags())
            .group_by(*groups)
        )
    )


@cached_per_cycle_version
def cycle_summary(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> CycleSummary:
    tags = tag_margins(cycle, filters)
    summary = CycleSummary()
    summary.hearings = db.session.scalar(
        select(func.count()).select_from(Hearing).where(*hearing_conditions(cycle, filters))
    )
    places = inputs_by_place(cycle, filters)
    summary.inputs = sum(places.values())
    for (district, _subdistrict, sector), count in places.items():
        summary.by_sector[sector] = summary.by_sector.get(sector, 0) + count
        if district:
            summary.by_district[district] = summary.by_district.get(district, 0) + count
    heard = {subdistrict for _d, subdistrict, _s in places if subdistrict}
    for place in inputs_at_hearings_without_place(cycle, filters).values():
        heard.update(place.subdistricts)
    if filters.subdistrict:  # a group hearing of the subdistrict names its other subdistricts too
        heard &= {filters.subdistrict}
    summary.subdistricts_with_input = len(heard)
    summary.by_issue = dict(tags.by_issue)
    summary.confirmed_by_issue = {code: count for code, count in tags.confirmed.items() if count}
    return summary


# ---------------------------------------------------------------------------------------------
# Reading the rollups (consult.review.rollup): every filter but a hearing and a phase is a
# condition on their keys; a phase is a range of days, which only the daily rollup keeps.

ROLLUP, RAW, COMPLEMENT = "rollup", "raw", "complement"
OUTSIDE = ("before", "after")


def rollup_serves(filters: ReviewFilter) -> bool:
    """The rollups keep the subdistrict an input names, not the hearings it may have been given
    at: a subdistrict (whose inputs include those of its group hearings) is read from the inputs."""
    return filters.hearing is None and filters.phase is None and filters.subdistrict is None


def _plan(cycle: StrategyCycle, filters: ReviewFilter) -> str:
    """How to count under these filters. Without a hearing, a subdistrict or a phase: the
    rollups. A hearing or a subdistrict has few inputs: read them (RAW). A phase is a range of days, which only the daily rollup
    keeps, and it tells how many inputs fall within the phase: when that is most of them (the
    hearing phase), the rollups' totals less the few inputs before and after the phase
    (COMPLEMENT); otherwise the few within it (RAW)."""
    if filters.hearing is not None or filters.subdistrict is not None:
        return RAW
    if rollup_serves(filters):
        return ROLLUP
    phase = cycle.phase(filters.phase)
    if phase is None:
        return RAW
    table = rollup.DailyRollup
    within = case((and_(table.day >= phase.starts_on, table.day <= phase.ends_on), table.n), else_=0)
    total, inside = db.session.execute(
        select(func.sum(table.n), func.sum(within)).where(*rollup_conditions(table, cycle, filters))
    ).one()
    return COMPLEMENT if 2 * int(inside or 0) > int(total or 0) else RAW


def without_phase(filters: ReviewFilter) -> ReviewFilter:
    return replace(filters, phase=None)


def _less(totals: dict, *parts: dict) -> dict:
    """totals less each part, key by key, keeping positive counts."""
    result = dict(totals)
    for part in parts:
        for key, count in part.items():
            result[key] = result.get(key, 0) - count
    return {key: count for key, count in result.items() if count}


def inputs_by_place(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple[str, str, str], int]:
    plan = _plan(cycle, filters)
    if plan == ROLLUP:
        return _rollup_places(cycle, filters)
    if plan == RAW:
        return _raw_places(cycle, filters)
    return _less(
        _rollup_places(cycle, without_phase(filters)),
        *(_raw_places(cycle, filters, side) for side in OUTSIDE),
    )


def _raw_places(cycle: StrategyCycle, filters: ReviewFilter, side: str | None = None) -> dict:
    keys = (
        func.coalesce(CitizenInput.district_code, ""),
        func.coalesce(CitizenInput.subdistrict_code, ""),
        CitizenInput.sector,
    )
    rows = db.session.execute(
        select(*keys, func.count()).where(*input_conditions(cycle, filters, side)).group_by(*keys)
    )
    return {(district, subdistrict, sector): n for district, subdistrict, sector, n in rows if n}


def daily_rollup_serves(filters: ReviewFilter) -> bool:
    """The daily rollup keeps districts, not subdistricts."""
    return filters.hearing is None and filters.subdistrict is None


def area_and_sector_conditions(table, filters: ReviewFilter) -> list:
    """The filter's district and sector, on the inputs or on a rollup table (both carry the
    columns under the same names). A subdistrict is not among them: on the inputs it takes in
    the inputs of its group hearings (given_in_subdistrict), which the rollups cannot tell, so a
    subdistrict is read from the inputs (rollup_serves)."""
    conditions = []
    if filters.district:
        conditions.append(table.district_code == filters.district)
    if filters.sector:
        conditions.append(table.sector == filters.sector)
    return conditions


def rollup_conditions(table, cycle: StrategyCycle, filters: ReviewFilter) -> list:
    return [table.cycle_id == cycle.id, *area_and_sector_conditions(table, filters)]


def _rollup_places(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple[str, str, str], int]:
    """(district, subdistrict, sector) → inputs, positive counts only."""
    table = rollup.InputRollup
    rows = db.session.execute(
        select(table.district_code, table.subdistrict_code, table.sector, table.n).where(
            *rollup_conditions(table, cycle, filters), table.n > 0
        )
    )
    return {(district, subdistrict, sector): n for district, subdistrict, sector, n in rows}


def _rollup_vector(cycle: StrategyCycle, dimension: str, filters: ReviewFilter) -> dict[str, int]:
    table = rollup.InputRollup
    if dimension == "sector":
        rows = db.session.execute(
            select(table.sector, func.sum(table.n))
            .where(*rollup_conditions(table, cycle, filters))
            .group_by(table.sector)
        )
        return {key: int(count) for key, count in rows if count}
    columns = rollup.INPUT_VECTOR[dimension]
    sums = db.session.execute(
        select(*(func.sum(getattr(table, name)) for name in columns.values())).where(
            *rollup_conditions(table, cycle, filters)
        )
    ).one()
    return {(key or NOT_GIVEN): int(count) for key, count in zip(columns, sums) if count}


@dataclass
class TagMargins:
    """Counted tags per issue (and confirmed), per area and issue, per group and issue."""

    by_issue: dict[str, int] = field(default_factory=dict)
    confirmed: dict[str, int] = field(default_factory=dict)
    by_area: dict[str | None, dict[str, int]] = field(default_factory=dict)
    by_group: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def add(
        self, code: str, area, groups: dict[str, dict[str, int]], count: int, confirmed: int, sign: int = 1
    ) -> None:
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
            self.add(
                code,
                area,
                {
                    "sector": {sector: count},
                    "age_band": {age_band or NOT_GIVEN: count},
                    "gender": {gender or NOT_GIVEN: count},
                },
                count,
                int(confirmed or 0),
                sign,
            )

    def pruned(self) -> "TagMargins":
        """Without the zeros a subtraction leaves (the inputs' own counts have none)."""

        def positive(counts):
            return {key: value for key, value in counts.items() if value}

        self.by_issue = positive(self.by_issue)
        self.by_area = {area: positive(cells) for area, cells in self.by_area.items() if positive(cells)}
        self.by_group = {
            dimension: {code: positive(groups) for code, groups in rows.items() if positive(groups)}
            for dimension, rows in self.by_group.items()
        }
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
    _add_tag_rollup(margins, cycle, without_phase(filters) if plan == COMPLEMENT else filters)
    if plan == COMPLEMENT:
        for side in OUTSIDE:
            margins.add_cube(tag_cube(cycle, filters, side), sign=-1)
    return margins.pruned()


def _add_tag_rollup(margins: TagMargins, cycle: StrategyCycle, filters: ReviewFilter) -> None:
    """Three small sums in the database (by issue and area, by issue and sector, by issue over
    the age and gender columns) rather than every row of the rollup through Python."""
    table = rollup.TagRollup
    area = table.subdistrict_code if filters.district else table.district_code
    where = rollup_conditions(table, cycle, filters)

    for code, place, count, confirmed in db.session.execute(
        select(StrategicIssue.code, area, func.sum(table.n), func.sum(table.confirmed))
        .join(StrategicIssue, StrategicIssue.id == table.issue_id)
        .where(*where)
        .group_by(StrategicIssue.code, area)
    ):
        margins.add(code, place or None, {}, int(count or 0), int(confirmed or 0))
    by_group = margins.by_group
    for code, sector, count in db.session.execute(
        select(StrategicIssue.code, table.sector, func.sum(table.n))
        .join(StrategicIssue, StrategicIssue.id == table.issue_id)
        .where(*where)
        .group_by(StrategicIssue.code, table.sector)
    ):
        if count:
            row = by_group.setdefault("sector", {}).setdefault(code, {})
            row[sector] = row.get(sector, 0) + int(count)
    vectors = [
        (dimension, key, getattr(table, name))
        for dimension, columns in rollup.TAG_VECTOR.items()
        for key, name in columns.items()
    ]
    for code, *sums in db.session.execute(
        select(StrategicIssue.code, *(func.sum(column) for _d, _k, column in vectors))
        .join(StrategicIssue, StrategicIssue.id == table.issue_id)
        .where(*where)
        .group_by(StrategicIssue.code)
    ):
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
    return _less(
        _rollup_vector(cycle, dimension, without_phase(filters)),
        *(_raw_vector(cycle, dimension, filters, side) for side in OUTSIDE),
    )


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


def answered_by_place(cycle: StrategyCycle, filters: ReviewFilter) -> dict[tuple, tuple[int, int]]:
    """(subdistrict, sector) → (inputs, of them answered), positive counts only."""
    plan = _plan(cycle, filters)

    def read(query) -> dict:
        return {
            (code or None, sector): (int(count), int(answered or 0))
            for code, sector, count, answered in db.session.execute(query)
            if count
        }

    def raw(side=None) -> dict:
        return read(
            select(
                CitizenInput.subdistrict_code, CitizenInput.sector, func.count(), func.sum(answered_case())
            )
            .where(*input_conditions(cycle, filters, side))
            .group_by(CitizenInput.subdistrict_code, CitizenInput.sector)
        )

    if plan == RAW:
        return raw()
    table = rollup.InputRollup
    answered_columns = [getattr(table, rollup.STATUS_COLUMNS[status]) for status in ANSWERED_STATUSES]
    totals = read(
        select(
            table.subdistrict_code,
            table.sector,
            func.sum(table.n),
            func.sum(sum(answered_columns[1:], answered_columns[0])),
        )
        .where(*rollup_conditions(table, cycle, without_phase(filters)))
        .group_by(table.subdistrict_code, table.sector)
    )
    if plan == COMPLEMENT:
        for side in OUTSIDE:
            for key, (count, answered) in raw(side).items():
                kept = totals.get(key, (0, 0))
                totals[key] = (kept[0] - count, kept[1] - answered)
    return {key: value for key, value in totals.items() if value[0]}


@dataclass(frozen=True)
class HearingPlaces:
    """The subdistricts of one hearing, and per sector its counted inputs that name no
    subdistrict: (inputs, of them answered)."""

    subdistricts: tuple[str, ...]
    by_sector: dict[str, tuple[int, int]]


@cached_per_cycle_version
def inputs_at_hearings_without_place(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER) -> dict:
    """hearing id → (its subdistrict codes, sector → (inputs, answered)) for the counted inputs
    given at a hearing without naming a subdistrict: at a group hearing, for each of its
    subdistricts. Read through the inputs' hearing index (few inputs name no subdistrict)."""
    by_hearing: dict[int, dict[str, tuple[int, int]]] = {}
    for hearing_id, sector, count, answered in db.session.execute(
        select(CitizenInput.hearing_id, CitizenInput.sector, func.count(), func.sum(answered_case()))
        .where(
            *input_conditions(cycle, filters),
            CitizenInput.subdistrict_code.is_(None),
            CitizenInput.hearing_id.is_not(None),
        )
        .group_by(CitizenInput.hearing_id, CitizenInput.sector)
    ):
        by_hearing.setdefault(hearing_id, {})[sector] = (int(count), int(answered or 0))
    if not by_hearing:
        return {}
    places: dict[int, list[str]] = {}
    for hearing_id, code in db.session.execute(
        select(hearing_subdistrict.c.hearing_id, hearing_subdistrict.c.subdistrict_code)
        .where(hearing_subdistrict.c.hearing_id.in_(by_hearing))
        .order_by(hearing_subdistrict.c.subdistrict_code)
    ):
        places.setdefault(hearing_id, []).append(code)
    return {
        hearing_id: HearingPlaces(tuple(places.get(hearing_id, ())), sectors)
        for hearing_id, sectors in by_hearing.items()
    }


def answered_case():
    return case((CitizenInput.status.in_(ANSWERED_STATUSES), 1), else_=0)
