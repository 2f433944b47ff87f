from datetime import UTC, date, datetime, timedelta

import pytest

from consult.hearings.rules import BANGKOK, HearingSlot, Problem, check_hearing, normalise_venue

PHASE_START, PHASE_END = date(2026, 6, 1), date(2026, 7, 10)
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=BANGKOK)
TUESDAY = date(2026, 6, 16)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)


def hearing(
    start: datetime = at(TUESDAY, 9, 30),
    end: datetime = at(TUESDAY, 12),
    venue: str = "Wat Pho hall",
    subdistricts: tuple[str, ...] = ("100101",),
    id: int | None = None,
) -> HearingSlot:
    return HearingSlot(start, end, venue, subdistricts, id)


def check(slot: HearingSlot, others=(), now=NOW, min_notice_days=15) -> list[Problem]:
    return check_hearing(
        slot,
        phase_start=PHASE_START,
        phase_end=PHASE_END,
        now=now,
        others=others,
        min_notice_days=min_notice_days,
    )


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


def test_a_sound_hearing_has_no_problems():
    assert check(hearing()) == []


@pytest.mark.parametrize("end", [at(TUESDAY, 9, 30), at(TUESDAY, 9)])
def test_ending_at_or_before_the_start_is_an_error(end):
    assert check(hearing(end=end)) == [Problem("ends_before_start", "error")]


def test_starting_before_now_is_an_error():
    assert codes(check(hearing(), now=at(TUESDAY, 9, 31))) == ["in_the_past"]


def test_starting_exactly_now_is_not_in_the_past():
    assert "in_the_past" not in codes(check(hearing(), now=at(TUESDAY, 9, 30)))


@pytest.mark.parametrize("day", [PHASE_START - timedelta(days=3), PHASE_END + timedelta(days=3)])
def test_a_day_outside_the_phase_is_an_error(day):
    problems = check(hearing(at(day, 9, 30), at(day, 12)))
    assert problems[0] == Problem("outside_phase", "error", phase_start=PHASE_START, phase_end=PHASE_END)


def test_the_phase_includes_its_first_and_last_days():
    first_day, last_day = date(2026, 6, 2), PHASE_END  # 1 June 2026 is a public holiday
    assert check(hearing(at(first_day, 9, 30), at(first_day, 12))) == []
    assert check(hearing(at(last_day, 9, 30), at(last_day, 12))) == []


def test_running_past_midnight_after_the_last_day_leaves_the_phase():
    assert "outside_phase" in codes(check(hearing(at(PHASE_END, 20), at(PHASE_END, 23) + timedelta(hours=2))))


def test_phase_days_are_bangkok_days_whatever_the_time_zone_given():
    # 2 June 00:30 in Bangkok is still 1 June in UTC.
    utc_start = datetime(2026, 6, 1, 17, 30, tzinfo=UTC)
    assert check(hearing(utc_start, utc_start + timedelta(hours=2))) == []
    # 11 July 00:30 in Bangkok is 10 July, the phase's last day, in UTC.
    late_start = datetime(2026, 7, 10, 17, 30, tzinfo=UTC)
    assert "outside_phase" in codes(check(hearing(late_start, late_start + timedelta(hours=2))))


def test_same_venue_at_an_overlapping_time_is_an_error():
    other = hearing(
        at(TUESDAY, 11), at(TUESDAY, 13), venue="  WAT   pho Hall ", subdistricts=("500101",), id=7
    )
    assert check(hearing(), others=[other]) == [Problem("venue_overlap", "error", conflicting_id=7)]


@pytest.mark.parametrize(
    "start, end", [(at(TUESDAY, 12), at(TUESDAY, 14)), (at(TUESDAY, 8), at(TUESDAY, 9, 30))]
)
def test_touching_hearings_do_not_overlap(start, end):
    same_venue_same_district = hearing(start, end, subdistricts=("100102",), id=7)
    assert check(hearing(), others=[same_venue_same_district]) == []


def test_a_hearing_inside_another_overlaps():
    enclosing = hearing(at(TUESDAY, 8), at(TUESDAY, 17), subdistricts=("500101",), id=7)
    assert codes(check(hearing(), others=[enclosing])) == ["venue_overlap"]


