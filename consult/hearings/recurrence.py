"""Regular hearings described by an RFC 5545 RRULE, e.g. "first Tuesday of each month"."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from dateutil.rrule import rrulestr

from consult.hearings.rules import BANGKOK, thai_holidays

MAX_OCCURRENCES = 500
LAST_WEEK = -1

Frequency = Literal["weekly", "monthly", "quarterly"]

# Finer frequencies make no sense for hearings, and dateutil would have to walk
# every hour or second from the first start to the window before rejecting them.
_HEARING_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UTC_UNTIL = re.compile(r"\d{8}T\d{6}Z")


@dataclass(frozen=True)
class Recurrence:
    """The hearings of a rule inside a window.

    ``occurrences`` are (start, end) pairs in Asia/Bangkok, in order.
    ``on_holidays`` maps each occurrence date that is a Thai public holiday to
    the holiday's name: those occurrences were left out of ``occurrences`` when
    skipping holidays, and are kept there (for the official to move) otherwise.
    """

    occurrences: tuple[tuple[datetime, datetime], ...]
    on_holidays: dict[date, str]


def expand_recurrence(
    rule: str,
    *,
    first_start: datetime,
    duration: timedelta,
    window_start: date,
    window_end: date,
    skip_holidays: bool = True,
) -> Recurrence:
    """Occurrences of ``rule`` whose Bangkok start date lies in the window (inclusive).

    ``rule`` is one RRULE line ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1", with or
    without the "RRULE:" prefix). ``first_start`` is the series' DTSTART: it
    gives the time of day and the earliest date, and is itself an occurrence
    only if it matches the rule. UNTIL may be in UTC ("...T165959Z", as RFC
    5545 wants) or a floating Bangkok date or time.

    Raises ValueError for a malformed rule, a frequency finer than daily, a
    non-positive duration, an inverted window, or more than MAX_OCCURRENCES
    occurrences inside the window.
    """
    if first_start.tzinfo is None:
        raise ValueError("first_start must be timezone-aware")
    if duration <= timedelta(0):
        raise ValueError("duration must be positive")
    if window_end < window_start:
        raise ValueError("window ends before it starts")
    parts = _rule_parts(rule)
    if parts.get("FREQ") not in _HEARING_FREQUENCIES:
        raise ValueError(f"unsupported frequency {parts.get('FREQ')!r}")
    local_start = first_start.astimezone(BANGKOK)
    # dateutil insists that a zoned DTSTART goes with a UTC UNTIL and a floating one with a floating UNTIL.
    if _UTC_UNTIL.fullmatch(parts.get("UNTIL", "")):
        series = rrulestr(rule, dtstart=local_start)
    else:
        series = rrulestr(rule, dtstart=local_start.replace(tzinfo=None))

    starts = []
    for occurrence in series:
        start = occurrence.astimezone(BANGKOK) if occurrence.tzinfo else occurrence.replace(tzinfo=BANGKOK)
        if start.date() > window_end:
            break
        if start.date() >= window_start:
            starts.append(start)
            if len(starts) > MAX_OCCURRENCES:
                raise ValueError(f"rule gives more than {MAX_OCCURRENCES} hearings in the window")

    holidays = thai_holidays(window_start, window_end)
    on_holidays = {start.date(): holidays[start.date()] for start in starts if start.date() in holidays}
    kept = [start for start in starts if not (skip_holidays and start.date() in on_holidays)]
    return Recurrence(tuple((start, start + duration) for start in kept), on_holidays)


def build_rrule(
    frequency: Frequency,
    weekday: int,
    week_of_month: int | None = None,
    *,
    count: int | None = None,
    until: date | None = None,
) -> str:
    """The RRULE for simple form choices, so officials never type RRULE syntax.

    ``weekday`` counts from Monday = 0, as ``date.weekday()`` does.
    ``week_of_month`` (1-4, or LAST_WEEK) is required for "monthly" and
    "quarterly" and must be None for "weekly". At most one of ``count``
    (number of hearings) and ``until`` (last possible Bangkok date) is given.
    """
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday}")
    if frequency == "weekly":
        if week_of_month is not None:
            raise ValueError("a weekly rule has no week of the month")
        parts = ["FREQ=WEEKLY"]
    elif frequency in ("monthly", "quarterly"):
        if week_of_month not in (1, 2, 3, 4, LAST_WEEK):
            raise ValueError(f"week_of_month must be 1-4 or LAST_WEEK, not {week_of_month}")
        parts = ["FREQ=MONTHLY"] + (["INTERVAL=3"] if frequency == "quarterly" else [])
    else:
        raise ValueError(f"unknown frequency {frequency!r}")
    parts.append(f"BYDAY={_WEEKDAYS[weekday]}")
    if week_of_month is not None:
        parts.append(f"BYSETPOS={week_of_month}")
    if count is not None and until is not None:
        raise ValueError("give either count or until, not both")
    if count is not None:
        if count < 1:
            raise ValueError("count must be at least 1")
        parts.append(f"COUNT={count}")
    if until is not None:
        parts.append(f"UNTIL={_utc_end_of_day(until):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def _utc_end_of_day(day: date) -> datetime:
    next_midnight = datetime.combine(day + timedelta(days=1), time.min, tzinfo=BANGKOK)
    return (next_midnight - timedelta(seconds=1)).astimezone(UTC)


def _rule_parts(rule: str) -> dict[str, str]:
    body = rule.strip().upper().removeprefix("RRULE:")
    parts = {}
    for part in body.split(";"):
        name, equals, value = part.partition("=")
        if not equals:
            raise ValueError(f"malformed RRULE part {part!r}")
        parts[name] = value
    return parts
