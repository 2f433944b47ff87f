from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.timeutil import UTCDateTime, utcnow

TRANSPORT_SMTP = "smtp"
TRANSPORT_LOG = "log"  # no SMTP server configured: the message went to the log instead


class OutboxMessage(db.Model):
    """One email waiting for, or done with, delivery.

    ``due_at`` is when a sender may next take it: at creation, after a failure (back-off) or
    when the lease of a sender that took it and then died runs out.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_unsent_due", "sent_at", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5), default="th")
    # Whoever queues a message names it, e.g. "reminder:42:7d:alice@example.org"; the same
    # name twice is the same message, so a job that runs again sends nothing new.
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    transport: Mapped[str | None] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
