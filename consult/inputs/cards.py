"""Numbered paper comment cards: their receipt codes are reserved when the kit is printed."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from consult.auth.audit import record
from consult.auth.permissions import can_manage_hearing
from consult.extensions import db
from consult.inputs.models import CommentCard
from consult.inputs.operations import unused_receipt
from consult.timeutil import utcnow

MAX_CARDS_PER_BATCH = 300


@dataclass(frozen=True)
class CardBatch:
    number: int
    first: int
    last: int
    used: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1


def reserve_cards(hearing, count: int, user, now: datetime | None = None) -> list[CommentCard]:
    """Reserve `count` new card codes for the hearing, numbered after the cards it has."""
    if not can_manage_hearing(user, hearing):
        raise PermissionError("not this user's hearing")
    if not 1 <= count <= MAX_CARDS_PER_BATCH:
        raise ValueError(f"between 1 and {MAX_CARDS_PER_BATCH} cards at a time")
    now = now or utcnow()
    for _attempt in range(5):
        last_number, last_batch = db.session.execute(
            select(
                func.coalesce(func.max(CommentCard.number), 0), func.coalesce(func.max(CommentCard.batch), 0)
            ).where(CommentCard.hearing_id == hearing.id)
        ).one()
        batch = last_batch + 1
        cards = [
            CommentCard(
                hearing_id=hearing.id,
                number=last_number + offset,
                batch=batch,
                code=unused_receipt(),
                issued_by_id=user.id,
                issued_at=now,
            )
            for offset in range(1, count + 1)
        ]
        db.session.add_all(cards)
        try:
            db.session.flush()
        except IntegrityError:
            # Someone reserved cards for this hearing at the same moment: number after theirs.
            db.session.rollback()
            continue
        record(
            "cards.reserved",
            hearing,
            {"batch": batch, "first": cards[0].number, "last": cards[-1].number},
            user=user,
        )
        db.session.commit()
        return cards
    raise RuntimeError("could not reserve cards")


def card_batches(hearing_id: int) -> list[CardBatch]:
    rows = db.session.execute(
        select(
            CommentCard.batch,
            func.min(CommentCard.number),
            func.max(CommentCard.number),
            func.count(CommentCard.input_id),
        )
        .where(CommentCard.hearing_id == hearing_id)
        .group_by(CommentCard.batch)
        .order_by(CommentCard.batch)
    )
    return [CardBatch(number, first, last, used) for number, first, last, used in rows]


def cards_of_batch(hearing_id: int, batch: int) -> list[CommentCard]:
    return list(
        db.session.scalars(
            select(CommentCard)
            .where(CommentCard.hearing_id == hearing_id, CommentCard.batch == batch)
            .order_by(CommentCard.number)
        )
    )


def has_cards(hearing_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(func.count()).select_from(CommentCard).where(CommentCard.hearing_id == hearing_id)
        )
    )
