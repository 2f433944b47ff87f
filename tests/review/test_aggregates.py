"""Aggregates against the counts worked out by hand from the table in conftest.py."""

from datetime import timedelta

import pytest

from consult.review.coverage import coverage
from consult.review.filters import ReviewFilter, parse_review_filter
from consult.review.queries import breakdown, cycle_summary
from consult.review.tables import activity_by_day, cross_table, issues_by_area
from consult.review.voices import voices_by_issue
from consult.timeutil import utcnow


def test_summary_without_filters(review_world):
    summary = cycle_summary(review_world["cycle"])
    assert summary.inputs == 9
    assert summary.hearings == 3  # the cancelled one does not count
    assert summary.by_sector == {
        "citizen": 5,
        "private": 1,
        "civil_society": 1,
        "academia": 1,
        "government": 1,
    }
    assert summary.by_district == {"4001": 6, "4002": 2, "4003": 1}
    assert summary.subdistricts_with_input == 5
    assert summary.by_issue == {"SI01": 4, "SI02": 3, "SI03": 2, "SI04": 1}
    assert summary.confirmed_by_issue == {"SI01": 1, "SI02": 1, "SI03": 1}


@pytest.mark.parametrize(
    "filters, inputs, hearings, by_issue",
    [
        (ReviewFilter(phase="hearings"), 8, 3, {"SI01": 4, "SI02": 3, "SI03": 2}),
        (ReviewFilter(phase="data_gathering"), 1, 0, {"SI04": 1}),
        (ReviewFilter(district="4001"), 6, 2, {"SI01": 3, "SI02": 2, "SI03": 1}),
        (ReviewFilter(district="4001", subdistrict="400102"), 2, 1, {"SI02": 1}),
        (ReviewFilter(sector="citizen"), 5, 3, {"SI01": 3, "SI02": 1, "SI04": 1}),
        (ReviewFilter(district="4002", sector="academia"), 1, 1, {"SI01": 1, "SI02": 1}),
    ],
)
def test_summary_with_filters(review_world, filters, inputs, hearings, by_issue):
    summary = cycle_summary(review_world["cycle"], filters)
    assert (summary.inputs, summary.hearings, summary.by_issue) == (inputs, hearings, by_issue)
    assert sum(summary.by_sector.values()) == inputs


def test_summary_of_one_hearing(review_world):
    summary = cycle_summary(review_world["cycle"], ReviewFilter(hearing=review_world["held"].id))
    assert (summary.inputs, summary.hearings, summary.by_sector) == (2, 1, {"civil_society": 1, "citizen": 1})


def test_breakdowns(review_world):
    cycle = review_world["cycle"]
    assert breakdown(cycle, "age_band") == {"25_39": 3, "40_59": 2, "60_plus": 2, "18_24": 1, "": 1}
    assert breakdown(cycle, "gender") == {"female": 4, "male": 3, "other": 1, "": 1}
    assert breakdown(cycle, "channel") == {
        "online": 4,
        "hearing_paper": 2,
        "hearing_verbal": 1,
        "line": 1,
        "api": 1,
    }
    assert breakdown(cycle, "status") == {"received": 6, "considered": 1, "not_taken_up": 1, "used": 1}


def test_issue_by_district_and_drill_down(review_world):
    cycle = review_world["cycle"]
    table = issues_by_area(cycle)
    assert table.level == "district"
    rows = {row.code: row for row in table.rows}
    assert len(rows) == 26  # every district of Khon Kaen, also those without input
    assert (rows["4001"].inputs, rows["4001"].by_issue) == (6, {"SI01": 3, "SI02": 2, "SI03": 1})
    assert (rows["4002"].inputs, rows["4002"].by_issue) == (2, {"SI01": 1, "SI02": 1, "SI03": 1})
    assert rows["4005"].inputs == 0
    assert table.issue_totals == {"SI01": 4, "SI02": 3, "SI03": 2, "SI04": 1}

    drilled = issues_by_area(cycle, ReviewFilter(district="4001"))
    assert drilled.level == "subdistrict"
    rows = {row.code: row for row in drilled.rows}
    assert (rows["400101"].inputs, rows["400101"].by_issue) == (4, {"SI01": 3, "SI02": 1, "SI03": 1})
    assert (rows["400102"].inputs, rows["400102"].by_issue) == (2, {"SI02": 1})
    assert rows["400103"].inputs == 0


def test_lift_by_sector_worked_by_hand(review_world):
    table = cross_table(review_world["cycle"], "sector")
    assert table.groups == ["citizen", "private", "civil_society", "academia", "government"]
    si01 = next(row for row in table.rows if row.issue == "SI01")
    # 3 of the 5 citizens raise SI01 against 4 of all 9 inputs: (3/5) / (4/9) = 1.35
    assert si01.cells["citizen"].count == 3
    assert si01.cells["citizen"].lift == pytest.approx(1.35)
    # the one academic raises it: (1/1) / (4/9) = 2.25; the private-sector input does not (tag rejected)
    assert si01.cells["academia"].lift == pytest.approx(2.25)
    assert si01.cells["private"].lift == 0
    assert si01.p_value is not None and not si01.significant  # nine inputs prove nothing


