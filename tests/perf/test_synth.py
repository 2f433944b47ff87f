"""The synthetic data generator writes consistent national data whose counts add up."""

from collections import Counter

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.hearings.models import STATUS_CANCELLED, Hearing, hearing_subdistrict
from consult.inputs.models import MODERATION_HIDDEN, CitizenInput
from consult.review.queries import cycle_summary
from consult.strategy.models import StrategicIssue, StrategyCycle
from consult.synth.operations import SynthSpec, generate
from consult.synth.queries import consistency_problems, table_counts
from consult.tagging.models import InputTag


@pytest.fixture
def generated(app_context):
    return generate(SynthSpec(inputs=2_000, hearings=300, cycles_per_province=2, batch_size=700))


def test_generated_data_is_consistent(generated):
    assert consistency_problems() == {}
    assert table_counts() == {"hearings": 300, "inputs": 2_000, "tags": generated.tags}
    assert (generated.plans, generated.cycles) == (77, 154)


def test_every_input_names_a_real_subdistrict_and_existing_issue_codes(generated):
    orphans = db.session.scalar(
        select(func.count())
        .select_from(CitizenInput)
        .outerjoin(Subdistrict, Subdistrict.code == CitizenInput.subdistrict_code)
        .where(Subdistrict.code.is_(None))
    )
    assert orphans == 0
    catalogue_codes = {f"SI{number:02d}" for number in range(1, 11)}
    tagged_codes = set(
        db.session.scalars(
            select(StrategicIssue.code).join(InputTag, InputTag.issue_id == StrategicIssue.id).distinct()
        )
    )
    assert tagged_codes and tagged_codes <= catalogue_codes


def test_cycle_summaries_add_up_to_the_stored_inputs(generated):
    summaries = [cycle_summary(cycle) for cycle in db.session.scalars(select(StrategyCycle))]
    hidden = db.session.scalar(
        select(func.count()).select_from(CitizenInput).where(CitizenInput.moderation == MODERATION_HIDDEN)
    )
    cancelled = db.session.scalar(
        select(func.count()).select_from(Hearing).where(Hearing.status == STATUS_CANCELLED)
    )
    assert sum(s.inputs for s in summaries) + hidden == 2_000
    assert sum(s.hearings for s in summaries) + cancelled == 300
    for summary in summaries:
        assert sum(summary.by_sector.values()) == summary.inputs
        assert sum(summary.by_district.values()) == summary.inputs
        assert all(count <= summary.inputs for count in summary.by_issue.values())


def test_hearings_are_spread_over_provinces_by_subdistricts_and_over_cycles(generated):
    per_province = Counter(
        dict(
            db.session.execute(
                select(Hearing.province_code, func.count()).group_by(Hearing.province_code)
            ).all()
        )
    )
    assert len(per_province) == 77
    subdistricts = Counter(
        dict(
            db.session.execute(
                select(Subdistrict.province_code, func.count()).group_by(Subdistrict.province_code)
            ).all()
        )
    )
    largest = max(subdistricts, key=subdistricts.get)
    smallest = min(subdistricts, key=subdistricts.get)
    assert per_province[largest] > per_province[smallest]
    per_cycle = db.session.execute(
        select(Hearing.cycle_id, func.count())
        .where(Hearing.province_code == largest)
        .group_by(Hearing.cycle_id)
    ).all()
    assert len(per_cycle) == 2 and abs(per_cycle[0][1] - per_cycle[1][1]) <= 1
    links = db.session.scalar(select(func.count()).select_from(hearing_subdistrict))
    assert 300 <= links <= 900


def test_inputs_carry_thai_text_sectors_demographics_and_tags(generated):
    rows = db.session.execute(
        select(CitizenInput.text, CitizenInput.sector, CitizenInput.age_band, CitizenInput.receipt)
    ).all()
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in text) for text, *_ in rows)
    assert {sector for _, sector, _, _ in rows} == {
        "citizen",
        "private",
        "civil_society",
        "academia",
        "government",
    }
    assert len({age for _, _, age, _ in rows}) >= 5
    assert len({receipt for *_, receipt in rows}) == 2_000
    assert generated.tags > 2_000


def test_a_second_run_adds_to_the_same_plans_and_cycles(generated):
    again = generate(SynthSpec(inputs=100, hearings=10, cycles_per_province=2, provinces=("40",), seed=7))
    assert (again.plans, again.cycles) == (1, 2)
    assert table_counts()["inputs"] == 2_100
    assert db.session.scalar(select(func.count()).select_from(StrategyCycle)) == 154
    assert consistency_problems() == {}
    # Ids were assigned by the generator: the database's own sequence must continue after them.
    hearing = db.session.get(Hearing, db.session.scalar(select(func.max(Hearing.id))))
    copy = Hearing(
        cycle_id=hearing.cycle_id,
        province_code=hearing.province_code,
        district_code=hearing.district_code,
        title="เวทีเพิ่มเติม",
        starts_at=hearing.starts_at,
        ends_at=hearing.ends_at,
        venue=hearing.venue,
        input_opens_at=hearing.input_opens_at,
        input_closes_at=hearing.input_closes_at,
    )
    db.session.add(copy)
    db.session.commit()
    assert copy.id > hearing.id


def test_unknown_provinces_are_refused(app_context):
    with pytest.raises(ValueError, match="99"):
        generate(SynthSpec(inputs=10, hearings=1, provinces=("99",)))


def test_generation_moves_the_versions_of_its_cycles_and_keeps_the_triggers(generated):
    from consult.scale.cache import data_version

    cycle = db.session.scalar(
        select(StrategyCycle).where(StrategyCycle.province_code == "40").order_by(StrategyCycle.id.desc())
    )
    before = data_version(cycle.id)
    generate(SynthSpec(inputs=50, hearings=5, cycles_per_province=2, provinces=("40",), seed=3))
    after = data_version(cycle.id)
    assert after != before
    hearing = db.session.scalar(select(Hearing).where(Hearing.cycle_id == cycle.id).limit(1))
    hearing.status = STATUS_CANCELLED  # an ordinary change, after the generator: a trigger moves it
    db.session.commit()
    assert data_version(cycle.id) != after


def test_every_input_is_in_the_search_index_as_the_tagging_area_would_index_it(generated):
    from consult.inputs.search import search_inputs
    from consult.synth.operations import search_terms
    from consult.tagging.index import index_terms
    from consult.tagging.models import InputSearchText

    rows = db.session.execute(
        select(CitizenInput.text, CitizenInput.province_code, InputSearchText.terms).join(
            InputSearchText, InputSearchText.input_id == CitizenInput.id
        )
    ).all()
    assert len(rows) == 2_000
    assert all(terms == index_terms(text, province) for text, province, terms in rows[:300])
    assert search_terms("ถนนเข้าหมู่บ้านที่ ตำบลในเมือง เป็นหลุมเป็นบ่อ", "40") == index_terms(
        "ถนนเข้าหมู่บ้านที่ ตำบลในเมือง เป็นหลุมเป็นบ่อ", "40"
    )
    text, province = db.session.execute(
        select(CitizenInput.text, CitizenInput.province_code)
        .where(CitizenInput.text.contains("ฝาย"))
        .limit(1)
    ).one()
    found = search_inputs("ฝาย", province=province)
    assert found.hits and all("ฝาย" in hit.input.text for hit in found.hits)
