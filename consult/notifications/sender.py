"""Delivering the outbox. Several senders may run at once (two schedulers, a manual run): each
message is claimed with a conditional UPDATE before it is sent, so only one of them sends it."""

import hashlib
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app
from sqlalchemy import select, update

from consult.extensions import db
from consult.notifications.models import TRANSPORT_LOG, TRANSPORT_SMTP, OutboxMessage
from consult.timeutil import utcnow

log = logging.getLogger("consult.mail")
# A sender that took a message and died lets it go after this; the next one then retries it.
CLAIM_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=6)
SMTP_TIMEOUT_SECONDS = 30


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0


def send_due_messages(*, now: datetime | None = None, limit: int = 200) -> SendReport:
    """Deliver messages that are due, oldest first; returns how many went and how many failed."""
    now = now or utcnow()
    candidates = list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.due_at <= now,
                OutboxMessage.attempts < MAX_ATTEMPTS,
            )
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
    )
    db.session.commit()
    report = SendReport()
    with transport_from_config(current_app.config) as transport:
        for message_id in candidates:
            if not _claim(message_id, now):
                continue
            message = db.session.get(OutboxMessage, message_id)
            try:
                transport.deliver(message)
            except (OSError, smtplib.SMTPException) as error:
                _release_after_failure(message, error)
                db.session.commit()
                report.failed += 1
                if _server_unusable(error):
                    break  # the rest stay due for the next run instead of each timing out
                continue
            message.sent_at = utcnow()
            message.transport = transport.name
            message.last_error = None
            db.session.commit()
            report.sent += 1
    return report


def _claim(message_id: int, now: datetime) -> bool:
    """Take the message for CLAIM_LEASE; False when another sender took or sent it first.

    The WHERE clause is evaluated again on the row as it is once a competing transaction has
    committed, so of two senders claiming at once exactly one updates a row.
    """
    claimed = (
        db.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None), OutboxMessage.due_at <= now
            )
            .values(due_at=now + CLAIM_LEASE, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )
    db.session.commit()
    return claimed


def _server_unusable(error: Exception) -> bool:
    """Connection, TLS or login trouble, as opposed to one message or recipient being refused."""
    refused = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
    return not isinstance(error, refused)


def _release_after_failure(message: OutboxMessage, error: Exception) -> None:
    backoff = min(MAX_BACKOFF, timedelta(minutes=2**message.attempts))
    message.due_at = utcnow() + backoff
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    log.warning(
        "mail %s to %s failed (attempt %s): %s",
        message.id,
        message.recipient,
        message.attempts,
        message.last_error,
    )


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    # The same key always gives the same Message-ID, so a receiving server can drop a copy
    # that a crash between handing over and recording it made us send twice.
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:32]
    domain = sender.rpartition("@")[2].strip("> ") or "consult.localhost"
    email["Message-ID"] = f"<{digest}@{domain}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    email["Content-Language"] = message.language  # after set_content, which clears Content-*
    return email


class LogTransport:
    """Without an SMTP server the message is written to the log, and stays in the outbox."""

    name = TRANSPORT_LOG

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def deliver(self, message: OutboxMessage) -> None:
        log.info(
            "mail (no SMTP configured) to %s\nSubject: %s\n\n%s",
            message.recipient,
            message.subject,
            message.body,
        )


class SmtpTransport:
    """One SMTP connection per batch, opened on the first message."""

    name = TRANSPORT_SMTP

    def __init__(
        self, host: str, port: int, *, user: str | None, password: str | None, starttls: bool, sender: str
    ):
        self.host, self.port, self.user, self.password = host, port, user, password
        self.starttls, self.sender = starttls, sender
        self._connection: smtplib.SMTP | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self._connection is not None:
            try:
                self._connection.quit()
            except (OSError, smtplib.SMTPException):
                self._connection.close()
        return False

    def deliver(self, message: OutboxMessage) -> None:
        if self._connection is None:
            self._connection = self._connect()
        try:
            self._connection.send_message(build_email(message, self.sender))
        except smtplib.SMTPServerDisconnected:
            self._connection = None
            raise

    def _connect(self) -> smtplib.SMTP:
        connection = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS)
        try:
            if self.starttls:
                connection.starttls(context=ssl.create_default_context())
            if self.user:
                connection.login(self.user, self.password or "")
        except BaseException:
            connection.close()
            raise
        return connection


def transport_from_config(config) -> LogTransport | SmtpTransport:
    if not config.get("SMTP_HOST"):
        return LogTransport()
    return SmtpTransport(
        config["SMTP_HOST"],
        int(config.get("SMTP_PORT") or 25),
        user=config.get("SMTP_USER"),
        password=config.get("SMTP_PASSWORD"),
        starttls=bool(config.get("SMTP_STARTTLS")),
        sender=config["MAIL_FROM"],
    )
