"""Queueing mail. Callers add messages inside their own transaction and commit it themselves,
so a message exists if and only if the change that caused it was saved."""

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from consult.extensions import db
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow

MAX_KEY_LENGTH = 200
MAX_SUBJECT_LENGTH = 300


def queue_email(
    recipient: str, subject: str, body: str, *, key: str, language: str = "th"
) -> OutboxMessage | None:
    """Queue a message in the current transaction; returns None when ``key`` was queued before.

    The insert skips a conflicting key in the database itself (ON CONFLICT DO NOTHING), so two
    transactions queueing the same key at once still leave one message and neither fails.
    """
    recipient = recipient.strip()
    if not recipient or "@" not in recipient:
        raise ValueError(f"not an email address: {recipient!r}")
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"idempotency key must be 1 to {MAX_KEY_LENGTH} characters")
    if any(
        message.idempotency_key == key for message in db.session.new if isinstance(message, OutboxMessage)
    ):
        return None
    now = utcnow()
    values = {
        "recipient": recipient,
        "subject": " ".join(subject.split())[:MAX_SUBJECT_LENGTH],
        "body": body,
        "language": language,
        "idempotency_key": key,
        "created_at": now,
        "due_at": now,
        "attempts": 0,
    }
    dialect = sqlite if db.session.get_bind().dialect.name == "sqlite" else postgresql
    statement = (
        dialect.insert(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(OutboxMessage.id)
    )
    new_id = db.session.execute(statement).scalar()
    return None if new_id is None else db.session.get(OutboxMessage, new_id)


def message_with_key(key: str) -> OutboxMessage | None:
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == key))
