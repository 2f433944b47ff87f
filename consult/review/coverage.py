"""Participation coverage: which subdistricts held hearings, heard input and answered it, and
which hearings still owe their minutes.

An input counts where it was given: in the subdistrict it names, or, naming none, in each
subdistrict of the hearing it was given at (a group hearing gathers several). A subdistrict's
`shared_inputs` are those it shares with the other subdistricts of a group hearing; district and
province figures count every input once."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.geography.models import District, Subdistrict
from consult.hearings.models import STATUS_MINUTES_RECORDED, Attendance, Hearing, hearing_subdistrict
from consult.i18n import current_language, localised, to_local
from consult.participants import SECTORS
from consult.review.filters import ReviewFilter
from consult.review.queries import (
    NO_FILTER,
    answered_by_place,
    hearing_conditions,
    inputs_at_hearings_without_place,
)
from consult.strategy.models import StrategyCycle


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
    inputs: int = 0  # its own and those of its group hearings that name no subdistrict
    shared_inputs: int = 0  # of them, given at a hearing of several subdistricts
    by_sector: dict[str, int] = field(default_factory=dict)
    answered: int = 0

    def add_inputs(self, sector: str, count: int, answered: int, shared: bool = False) -> None:
        self.inputs += count
        self.answered += answered
        self.by_sector[sector] = self.by_sector.get(sector, 0) + count
        if shared:
            self.shared_inputs += count

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
        return (
            bool(self.hearings) + bool(self.inputs),
            len(SECTORS) - len(self.missing_sectors),
            self.inputs,
            self.code,
        )


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


def coverage(
    cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, *, now: datetime, minutes_due_days: int = 7
) -> Coverage:
    """Per subdistrict of the province (or of the chosen district): its hearings (not cancelled,
    with notice period and whether minutes are overdue), its inputs by sector and how many of
    them have been answered (considered, used or not taken up with a reason)."""
    area = [Subdistrict.province_code == cycle.province_code]
    if filters.subdistrict:
        area.append(Subdistrict.code == filters.subdistrict)
    elif filters.district:
        area.append(Subdistrict.district_code == filters.district)
    places = db.session.execute(
        select(
            Subdistrict.code,
            Subdistrict.name_th,
            Subdistrict.name_en,
            District.code,
            District.name_th,
            District.name_en,
        )
        .join(District, District.code == Subdistrict.district_code)
        .where(*area)
        .order_by(Subdistrict.code)
    ).all()
    english = current_language() == "en"
    items = {
        row[0]: SubdistrictCoverage(
            code=row[0],
            name=row[2] if english else row[1],
            district_code=row[3],
            district_name=row[5] if english else row[4],
        )
        for row in places
    }
    due = now - timedelta(days=minutes_due_days)
    hearing_filter = ReviewFilter(phase=filters.phase, hearing=filters.hearing)
    hearing_rows = db.session.execute(
        select(
            Hearing.id,
            Hearing.title,
            Hearing.title_en,
            Hearing.starts_at,
            Hearing.ends_at,
            Hearing.status,
            Hearing.created_at,
            hearing_subdistrict.c.subdistrict_code,
        )
        .join(hearing_subdistrict, hearing_subdistrict.c.hearing_id == Hearing.id)
        .where(*hearing_conditions(cycle, hearing_filter))
    ).all()
    attendance = (
        dict(
            db.session.execute(
                select(Attendance.hearing_id, func.sum(Attendance.count))
                .where(Attendance.hearing_id.in_({row.id for row in hearing_rows}))
                .group_by(Attendance.hearing_id)
            ).all()
        )
        if hearing_rows
        else {}
    )
    for row in hearing_rows:
        target = items.get(row.subdistrict_code)
        if target is None:
            continue
        target.hearings.append(
            HearingFacts(
                id=row.id,
                title=localised(row.title, row.title_en),
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                status=row.status,
                notice_days=(to_local(row.starts_at).date() - to_local(row.created_at).date()).days,
                held=row.ends_at <= now,
                minutes_late=row.ends_at < due and row.status != STATUS_MINUTES_RECORDED,
                attendance=attendance.get(row.id),
            )
        )
    input_filter = ReviewFilter(phase=filters.phase, hearing=filters.hearing, sector=filters.sector)
    # each input once per district: a group hearing gathers subdistricts of one district
    district_sectors: dict[str, Counter] = {}
    for (code, sector), (count, answered) in answered_by_place(cycle, input_filter).items():
        target = items.get(code)
        if target is None:
            continue
        target.add_inputs(sector, count, answered)
        district_sectors.setdefault(target.district_code, Counter())[sector] += count
    for place in inputs_at_hearings_without_place(cycle, input_filter).values():
        shared = len(place.subdistricts) > 1
        targets = [items[code] for code in place.subdistricts if code in items]
        for sector, (count, answered) in place.by_sector.items():
            for target in targets:
                target.add_inputs(sector, count, answered, shared)
            if targets:
                district_sectors.setdefault(targets[0].district_code, Counter())[sector] += count
    districts: dict[str, DistrictCoverage] = {}
    for item in items.values():
        district = districts.setdefault(
            item.district_code,
            DistrictCoverage(
                code=item.district_code,
                name=item.district_name,
                by_sector=dict(district_sectors.get(item.district_code, {})),
            ),
        )
        district.subdistricts += 1
        district.with_hearing += item.has_hearing
        district.with_input += bool(item.inputs)
    return Coverage(
        subdistricts=list(items.values()),
        districts=list(districts.values()),
        minutes_due_days=minutes_due_days,
    )