def test_activity_over_the_hearing_phase(review_world):
    today = review_world["today"]
    days = activity_by_day(review_world["cycle"], ReviewFilter(phase="hearings"))
    assert (days[0].day, days[-1].day) == (today - timedelta(days=10), today + timedelta(days=60))
    by_day = {item.day: item for item in days}
    assert [by_day[today + timedelta(days=offset)].inputs for offset in (-5, -4, -3, -2, -1, 0)] == [
        2,
        1,
        2,
        1,
        0,
        2,
    ]
    assert {item.day: item.hearings for item in days if item.hearings} == {
        today - timedelta(days=10): 1,
        today - timedelta(days=2): 1,
        today + timedelta(days=20): 1,
    }
    assert sum(item.inputs for item in days) == 8


def test_activity_widens_to_input_outside_the_hearing_phase(review_world):
    days = activity_by_day(review_world["cycle"])
    assert days[0].day == review_world["today"] - timedelta(days=20)
    assert sum(item.inputs for item in days) == 9


def test_coverage(review_world):
    result = coverage(review_world["cycle"], now=utcnow(), minutes_due_days=7)
    items = {item.code: item for item in result.subdistricts}
    assert result.total == 199
    assert (result.with_hearing, result.with_input) == (4, 5)
    assert items["400103"].hearings == []  # its only hearing was cancelled
    assert items["400101"].inputs == 4 and items["400101"].answered == 2
    assert items["400101"].missing_sectors == ["civil_society", "academia", "government"]
    assert items["400102"].answered_share == pytest.approx(0.5)
    assert items["400102"].shortest_notice == 20
    assert [hearing.id for hearing in result.late_minutes] == [review_world["held"].id]
    assert result.silent_sectors == []
    ranked = result.ranked()
    assert not ranked[0].hearings and not ranked[0].inputs
    assert ranked[-1].code == "400101"  # hearing, input and the most sectors
    district = next(d for d in result.districts if d.code == "4001")
    assert (district.with_hearing, district.with_input) == (2, 2)


def test_voices_count_each_term_once_per_input(review_world):
    voices = voices_by_issue(review_world["cycle"])
    si01 = voices["SI01"]
    assert si01.sampled == 4
    terms = dict(si01.terms)
    assert terms["ข้าว หอมมะลิ"] == 3  # inputs 1, 2 and 9; input 3's SI01 tag was rejected
    assert terms["ตลาด กลาง"] == 2
    assert {quote.input_id for quote in si01.quotes} <= {review_world["inputs"][n].id for n in (1, 2, 6, 9)}
    public = voices_by_issue(review_world["cycle"], public=True)["SI01"]
    assert [quote.approved for quote in public.quotes] == [True] * len(public.quotes)
    assert {quote.input_id for quote in public.quotes} <= {review_world["inputs"][n].id for n in (1, 6)}


def test_filters_from_query_arguments(review_world):
    cycle = review_world["cycle"]
    filters, errors = parse_review_filter(
        {"phase": "hearings", "subdistrict": "400102", "sector": "citizen"}, cycle
    )
    assert errors == {}
    assert filters == ReviewFilter(phase="hearings", district="4001", subdistrict="400102", sector="citizen")
    filters, errors = parse_review_filter(
        {"phase": "nope", "hearing": "x", "district": "5001", "sector": "aliens", "subdistrict": "999999"},
        cycle,
    )
    assert filters == ReviewFilter()
    assert set(errors) == {"phase", "hearing", "district", "sector", "subdistrict"}


def test_group_hearing_input_counts_for_each_subdistrict_and_once_in_totals(group_world):
    cycle = group_world["cycle"]
    summary = cycle_summary(cycle)
    assert summary.inputs == 12  # the three inputs without a subdistrict count once each
    assert summary.by_district == {"4001": 6, "4002": 3, "4003": 2}
    assert summary.subdistricts_with_input == 7  # 400302 and 400303 heard only at their group hearing
    result = coverage(cycle, now=utcnow(), minutes_due_days=7)
    items = {item.code: item for item in result.subdistricts}
    for code in ("400201", "400202", "400302", "400303"):
        assert items[code].inputs, f"{code} is a subdistrict of a group hearing with input"
    assert (items["400201"].inputs, items["400201"].shared_inputs, items["400201"].answered) == (2, 1, 1)
    assert (items["400302"].inputs, items["400302"].shared_inputs) == (1, 1)
    assert items["400302"].by_sector == {"private": 1}
    assert (result.with_hearing, result.with_input) == (6, 7)
    assert not {"400302", "400303"} & {item.code for item in result.without_either}
    district = next(d for d in result.districts if d.code == "4002")
    assert (district.with_input, district.by_sector) == (2, {"academia": 1, "government": 1, "citizen": 1})


@pytest.mark.parametrize(
    "filters, inputs, hearings, by_issue",
    [
        (ReviewFilter(district="4002", subdistrict="400202"), 2, 1, {"SI03": 2}),
        (ReviewFilter(district="4003", subdistrict="400303"), 1, 1, {"SI02": 1}),
        (ReviewFilter(district="4002", subdistrict="400202", sector="citizen"), 1, 1, {"SI03": 1}),
    ],
)
def test_a_subdistrict_filter_takes_in_its_group_hearings(group_world, filters, inputs, hearings, by_issue):
    summary = cycle_summary(group_world["cycle"], filters)
    assert (summary.inputs, summary.hearings, summary.by_issue) == (inputs, hearings, by_issue)
    assert summary.subdistricts_with_input == 1
    result = coverage(group_world["cycle"], filters, now=utcnow())
    assert [item.inputs for item in result.subdistricts] == [inputs]