def test_different_venues_do_not_clash():
    other = hearing(venue="Wat Arun hall", subdistricts=("500101",), id=7)
    assert check(hearing(), others=[other]) == []


def test_unnamed_venues_do_not_clash():
    other = hearing(venue=" ", subdistricts=("500101",), id=7)
    assert check(hearing(venue=""), others=[other]) == []


def test_venue_names_compare_thai_sara_am_typed_either_way():
    assert normalise_venue("ศาลาประชาคม ตำบลท่าน้ำ") == normalise_venue(
        "ศาลาประชาคม  ตำบลท่าน\u0e49\u0e4d\u0e32"
    )


def test_same_district_at_an_overlapping_time_is_an_error():
    neighbour = hearing(venue="Wat Arun hall", subdistricts=("100102",), id=7)
    assert check(hearing(), others=[neighbour]) == [
        Problem("district_overlap", "error", conflicting_id=7, district="1001")
    ]


def test_a_group_clashes_with_a_hearing_of_its_district():
    group = hearing(subdistricts=("100101", "100102"))
    neighbour = hearing(venue="Wat Arun hall", subdistricts=("100103",), id=7)
    assert codes(check(group, others=[neighbour])) == ["district_overlap"]


def test_another_district_at_the_same_time_is_fine():
    elsewhere = hearing(venue="Wat Arun hall", subdistricts=("100201",), id=7)
    assert check(hearing(), others=[elsewhere]) == []


def test_a_hearing_does_not_clash_with_its_stored_self():
    stored = hearing(id=3)
    moved = hearing(at(TUESDAY, 10), at(TUESDAY, 12, 30), id=3)
    assert check(moved, others=[stored]) == []


def test_unsaved_hearings_do_clash():
    assert codes(check(hearing(), others=[hearing()])) == ["venue_overlap", "district_overlap"]


def test_a_public_holiday_is_an_error_naming_the_holiday():
    queens_birthday = date(2026, 6, 3)
    problems = check(hearing(at(queens_birthday, 9, 30), at(queens_birthday, 12)))
    assert len(problems) == 1
    assert problems[0].code == "public_holiday" and problems[0].severity == "error"
    assert problems[0].day == queens_birthday
    assert "สุทิดา" in problems[0].holiday_name


def test_notice_shorter_than_the_minimum_is_only_a_warning():
    now = at(TUESDAY - timedelta(days=14), 16)
    assert check(hearing(), now=now) == [
        Problem("short_notice", "warning", notice_days=14, min_notice_days=15)
    ]


def test_notice_of_exactly_the_minimum_is_enough():
    assert check(hearing(), now=at(TUESDAY - timedelta(days=15), 23, 59)) == []


def test_a_hearing_in_the_past_gets_no_notice_warning():
    assert codes(check(hearing(), now=at(TUESDAY, 10))) == ["in_the_past"]


def test_a_weekend_is_a_warning():
    saturday = date(2026, 6, 20)
    assert check(hearing(at(saturday, 9, 30), at(saturday, 12))) == [
        Problem("weekend", "warning", day=saturday)
    ]


def test_errors_come_before_warnings():
    saturday = date(2026, 6, 20)
    clash = hearing(at(saturday, 9), at(saturday, 10), id=7)
    problems = check(hearing(at(saturday, 9, 30), at(saturday, 12)), others=[clash], now=at(saturday, 8))
    assert codes(problems) == ["venue_overlap", "district_overlap", "short_notice", "weekend"]


def test_districts_come_from_subdistrict_codes():
    assert hearing(subdistricts=("100101", "100102", "100201")).districts == {"1001", "1002"}


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        hearing(start=datetime(2026, 6, 16, 9, 30))
    with pytest.raises(ValueError):
        check(hearing(), now=datetime(2026, 5, 1))


@pytest.mark.parametrize("code", ["10010", "1001011", "10010x", "๑๐๐๑๐๑"])
def test_malformed_subdistrict_codes_are_refused(code):
    with pytest.raises(ValueError):
        hearing(subdistricts=(code,))
