"""A draft hearing schedule for a district, a province or the whole country.

Each unit (one subdistrict, or a group of subdistricts of one district) gets
one hearing on a working day of the hearing phase. District staff attend every
hearing of their district, so a district holds at most ``per_day_limit``
hearings a day, in distinct sessions (by default 09:30-12:00 and 13:30-16:00).

Spreading: within a district, days get equally many hearings (differing by at
most one) and the days with an extra hearing are spaced across the phase, one
per stretch of it, instead of filling the first days. Within each stretch the
day on which the province has the fewest hearings wins, and the districts of a
province have their stretches staggered, so a province's planners see a steady
load rather than every district starting on the same Monday.

Cost is linear: about (districts x working days x per-day limit) plus units;
all 7,436 subdistricts of Thailand take well under 0.1 s.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from consult.hearings.rules import (
    BANGKOK,
    HearingSlot,
    district_of,
    is_subdistrict_code,
    is_working_day,
    province_of,
)

Unit = tuple[str, ...]
Session = tuple[time, time]

DEFAULT_SESSIONS: tuple[Session, ...] = ((time(9, 30), time(12, 0)), (time(13, 30), time(16, 0)))


@dataclass(frozen=True)
class ProposedHearing:
    subdistricts: Unit
    starts_at: datetime
    ends_at: datetime

    @property
    def district(self) -> str:
        return district_of(self.subdistricts[0])


@dataclass(frozen=True)
class ScheduleProposal:
    """``hearings`` in order of start, district and subdistricts.

    ``unplaced`` units, sorted, found no free session in their district during
    the phase (the last ones of the district in code order); ``already_scheduled``
    units were skipped because every one of their subdistricts already has a
    hearing in the phase. Units are given as sorted tuples of codes.
    """

    hearings: tuple[ProposedHearing, ...]
    unplaced: tuple[Unit, ...]
    already_scheduled: tuple[Unit, ...]

    @property
    def complete(self) -> bool:
        return not self.unplaced


def propose_schedule(
    units: Iterable[str | Sequence[str]],
    *,
    phase_start: date,
    phase_end: date,
    per_day_limit: int,
    existing: Iterable[HearingSlot] = (),
    sessions: Sequence[Session] = DEFAULT_SESSIONS,
) -> ScheduleProposal:
    """Place every unit once on a working day (Mon-Fri, no Thai public holiday) of the phase.

    ``existing`` hearings starting inside the phase count towards their
    districts' daily limits, keep their sessions free of new hearings and
    mark their subdistricts as already heard; others are ignored. The result
    depends only on the set of units, not on their order.

    Raises ValueError for malformed units, a subdistrict in two units, an
    inverted phase, or a per-day limit outside 1..len(sessions).
    """
    if phase_end < phase_start:
        raise ValueError("phase ends before it starts")
    _check_sessions(sessions, per_day_limit)
    normalised = _normalise_units(units)
    days = [
        day
        for offset in range((phase_end - phase_start).days + 1)
        if is_working_day(day := phase_start + timedelta(days=offset))
    ]
    calendar = _Calendar(days, per_day_limit, sessions)
    covered = calendar.book_existing(
        slot for slot in existing if _starts_within(slot, phase_start, phase_end)
    )

    already_scheduled = [unit for unit in normalised if covered.issuperset(unit)]
    units_by_district: dict[str, list[Unit]] = defaultdict(list)
    for unit in normalised:
        if not covered.issuperset(unit):
            units_by_district[district_of(unit[0])].append(unit)
    districts_by_province: dict[str, list[str]] = defaultdict(list)
    for district in units_by_district:
        districts_by_province[province_of(district)].append(district)

    hearings: list[ProposedHearing] = []
    unplaced: list[Unit] = []
    for province in sorted(districts_by_province):
        # Big districts first: they have the least freedom, small ones fill the gaps around them.
        districts = sorted(
            districts_by_province[province], key=lambda code: (-len(units_by_district[code]), code)
        )
        for rank, district in enumerate(districts):
            placed, left_over = calendar.place(district, units_by_district[district], rank, len(districts))
            hearings.extend(placed)
            unplaced.extend(left_over)
    hearings.sort(key=lambda hearing: (hearing.starts_at, hearing.district, hearing.subdistricts))
    return ScheduleProposal(tuple(hearings), tuple(sorted(unplaced)), tuple(already_scheduled))


class _Calendar:
    """Free sessions per district and day, and hearings per province and day."""

    def __init__(self, days: list[date], per_day_limit: int, sessions: Sequence[Session]) -> None:
        self._days = days
        self._position = {day: position for position, day in enumerate(days)}
        self._per_day_limit = per_day_limit
        self._sessions = tuple(sessions)
        self._booked: dict[tuple[str, int], list[HearingSlot]] = defaultdict(list)
        self._province_load: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))

    def book_existing(self, slots: Iterable[HearingSlot]) -> set[str]:
        """Record existing hearings; return the subdistricts they cover."""
        covered = set()
        for slot in slots:
            covered.update(slot.subdistricts)
            position = self._position.get(slot.starts_at.astimezone(BANGKOK).date())
            if position is None:
                continue
            for district in slot.districts:
                self._booked[district, position].append(slot)
            for province in {province_of(district) for district in slot.districts}:
                self._province_load[province][position] += 1
        return covered

    def place(
        self, district: str, units: list[Unit], rank: int, ranks: int
    ) -> tuple[list[ProposedHearing], list[Unit]]:
        """Book ``units`` (the rank-th of ranks districts of their province); return placed and left over."""
        free = [self._free_sessions(district, position) for position in range(len(self._days))]
        load = self._province_load[province_of(district)]
        counts = _spread(len(units), [len(sessions) for sessions in free], load, rank, ranks)
        remaining = iter(units)
        placed = []
        for position, count in enumerate(counts):
            load[position] += count
            placed.extend(
                ProposedHearing(next(remaining), self._at(position, start), self._at(position, end))
                for start, end in free[position][:count]
            )
        return placed, list(remaining)

    def _free_sessions(self, district: str, position: int) -> list[Session]:
        booked = self._booked.get((district, position))
        if not booked:
            return list(self._sessions[: self._per_day_limit])
        free = [
            (start, end)
            for start, end in self._sessions
            if not any(
                slot.starts_at < self._at(position, end) and self._at(position, start) < slot.ends_at
                for slot in booked
            )
        ]
        return free[: max(0, self._per_day_limit - len(booked))]

    def _at(self, position: int, moment: time) -> datetime:
        return datetime.combine(self._days[position], moment, tzinfo=BANGKOK)


def _spread(total: int, capacities: list[int], load: list[int], rank: int, ranks: int) -> list[int]:
    """How many of ``total`` hearings go on each day: as even as capacities allow.

    Water-filling gives every day the same base count (less where capacity is
    lower); the remaining hearings, fewer than the days with room, go one per
    stretch of consecutive such days, on the stretch's least-loaded day.

    The k-th of ``ranks`` districts of a province has its stretches begin
    k/ranks of a stretch late, wrapping round the phase's end, so that the
    districts do not all compete for the same few days.
    """
    total = min(total, sum(capacities))
    level, top = 0, max(capacities, default=0)
    while level < top and sum(min(capacity, level + 1) for capacity in capacities) <= total:
        level += 1
    counts = [min(capacity, level) for capacity in capacities]
    extra = total - sum(counts)
    roomy = [position for position, capacity in enumerate(capacities) if capacity > level]
    for stretch in range(extra):
        low = (stretch * ranks + rank) * len(roomy) // (extra * ranks)
        high = ((stretch + 1) * ranks + rank) * len(roomy) // (extra * ranks)
        days = [roomy[index % len(roomy)] for index in range(low, high)]
        twice_middle = len(days) - 1
        best = min(
            range(len(days)),
            key=lambda offset: (
                load[days[offset]] + counts[days[offset]],
                abs(2 * offset - twice_middle),
                offset,
            ),
        )
        counts[days[best]] += 1
    return counts


def _normalise_units(units: Iterable[str | Sequence[str]]) -> list[Unit]:
    normalised = []
    seen: set[str] = set()
    for unit in units:
        codes = (unit,) if isinstance(unit, str) else tuple(sorted(unit))
        if not codes:
            raise ValueError("empty unit")
        for code in codes:
            if not is_subdistrict_code(code):
                raise ValueError(f"not a subdistrict code: {code!r}")
            if code in seen:
                raise ValueError(f"subdistrict {code} is in more than one unit")
            seen.add(code)
        if len({district_of(code) for code in codes}) > 1:
            raise ValueError(f"a group must lie in one district: {codes}")
        normalised.append(codes)
    return sorted(normalised)


def _check_sessions(sessions: Sequence[Session], per_day_limit: int) -> None:
    if not 1 <= per_day_limit <= len(sessions):
        raise ValueError(f"per_day_limit must be between 1 and {len(sessions)} (the number of sessions)")
    previous_end = time.min
    for start, end in sessions:
        if not previous_end <= start < end:
            raise ValueError("sessions must be in order and must not overlap")
        previous_end = end


def _starts_within(slot: HearingSlot, phase_start: date, phase_end: date) -> bool:
    return phase_start <= slot.starts_at.astimezone(BANGKOK).date() <= phase_end
