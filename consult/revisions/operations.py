"""Strategy revisions: a planner drafts a new wording of a strategic issue citing the inputs
behind it, submits it for review, and another planner of the province approves it with the
provincial committee's (กบจ.) decision, which publishes it (or sends it back). No one approves
their own revision. Publishing changes the plan, keeps the old wording in its history, tells the
cited inputs' authors their input was used, and is in the audit log like every other step."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.auth.audit import record
from consult.auth.models import ROLE_ADMIN
from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.i18n import local_today
from consult.inputs.models import MODERATION_HIDDEN, STATUS_USED, CitizenInput
from consult.review.notices import notify_inputs_used
from consult.review.operations import mark_under_review
from consult.revisions.models import APPROVER_ADMIN, APPROVER_LABELS, ProvinceRevisionSettings
from consult.revisions.queries import revision_settings
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
MEETING_MAX_CHARS = 100
MINUTES_MAX_BYTES = 10 * 1024 * 1024
# What a scanned file may be, told by its first bytes (not by the name it was sent under).
MINUTES_TYPES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}


@dataclass(frozen=True)
class CommitteeDecision:
    """The provincial committee's (กบจ.) decision approving a revision."""

    meeting: str  # the meeting's number, e.g. "ครั้งที่ 3/2569"
    decided_on: date
    resolution: str
    minutes: bytes | None = None  # the scanned minutes, if any
    minutes_name: str | None = None


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


def is_author(revision: Revision, user) -> bool:
    """Who drafted or submitted the revision may not approve it."""
    return user.id in {revision.created_by_id, revision.submitted_by_id}


def _minutes_type(data: bytes) -> tuple[str, str]:
    for magic, kind in MINUTES_TYPES.items():
        if data.startswith(magic):
            return kind
    raise RevisionRefused("minutes_type", _("The minutes must be a PDF, JPEG or PNG file."))


def _check_decision(decision: CommitteeDecision) -> None:
    if not decision.meeting.strip() or len(decision.meeting.strip()) > MEETING_MAX_CHARS:
        raise RevisionRefused("meeting", _("Give the committee meeting's number, e.g. 3/2569."))
    if decision.decided_on > local_today():
        raise RevisionRefused("decided_on", _("The committee's decision cannot be dated in the future."))
    if not decision.resolution.strip() or len(decision.resolution) > TEXT_MAX_CHARS:
        raise RevisionRefused("resolution", _("Give the committee's resolution as recorded in its minutes."))
    if decision.minutes is not None:
        if not decision.minutes or len(decision.minutes) > MINUTES_MAX_BYTES:
            raise RevisionRefused(
                "minutes_size",
                _("The minutes file may be at most %(size)s MB.", size=MINUTES_MAX_BYTES // (1024 * 1024)),
            )
        _minutes_type(decision.minutes)


def minutes_folder() -> Path:
    """MINUTES_FOLDER: by default committee_minutes in the instance folder."""
    return Path(current_app.config["MINUTES_FOLDER"])


def _store_minutes(revision: Revision, decision: CommitteeDecision) -> Path:
    content_type, extension = _minutes_type(decision.minutes)
    folder = minutes_folder()
    folder.mkdir(parents=True, exist_ok=True)
    # a random part: the stored name cannot be guessed from the revision's number
    name = f"revision-{revision.id}-{secrets.token_hex(8)}{extension}"
    path = folder / name
    path.write_bytes(decision.minutes)
    revision.minutes_file = name
    revision.minutes_type = content_type
    revision.minutes_name = (Path(decision.minutes_name or "").name or name)[:255]
    return path


def publish_revision(
    revision: Revision, user, decision: CommitteeDecision, now: datetime | None = None
) -> None:
    """Approve the reviewed revision with the committee's decision: it becomes the issue's
    wording from now on. Refused to its own author (someone else approves), to whom the
    province's rules do not let approve, without the decision (or the minutes, where the province
    requires them), and when the issue was reworded since the draft started (the draft would
    silently undo that change)."""
    _check_area(user, revision.cycle)
    _check_status(revision, REVISION_IN_REVIEW)
    if is_author(revision, user):
        raise RevisionRefused(
            "own",
            _(
                "You drafted or submitted this revision: another planner of the province approves it "
                "with the committee's decision."
            ),
        )
    settings = revision_settings(revision.cycle.province_code)
    if settings.approver_role == APPROVER_ADMIN and user.role != ROLE_ADMIN:
        raise RevisionRefused("approver", _("In this province an administrator approves revisions."))
    if settings.minutes_required and decision.minutes is None:
        raise RevisionRefused("minutes_required", _("In this province the scanned minutes are required."))
    _check_decision(decision)
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
    revision.committee_meeting = decision.meeting.strip()
    revision.committee_decided_on = decision.decided_on
    revision.committee_resolution = decision.resolution.strip()
    stored = _store_minutes(revision, decision) if decision.minutes is not None else None
    try:
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
        record(
            "revision.approved",
            revision,
            {
                "meeting": revision.committee_meeting,
                "decided_on": decision.decided_on.isoformat(),
                "resolution": revision.committee_resolution,
                "minutes": revision.minutes_name if stored else None,
                "author": revision.created_by_id,
            },
            user=user,
        )
        record(
            "revision.published", revision, {"issue": issue.code, "inputs": len(revision.inputs)}, user=user
        )
        notify_inputs_used(revision)
        db.session.commit()
    except Exception:
        if stored is not None:  # nothing was saved: keep no file that no revision names
            stored.unlink(missing_ok=True)
        raise


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


def save_revision_settings(
    province_code: str, *, approver_role: str, minutes_required: bool, user
) -> ProvinceRevisionSettings:
    """A province's approval rules, set by its planners; each change is in the audit log. Every
    choice keeps the rules all provinces keep: the author never approves, the committee decides."""
    if not can_review_province(user, province_code):
        raise PermissionError("not this user's province")
    if approver_role not in APPROVER_LABELS:
        raise ValueError(f"unknown approver role {approver_role!r}")
    settings = db.session.get(ProvinceRevisionSettings, province_code)
    if settings is None:
        settings = ProvinceRevisionSettings(province_code=province_code)
        db.session.add(settings)
    before = {"approver_role": settings.approver_role, "minutes_required": settings.minutes_required}
    settings.approver_role, settings.minutes_required = approver_role, minutes_required
    settings.updated_by_id = user.id
    db.session.flush()
    record(
        "revision.settings",
        settings,
        {"from": before, "to": {"approver_role": approver_role, "minutes_required": minutes_required}},
        user=user,
    )
    db.session.commit()
    return settings
