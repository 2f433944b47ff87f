"""Strategy revisions: a planner drafts a new wording of a strategic issue citing the inputs
behind it, submits it for review, and a planner of the province publishes it (or sends it back).
Publishing changes the plan, keeps the old wording in its history, tells the cited inputs'
authors their input was used, and is in the audit log like every other step."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.auth.audit import record
from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.inputs.models import MODERATION_HIDDEN, STATUS_USED, CitizenInput
from consult.review.notices import notify_inputs_used
from consult.review.operations import mark_under_review
from consult.strategy.models import (
    REVISION_DRAFT,
    REVISION_IN_REVIEW,
    REVISION_PUBLISHED,
    IssueVersion,
    Revision,
    StrategicIssue,
)
from consult.timeutil import utcnow

TITLE_MAX_CHARS = 300
TEXT_MAX_CHARS = 10000


class RevisionRefused(Exception):
    """A step the rules do not allow now; `message` says why, in the reader's language."""

    def __init__(self, code: str, message: str):
        super().__init__(code)
        self.code = code
        self.message = message


def _check_area(user, cycle) -> None:
    if not can_review_province(user, cycle.province_code):
        raise PermissionError("not this user's province")


def _check_status(revision: Revision, *allowed: str) -> None:
    if revision.status not in allowed:
        raise RevisionRefused(
            "status",
            _("This revision is “%(status)s” and cannot be changed that way.", status=revision.status_label),
        )


def draft_revision(
    cycle,
    issue: StrategicIssue,
    *,
    title: str,
    text_after: str,
    rationale: str,
    user,
    now: datetime | None = None,
) -> Revision:
    """A draft starting from the issue's wording as it is now."""
    _check_area(user, cycle)
    if issue.plan_id != cycle.plan_id:
        raise RevisionRefused("issue", _("This strategic issue is not in the cycle's plan."))
    now = now or utcnow()
    revision = Revision(
        plan_id=cycle.plan_id,
        issue=issue,
        cycle_id=cycle.id,
        title=title.strip(),
        text_before=issue.description_th,
        text_after=text_after.strip(),
        rationale=rationale.strip(),
        status=REVISION_DRAFT,
        created_by_id=user.id,
        created_at=now,
        updated_at=now,
    )
    db.session.add(revision)
    db.session.flush()
    record("revision.drafted", revision, {"issue": issue.code}, user=user)
    db.session.commit()
    return revision


def update_draft(
    revision: Revision, *, title: str, text_after: str, rationale: str, user, now: datetime | None = None
) -> None:
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_DRAFT)
    revision.title, revision.text_after, revision.rationale = (
        title.strip(),
        text_after.strip(),
        rationale.strip(),
    )
    revision.updated_at = now or utcnow()
    record("revision.edited", revision, user=user)
    db.session.commit()


def cite_inputs(revision: Revision, inputs: list[CitizenInput], user) -> int:
    """Add inputs of the revision's cycle to what it cites; returns how many were new. Their
    authors now see them as under review."""
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_DRAFT)
    if any(item.cycle_id != revision.cycle_id for item in inputs):
        raise RevisionRefused("cycle", _("Only inputs of the revision's own cycle can be cited."))
    if any(item.moderation == MODERATION_HIDDEN for item in inputs):
        raise RevisionRefused("hidden", _("Inputs hidden by moderation cannot be cited."))
    cited = {item.id for item in revision.inputs}
    new = [item for item in inputs if item.id not in cited]
    revision.inputs.extend(new)
    mark_under_review(new, user)
    if new:
        record("revision.cited", revision, {"inputs": [item.id for item in new]}, user=user)
    db.session.commit()
    return len(new)


def uncite_inputs(revision: Revision, inputs: list[CitizenInput], user) -> None:
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_DRAFT)
    removed = [item for item in inputs if item in revision.inputs]
    for item in removed:
        revision.inputs.remove(item)
    if removed:
        record("revision.uncited", revision, {"inputs": [item.id for item in removed]}, user=user)
    db.session.commit()


def submit_for_review(revision: Revision, user, now: datetime | None = None) -> None:
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_DRAFT)
    if not (revision.title and revision.text_after and revision.rationale):
        raise RevisionRefused(
            "incomplete", _("Give the revision a title, the new wording and the reason first.")
        )
    if revision.text_after == revision.text_before:
        raise RevisionRefused("unchanged", _("The new wording is the same as the current one."))
    if not revision.inputs:
        raise RevisionRefused("uncited", _("Cite at least one input that this revision answers."))
    revision.status = REVISION_IN_REVIEW
    revision.submitted_by_id, revision.submitted_at = user.id, now or utcnow()
    revision.review_note = None
    record("revision.submitted", revision, user=user)
    db.session.commit()


def return_to_draft(revision: Revision, user, note: str) -> None:
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_IN_REVIEW)
    revision.status = REVISION_DRAFT
    revision.review_note = note.strip() or None
    record("revision.returned", revision, {"note": revision.review_note}, user=user)
    db.session.commit()


def publish_revision(revision: Revision, user, now: datetime | None = None) -> None:
    """The reviewed revision becomes the issue's wording from now on. Refused when the issue was
    reworded since the draft started (the draft would silently undo that change)."""
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_IN_REVIEW)
    issue = revision.issue
    if issue.description_th != revision.text_before:
        raise RevisionRefused(
            "stale",
            _(
                "The issue's wording changed after this draft began; "
                "send it back to draft and start from the current wording."
            ),
        )
    now = now or utcnow()
    _record_version(issue, revision, now)
    issue.description_th = revision.text_after
    revision.status, revision.published_at, revision.published_by_id = REVISION_PUBLISHED, now, user.id
    for item in revision.inputs:
        if item.status != STATUS_USED:
            record(
                "input.status",
                item,
                {"from": item.status, "to": STATUS_USED, "revision": revision.id},
                user=user,
            )
            item.status, item.status_reason = STATUS_USED, None
    record("revision.published", revision, {"issue": issue.code, "inputs": len(revision.inputs)}, user=user)
    notify_inputs_used(revision)
    db.session.commit()


def _record_version(issue: StrategicIssue, revision: Revision, now: datetime) -> None:
    latest = db.session.scalar(
        select(func.max(IssueVersion.version)).where(IssueVersion.issue_id == issue.id)
    )
    if latest is None:  # the first change: keep the wording the plan started with as version 1
        db.session.add(
            IssueVersion(
                issue_id=issue.id,
                version=1,
                title_th=issue.title_th,
                title_en=issue.title_en,
                description_th=issue.description_th,
                valid_from=issue.plan.created_at,
            )
        )
        latest = 1
    db.session.add(
        IssueVersion(
            issue_id=issue.id,
            version=latest + 1,
            title_th=issue.title_th,
            title_en=issue.title_en,
            description_th=revision.text_after,
            valid_from=now,
            revision_id=revision.id,
        )
    )
