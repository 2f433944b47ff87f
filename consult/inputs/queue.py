"""The queue of stored inputs waiting for their tags and search index words.

A submission adds its input's row (`enqueue`) in the transaction that stores the input, so an
acknowledged input is always either queued or done. Tag workers (`consult.inputs.tag_worker`)
take rows in batches: `claim` marks a batch as theirs for a lease, one short statement; they
compute tags and index words outside any transaction; `finish` deletes the rows still theirs in
the transaction that writes those tags and words. So

* a worker that dies anywhere leaves nothing half written: its claim runs out and another
  worker takes the rows again (nothing untagged forever);
* a worker whose lease ran out while it worked finds its rows taken by another and writes
  nothing for them (nothing tagged twice): the delete and the writes commit together.

A database table rather than a queue on Redis: the embedded default (SQLite, `flask run`, no
other server) works alone, the queued row commits atomically with the input it names (a
separate broker could acknowledge an input whose message was lost, or hold a message whose
input rolled back), and its lag is one query for the admin page and the metrics. PostgreSQL
claims with FOR UPDATE SKIP LOCKED, so any number of workers on any number of machines take
disjoint batches without waiting for each other; SQLite has one writer at a time, and the claim
is one UPDATE, atomic there by itself.

This module reads and writes the table only: it imports no text processing, so the web workers,
which enqueue, never load the segmenter or the tagger.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, or_, select, update

from consult.extensions import db
from consult.inputs.models import QueuedInput
from consult.timeutil import utcnow

LEASE_SECONDS = 120
queue = QueuedInput.__table__


def enqueue(input_ids: list[int], now: datetime) -> None:
    """Queue stored (flushed) inputs, in the caller's transaction."""
    if input_ids:
        db.session.connection().execute(
            insert(queue), [{"input_id": input_id, "queued_at": now, "attempts": 0} for input_id in input_ids]
        )


def claim(worker: str, size: int, now: datetime, lease_seconds: float = LEASE_SECONDS) -> list[int]:
    """Mark up to `size` rows nobody holds (never claimed, or their lease ran out) as `worker`'s
    until now + lease, oldest first, and commit; returns their input ids. `worker` must be new
    for every claim: `finish` recognises the rows by it."""
    free = (
        select(queue.c.input_id)
        .where(or_(queue.c.claimed_until.is_(None), queue.c.claimed_until < now))
        .order_by(queue.c.input_id)
        .limit(size)
        .with_for_update(skip_locked=True)  # PostgreSQL only; SQLite serialises the UPDATE itself
    )
    claimed = db.session.execute(
        update(queue)
        .where(queue.c.input_id.in_(free.scalar_subquery()))
        .values(
            claimed_by=worker,
            claimed_until=now + timedelta(seconds=lease_seconds),
            attempts=queue.c.attempts + 1,
        )
        .returning(queue.c.input_id)
    ).scalars()
    ids = sorted(claimed)
    db.session.commit()
    return ids


def finish(worker: str, input_ids: list[int]) -> set[int]:
    """Delete the rows of `input_ids` that `worker` still holds, in the caller's transaction, and
    return their ids: the caller writes tags and index words for these only, then commits."""
    if not input_ids:
        return set()
    return set(
        db.session.execute(
            delete(queue)
            .where(queue.c.input_id.in_(input_ids), queue.c.claimed_by == worker)
            .returning(queue.c.input_id)
        ).scalars()
    )


@dataclass(frozen=True)
class QueueLag:
    waiting: int  # inputs not tagged and indexed yet
    claimed: int  # of which a worker holds now
    oldest_queued_at: datetime | None
    retried: int  # taken more than once: a worker died or failed on them
    seconds: float  # how long the oldest has waited

    @property
    def display_seconds(self) -> int:
        return round(self.seconds)


def queue_lag(now: datetime | None = None) -> QueueLag:
    """How far the tag workers are behind, in one query."""
    now = now or utcnow()
    waiting, claimed, oldest, retried = db.session.execute(
        select(
            func.count(),
            func.count(queue.c.claimed_until).filter(queue.c.claimed_until >= now),
            func.min(queue.c.queued_at),
            func.count().filter(queue.c.attempts > 1),
        )
    ).one()
    return QueueLag(
        waiting=waiting,
        claimed=claimed,
        oldest_queued_at=oldest,
        retried=retried,
        seconds=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
    )
