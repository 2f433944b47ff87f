"""Reads over inputs for the moderation queue, the public voices page and the transcription screen."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.models import MODERATION_PENDING, CitizenInput
from consult.inputs.moderation import published_inputs_query
from consult.strategy.models import StrategicIssue
from consult.tagging.models import TAG_REJECTED, InputTag


@dataclass
class Page:
    items: list
    total: int
    number: int
    size: int

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total

    @property
    def has_previous(self) -> bool:
        return self.number > 1


LAST_PAGE = 10_000  # far beyond any real list; keeps a hand-typed ?page= inside the database's range


def _page(query, number: int, size: int, order) -> Page:
    number = min(max(1, number), LAST_PAGE)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(db.session.scalars(query.order_by(*order).offset((number - 1) * size).limit(size)))
    return Page(items, total, number, size)


def moderation_queue(
    province_code: str | None, state: str, number: int = 1, size: int = 25, cycle_id: int | None = None
) -> Page:
    """Oldest first while waiting, so nothing waits forever; newest first once decided."""
    query = (
        select(CitizenInput)
        .where(CitizenInput.moderation == state)
        .options(selectinload(CitizenInput.hearing), selectinload(CitizenInput.subdistrict))
    )
    if province_code:
        query = query.where(CitizenInput.province_code == province_code)
    if cycle_id:
        query = query.where(CitizenInput.cycle_id == cycle_id)
    oldest_first = state == MODERATION_PENDING
    order = (
        CitizenInput.submitted_at.asc() if oldest_first else CitizenInput.submitted_at.desc(),
        CitizenInput.id,
    )
    return _page(query, number, size, order)


def pending_count(province_code: str | None) -> int:
    query = (
        select(func.count()).select_from(CitizenInput).where(CitizenInput.moderation == MODERATION_PENDING)
    )
    if province_code:
        query = query.where(CitizenInput.province_code == province_code)
    return db.session.scalar(query)


def published_inputs(
    cycle_id: int,
    number: int = 1,
    size: int = 20,
    hearing_id: int | None = None,
    issue_code: str | None = None,
) -> Page:
    query = published_inputs_query(cycle_id)
    if hearing_id:
        query = query.where(CitizenInput.hearing_id == hearing_id)
    if issue_code:
        query = query.where(
            CitizenInput.id.in_(
                select(InputTag.input_id)
                .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
                .where(StrategicIssue.code == issue_code, InputTag.state != TAG_REJECTED)
            )
        )
    return _page(query, number, size, (CitizenInput.submitted_at.desc(), CitizenInput.id.desc()))


def published_input(cycle_id: int, input_id: int) -> CitizenInput | None:
    return db.session.scalar(published_inputs_query(cycle_id).where(CitizenInput.id == input_id))


def recent_entries(hearing_id: int, limit: int = 10) -> list[CitizenInput]:
    """The latest inputs typed in for a hearing, so the official sees what was just saved."""
    return list(
        db.session.scalars(
            select(CitizenInput)
            .where(CitizenInput.hearing_id == hearing_id, CitizenInput.entered_by_id.is_not(None))
            .order_by(CitizenInput.id.desc())
            .limit(limit)
        )
    )


def entered_count(hearing_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(CitizenInput)
        .where(CitizenInput.hearing_id == hearing_id, CitizenInput.entered_by_id.is_not(None))
    )


def inputs_by_ids(ids, cycle_id: int | None = None) -> list[CitizenInput]:
    """The inputs with these ids (of one cycle when given): the ones ticked in a list."""
    ids = list(ids)
    if not ids:
        return []
    query = select(CitizenInput).where(CitizenInput.id.in_(ids))
    if cycle_id is not None:
        query = query.where(CitizenInput.cycle_id == cycle_id)
    return list(db.session.scalars(query))
