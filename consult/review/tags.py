"""Planners decide on tags: confirm or reject a suggestion, add an issue nobody suggested, or
confirm every confident suggestion at once. Every change goes to the audit log with the state
it changed from."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.auth.audit import record
from consult.extensions import db
from consult.inputs.models import CitizenInput
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


def inputs_to_review(
    cycle, page: int = 1, page_size: int = REVIEW_PAGE_SIZE
) -> tuple[list[CitizenInput], int]:
    """Inputs of the cycle with a suggestion nobody decided on yet, newest first, and their count."""
    pending = _pending_tags(cycle).with_only_columns(InputTag.input_id).distinct()
    total = db.session.scalar(select(db.func.count()).select_from(pending.subquery()))
    items = db.session.scalars(
        select(CitizenInput)
        .where(CitizenInput.id.in_(pending))
        .options(
            selectinload(CitizenInput.tags).selectinload(InputTag.issue),
            selectinload(CitizenInput.subdistrict),
        )
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return list(items), total
