"""The tag worker's step: a batch of queued inputs tagged by their plan's tagger and indexed for
search, then taken off the queue in the transaction that writes both (see consult/inputs/queue.py
for why that makes every input tagged and indexed exactly once, whatever process dies when).

Run by `flask consult tag-worker` (its own service in production, any number of them), by a
thread of the development server (`flask run`), and by the tests' queue-draining fixture.
"""

import logging
import os
import socket
import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.inputs.queue import LEASE_SECONDS, claim, finish
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.tagging.index import index_terms
from consult.tagging.models import InputSearchText, InputTag
from consult.tagging.operations import suggested_tags
from consult.timeutil import utcnow

log = logging.getLogger("consult.tag_worker")
BATCH_SIZE = 500


def worker_name() -> str:
    """host:pid, and a fresh suffix for each claim (queue.claim wants one per claim)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _plans_of_cycles(cycle_ids: set[int]) -> dict[int, StrategicPlan]:
    cycles = db.session.scalars(
        select(StrategyCycle)
        .where(StrategyCycle.id.in_(cycle_ids))
        .options(selectinload(StrategyCycle.plan).selectinload(StrategicPlan.issues))
    )
    return {cycle.id: cycle.plan for cycle in cycles}


def _work_out(input_ids: list[int]) -> tuple[list[dict], list[dict]]:
    """The tag rows and index rows of the claimed inputs, read and computed outside any write."""
    inputs = db.session.execute(
        select(CitizenInput.id, CitizenInput.text, CitizenInput.province_code, CitizenInput.cycle_id).where(
            CitizenInput.id.in_(input_ids)
        )
    ).all()
    tagged = defaultdict(set)  # the issues chosen by the input's author, or by a planner already
    for input_id, issue_id in db.session.execute(
        select(InputTag.input_id, InputTag.issue_id).where(InputTag.input_id.in_(input_ids))
    ):
        tagged[input_id].add(issue_id)
    plans = _plans_of_cycles({row.cycle_id for row in inputs})
    by_plan = defaultdict(list)  # one scoring run per plan
    for row in inputs:
        by_plan[plans[row.cycle_id]].append(row)
    tag_rows = []
    for plan, rows in by_plan.items():
        suggestions = suggested_tags(plan, [row.text for row in rows], [tagged[row.id] for row in rows])
        for row, suggested in zip(rows, suggestions, strict=True):
            tag_rows += [{"input_id": row.id, **tag} for tag in suggested]
    index_rows = [{"input_id": row.id, "terms": index_terms(row.text, row.province_code)} for row in inputs]
    return tag_rows, index_rows


def _work_out_each_if_needed(input_ids: list[int]) -> tuple[list[int], list[dict], list[dict]]:
    """_work_out for the batch; if it fails, for each input alone, so that an input the tagger
    fails on holds back only itself: it stays claimed, and is taken again once its lease runs out
    (counted as retried in the queue's lag)."""
    try:
        return input_ids, *_work_out(input_ids)
    except Exception:
        db.session.rollback()
        if len(input_ids) == 1:
            log.exception("input %s could not be tagged; taken again after its lease", input_ids[0])
            return [], [], []
        log.exception("a batch of %d inputs could not be tagged; trying each alone", len(input_ids))
    computed, tag_rows, index_rows = [], [], []
    for input_id in input_ids:
        done, tags, words = _work_out_each_if_needed([input_id])
        computed += done
        tag_rows += tags
        index_rows += words
    return computed, tag_rows, index_rows


def process_batch(
    size: int = BATCH_SIZE, *, now: datetime | None = None, lease_seconds: float = LEASE_SECONDS
) -> int:
    """Claim a batch, tag and index it, take it off the queue; returns how many inputs this call
    finished (0: nothing was waiting)."""
    holder = worker_name()
    claimed = claim(holder, size, now or utcnow(), lease_seconds)
    if not claimed:
        return 0
    computed, tag_rows, index_rows = _work_out_each_if_needed(claimed)
    # End the reading transaction first: on SQLite a transaction that read cannot take the write
    # lock once another connection has written since (it would fail, not wait).
    db.session.commit()
    ours = finish(holder, computed)
    if ours:
        if tag_rows := [row for row in tag_rows if row["input_id"] in ours]:
            db.session.execute(insert(InputTag), tag_rows)
        # `consult reindex` may have written an input's words while it waited: replaced, not doubled
        db.session.execute(delete(InputSearchText).where(InputSearchText.input_id.in_(ours)))
        db.session.execute(insert(InputSearchText), [row for row in index_rows if row["input_id"] in ours])
    db.session.commit()
    if len(ours) < len(computed):
        log.warning("%d claimed inputs were taken by another worker meanwhile", len(computed) - len(ours))
    return len(ours)


def drain(size: int = BATCH_SIZE) -> int:
    """Process batches until the queue has nothing free to claim; returns the inputs finished."""
    done = 0
    while finished := process_batch(size):
        done += finished
    return done
