"""Cycle aggregates are cached per data version, and every kind of change moves the version."""

import pytest
from sqlalchemy import delete, select, update

from consult.extensions import db
from consult.hearings.models import STATUS_CANCELLED, Hearing, hearing_subdistrict
from consult.inputs.models import MODERATION_HIDDEN, CitizenInput
from consult.review.queries import cycle_summary
from consult.scale.cache import VersionedCache, aggregate_cache, data_version
from consult.strategy.models import StrategyCycle
from consult.tagging.models import TAG_CONFIRMED, InputTag
from tests.perf.querycount import counting_queries


def submit(client, hearing_id, text="ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ อยากให้ซ่อมก่อนหน้าฝน", issues=("SI07",)):
    response = client.post(
        f"/api/v1/hearings/{hearing_id}/inputs",
        json={"text": text, "sector": "citizen", "issues": list(issues)},
    )
    assert response.status_code == 201
    return db.session.scalar(
        select(CitizenInput).where(CitizenInput.receipt == response.get_json()["receipt"])
    )


@pytest.fixture
def other_cycle(world):
    cycle = StrategyCycle(plan=world["plan"], province_code="40", title="รอบก่อน")
    db.session.add(cycle)
    db.session.commit()
    return cycle


def test_every_cycle_gets_a_version_and_a_new_input_moves_only_its_own(client, world, other_cycle):
    cycle = world["cycle"]
    before, other_before = data_version(cycle.id), data_version(other_cycle.id)
    assert before is not None and other_before is not None
    submit(client, world["hearing"].id)
    assert data_version(cycle.id) != before
    assert data_version(other_cycle.id) == other_before


@pytest.mark.parametrize(
    "change",
    [
        "moderation",
        "tag state",
        "tag removed",
        "bulk tag update",
        "hearing cancelled",
        "hearing subdistricts",
        "issue code",
    ],
)
def test_changes_through_any_path_move_the_version(client, world, change):
    item = submit(client, world["hearing"].id)
    cycle_id = world["cycle"].id
    before = data_version(cycle_id)
    if change == "moderation":
        item.moderation = MODERATION_HIDDEN
    elif change == "tag state":
        item.tags[0].state = TAG_CONFIRMED
    elif change == "tag removed":
        db.session.delete(item.tags[0])
    elif change == "bulk tag update":
        db.session.execute(update(InputTag).where(InputTag.input_id == item.id).values(state=TAG_CONFIRMED))
    elif change == "hearing cancelled":
        db.session.execute(
            update(Hearing).where(Hearing.id == world["hearing"].id).values(status=STATUS_CANCELLED)
        )
    elif change == "hearing subdistricts":
        db.session.execute(
            delete(hearing_subdistrict).where(hearing_subdistrict.c.hearing_id == world["hearing"].id)
        )
    elif change == "issue code":
        world["plan"].issues[0].code = "SI99"
    db.session.commit()
    assert data_version(cycle_id) != before


def test_the_summary_is_computed_once_per_version_and_follows_every_change(client, world):
    cycle_id = world["cycle"].id
    submit(client, world["hearing"].id)
    first = client.get(f"/api/v1/cycles/{cycle_id}/summary").get_json()
    with counting_queries() as log:
        again = client.get(f"/api/v1/cycles/{cycle_id}/summary").get_json()
    assert again == first
    assert log.count <= 2, f"served from the cache: the cycle and its version only\n{log}"
    item = submit(client, world["hearing"].id, "โรงเรียนขาดครู อยากให้จังหวัดจัดครูให้ครบชั้น", ("SI06",))
    after_input = client.get(f"/api/v1/cycles/{cycle_id}/summary").get_json()
    assert after_input["inputs"] == first["inputs"] + 1
    assert after_input["by_issue"].get("SI06", 0) == first["by_issue"].get("SI06", 0) + 1
    item.moderation = MODERATION_HIDDEN
    db.session.commit()
    assert client.get(f"/api/v1/cycles/{cycle_id}/summary").get_json() == first


def test_a_reused_cycle_id_never_meets_its_predecessors_cached_values(app_context, world, other_cycle):
    cycle_id = other_cycle.id
    assert cycle_summary(other_cycle).hearings == 0
    old_version = data_version(cycle_id)
    db.session.delete(other_cycle)
    db.session.commit()
    assert data_version(cycle_id) is None
    reborn = StrategyCycle(id=cycle_id, plan=world["plan"], province_code="40", title="รอบใหม่")
    db.session.add(reborn)
    db.session.commit()
    assert data_version(cycle_id) not in (None, old_version)


def test_callers_get_copies_of_cached_values(app_context, world):
    first = cycle_summary(world["cycle"])
    first.by_sector["citizen"] = 999
    assert cycle_summary(world["cycle"]).by_sector.get("citizen") != 999
    assert aggregate_cache().hits >= 1


def test_the_cache_keeps_the_most_recently_used_entries():
    cache = VersionedCache(capacity=2)
    cache.put("a", 1, "A")
    cache.put("b", 1, "B")
    assert cache.get("a", 1) == "A"
    cache.put("c", 1, "C")
    assert cache.get("b", 1) is None and cache.get("a", 1) == "A" and cache.get("c", 1) == "C"
    assert cache.get("a", 2) is None  # a value of another version is never handed out
