import random
import time as clock
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.hearings.proposal import DEFAULT_SESSIONS, ScheduleProposal, propose_schedule
from consult.hearings.rules import BANGKOK, HearingSlot, is_working_day

JUNE_15, JUNE_19, JULY_10 = date(2026, 6, 15), date(2026, 6, 19), date(2026, 7, 10)  # Mondays to Fridays


def propose(units, phase_start=JUNE_15, phase_end=JULY_10, per_day_limit=2, **options) -> ScheduleProposal:
    return propose_schedule(
        units, phase_start=phase_start, phase_end=phase_end, per_day_limit=per_day_limit, **options
    )


def subdistricts(district: str, count: int) -> list[str]:
    return [f"{district}{number:02d}" for number in range(1, count + 1)]


def working_days(phase_start: date, phase_end: date) -> list[date]:
    days = (phase_start + timedelta(days=offset) for offset in range((phase_end - phase_start).days + 1))
    return [day for day in days if is_working_day(day)]


def hearings_per_district_day(proposal: ScheduleProposal) -> Counter:
    return Counter((hearing.district, hearing.starts_at.date()) for hearing in proposal.hearings)


def daily_counts(proposal: ScheduleProposal, district: str, days: list[date]) -> list[int]:
    per_day = hearings_per_district_day(proposal)
    return [per_day[district, day] for day in days]


def overlaps(interval, other) -> bool:
    return interval[0] < other[1] and other[0] < interval[1]


def assert_sound(proposal, units, phase_start, phase_end, per_day_limit, existing=()):
    """The invariants every proposal keeps, whatever the input."""
    expected = Counter(tuple(sorted(unit)) if not isinstance(unit, str) else (unit,) for unit in units)
    accounted = Counter(
        [hearing.subdistricts for hearing in proposal.hearings]
        + list(proposal.unplaced)
        + list(proposal.already_scheduled)
    )
    assert accounted == expected

    days = working_days(phase_start, phase_end)
    taken = defaultdict(list)
    for slot in existing:
        day = slot.starts_at.astimezone(BANGKOK).date()
        if phase_start <= day <= phase_end:
            for district in slot.districts:
                taken[district, day].append((slot.starts_at, slot.ends_at))
    new = defaultdict(list)
    for hearing in proposal.hearings:
        assert hearing.starts_at.tzinfo == BANGKOK
        assert hearing.starts_at.date() in days
        new[hearing.district, hearing.starts_at.date()].append((hearing.starts_at, hearing.ends_at))
    for (district, day), intervals in new.items():
        assert len(intervals) + len(taken[district, day]) <= per_day_limit
        for index, interval in enumerate(intervals):
            assert not any(
                overlaps(interval, other) for other in intervals[index + 1 :] + taken[district, day]
            )

    for district in {unit[0][:4] for unit in proposal.unplaced}:
        for day in days:
            booked = new[district, day] + taken[district, day]
            sessions = [
                (datetime.combine(day, start, BANGKOK), datetime.combine(day, end, BANGKOK))
                for start, end in DEFAULT_SESSIONS
            ]
            room = any(not any(overlaps(session, interval) for interval in booked) for session in sessions)
            assert len(booked) >= per_day_limit or not room, (
                f"{district} left units out but had room on {day}"
            )


def test_every_unit_is_placed_once_including_groups():
    units = [*subdistricts("1001", 6), ("100201", "100202"), ("100203",), "100204"]
    proposal = propose(units)
    assert proposal.complete and proposal.unplaced == () and proposal.already_scheduled == ()
    assert sorted(hearing.subdistricts for hearing in proposal.hearings) == sorted(
        [(code,) for code in subdistricts("1001", 6)] + [("100201", "100202"), ("100203",), ("100204",)]
    )
    assert_sound(proposal, units, JUNE_15, JULY_10, 2)


def test_a_district_never_exceeds_the_daily_limit_and_days_stay_level():
    proposal = propose(subdistricts("1001", 7), phase_end=JUNE_19)
    assert sorted(daily_counts(proposal, "1001", working_days(JUNE_15, JUNE_19))) == [1, 1, 1, 2, 2]
    for hearing in proposal.hearings:
        assert (hearing.starts_at.time(), hearing.ends_at.time()) in DEFAULT_SESSIONS


def test_two_hearings_on_a_day_take_the_morning_and_the_afternoon():
    proposal = propose(subdistricts("1001", 2), phase_end=JUNE_15)
    assert [(hearing.starts_at.time(), hearing.ends_at.time()) for hearing in proposal.hearings] == list(
        DEFAULT_SESSIONS
    )


def test_a_limit_of_one_uses_the_morning_session():
    proposal = propose(subdistricts("1001", 3), per_day_limit=1)
    assert {hearing.starts_at.time() for hearing in proposal.hearings} == {time(9, 30)}


