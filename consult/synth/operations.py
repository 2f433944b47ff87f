"""National synthetic data for benchmarks and demos: every real subdistrict, strategy cycles in
every province, hearings spread over them and inputs with Thai text, tags, sectors and
demographics, and the inputs' rows in the search index. Plans and cycles go through the ORM (a
few hundred rows); hearings, inputs, tags and index rows are written in bulk
(`consult.synth.bulk`); BENCHMARKS.md has how long a million inputs take.

Each run adds to what is there: plans and cycles are found again by their titles, hearings and
inputs are new. Nothing else may write to these tables while it runs (ids are assigned here).
"""

import random
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from functools import lru_cache
from itertools import accumulate

from sqlalchemy import select

from consult.extensions import db
from consult.geography.models import District, Province, Subdistrict
from consult.hearings.models import (
    STATUS_ANNOUNCED,
    STATUS_CANCELLED,
    STATUS_HELD,
    Hearing,
    hearing_issue,
    hearing_subdistrict,
)
from consult.hearings.rules import is_working_day
from consult.i18n import LOCAL_ZONE, buddhist_year
from consult.inputs.models import (
    HIDE_REASONS,
    MODERATION_APPROVED,
    MODERATION_HIDDEN,
    MODERATION_PENDING,
    STATUS_CONSIDERED,
    STATUS_NOT_TAKEN_UP,
    STATUS_RECEIVED,
    STATUS_UNDER_REVIEW,
    CitizenInput,
)
from consult.inputs.receipts import ALPHABET, LENGTH
from consult.strategy.catalogue import catalogue_issues, usual_phases
from consult.strategy.models import PHASE_HEARINGS, StrategicPlan, StrategyCycle
from consult.synth import phrases
from consult.synth.bulk import BulkWriter
from consult.tagging.index import pieces_of, province_word
from consult.tagging.models import (
    SOURCE_CITIZEN,
    SOURCE_MODEL,
    TAG_CONFIRMED,
    TAG_REJECTED,
    TAG_SUGGESTED,
    InputSearchText,
    InputTag,
)
from consult.tagging.text import tokenize
from consult.timeutil import utcnow

SYNTHETIC_MARK_TH = "(ข้อมูลจำลอง)"
SYNTHETIC_MARK_EN = "(synthetic data)"
MODEL_VERSION = "synthetic"
HEARING_STARTS = [clock(9, 0), clock(9, 30), clock(13, 0), clock(13, 30), clock(17, 30)]
HEARING_HOURS = [2, 2.5, 3]
CAPACITIES = [50, 60, 80, 100, 120, 150]
INPUT_OPENS_DAYS_BEFORE = 21
SHARE_AT_HEARINGS = 0.8  # the rest is sent online for the cycle as a whole
GROUP_HEARING_SHARE = 0.15
CANCELLED_SHARE = 0.04
OFF_TOPIC_SHARE = 0.03
SECOND_ISSUE_SHARE = 0.3
MATCHING_REQUEST_SHARE = 0.75  # the request answers the problem named; the others ask for something else
VILLAGE_GIVEN_SHARE = 0.5

SECTOR_WEIGHTS = {"citizen": 55, "government": 15, "civil_society": 12, "private": 10, "academia": 8}
AGE_WEIGHTS = {"under_18": 4, "18_24": 10, "25_39": 26, "40_59": 33, "60_plus": 15, None: 12}
GENDER_WEIGHTS = {"female": 46, "male": 42, "other": 1, "unspecified": 3, None: 8}
MODERATION_WEIGHTS = {MODERATION_APPROVED: 85, MODERATION_PENDING: 12, MODERATION_HIDDEN: 3}
HEARING_CHANNEL_WEIGHTS = {"online": 45, "hearing_paper": 35, "hearing_verbal": 15, "line": 5}
CYCLE_CHANNEL_WEIGHTS = {"online": 70, "line": 20, "api": 10}
STATUS_WEIGHTS_OPEN = {STATUS_RECEIVED: 70, STATUS_UNDER_REVIEW: 30}
STATUS_WEIGHTS_CLOSED = {STATUS_CONSIDERED: 50, STATUS_NOT_TAKEN_UP: 20, STATUS_UNDER_REVIEW: 30}
TAG_STATE_WEIGHTS_OPEN = {TAG_SUGGESTED: 70, TAG_CONFIRMED: 25, TAG_REJECTED: 5}
TAG_STATE_WEIGHTS_CLOSED = {TAG_SUGGESTED: 20, TAG_CONFIRMED: 75, TAG_REJECTED: 5}
CITIZEN_TAG_SHARE = 0.3


