"""Planners decide on tags: confirm or reject a suggestion, add an issue nobody suggested, or
confirm every confident suggestion at once. Every change goes to the audit log with the state
it changed from. A decision can be changed at any time, wherever the input is shown; the queue
lists the inputs still waiting for one."""

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from consult.auth.audit import record
from consult.extensions import db
from consult.inputs.models import MODERATION_HIDDEN, CitizenInput
from consult.strategy.models import StrategicIssue
from consult.tagging.models import (
    SOURCE_MODEL,
    SOURCE_PLANNER,
    TAG_CONFIRMED,
    TAG_REJECTED,
    TAG_SUGGESTED,
    InputTag,
)
from consult.timeutil import utcnow

REVIEW_PAGE_SIZE = 20


class TagRefused(Exception):
    """The issue is not one of the input's plan."""


def _issue_of_plan(item: CitizenInput, issue_id: int) -> StrategicIssue:
    issue = db.session.get(StrategicIssue, issue_id)
    if issue is None or issue.plan_id != item.cycle.plan_id:
        raise TagRefused()
    return issue


def _tag_of(item: CitizenInput, issue: StrategicIssue) -> InputTag | None:
    return next((tag for tag in item.tags if tag.issue_id == issue.id), None)


def _audit(action: str, tag: InputTag, previous: str | None, user) -> None:
    record(
        action,
        tag.input,
        {
            "issue": tag.issue.code,
            "from": previous,
            "source": tag.source,
            "confidence": tag.confidence,
            "model_version": tag.model_version,
        },
        user=user,
    )


def confirm_tag(item: CitizenInput, issue_id: int, user) -> InputTag:
    """Confirm the input's tag for the issue; an issue without a tag yet is added as the planner's."""
    issue = _issue_of_plan(item, issue_id)
    tag = _tag_of(item, issue)
    previous = tag.state if tag else None
    if tag is None:
        tag = InputTag(issue=issue, source=SOURCE_PLANNER)
        item.tags.append(tag)
    if previous == TAG_CONFIRMED:
        return tag
    tag.state = TAG_CONFIRMED
    tag.confirmed_by_id = user.id
    tag.confirmed_at = utcnow()
    _audit("tag.confirmed" if previous else "tag.added", tag, previous, user)
    db.session.commit()
    return tag


def reject_tag(item: CitizenInput, issue_id: int, user) -> InputTag | None:
    """Reject the input's tag for the issue (kept, so the tagger learns the input is not about it)."""
    issue = _issue_of_plan(item, issue_id)
    tag = _tag_of(item, issue)
    if tag is None or tag.state == TAG_REJECTED:
        return tag
    previous = tag.state
    tag.state = TAG_REJECTED
    tag.confirmed_by_id = user.id
    tag.confirmed_at = utcnow()
    _audit("tag.rejected", tag, previous, user)
    db.session.commit()
    return tag


def _pending_tags(cycle):
    return (
        select(InputTag)
        .join(CitizenInput, CitizenInput.id == InputTag.input_id)
        .where(CitizenInput.cycle_id == cycle.id, InputTag.state == TAG_SUGGESTED)
    )


def confident_suggestions(cycle, min_confidence: float) -> list[InputTag]:
    return list(
        db.session.scalars(
            _pending_tags(cycle)
            .where(InputTag.source == SOURCE_MODEL, InputTag.confidence >= min_confidence)
            .options(selectinload(InputTag.issue), selectinload(InputTag.input))
        )
    )


def bulk_confirm(cycle, min_confidence: float, user) -> int:
    """Confirm every model suggestion of the cycle at or above ``min_confidence``, one audit
    event per tag."""
    tags = confident_suggestions(cycle, min_confidence)
    now = utcnow()
    for tag in tags:
        tag.state = TAG_CONFIRMED
        tag.confirmed_by_id = user.id
        tag.confirmed_at = now
        _audit("tag.confirmed", tag, TAG_SUGGESTED, user)
    db.session.commit()
    return len(tags)


QUEUE_WAITING = "waiting"  # inputs with a suggestion nobody decided on
QUEUE_UNCONFIRMED = "unconfirmed"  # inputs without a confirmed tag, suggested or not
# A band of the waiting suggestions' confidence: [low, high).
CONFIDENCE_BANDS = {"high": (0.8, None), "medium": (0.5, 0.8), "low": (None, 0.5)}


@dataclass(frozen=True)
class TagQueue:
    """Which inputs the tag review lists. `issue`, `confidence` and `model_version` narrow to
    inputs with a waiting suggestion that matches them all."""

    view: str = QUEUE_WAITING
    issue: int | None = None
    confidence: str | None = None
    model_version: str | None = None
    district: str | None = None
    sector: str | None = None

    def args(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.__dict__.items() if value not in (None, "")}


def _waiting_suggestion(queue: TagQueue):
    """The condition on an input: it has a waiting suggestion matching the queue's filters."""
    conditions = [InputTag.input_id == CitizenInput.id, InputTag.state == TAG_SUGGESTED]
    if queue.issue:
        conditions.append(InputTag.issue_id == queue.issue)
    if queue.model_version:
        conditions.append(InputTag.model_version == queue.model_version)
    low, high = CONFIDENCE_BANDS.get(queue.confidence, (None, None))
    if low is not None:
        conditions.append(InputTag.confidence >= low)
    if high is not None:
        conditions.append(or_(InputTag.confidence < high, InputTag.confidence.is_(None)))
    return exists().where(*conditions)


def _queue_conditions(cycle, queue: TagQueue) -> list:
    conditions = [CitizenInput.cycle_id == cycle.id, CitizenInput.moderation != MODERATION_HIDDEN]
    if queue.district:
        conditions.append(CitizenInput.district_code == queue.district)
    if queue.sector:
        conditions.append(CitizenInput.sector == queue.sector)
    narrowed = queue.issue or queue.confidence or queue.model_version
    if queue.view == QUEUE_UNCONFIRMED:
        confirmed = exists().where(InputTag.input_id == CitizenInput.id, InputTag.state == TAG_CONFIRMED)
        conditions.append(~confirmed)
        if narrowed:
            conditions.append(_waiting_suggestion(queue))
    else:
        conditions.append(_waiting_suggestion(queue))
    return conditions


def model_versions(cycle) -> list[str]:
    """The tagger versions whose suggestions still wait in the cycle, newest first."""
    rows = db.session.execute(
        select(InputTag.model_version, func.max(InputTag.created_at))
        .join(CitizenInput, CitizenInput.id == InputTag.input_id)
        .where(
            CitizenInput.cycle_id == cycle.id,
            InputTag.state == TAG_SUGGESTED,
            InputTag.model_version.is_not(None),
        )
        .group_by(InputTag.model_version)
        .order_by(func.max(InputTag.created_at).desc())
    )
    return [version for version, _latest in rows]


def inputs_to_review(
    cycle, queue: TagQueue = TagQueue(), page: int = 1, page_size: int = REVIEW_PAGE_SIZE
) -> tuple[list[CitizenInput], int]:
    """The inputs of the queue, newest first, and their count."""
    conditions = _queue_conditions(cycle, queue)
    total = db.session.scalar(select(func.count()).select_from(CitizenInput).where(*conditions))
    items = db.session.scalars(
        select(CitizenInput)
        .where(*conditions)
        .options(
            selectinload(CitizenInput.tags).selectinload(InputTag.issue),
            selectinload(CitizenInput.tags).selectinload(InputTag.confirmed_by),
            selectinload(CitizenInput.subdistrict),
        )
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return list(items), total
