"""Tagging and indexing after the acknowledgement: a submission answers once the input and its
place in the queue are stored; tag workers take the queue in batches, and whatever process dies
when, every input ends tagged and indexed exactly once."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from consult import create_app
from consult.extensions import db
from consult.inputs.models import CitizenInput, QueuedInput
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.queue import claim, finish, queue_lag
from consult.inputs.tag_worker import process_batch, worker_name
from consult.tagging.models import SOURCE_CITIZEN, SOURCE_MODEL, InputSearchText, InputTag
from consult.tagging.operations import suggested_tags
from consult.timeutil import utcnow

ROOT = Path(__file__).resolve().parents[2]
TEXTS = (
    "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ น้ำท่วมขังทุกครั้งที่ฝนตก ขอให้ซ่อมถนน",
    "อยากให้ขุดลอกแหล่งน้ำไว้ใช้ทำการเกษตรหน้าแล้ง",
    "ผู้สูงอายุเดินทางไปโรงพยาบาลลำบาก ขอรถรับส่ง",
    "ขยะล้นถังทุกวัน ขอให้เก็บบ่อยขึ้น",
    "ไฟฟ้าดับบ่อยมาก เด็กทำการบ้านไม่ได้",
)


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def _submit(world, text: str, issue_codes=()) -> CitizenInput:
    item, _ = submit_input(
        NewInput(text=text, sector="citizen", channel="online", issue_codes=list(issue_codes)),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    return item


def test_a_submission_answers_before_tagging_and_a_worker_then_tags_and_indexes_it_once(
    client, world, drain_queue
):
    client.drains_tag_queue = False
    response = client.post(
        f"/api/v1/hearings/{world['hearing'].id}/inputs",
        json={"text": TEXTS[0], "sector": "citizen", "issues": [world["plan"].issues[0].code]},
    )
    assert response.status_code == 201
    stored = db.session.scalar(
        select(CitizenInput).where(CitizenInput.receipt == response.get_json()["receipt"])
    )
    # acknowledged: stored with the author's own tag, queued, not tagged by the model nor indexed yet
    assert [tag.source for tag in stored.tags] == [SOURCE_CITIZEN]
    assert db.session.get(QueuedInput, stored.id) is not None
    assert db.session.get(InputSearchText, stored.id) is None
    lag = queue_lag()
    assert (lag.waiting, lag.claimed, lag.retried) == (1, 0, 0)

    assert drain_queue() == 1
    db.session.expire_all()
    sources = sorted(tag.source for tag in stored.tags)
    assert sources[0] == SOURCE_CITIZEN and SOURCE_MODEL in sources
    assert len({tag.issue_id for tag in stored.tags}) == len(stored.tags)  # the author's issue not doubled
    assert db.session.get(InputSearchText, stored.id) is not None
    assert queue_lag().waiting == 0
    assert drain_queue() == 0  # nothing is done twice
    assert _count(InputTag, InputTag.input_id == stored.id) == len(sources)


def test_a_lease_that_ran_out_is_taken_again_and_the_late_worker_writes_nothing(app_context, world):
    items = [_submit(world, text) for text in TEXTS[:3]]
    now = utcnow()
    slow = worker_name()
    assert claim(slow, 10, now, lease_seconds=60) == [item.id for item in items]
    assert claim(worker_name(), 10, now) == []  # held: another worker gets nothing
    lag = queue_lag(now)
    assert (lag.waiting, lag.claimed) == (3, 3)

    # the slow worker's lease runs out; another takes the batch and finishes it
    later = now + timedelta(seconds=61)
    assert process_batch(10, now=later) == 3
    # the slow worker comes back: its rows are gone, so it must write nothing
    assert finish(slow, [item.id for item in items]) == set()
    db.session.rollback()
    assert _count(QueuedInput) == 0
    assert _count(InputSearchText) == 3


def test_workers_claim_disjoint_batches(app_context, world):
    items = [_submit(world, text) for text in TEXTS]
    now = utcnow()
    first = claim(worker_name(), 2, now)
    second = claim(worker_name(), 2, now)
    third = claim(worker_name(), 2, now)
    assert first + second + third == [item.id for item in items]


def _worker(url: str, log: Path, *arguments: str, lease_seconds: float) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "CONSULT_TAG_BATCH_SIZE": "40",
        "CONSULT_TAG_LEASE_SECONDS": str(lease_seconds),
        "CONSULT_TAG_POLL_SECONDS": "0.1",
    }
    with log.open("w") as output:  # the child keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "tag-worker", *arguments],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )


def _claims() -> set[str]:
    db.session.rollback()
    return set(db.session.scalars(select(QueuedInput.claimed_by).where(QueuedInput.claimed_by.is_not(None))))


def _kill_a_worker_mid_batch(url: str, folder: Path, count: int, lease: float, attempts: int = 3) -> set[int]:
    """Start a worker, SIGKILL it once it has finished a batch and holds the next one, and return
    the inputs it held. A kill can land between two batches (the worker had just finished the one
    seen): then another worker is started and killed the same way."""
    dead: set[str] = _claims()
    for attempt in range(attempts):
        log = folder / f"worker-{attempt}.log"
        worker = _worker(url, log, lease_seconds=lease)
        try:
            deadline = time.monotonic() + 180
            while True:  # a batch done and the next one held by this worker
                db.session.rollback()
                if _count(QueuedInput) < count and _claims() - dead:
                    break
                assert worker.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the worker finished no batch in time"
                time.sleep(0.005)
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        mine = _claims() - dead
        if mine:
            return set(
                db.session.scalars(select(QueuedInput.input_id).where(QueuedInput.claimed_by.in_(mine)))
            )
    raise AssertionError(f"every one of {attempts} kills landed between two batches")


def test_a_worker_killed_mid_batch_loses_nothing_and_tags_nothing_twice(app, app_context, world, tmp_path):
    count = 400
    items = [_submit(world, f"{TEXTS[n % len(TEXTS)]} หมู่ {n}") for n in range(count)]
    db.session.commit()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    lease = 3.0

    left = _kill_a_worker_mid_batch(url, tmp_path, count, lease)
    assert 0 < _count(InputSearchText) < count

    time.sleep(lease)  # the dead worker's claim runs out
    second = _worker(url, tmp_path / "second.log", "--until-empty", lease_seconds=lease)
    assert second.wait(timeout=300) == 0, (tmp_path / "second.log").read_text()

    db.session.rollback()
    assert _count(QueuedInput) == 0
    assert _count(InputSearchText) == count  # one index row each (its primary key is the input)
    assert _count(InputSearchText, InputSearchText.input_id.in_(left)) == len(left)
    # every input carries exactly the tags its plan's tagger suggests: none missing, none twice
    expected = suggested_tags(world["plan"], [item.text for item in items], [set() for _ in items])
    stored = {}
    for input_id, issue_id in db.session.execute(
        select(InputTag.input_id, InputTag.issue_id).where(InputTag.source == SOURCE_MODEL)
    ):
        stored.setdefault(input_id, []).append(issue_id)
    for item, rows in zip(items, expected, strict=True):
        assert sorted(stored.get(item.id, [])) == sorted(row["issue_id"] for row in rows), item.id


def test_flask_run_alone_tags_in_a_thread_started_by_its_first_request(app, world):
    """The embedded default: no tag worker service, the serving process tags by itself."""
    served = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": False,
            "TAG_WORKER_THREAD": True,
            "TAG_POLL_SECONDS": 0.1,
        }
    )
    worker = served.extensions["consult_tag_worker"]
    assert worker["thread"] is None  # creating the app (as every command does) starts nothing
    try:
        response = served.test_client().post(
            f"/api/v1/hearings/{world['hearing'].id}/inputs", json={"text": TEXTS[1], "sector": "citizen"}
        )
        assert response.status_code == 201
        receipt = response.get_json()["receipt"]
        deadline = time.monotonic() + 60
        while True:
            db.session.rollback()
            stored = db.session.scalar(select(CitizenInput).where(CitizenInput.receipt == receipt))
            if db.session.get(InputSearchText, stored.id) is not None:
                break
            assert time.monotonic() < deadline, "the server's thread tagged nothing within 60 s"
            time.sleep(0.1)
        assert any(tag.source == SOURCE_MODEL for tag in stored.tags)
    finally:
        worker["stop"].set()
        if worker["thread"] is not None:
            worker["thread"].join(timeout=30)
        with served.app_context():
            db.engine.dispose()