@dataclass(frozen=True)
class SynthSpec:
    inputs: int
    hearings: int
    cycles_per_province: int = 3
    provinces: tuple[str, ...] = ()  # empty: all 77
    seed: int = 1
    batch_size: int = 20_000
    today: date | None = None


@dataclass
class SynthReport:
    plans: int = 0
    cycles: int = 0
    hearings: int = 0
    inputs: int = 0
    tags: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    code: str
    district_code: str
    province_code: str
    name_th: str
    district_name_th: str


@dataclass(frozen=True)
class CycleFrame:
    id: int
    province_code: str
    hearing_start: datetime  # first instant of the hearing phase, UTC
    hearing_end: datetime  # its last instant (23:59 of the last day), UTC
    working_days: tuple[date, ...]
    issue_ids: dict[str, int]  # catalogue code -> strategic_issue.id of the cycle's plan

    def is_closed(self, now: datetime) -> bool:
        return self.hearing_end < now


@dataclass(frozen=True)
class HearingFrame:
    id: int
    cycle: CycleFrame
    subdistricts: tuple[Place, ...]
    starts_at: datetime
    ends_at: datetime
    opens_at: datetime
    closes_at: datetime
    status: str


class Weighted:
    """Fast repeated choice from a fixed weighted set."""

    def __init__(self, weights: dict):
        self.values = list(weights)
        self.bounds = list(accumulate(weights.values()))
        self.total = self.bounds[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect_right(self.bounds, rng.random() * self.total)]


def generate(spec: SynthSpec, progress: Callable[[str], None] = lambda message: None) -> SynthReport:
    if spec.inputs < 0 or spec.hearings < 0 or spec.cycles_per_province < 1 or spec.batch_size < 1:
        raise ValueError("inputs and hearings must be 0 or more, cycles and batch size 1 or more")
    began = time.perf_counter()
    rng = random.Random(spec.seed)
    now = utcnow()
    today = spec.today or now.astimezone(LOCAL_ZONE).date()
    report = SynthReport()
    places = _places(spec.provinces)
    cycles, report.plans = _plans_and_cycles(
        sorted({p.province_code for p in places}), spec.cycles_per_province, today
    )
    report.cycles = sum(len(frames) for frames in cycles.values())
    report.timings["plans"] = time.perf_counter() - began
    progress(f"{report.plans} plans, {report.cycles} cycles ready")

    step = time.perf_counter()
    hearings = _write_hearings(spec, rng, places, cycles, now, progress)
    report.hearings = len(hearings)
    report.timings["hearings"] = time.perf_counter() - step

    step = time.perf_counter()
    report.inputs, report.tags = _write_inputs(spec, rng, places, cycles, hearings, now, progress)
    report.timings["inputs"] = time.perf_counter() - step

    step = time.perf_counter()
    _refresh_statistics()
    report.timings["analyze"] = time.perf_counter() - step
    db.session.commit()  # hands back the session's connection, if it holds one
    db.engine.dispose()  # closes the bulk connections, with their large SQLite page cache
    report.seconds = time.perf_counter() - began
    return report


