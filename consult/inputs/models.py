from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.strategy.models import revision_input
from consult.timeutil import UTCDateTime, utcnow

CHANNELS = {
    "online": _l("Online"),
    "hearing_paper": _l("Paper form at a hearing"),
    "hearing_verbal": _l("Spoken at a hearing"),
    "line": _l("LINE"),
    "api": _l("Partner system"),
}
# What a citizen sees about what became of their input.
STATUS_RECEIVED = "received"
STATUS_UNDER_REVIEW = "under_review"
STATUS_CONSIDERED = "considered"
STATUS_USED = "used"
STATUS_NOT_TAKEN_UP = "not_taken_up"
STATUS_LABELS = {
    STATUS_RECEIVED: _l("Received"),
    STATUS_UNDER_REVIEW: _l("Under review"),
    STATUS_CONSIDERED: _l("Considered"),
    STATUS_USED: _l("Used in a strategy revision"),
    STATUS_NOT_TAKEN_UP: _l("Not taken up"),
}
MODERATION_PENDING = "pending"
MODERATION_APPROVED = "approved"
MODERATION_HIDDEN = "hidden"
MODERATION_LABELS = {
    MODERATION_PENDING: _l("Waiting for moderation"),
    MODERATION_APPROVED: _l("Approved for publication"),
    MODERATION_HIDDEN: _l("Hidden"),
}
HIDE_REASONS = {
    "personal_data": _l("Personal data"),
    "abuse": _l("Abusive or offensive"),
    "spam": _l("Spam or off-topic"),
}


class CitizenInput(db.Model):
    """One comment or suggestion (ความคิดเห็น/ข้อเสนอแนะ); personal contact lives in InputContact."""

    __tablename__ = "citizen_input"
    __table_args__ = (
        Index("ix_citizen_input_cycle_submitted", "cycle_id", "submitted_at"),
        Index("ix_citizen_input_province_submitted", "province_code", "submitted_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt: Mapped[str] = mapped_column(String(12), unique=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id"))
    hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearing.id"), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"))
    district_code: Mapped[str | None] = mapped_column(ForeignKey("district.code"), index=True)
    subdistrict_code: Mapped[str | None] = mapped_column(ForeignKey("subdistrict.code"), index=True)
    text: Mapped[str] = mapped_column(Text)
    sector: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20))
    gender: Mapped[str | None] = mapped_column(String(20))
    village: Mapped[str | None] = mapped_column(String(200))
    consent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_RECEIVED)
    status_reason: Mapped[str | None] = mapped_column(Text)
    moderation: Mapped[str] = mapped_column(String(20), default=MODERATION_PENDING)
    moderation_reason: Mapped[str | None] = mapped_column(String(40))
    # Set by the form or an Idempotency-Key header so that a double tap stores one input.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    hearing = relationship("Hearing")
    cycle = relationship("StrategyCycle")
    subdistrict = relationship("Subdistrict")
    contact: Mapped["InputContact | None"] = relationship(
        back_populates="input", cascade="all, delete-orphan", uselist=False
    )
    tags = relationship("InputTag", back_populates="input", cascade="all, delete-orphan")
    revisions = relationship("Revision", secondary=revision_input, back_populates="inputs")

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def receipt_display(self) -> str:
        return format_receipt(self.receipt)

    @property
    def moderation_label(self) -> str:
        return str(MODERATION_LABELS.get(self.moderation, self.moderation))

    @property
    def hide_reason_label(self) -> str:
        return str(HIDE_REASONS.get(self.moderation_reason or "", ""))


class InputContact(db.Model):
    """Personal data given with consent (PDPA): kept apart from the text, never shown publicly."""

    __tablename__ = "input_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[int] = mapped_column(ForeignKey("citizen_input.id"), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    input: Mapped[CitizenInput] = relationship(back_populates="contact")


class CommentCard(db.Model):
    """A numbered paper comment card printed in a hearing kit. Its code is reserved at printing
    time so that the input transcribed from it gets exactly that receipt and that hearing."""

    __tablename__ = "comment_card"
    __table_args__ = (UniqueConstraint("hearing_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearing.id"), index=True)
    number: Mapped[int]
    batch: Mapped[int]
    code: Mapped[str] = mapped_column(String(12), unique=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    input_id: Mapped[int | None] = mapped_column(ForeignKey("citizen_input.id"), unique=True)

    hearing = relationship("Hearing")
    input = relationship("CitizenInput")

    @property
    def code_display(self) -> str:
        return format_receipt(self.code)


class ProvinceInputPolicy(db.Model):
    """A province's choice to publish moderated input texts; without a row only counts are public."""

    __tablename__ = "province_input_policy"
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), primary_key=True)
    publish_texts: Mapped[bool] = mapped_column(default=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def id(self) -> str:
        """The audit log names what changed by `id`; a policy is the province's."""
        return self.province_code


IMPORT_STAGED = "staged"
IMPORT_SAVED = "saved"


class InputImport(db.Model):
    """A sheet of inputs uploaded for a hearing, held for preview until the official confirms.
    The staged rows (which may hold contact details) are dropped once saved or left too long."""

    __tablename__ = "input_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearing.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    filename: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default=IMPORT_STAGED)
    default_sector: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    rows: Mapped[list | None] = mapped_column(JSON)
    outcome: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    hearing = relationship("Hearing")


def format_receipt(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


class QueuedInput(db.Model):
    """An input stored but not tagged and indexed yet: the tag worker's queue
    (consult/inputs/queue.py). The submission adds the row in its own transaction; a worker
    claims rows for a while (claimed_by, claimed_until) and deletes them in the transaction that
    writes their tags and index words, so a claim that a dead worker left runs out and is taken
    again, and an input is never tagged twice."""

    __tablename__ = "input_queue"
    input_id: Mapped[int] = mapped_column(
        ForeignKey("citizen_input.id", ondelete="CASCADE"), primary_key=True
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)


class InputTargetVersion(db.Model):
    """One row (id 1) whose version database triggers (migration 0011_input_queue) move on every
    change to a hearing, its subdistricts, a cycle, its phases, a plan or its issues, whoever makes
    it. Each process caches the hearing, cycle and plan a submission needs
    (operations.hearing_for_input) and uses them only while this version is the one it read them
    at; a new version is a random number, so a restored database never matches an old one."""

    __tablename__ = "input_target_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
