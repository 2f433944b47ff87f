"""The pre-aggregated counts (consult.review.rollup) stay exact through every kind of change,
and every aggregate read from them equals the same aggregate read from the inputs themselves."""

from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import delete, select, text, update

from consult.extensions import db
from consult.inputs.models import CHANNELS, STATUS_LABELS, CitizenInput
from consult.participants import AGE_BANDS, GENDERS, SECTORS
from consult.review import coverage, queries, rollup, tables
from consult.review.filters import ReviewFilter
from consult.tagging.models import InputTag
from consult.timeutil import utcnow

TABLES = (rollup.InputRollup, rollup.TagRollup, rollup.DailyRollup)


def _snapshot() -> dict:
    """Every row with a count other than zero, by table and key."""
    result = {}
    for model in TABLES:
        table = model.__table__
        keys = [column.name for column in table.primary_key.columns]
        for row in db.session.execute(select(table)).mappings():
            counts = tuple((name, row[name]) for name in table.columns.keys() if name not in keys)
            if any(value for _name, value in counts):
                result[(table.name, *(str(row[key]) for key in keys))] = counts
    return result


def _assert_matches_a_recount():
    db.session.commit()
    kept = _snapshot()
    with db.engine.begin() as connection:
        rollup.rebuild(connection)
    db.session.expire_all()
    assert _snapshot() == kept
    assert kept  # something is counted at all


def test_the_vector_columns_count_every_value_the_models_offer():
    assert tuple(SECTORS) == rollup.SECTOR_KEYS
    assert tuple(CHANNELS) == rollup.CHANNEL_KEYS
    assert tuple(AGE_BANDS) == rollup.AGE_KEYS
    assert tuple(GENDERS) == rollup.GENDER_KEYS
    assert tuple(STATUS_LABELS) == rollup.STATUS_KEYS


def test_counts_by_hand(review_world):
    cycle = review_world["cycle"].id
    rows = (
        db.session.execute(
            select(rollup.InputRollup).where(
                rollup.InputRollup.cycle_id == cycle,
                rollup.InputRollup.subdistrict_code == "400101",
                rollup.InputRollup.sector == "citizen",
            )
        )
        .scalars()
        .all()
    )
    (row,) = rows  # inputs 1, 2 and 9
    assert (row.n, row.ch_online, row.ch_line, row.age_25_39, row.age_40_59, row.age_60_plus) == (
        3,
        2,
        1,
        1,
        1,
        1,
    )
    assert (row.g_female, row.g_male, row.st_received, row.st_considered) == (2, 1, 2, 1)
    hidden = (
        db.session.execute(
            select(rollup.InputRollup).where(
                rollup.InputRollup.cycle_id == cycle,
                rollup.InputRollup.subdistrict_code == "400201",
                rollup.InputRollup.sector == "citizen",
            )
        )
        .scalars()
        .all()
    )
    assert [item.n for item in hidden] in ([], [0])  # input 7 is hidden
    issue = next(item.id for item in review_world["plan"].issues if item.code == "SI01")
    tags = db.session.scalars(
        select(rollup.TagRollup).where(
            rollup.TagRollup.issue_id == issue, rollup.TagRollup.subdistrict_code == "400101"
        )
    ).all()
    assert {(tag.sector, tag.n, tag.confirmed) for tag in tags if tag.n} == {("citizen", 3, 1)}  # 3 rejected
    days = db.session.execute(
        select(rollup.DailyRollup.day, rollup.DailyRollup.n).where(
            rollup.DailyRollup.cycle_id == cycle,
            rollup.DailyRollup.district_code == "4001",
            rollup.DailyRollup.sector == "citizen",
        )
    ).all()
    today = review_world["today"]
    assert sorted((day, n) for day, n in days if n) == [
        (today - timedelta(days=5), 2),
        (today - timedelta(days=3), 1),
        (today, 1),
    ]