def _refresh_statistics() -> None:
    """Plans for the new amount of data; on PostgreSQL VACUUM also marks the pages all-visible,
    which index-only scans (the covering indexes of consult.scale.indexes) need."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if connection.dialect.name == "postgresql":
            tables = (
                Hearing.__table__,
                hearing_subdistrict,
                hearing_issue,
                CitizenInput.__table__,
                InputTag.__table__,
                InputSearchText.__table__,
            )
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(table.name for table in tables)}")
        else:
            connection.exec_driver_sql("ANALYZE")


def _places(provinces: tuple[str, ...]) -> list[Place]:
    query = (
        select(
            Subdistrict.code,
            Subdistrict.district_code,
            Subdistrict.province_code,
            Subdistrict.name_th,
            District.name_th,
        )
        .join(District, District.code == Subdistrict.district_code)
        .order_by(Subdistrict.code)
    )
    if provinces:
        query = query.where(Subdistrict.province_code.in_(provinces))
    places = [Place(*row) for row in db.session.execute(query)]
    if not places:
        raise ValueError(
            "no subdistricts found: load the geography first (consult load-geography)"
            if not provinces
            else f"no subdistricts in provinces {', '.join(provinces)}"
        )
    missing = set(provinces) - {place.province_code for place in places}
    if missing:
        raise ValueError(f"unknown province codes: {', '.join(sorted(missing))}")
    return places


def _plans_and_cycles(
    province_codes: list[str], per_province: int, today: date
) -> tuple[dict[str, list[CycleFrame]], int]:
    """One synthetic plan per province and its cycles, one a year, the latest running today."""
    provinces = {
        p.code: p for p in db.session.scalars(select(Province).where(Province.code.in_(province_codes)))
    }
    frames: dict[str, list[CycleFrame]] = {}
    for code in province_codes:
        province = provinces[code]
        title_th = f"แผนพัฒนาจังหวัด{province.name_th} พ.ศ. 2566–2570 {SYNTHETIC_MARK_TH}"
        plan = db.session.scalar(
            select(StrategicPlan).where(
                StrategicPlan.province_code == code, StrategicPlan.title_th == title_th
            )
        )
        if plan is None:
            plan = StrategicPlan(
                province_code=code,
                title_th=title_th,
                title_en=f"{province.name_en} Provincial Development Plan 2023–2027 {SYNTHETIC_MARK_EN}",
                first_year=2566,
                last_year=2570,
            )
            plan.issues.extend(catalogue_issues())
            db.session.add(plan)
        cycles = [
            _cycle(plan, province, today - timedelta(days=365 * years_back))
            for years_back in range(per_province - 1, -1, -1)
        ]
        frames[code] = cycles
    db.session.commit()
    result = {code: [_frame(cycle) for cycle in cycles] for code, cycles in frames.items()}
    db.session.commit()  # the bulk writes use connections of their own: hold no transaction open
    return result, len(province_codes)


def _cycle(plan: StrategicPlan, province: Province, anchor: date) -> StrategyCycle:
    fiscal_year = buddhist_year(anchor.year + (1 if anchor.month >= 10 else 0))
    title = f"การทบทวนแผนพัฒนาจังหวัด{province.name_th} ปีงบประมาณ {fiscal_year} {SYNTHETIC_MARK_TH}"
    cycle = next((c for c in plan.cycles if c.title == title), None)
    if cycle is None:
        cycle = StrategyCycle(plan=plan, province_code=province.code, title=title)
        cycle.phases.extend(usual_phases(anchor))  # the latest cycle's hearing phase runs today
        db.session.add(cycle)
    return cycle


def _frame(cycle: StrategyCycle) -> CycleFrame:
    phase = cycle.phase(PHASE_HEARINGS)
    days = []
    day = phase.starts_on
    while day <= phase.ends_on:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return CycleFrame(
        id=cycle.id,
        province_code=cycle.province_code,
        hearing_start=datetime.combine(phase.starts_on, clock.min, tzinfo=LOCAL_ZONE).astimezone(UTC),
        hearing_end=datetime.combine(phase.ends_on, clock(23, 59), tzinfo=LOCAL_ZONE).astimezone(UTC),
        working_days=tuple(days),
        issue_ids={issue.code: issue.id for issue in cycle.plan.issues},
    )


def _share_out(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split a total in proportion to weights, largest remainders first, so the parts add up."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    parts = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: exact[k] - parts[k], reverse=True)[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def _batches(count: int, size: int) -> Iterator[int]:
    while count > 0:
        yield min(size, count)
        count -= size


def _write_hearings(
    spec: SynthSpec,
    rng: random.Random,
    places: list[Place],
    cycles: dict[str, list[CycleFrame]],
    now: datetime,
    progress,
) -> list[HearingFrame]:
    by_province: dict[str, list[Place]] = {}
    for place in places:
        by_province.setdefault(place.province_code, []).append(place)
    shares = _share_out(spec.hearings, {code: len(items) for code, items in by_province.items()})
    plan = []  # (cycle, subdistricts) for every hearing, in province order
    for code, count in shares.items():
        local = by_province[code]
        order = rng.sample(range(len(local)), len(local))
        for number in range(count):
            first = order[number % len(order)]
            size = 1 if rng.random() >= GROUP_HEARING_SHARE else rng.choice((2, 3))
            group = [local[first]]
            for neighbour in local[first + 1 : first + size]:
                if neighbour.district_code == local[first].district_code:
                    group.append(neighbour)
            plan.append((cycles[code][number % len(cycles[code])], tuple(group)))

    frames = []
    with db.engine.begin() as connection:
        writer = BulkWriter(connection)
        next_id = writer.next_id(Hearing.__table__)
    written = 0
    for size in _batches(len(plan), spec.batch_size):
        rows, links, issues = [], [], []
        for cycle, group in plan[written : written + size]:
            frame = _hearing_frame(rng, next_id, cycle, group, now)
            frames.append(frame)
            rows.append(_hearing_row(rng, frame, now))
            links.extend({"hearing_id": next_id, "subdistrict_code": p.code} for p in group)
            codes = rng.sample(sorted(cycle.issue_ids), rng.randint(3, 5))
            issues.extend({"hearing_id": next_id, "issue_id": cycle.issue_ids[c]} for c in codes)
            next_id += 1
        with db.engine.begin() as connection:
            writer = BulkWriter(connection)
            with writer.cycle_versions_moved_once({row["cycle_id"] for row in rows}):
                writer.write(Hearing.__table__, rows)
                writer.write(hearing_subdistrict, links)
                writer.write(hearing_issue, issues)
        written += size
        progress(f"hearings: {written:,} of {len(plan):,}")
    with db.engine.begin() as connection:
        BulkWriter(connection).reset_sequence(Hearing.__table__)
    return frames


def _hearing_frame(
    rng: random.Random, hearing_id: int, cycle: CycleFrame, group: tuple[Place, ...], now: datetime
) -> HearingFrame:
    day = rng.choice(cycle.working_days)
    starts = datetime.combine(day, rng.choice(HEARING_STARTS), tzinfo=LOCAL_ZONE).astimezone(UTC)
    ends = starts + timedelta(hours=rng.choice(HEARING_HOURS))
    if rng.random() < CANCELLED_SHARE:
        status = STATUS_CANCELLED
    else:
        status = STATUS_HELD if ends < now else STATUS_ANNOUNCED
    return HearingFrame(
        id=hearing_id,
        cycle=cycle,
        subdistricts=group,
        starts_at=starts,
        ends_at=ends,
        opens_at=starts - timedelta(days=INPUT_OPENS_DAYS_BEFORE),
        closes_at=cycle.hearing_end,
        status=status,
    )


def _area_word(province_code: str) -> tuple[str, str]:
    """Bangkok has แขวง and ชุมชน where the rest of the country has ตำบล and บ้าน."""
    return ("แขวง", "ชุมชน") if province_code == "10" else ("ตำบล", "บ้าน")


def _village(rng: random.Random) -> str:
    return rng.choice(phrases.VILLAGE_STARTS) + rng.choice(phrases.VILLAGE_ENDS)


def _hearing_row(rng: random.Random, frame: HearingFrame, now: datetime) -> dict:
    first = frame.subdistricts[0]
    subdistrict_word, village_word = _area_word(first.province_code)
    names = " และ".join(f"{subdistrict_word}{place.name_th}" for place in frame.subdistricts)
    venue = rng.choice(phrases.VENUES).format(subdistrict=first.name_th, village=_village(rng))
    if first.province_code == "10":
        venue = f"ห้องประชุมสำนักงานเขต{first.district_name_th}"
    created = min(frame.starts_at - timedelta(days=30), now)
    return {
        "id": frame.id,
        "cycle_id": frame.cycle.id,
        "province_code": first.province_code,
        "district_code": first.district_code,
        "title": f"เวทีประชาคมทบทวนแผนพัฒนาจังหวัด {names}",
        "description": "รับฟังความคิดเห็นต่อประเด็นยุทธศาสตร์จังหวัด เพื่อนำไปทบทวนแผนพัฒนาจังหวัด",
        "starts_at": frame.starts_at,
        "ends_at": frame.ends_at,
        "venue": venue,
        "capacity": rng.choice(CAPACITIES),
        "status": frame.status,
        "cancel_reason": rng.choice(phrases.CANCEL_REASONS) if frame.status == STATUS_CANCELLED else None,
        "sequence": 1 if frame.status == STATUS_CANCELLED else 0,
        "input_opens_at": frame.opens_at,
        "input_closes_at": frame.closes_at,
        "created_at": created,
        "updated_at": created,
    }


class InputMaker:
    """Builds the rows of one input and its tags."""

    def __init__(self, rng: random.Random, now: datetime, taken_receipts: set[str]):
        self.rng = rng
        self.now = now
        self.receipts = taken_receipts
        self.sectors = Weighted(SECTOR_WEIGHTS)
        self.ages = Weighted(AGE_WEIGHTS)
        self.genders = Weighted(GENDER_WEIGHTS)
        self.moderation = Weighted(MODERATION_WEIGHTS)
        self.hearing_channels = Weighted(HEARING_CHANNEL_WEIGHTS)
        self.cycle_channels = Weighted(CYCLE_CHANNEL_WEIGHTS)
        self.status_open, self.status_closed = Weighted(STATUS_WEIGHTS_OPEN), Weighted(STATUS_WEIGHTS_CLOSED)
        self.tag_open, self.tag_closed = Weighted(TAG_STATE_WEIGHTS_OPEN), Weighted(TAG_STATE_WEIGHTS_CLOSED)
        self.issue_codes = sorted(phrases.PROBLEMS)
        self.hide_reasons = sorted(HIDE_REASONS)

    def receipt(self) -> str:
        while True:
            code = "".join(self.rng.choices(ALPHABET, k=LENGTH))
            if code not in self.receipts:
                self.receipts.add(code)
                return code

    def text(self, place: Place, village: str | None) -> tuple[str, list[str]]:
        rng = self.rng
        if rng.random() < OFF_TOPIC_SHARE:
            return rng.choice(phrases.OFF_TOPIC), []
        subdistrict_word, village_word = _area_word(place.province_code)
        where = (
            f"{village_word}{village}"
            if village and rng.random() < 0.6
            else f"{subdistrict_word}{place.name_th}"
        )
        issue = rng.choice(self.issue_codes)
        number = rng.randrange(len(phrases.PROBLEMS[issue]))
        request = (
            number if rng.random() < MATCHING_REQUEST_SHARE else rng.randrange(len(phrases.REQUESTS[issue]))
        )
        text = (
            rng.choice(phrases.OPENINGS)
            + phrases.PROBLEMS[issue][number].format(place=where)
            + " "
            + phrases.REQUESTS[issue][request]
        )
        issues = [issue]
        if rng.random() < SECOND_ISSUE_SHARE:
            other = rng.choice(self.issue_codes)
            if other != issue:
                text += phrases.SECOND_ISSUE_LINK + rng.choice(phrases.REQUESTS[other])
                issues.append(other)
        return text + rng.choice(phrases.CLOSINGS), issues

    def make(
        self,
        input_id: int,
        cycle: CycleFrame,
        place: Place,
        hearing: HearingFrame | None,
        submitted_at: datetime,
        channel: str,
    ) -> tuple[dict, list[dict]]:
        rng = self.rng
        village = _village(rng) if rng.random() < VILLAGE_GIVEN_SHARE else None
        text, issue_codes = self.text(place, village)
        closed = cycle.is_closed(self.now)
        moderation = self.moderation.pick(rng)
        row = {
            "id": input_id,
            "receipt": self.receipt(),
            "cycle_id": cycle.id,
            "hearing_id": hearing.id if hearing else None,
            "province_code": place.province_code,
            "district_code": place.district_code,
            "subdistrict_code": place.code,
            "text": text,
            "sector": self.sectors.pick(rng),
            "channel": channel,
            "age_band": self.ages.pick(rng),
            "gender": self.genders.pick(rng),
            "village": f"หมู่ {rng.randint(1, 20)} บ้าน{village}" if village else None,
            "consent": False,
            "status": (self.status_closed if closed else self.status_open).pick(rng),
            "moderation": moderation,
            "moderation_reason": rng.choice(self.hide_reasons) if moderation == MODERATION_HIDDEN else None,
            "submitted_at": submitted_at,
        }
        tags = []
        for code in issue_codes:
            state = (self.tag_closed if closed else self.tag_open).pick(rng)
            by_citizen = rng.random() < CITIZEN_TAG_SHARE
            tags.append(
                {
                    "input_id": input_id,
                    "issue_id": cycle.issue_ids[code],
                    "source": SOURCE_CITIZEN if by_citizen else SOURCE_MODEL,
                    "model_version": None if by_citizen else MODEL_VERSION,
                    "confidence": None if by_citizen else round(rng.uniform(0.35, 0.95), 4),
                    "state": state,
                    "confirmed_at": (
                        min(submitted_at + timedelta(days=rng.randint(1, 20)), self.now)
                        if state == TAG_CONFIRMED
                        else None
                    ),
                    "created_at": submitted_at,
                }
            )
        return row, tags


@lru_cache(maxsize=100_000)
def _piece_index(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(tokenize(piece))
    return words, tuple(part for word in words for part in pieces_of(word))


def search_terms(text: str, province_code: str) -> str:
    """What consult.tagging.index.index_terms gives for the text, from its space-separated pieces:
    segmentation stops at spaces, and synthetic texts are a few thousand pieces put together
    (the place between spaces), so each piece is segmented once, not a million texts."""
    pieces = [_piece_index(piece) for piece in text.split(" ")]
    return " ".join(
        [province_word(province_code)]
        + [word for words, _ in pieces for word in words]
        + [part for _, parts in pieces for part in parts]
    )


def _uniform_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + timedelta(seconds=rng.random() * max(0.0, (end - start).total_seconds()))


def _write_inputs(
    spec: SynthSpec,
    rng: random.Random,
    places: list[Place],
    cycles: dict[str, list[CycleFrame]],
    hearings: list[HearingFrame],
    now: datetime,
    progress,
) -> tuple[int, int]:
    open_hearings = [h for h in hearings if h.status != STATUS_CANCELLED and h.opens_at < now]
    open_cycles = {code: [c for c in frames if c.hearing_start < now] for code, frames in cycles.items()}
    if spec.inputs and not any(open_cycles.values()):
        raise ValueError("no cycle has reached its hearing phase yet, so no input can be dated")
    with db.engine.begin() as connection:
        writer = BulkWriter(connection)
        next_input = writer.next_id(CitizenInput.__table__)
        next_tag = writer.next_id(InputTag.__table__)
        taken = set(connection.scalars(select(CitizenInput.receipt)))
    maker = InputMaker(rng, now, taken)
    written = tags_written = 0
    for size in _batches(spec.inputs, spec.batch_size):
        rows, tag_rows, search_rows = [], [], []
        for _ in range(size):
            if open_hearings and rng.random() < SHARE_AT_HEARINGS:
                hearing = rng.choice(open_hearings)
                cycle, place = hearing.cycle, rng.choice(hearing.subdistricts)
                channel = maker.hearing_channels.pick(rng)
                if channel.startswith("hearing_") and hearing.ends_at < now:
                    submitted = _uniform_between(
                        rng, hearing.ends_at, min(hearing.ends_at + timedelta(days=3), now)
                    )
                else:
                    channel = "online" if channel.startswith("hearing_") else channel
                    submitted = _uniform_between(rng, hearing.opens_at, min(hearing.closes_at, now))
            else:
                hearing = None
                place = rng.choice(places)
                cycle = rng.choice(open_cycles[place.province_code])
                channel = maker.cycle_channels.pick(rng)
                submitted = _uniform_between(rng, cycle.hearing_start, min(cycle.hearing_end, now))
            row, tags = maker.make(next_input, cycle, place, hearing, submitted, channel)
            for tag in tags:
                tag["id"] = next_tag
                next_tag += 1
            rows.append(row)
            tag_rows.extend(tags)
            search_rows.append(
                {"input_id": row["id"], "terms": search_terms(row["text"], row["province_code"])}
            )
            next_input += 1
        with db.engine.begin() as connection:
            writer = BulkWriter(connection)
            with writer.cycle_versions_moved_once({row["cycle_id"] for row in rows}):
                written += writer.write(CitizenInput.__table__, rows)
                tags_written += writer.write(InputTag.__table__, tag_rows)
                writer.write_search_index(search_rows)
        progress(f"inputs: {written:,} of {spec.inputs:,}")
    with db.engine.begin() as connection:
        writer = BulkWriter(connection)
        writer.reset_sequence(CitizenInput.__table__)
        writer.reset_sequence(InputTag.__table__)
    return written, tags_written
