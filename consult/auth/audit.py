from flask import has_request_context, request
from flask_login import current_user

from consult.auth.models import AuditEvent, User
from consult.extensions import db


def record(action: str, obj, detail: dict | None = None, user=None) -> AuditEvent:
    """Add an audit event to the session; the caller's commit makes it part of the same change."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        action=action,
        object_type=type(obj).__tablename__,
        object_id=str(obj.id),
        detail=detail or {},
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event


def record_sign_in(action: str, username: str, user, detail: dict, actor=None) -> AuditEvent:
    """A sign-in attempt or a change to how an account signs in. A failure names the account as
    typed, which may be no account at all; ``actor`` is who acted, None when not known yet."""
    event = AuditEvent(
        user_id=getattr(actor, "id", None),
        action=action,
        object_type=User.__tablename__,
        object_id=str(user.id) if user is not None else "-",
        detail={"username": username.strip()[:80], **detail},
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event
