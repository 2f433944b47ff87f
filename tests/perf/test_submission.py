"""Submitting input stays cheap under load without giving up a guarantee: a bounded number of SQL
statements, tags suggested and the input searchable once the tag queue is drained (the test
client drains it after each request, as the tag worker would), receipts that never take a
printed card's code, and taggers built when a tag worker starts, never in a web worker."""

import gc
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

import consult.inputs.operations as operations
from consult.extensions import db
from consult.hearings.models import STATUS_CANCELLED, Hearing
from consult.inputs.models import CitizenInput, CommentCard
from consult.inputs.search import search_inputs
from consult.strategy.models import StrategicIssue
from consult.tagging.models import SOURCE_MODEL, InputSearchText, InputTag
from consult.tagging.operations import _catalogue_tagger, plans_taking_input, warm_up
from consult.timeutil import utcnow
from tests.inputs.conftest import input_form_data
from tests.perf.querycount import counting_queries

ROOT = Path(__file__).resolve().parents[2]
TEXT = "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ น้ำท่วมขังทุกครั้งที่ฝนตก ขอให้ซ่อมถนนและทำรางระบายน้ำ"
# the version of the cached hearing, cycle and plan; the printed cards (receipt); the input and its
# row in the tag queue
API_STATEMENTS = 4
FORM_STATEMENTS = API_STATEMENTS + 1  # and the form's submission key, looked up first


@pytest.fixture
def hearing_url(world):
    return f"/hearings/{world['hearing'].id}/input"


def _post(client, hearing_id, text=TEXT, **headers):
    return client.post(
        f"/api/v1/hearings/{hearing_id}/inputs", json={"text": text, "sector": "citizen"}, headers=headers
    )


def test_an_api_submission_sends_a_bounded_number_of_statements(client, world):
    hearing_id = world["hearing"].id
    assert _post(client, hearing_id, "ไฟฟ้าดับบ่อย").status_code == 201  # taggers built, caches warm
    with counting_queries() as queries:
        response = _post(client, hearing_id)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert queries.count <= API_STATEMENTS, str(queries)
    receipt = response.get_json()["receipt"]
    stored = db.session.scalar(select(CitizenInput).where(CitizenInput.receipt == receipt))
    assert stored.subdistrict_code == "400101"
    suggested = db.session.scalars(
        select(InputTag).where(InputTag.input_id == stored.id, InputTag.source == SOURCE_MODEL)
    ).all()
    assert suggested, "the tagger suggested nothing for a text about roads and flooding"
    assert db.session.get(InputSearchText, stored.id) is not None
    found = search_inputs("ถนน", province=stored.province_code)
    assert stored.id in {hit.input.id for hit in found.hits}


def test_a_form_submission_sends_a_bounded_number_of_statements(client, world, hearing_url):
    assert client.post(hearing_url, data=input_form_data(client, hearing_url)).status_code == 303
    data = input_form_data(client, hearing_url, text=TEXT)
    with counting_queries() as queries:
        response = client.post(hearing_url, data=data)
    assert response.status_code == 303
    assert queries.count <= FORM_STATEMENTS, str(queries)
    # the same form sent again (a double tap) stores nothing more and shows the same receipt
    again = client.post(hearing_url, data=data)
    assert again.status_code == 303 and again.headers["Location"] == response.headers["Location"]
    assert (
        db.session.scalar(select(db.func.count()).select_from(CitizenInput).where(CitizenInput.text == TEXT))
        == 1
    )


def test_a_receipt_never_takes_a_printed_cards_code_nor_a_stored_one(client, world, monkeypatch):
    hearing = world["hearing"]
    db.session.add(CommentCard(hearing_id=hearing.id, number=1, batch=1, code="CARD2345"))
    db.session.commit()
    first = _post(client, hearing.id).get_json()["receipt"]
    # the generator draws a card's code, then the code just given, then a free one
    draws = iter(["CARD2345", first, "FREE2345"])
    monkeypatch.setattr(operations, "new_receipt", lambda: next(draws))
    response = _post(client, hearing.id, "ขอไฟส่องสว่างริมถนนเข้าหมู่บ้าน")
    assert response.status_code == 201
    assert response.get_json()["receipt"] == "FREE2345"
    assert db.session.scalar(select(db.func.count()).select_from(CitizenInput)) == 2
    assert db.session.scalar(select(CommentCard.input_id).where(CommentCard.code == "CARD2345")) is None


def test_warm_up_builds_the_taggers_of_plans_still_taking_input(client, world, drain_queue):
    plan = world["plan"]
    assert [p.id for p in plans_taking_input(world["today"])] == [plan.id]
    # the hearing phase runs until 60 days from now: after that the plan takes no input
    assert plans_taking_input(world["today"] + timedelta(days=61)) == []
    _catalogue_tagger.cache_clear()
    done = warm_up(world["today"])
    assert done["plans"] == 1 and done["taggers"] == 1
    built = _catalogue_tagger.cache_info().misses
    client.drains_tag_queue = False
    assert _post(client, world["hearing"].id).status_code == 201
    assert _catalogue_tagger.cache_info().misses == built  # the request used no tagger at all
    assert drain_queue() == 1
    assert _catalogue_tagger.cache_info().misses == built  # nor did the worker build one


def test_gunicorn_loads_the_app_once_before_forking_and_builds_no_tagger(app, world):
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["preload_app"] is True

    class Server:
        class app:  # noqa: N801  (what gunicorn's arbiter offers: server.app.wsgi())
            @staticmethod
            def wsgi():
                return app

    _catalogue_tagger.cache_clear()
    try:
        settings["when_ready"](Server())
        assert _catalogue_tagger.cache_info().currsize == 0  # the tag worker builds them
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_cached_hearing_follows_every_change_to_it_its_cycle_and_its_plan(client, world):
    hearing, plan = world["hearing"], world["plan"]
    assert _post(client, hearing.id).status_code == 201  # cached now
    # a new issue in the plan: accepted at once
    plan.issues.append(StrategicIssue(code="NEW1", title_th="ประเด็นใหม่", title_en="New", position=99))
    db.session.commit()
    chosen = client.post(
        f"/api/v1/hearings/{hearing.id}/inputs", json={"text": TEXT, "sector": "citizen", "issues": ["NEW1"]}
    )
    assert chosen.status_code == 201, chosen.get_data(as_text=True)
    # the input window closed through the ORM, then reopened and cancelled by plain SQL
    hearing.input_closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert _post(client, hearing.id).status_code == 409
    hearing.input_closes_at = utcnow() + timedelta(days=1)
    db.session.commit()
    assert _post(client, hearing.id).status_code == 201
    db.session.execute(update(Hearing).where(Hearing.id == hearing.id).values(status=STATUS_CANCELLED))
    db.session.commit()
    assert _post(client, hearing.id).status_code == 409
