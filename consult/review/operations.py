"""What planners do to input while reviewing it: answer it with a status a citizen understands."""

from consult.auth.audit import record
from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.inputs.models import (
    STATUS_CONSIDERED,
    STATUS_NOT_TAKEN_UP,
    STATUS_RECEIVED,
    STATUS_UNDER_REVIEW,
    STATUS_USED,
    CitizenInput,
)
from consult.inputs.notices import notify_not_taken_up

# "Used in a strategy revision" is set only by publishing a revision that cites the input.
SETTABLE_STATUSES = (STATUS_UNDER_REVIEW, STATUS_CONSIDERED, STATUS_NOT_TAKEN_UP)
REASON_MAX_CHARS = 1000


class StatusRefused(ValueError):
    """A status change that the rules do not allow; `code` says which rule."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def set_input_status(items: list[CitizenInput], status: str, user, reason: str | None = None) -> int:
    """Give inputs a new status; "not taken up" needs a reason the citizen will read, and its
    author, if they left an email address, is told once. Inputs already used in a published
    revision keep that status. Returns how many changed."""
    if any(not can_review_province(user, item.province_code) for item in items):
        raise PermissionError("not this user's province")
    if status not in SETTABLE_STATUSES:
        raise StatusRefused("status")
    reason = (reason or "").strip() or None
    if status == STATUS_NOT_TAKEN_UP and not reason:
        raise StatusRefused("reason_required")
    if reason and len(reason) > REASON_MAX_CHARS:
        raise StatusRefused("reason_too_long")
    changed = 0
    for item in items:
        if item.status == STATUS_USED:
            continue
        new_reason = reason if status == STATUS_NOT_TAKEN_UP else None
        if (item.status, item.status_reason) == (status, new_reason):
            continue
        record("input.status", item, {"from": item.status, "to": status, "reason": new_reason}, user=user)
        item.status, item.status_reason = status, new_reason
        if status == STATUS_NOT_TAKEN_UP:
            notify_not_taken_up(item)
        changed += 1
    db.session.commit()
    return changed


def mark_under_review(items, user) -> None:
    """Inputs a planner starts working with (cites in a draft) are under review for their
    authors; the caller commits."""
    for item in items:
        if item.status == STATUS_RECEIVED:
            record(
                "input.status",
                item,
                {"from": item.status, "to": STATUS_UNDER_REVIEW, "reason": None},
                user=user,
            )
            item.status = STATUS_UNDER_REVIEW