def test_only_working_days_inside_the_phase():
    # 1 and 3 June 2026 are public holidays, 6 and 7 June a weekend.
    proposal = propose(subdistricts("1001", 6), phase_start=date(2026, 6, 1), phase_end=date(2026, 6, 7))
    assert {hearing.starts_at.date() for hearing in proposal.hearings} == {
        date(2026, 6, 2),
        date(2026, 6, 4),
        date(2026, 6, 5),
    }


def test_a_district_spreads_over_the_whole_phase_instead_of_front_loading():
    days = working_days(JUNE_15, JULY_10)
    assert len(days) == 20
    proposal = propose(subdistricts("1001", 4))
    quarters = [days.index(hearing.starts_at.date()) // 5 for hearing in proposal.hearings]
    assert quarters == [0, 1, 2, 3]


def test_the_days_with_a_second_hearing_are_spread_too():
    days = working_days(JUNE_15, JULY_10)
    counts = daily_counts(propose(subdistricts("1001", 30)), "1001", days)
    assert sorted(set(counts)) == [1, 2]
    assert [sum(counts[pair : pair + 2]) for pair in range(0, 20, 2)] == [3] * 10


def test_districts_of_a_province_take_turns():
    units = [code for district in ("1001", "1002", "1003") for code in subdistricts(district, 5)]
    proposal = propose(units)
    per_day = Counter(hearing.starts_at.date() for hearing in proposal.hearings)
    assert max(per_day.values()) == 1


def test_a_hearing_goes_where_its_province_is_least_busy():
    busy_days = working_days(JUNE_15, JUNE_19)[:4]
    existing = [existing_hearing(day, time(9, 30), time(12), "100201") for day in busy_days]
    proposal = propose(["100101"], phase_end=JUNE_19, existing=existing)
    assert [hearing.starts_at.date() for hearing in proposal.hearings] == [JUNE_19]


def test_a_full_province_is_level_day_by_day():
    units = [
        code for district in ("1001", "1002", "1003", "1004", "1005") for code in subdistricts(district, 8)
    ]
    per_day = Counter(hearing.starts_at.date() for hearing in propose(units).hearings)
    assert set(per_day.values()) == {2}


def test_units_beyond_a_district_capacity_are_reported_not_squeezed_in():
    units = subdistricts("1001", 12) + subdistricts("1002", 3)
    proposal = propose(units, phase_end=JUNE_19)
    assert not proposal.complete
    assert proposal.unplaced == (("100111",), ("100112",))
    assert max(hearings_per_district_day(proposal).values()) == 2
    assert {hearing.district for hearing in proposal.hearings} == {"1001", "1002"}
    assert_sound(proposal, units, JUNE_15, JUNE_19, 2)


def test_a_phase_without_working_days_places_nothing():
    proposal = propose(["100101"], phase_start=date(2026, 6, 20), phase_end=date(2026, 6, 21))
    assert proposal.hearings == () and proposal.unplaced == (("100101",),)


def existing_hearing(day: date, start: time, end: time, *codes: str) -> HearingSlot:
    return HearingSlot(
        datetime.combine(day, start, BANGKOK), datetime.combine(day, end, BANGKOK), "Amphoe hall", codes
    )


def test_existing_hearings_take_their_session_and_count_towards_the_limit():
    tuesday = date(2026, 6, 16)
    existing = [existing_hearing(tuesday, time(9, 30), time(12), "100101")]
    units = subdistricts("1001", 10)
    proposal = propose(units, phase_end=JUNE_19, existing=existing)
    assert proposal.already_scheduled == (("100101",),)
    assert proposal.complete
    on_tuesday = [hearing for hearing in proposal.hearings if hearing.starts_at.date() == tuesday]
    assert [hearing.starts_at.time() for hearing in on_tuesday] == [time(13, 30)]
    assert_sound(proposal, units, JUNE_15, JUNE_19, 2, existing)


def test_an_existing_hearing_across_both_sessions_blocks_the_day():
    tuesday = date(2026, 6, 16)
    existing = [existing_hearing(tuesday, time(10), time(14), "100199")]
    proposal = propose(subdistricts("1001", 10), phase_end=JUNE_19, existing=existing)
    assert tuesday not in {hearing.starts_at.date() for hearing in proposal.hearings}
    assert len(proposal.unplaced) == 2


def test_existing_hearings_outside_the_phase_are_ignored():
    existing = [existing_hearing(date(2026, 5, 5), time(9, 30), time(12), "100101")]
    proposal = propose(["100101"], existing=existing)
    assert len(proposal.hearings) == 1 and proposal.already_scheduled == ()


def test_a_group_only_partly_heard_is_still_scheduled():
    existing = [existing_hearing(date(2026, 6, 16), time(9, 30), time(12), "100101")]
    proposal = propose([("100101", "100102")], existing=existing)
    assert [hearing.subdistricts for hearing in proposal.hearings] == [("100101", "100102")]


def test_the_same_units_in_any_order_give_the_same_schedule():
    rng = random.Random(7)
    units = [*subdistricts("1001", 9), ("100201", "100202"), *subdistricts("1101", 5)]
    shuffled = [
        tuple(reversed(unit)) if isinstance(unit, tuple) else unit for unit in rng.sample(units, len(units))
    ]
    assert propose(shuffled) == propose(units) == propose(units)


@pytest.mark.parametrize(
    "units, options",
    [
        ([("100101", "100201")], {}),
        (["100101", ("100101", "100102")], {}),
        ([()], {}),
        (["10010"], {}),
        (["100101"], {"per_day_limit": 3}),
        (["100101"], {"per_day_limit": 0}),
        (["100101"], {"phase_start": JULY_10, "phase_end": JUNE_15}),
        (["100101"], {"sessions": [(time(13), time(15)), (time(9), time(12))]}),
    ],
)
def test_malformed_requests_are_refused(units, options):
    with pytest.raises(ValueError):
        propose(units, **options)


def synthetic_country(seed: int = 2026) -> list[str | tuple[str, ...]]:
    """About 7,400 units in 928 districts of 77 provinces, some of them groups."""
    rng = random.Random(seed)
    units: list[str | tuple[str, ...]] = []
    for district_number in range(928):
        province = 10 + district_number % 77
        district = f"{province}{district_number // 77 + 1:02d}"
        codes = subdistricts(district, rng.randint(2, 15))
        while codes:
            size = 3 if rng.random() < 0.02 else 1
            units.append(tuple(codes[:size]) if size > 1 else codes[0])
            codes = codes[size:]
    return units


def test_a_country_sized_proposal_is_sound_and_fast():
    units = synthetic_country()
    assert 7_000 <= len(units) <= 8_000
    began = clock.perf_counter()
    proposal = propose(units, phase_start=date(2026, 6, 1), phase_end=JULY_10)
    elapsed = clock.perf_counter() - began
    assert proposal.complete
    assert_sound(proposal, units, date(2026, 6, 1), JULY_10, 2)
    assert elapsed < 3, f"took {elapsed:.2f} s"


def test_all_of_thailand_fits_a_six_week_phase(thai_subdistrict_codes):
    proposal = propose(thai_subdistrict_codes, phase_start=date(2026, 6, 1), phase_end=JULY_10)
    assert proposal.complete and len(proposal.hearings) == len(thai_subdistrict_codes)
    assert max(hearings_per_district_day(proposal).values()) <= 2


@st.composite
def scheduling_requests(draw):
    units, all_codes = [], []
    for number, size in enumerate(draw(st.lists(st.integers(1, 14), min_size=1, max_size=5))):
        district = f"{draw(st.sampled_from(['10', '11']))}{number + 1:02d}"
        codes = subdistricts(district, size)
        all_codes += codes
        while codes:
            size = draw(st.integers(1, 3))
            units.append(tuple(codes[:size]) if size > 1 else codes[0])
            codes = codes[size:]
    phase_start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    phase_end = phase_start + timedelta(days=draw(st.integers(0, 30)))
    existing_hearings = st.tuples(
        st.integers(-3, 33),
        st.sampled_from([8, 9, 10, 13, 15]),
        st.integers(1, 4),
        st.sampled_from(all_codes),
    )
    existing = [
        existing_hearing(
            phase_start + timedelta(days=offset), time(start_hour), time(start_hour + hours), code
        )
        for offset, start_hour, hours, code in draw(st.lists(existing_hearings, max_size=6))
    ]
    return units, phase_start, phase_end, draw(st.integers(1, 2)), existing


@settings(max_examples=150, deadline=None)
@given(scheduling_requests())
def test_proposals_keep_their_invariants(request):
    units, phase_start, phase_end, per_day_limit, existing = request
    proposal = propose(units, phase_start, phase_end, per_day_limit, existing=existing)
    assert_sound(proposal, units, phase_start, phase_end, per_day_limit, existing)
    assert proposal == propose(
        list(reversed(units)), phase_start, phase_end, per_day_limit, existing=existing
    )


@settings(max_examples=100, deadline=None)
@given(scheduling_requests())
def test_districts_without_existing_hearings_are_level(request):
    units, phase_start, phase_end, per_day_limit, _ = request
    proposal = propose(units, phase_start, phase_end, per_day_limit)
    days = working_days(phase_start, phase_end)
    for district in {hearing.district for hearing in proposal.hearings}:
        counts = daily_counts(proposal, district, days)
        assert max(counts) - min(counts) <= 1
