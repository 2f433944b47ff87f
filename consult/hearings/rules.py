"""Validation of a proposed public hearing against the strategy calendar.

Pure functions: no Flask, no database. Problems are returned, not raised, so a
form can show all of them at once; the web layer turns each problem code and
its parameters into a translated message.
"""

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

BANGKOK = ZoneInfo("Asia/Bangkok")
HOLIDAY_LANGUAGE = "th"

Severity = Literal["error", "warning"]

OUTSIDE_PHASE = "outside_phase"
IN_THE_PAST = "in_the_past"
ENDS_BEFORE_START = "ends_before_start"
VENUE_OVERLAP = "venue_overlap"
DISTRICT_OVERLAP = "district_overlap"
PUBLIC_HOLIDAY = "public_holiday"
SHORT_NOTICE = "short_notice"
WEEKEND = "weekend"


@dataclass(frozen=True)
class HearingSlot:
    """When, where and for which subdistricts (6-digit codes) a hearing is held."""

    starts_at: datetime
    ends_at: datetime
    venue: str
    subdistricts: tuple[str, ...]
    id: int | None = None

    def __post_init__(self) -> None:
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError("hearing times must be timezone-aware")
        for code in self.subdistricts:
            if not is_subdistrict_code(code):
                raise ValueError(f"not a subdistrict code: {code!r}")

    @property
    def districts(self) -> frozenset[str]:
        return frozenset(district_of(code) for code in self.subdistricts)

    @property
    def local_days(self) -> list[date]:
        """Every Bangkok calendar day the hearing touches (just one, normally)."""
        first = self.starts_at.astimezone(BANGKOK).date()
        last = max(first, self.ends_at.astimezone(BANGKOK).date())
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a hearing; only the parameters its code needs are set.

    outside_phase: phase_start, phase_end. venue_overlap: conflicting_id.
    district_overlap: conflicting_id, district. public_holiday: day,
    holiday_name (in Thai; ``thai_holidays(day, day, language="en_US")`` gives
    the English name). short_notice: notice_days, min_notice_days. weekend: day.
    conflicting_id is None when the other hearing is not saved yet.
    """

    code: str
    severity: Severity
    conflicting_id: int | None = None
    district: str | None = None
    day: date | None = None
    holiday_name: str | None = None
    notice_days: int | None = None
    min_notice_days: int | None = None
    phase_start: date | None = None
    phase_end: date | None = None


def is_subdistrict_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def district_of(subdistrict_code: str) -> str:
    return subdistrict_code[:4]


def province_of(code: str) -> str:
    return code[:2]


def check_hearing(
    slot: HearingSlot,
    *,
    phase_start: date,
    phase_end: date,
    now: datetime,
    others: Iterable[HearingSlot],
    min_notice_days: int,
) -> list[Problem]:
    """Every problem with ``slot``, errors before warnings.

    ``others`` are the hearings already planned; one with the same id as
    ``slot`` is the slot's own stored version and is ignored. Times overlap
    when one starts before the other ends, so back-to-back hearings are fine.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    errors: list[Problem] = []
    times_valid = slot.ends_at > slot.starts_at
    if not times_valid:
        errors.append(Problem(ENDS_BEFORE_START, "error"))
    in_the_past = slot.starts_at < now
    if in_the_past:
        errors.append(Problem(IN_THE_PAST, "error"))
    days = slot.local_days
    if days[0] < phase_start or days[-1] > phase_end:
        errors.append(Problem(OUTSIDE_PHASE, "error", phase_start=phase_start, phase_end=phase_end))
    holiday_names = thai_holidays(days[0], days[-1])
    errors.extend(
        Problem(PUBLIC_HOLIDAY, "error", day=day, holiday_name=name) for day, name in holiday_names.items()
    )
    if times_valid:
        errors.extend(_conflicts(slot, others))

    warnings: list[Problem] = []
    notice_days = (days[0] - now.astimezone(BANGKOK).date()).days
    if not in_the_past and notice_days < min_notice_days:
        warnings.append(
            Problem(SHORT_NOTICE, "warning", notice_days=notice_days, min_notice_days=min_notice_days)
        )
    warnings.extend(Problem(WEEKEND, "warning", day=day) for day in days if day.weekday() >= 5)
    return errors + warnings


def _conflicts(slot: HearingSlot, others: Iterable[HearingSlot]) -> list[Problem]:
    venue = normalise_venue(slot.venue)
    districts = slot.districts
    problems = []
    for other in others:
        is_itself = slot.id is not None and other.id == slot.id
        if is_itself or not (other.starts_at < slot.ends_at and slot.starts_at < other.ends_at):
            continue
        # An unnamed venue is not yet booked, so it cannot clash.
        if venue and normalise_venue(other.venue) == venue:
            problems.append(Problem(VENUE_OVERLAP, "error", conflicting_id=other.id))
        problems.extend(
            Problem(DISTRICT_OVERLAP, "error", conflicting_id=other.id, district=district)
            for district in sorted(districts & other.districts)
        )
    return problems


def normalise_venue(venue: str) -> str:
    """Comparison key for venue names typed by different officials.

    NFKC folds the two ways Thai SARA AM is typed (one code point, or
    NIKHAHIT + SARA AA) and full-width characters into one spelling.
    """
    return " ".join(unicodedata.normalize("NFKC", venue).split()).casefold()


def thai_holidays(start: date, end: date, *, language: str = HOLIDAY_LANGUAGE) -> dict[date, str]:
    """Thai public holidays from ``start`` to ``end`` inclusive, in date order.

    Names come from the ``holidays`` package in ``language`` ("th", "en_US"
    or "uk"); several holidays on one day are joined with "; ". Substitute
    days off ("in lieu") are included because offices are closed on them.
    """
    return {
        day: name
        for year in range(start.year, end.year + 1)
        for day, name in _holidays_of_year(year, language).items()
        if start <= day <= end
    }


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Thai public holiday."""
    return day.weekday() < 5 and day not in _holidays_of_year(day.year, HOLIDAY_LANGUAGE)


@cache
def _holidays_of_year(year: int, language: str) -> Mapping[date, str]:
    calendar = holidays.country_holidays("TH", years=year, language=language)
    return MappingProxyType(dict(sorted(calendar.items())))