def test_exact_through_every_kind_of_change(review_world):
    inputs, issues = review_world["inputs"], {issue.code: issue for issue in review_world["plan"].issues}
    _assert_matches_a_recount()

    inputs[9].status = "considered"  # a planner answers
    inputs[2].sector = "private"  # a transcription corrected
    inputs[4].age_band, inputs[4].gender = None, "male"
    inputs[1].moderation = "hidden"  # hidden: its tags stop counting too
    inputs[7].moderation = "approved"  # shown again
    _assert_matches_a_recount()

    tag = next(tag for tag in inputs[6].tags if tag.issue.code == "SI01")
    tag.state = "rejected"
    inputs[5].tags.append(InputTag(issue=issues["SI05"], state="suggested", source="planner"))
    inputs[8].tags[0].state = "confirmed"
    _assert_matches_a_recount()

    inputs[10].tags[0].issue_id = issues["SI06"].id  # moved to another issue
    inputs[3].district_code, inputs[3].subdistrict_code = "4002", "400201"
    inputs[2].submitted_at -= timedelta(days=2)
    _assert_matches_a_recount()

    db.session.delete(inputs[4])  # with its tags
    db.session.execute(delete(InputTag).where(InputTag.input_id == inputs[9].id))
    _assert_matches_a_recount()

    # Bulk SQL, as an import or a script would run it, bypassing the ORM.
    db.session.execute(
        update(CitizenInput)
        .where(CitizenInput.cycle_id == review_world["cycle"].id)
        .values(status="under_review")
    )
    db.session.execute(text("UPDATE input_tag SET state = 'confirmed' WHERE state = 'suggested'"))
    _assert_matches_a_recount()


FILTERS = [
    ReviewFilter(),
    ReviewFilter(district="4001"),
    ReviewFilter(subdistrict="400102"),
    ReviewFilter(sector="citizen"),
    ReviewFilter(district="4002", sector="academia"),
    ReviewFilter(phase="hearings"),
    ReviewFilter(phase="hearings", district="4001", sector="citizen"),
    ReviewFilter(phase="data_gathering"),
]


def test_how_each_filter_is_counted(review_world):
    cycle = review_world["cycle"]
    assert queries._plan(cycle, ReviewFilter(district="4001", sector="citizen")) == queries.ROLLUP
    assert queries._plan(cycle, ReviewFilter(hearing=review_world["held"].id)) == queries.RAW
    # 8 of the 9 counted inputs fall in the hearing phase: the rollups less the one before it
    assert queries._plan(cycle, ReviewFilter(phase="hearings")) == queries.COMPLEMENT
    assert queries._plan(cycle, ReviewFilter(phase="data_gathering")) == queries.RAW  # 1 of 9
    assert queries._plan(cycle, ReviewFilter(phase="hearings", subdistrict="400101")) == queries.RAW


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f.args()) or "none")
def test_every_aggregate_is_the_same_from_the_rollups_and_from_the_inputs(review_world, monkeypatch, filters):
    cycle = review_world["cycle"]
    inputs = review_world["inputs"]
    inputs[3].age_band = None  # a "not given" in a vector column
    db.session.commit()

    def everything():
        current_app.extensions.pop("consult_aggregate_cache", None)
        return {
            "summary": queries.cycle_summary(cycle, filters),
            "breakdowns": {d: queries.breakdown(cycle, d, filters) for d in queries.DIMENSIONS},
            "activity": tables.activity_by_day(cycle, filters),
            "areas": tables.issues_by_area(cycle, filters),
            "cross": {d: tables.issues_by_group(cycle, d, filters) for d in queries.CROSS_DIMENSIONS},
            "coverage": [
                (s.code, s.inputs, s.answered, s.by_sector)
                for s in coverage.coverage(cycle, filters, now=utcnow(), minutes_due_days=7).subdistricts
            ],
        }

    from_rollups = everything()
    assert from_rollups["summary"].inputs  # the filters leave something to compare
    monkeypatch.setattr(queries, "_plan", lambda _cycle, _filters: queries.RAW)
    monkeypatch.setattr(queries, "daily_rollup_serves", lambda _filters: False)
    from_inputs = everything()
    assert from_rollups == from_inputs
