"""Moderation: which input texts the public may read. Counts are public regardless; texts only
where the province has chosen to publish them, once a moderator approved them."""

from sqlalchemy import select

from consult.auth.audit import record
from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.inputs.masking import find_personal_data
from consult.inputs.models import (
    HIDE_REASONS,
    MODERATION_APPROVED,
    MODERATION_HIDDEN,
    MODERATION_PENDING,
    CitizenInput,
    ProvinceInputPolicy,
)
from consult.inputs.notices import notify_hidden
from consult.timeutil import utcnow

APPROVE = "approve"
HIDE = "hide"
RESTORE = "restore"
ACTIONS = {APPROVE: MODERATION_APPROVED, HIDE: MODERATION_HIDDEN, RESTORE: MODERATION_PENDING}


def moderate(item: CitizenInput, action: str, user, reason: str | None = None) -> None:
    """Approve an input's text for publication, hide it with a reason, or send it back to the
    queue. Every change is in the audit log with the state before and after; a contributor who
    left an email address is told once that their input was hidden, and why."""
    if not can_review_province(user, item.province_code):
        raise PermissionError("not this user's province")
    if action not in ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    if action == HIDE and reason not in HIDE_REASONS:
        raise ValueError("hiding needs one of the reasons")
    before = item.moderation
    item.moderation = ACTIONS[action]
    item.moderation_reason = reason if action == HIDE else None
    record(
        "input.moderated",
        item,
        {"from": before, "to": item.moderation, "reason": item.moderation_reason},
        user=user,
    )
    if action == HIDE:
        notify_hidden(item)
    db.session.commit()


def suggested_reason(item: CitizenInput) -> str | None:
    """What the moderator is likely to pick: personal data when the text carries some."""
    return "personal_data" if find_personal_data(item.text) else None


def publishes_texts(province_code: str) -> bool:
    policy = db.session.get(ProvinceInputPolicy, province_code)
    return bool(policy and policy.publish_texts)


def set_publication(province_code: str, publish: bool, user) -> ProvinceInputPolicy:
    if not can_review_province(user, province_code):
        raise PermissionError("not this user's province")
    policy = db.session.get(ProvinceInputPolicy, province_code)
    if policy is None:
        policy = ProvinceInputPolicy(province_code=province_code)
        db.session.add(policy)
    before = bool(policy.publish_texts)
    policy.publish_texts = publish
    policy.updated_by_id = user.id
    policy.updated_at = utcnow()
    db.session.flush()
    record("inputs.publication_policy", policy, {"from": before, "to": publish}, user=user)
    db.session.commit()
    return policy


def published_inputs_query(cycle_id: int):
    """Texts the public may read for a cycle (empty unless the province publishes texts)."""
    return (
        select(CitizenInput)
        .join(ProvinceInputPolicy, ProvinceInputPolicy.province_code == CitizenInput.province_code)
        .where(
            CitizenInput.cycle_id == cycle_id,
            CitizenInput.moderation == MODERATION_APPROVED,
            ProvinceInputPolicy.publish_texts.is_(True),
        )
    )
