from datetime import UTC, date, datetime, time, timedelta

import pytest

from consult.hearings.recurrence import LAST_WEEK, MAX_OCCURRENCES, build_rrule, expand_recurrence
from consult.hearings.rules import BANGKOK

FIRST_START = datetime(2026, 1, 6, 9, 30, tzinfo=BANGKOK)  # a Tuesday
TWO_AND_A_HALF_HOURS = timedelta(hours=2, minutes=30)


def expand(rule, window_start=date(2026, 1, 1), window_end=date(2026, 12, 31), **options):
    options.setdefault("first_start", FIRST_START)
    options.setdefault("duration", TWO_AND_A_HALF_HOURS)
    return expand_recurrence(rule, window_start=window_start, window_end=window_end, **options)


def start_days(recurrence):
    return [start.date() for start, _ in recurrence.occurrences]


def test_first_tuesday_of_each_month_skips_makha_bucha():
    rule = build_rrule("monthly", weekday=1, week_of_month=1)
    assert rule == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1"
    recurrence = expand(rule)
    days = start_days(recurrence)
    assert all(day.weekday() == 1 and day.day <= 7 for day in days)
    assert len(days) == 11 and date(2026, 3, 3) not in days
    assert recurrence.on_holidays == {date(2026, 3, 3): "วันมาฆบูชา"}


def test_holidays_can_be_kept_and_reported():
    recurrence = expand("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1", skip_holidays=False)
    assert len(recurrence.occurrences) == 12 and date(2026, 3, 3) in start_days(recurrence)
    assert list(recurrence.on_holidays) == [date(2026, 3, 3)]


def test_occurrences_are_bangkok_times_lasting_the_duration():
    utc_first_start = FIRST_START.astimezone(UTC)
    for start, end in expand("FREQ=WEEKLY;BYDAY=TU;COUNT=3", first_start=utc_first_start).occurrences:
        assert start.tzinfo == BANGKOK and start.time() == time(9, 30)
        assert end - start == TWO_AND_A_HALF_HOURS


def test_quarterly_on_the_last_monday():
    rule = build_rrule("quarterly", weekday=0, week_of_month=LAST_WEEK, count=4)
    assert rule == "FREQ=MONTHLY;INTERVAL=3;BYDAY=MO;BYSETPOS=-1;COUNT=4"
    assert start_days(expand(rule)) == [
        date(2026, 1, 26),
        date(2026, 4, 27),
        date(2026, 7, 27),
        date(2026, 10, 26),
    ]


def test_weekly_with_a_count():
    days = start_days(expand(build_rrule("weekly", weekday=1, count=3)))
    assert days == [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20)]


def test_monthly_on_a_day_of_the_month_skips_songkran_and_the_king_bhumibol_memorial_day():
    recurrence = expand("FREQ=MONTHLY;BYMONTHDAY=13")
    assert len(recurrence.occurrences) == 10
    assert set(recurrence.on_holidays) == {date(2026, 4, 13), date(2026, 10, 13)}


def test_until_from_the_form_includes_its_own_day():
    rule = build_rrule("weekly", weekday=1, until=date(2026, 1, 20))
    assert rule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260120T165959Z"
    assert start_days(expand(rule))[-1] == date(2026, 1, 20)


def test_a_floating_until_is_read_as_a_bangkok_date():
    assert start_days(expand("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260114")) == [
        date(2026, 1, 6),
        date(2026, 1, 13),
    ]


def test_the_window_clips_both_ends_inclusively():
    days = start_days(
        expand("FREQ=WEEKLY;BYDAY=TU", window_start=date(2026, 2, 3), window_end=date(2026, 2, 24))
    )
    assert days == [date(2026, 2, 3), date(2026, 2, 10), date(2026, 2, 17), date(2026, 2, 24)]


def test_a_window_before_the_first_start_is_empty():
    assert expand("FREQ=WEEKLY;BYDAY=TU", window_end=date(2026, 1, 5)).occurrences == ()


def test_the_occurrence_limit_is_inclusive():
    window_start = date(2026, 1, 6)
    window_end = window_start + timedelta(days=MAX_OCCURRENCES - 1)
    assert (
        len(expand("FREQ=DAILY", window_start, window_end, skip_holidays=False).occurrences)
        == MAX_OCCURRENCES
    )
    with pytest.raises(ValueError):
        expand("FREQ=DAILY", window_start, window_end + timedelta(days=1))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=TU;INTERVAL=1",
        "FREQ=HOURLY",
        "FREQ=SECONDLY;COUNT=5",
        "BYDAY=TU",
        "FREQ=WEEKLY;BYDAY",
    ],
)
def test_absurd_or_malformed_rules_are_rejected(rule):
    with pytest.raises(ValueError):
        expand(rule, window_end=date(2036, 12, 31))


def test_nonsense_durations_and_windows_are_rejected():
    with pytest.raises(ValueError):
        expand("FREQ=WEEKLY", duration=timedelta(0))
    with pytest.raises(ValueError):
        expand("FREQ=WEEKLY", window_start=date(2026, 2, 1), window_end=date(2026, 1, 31))


@pytest.mark.parametrize(
    "arguments",
    [
        dict(frequency="weekly", weekday=1, week_of_month=1),
        dict(frequency="monthly", weekday=1),
        dict(frequency="monthly", weekday=1, week_of_month=5),
        dict(frequency="daily", weekday=1),
        dict(frequency="weekly", weekday=7),
        dict(frequency="weekly", weekday=1, count=0),
        dict(frequency="weekly", weekday=1, count=3, until=date(2026, 6, 1)),
    ],
)
def test_the_form_helper_refuses_inconsistent_choices(arguments):
    with pytest.raises(ValueError):
        build_rrule(**arguments)
