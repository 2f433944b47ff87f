from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.timeutil import UTCDateTime, utcnow

SOURCE_CITIZEN = "citizen"  # chosen by the person giving input
SOURCE_MODEL = "model"  # suggested by the tagger
SOURCE_PLANNER = "planner"  # added by a planner
TAG_SUGGESTED = "suggested"
TAG_CONFIRMED = "confirmed"
TAG_REJECTED = "rejected"


class InputTag(db.Model):
    """Links an input to a strategic issue, with who or what suggested it and who confirmed it."""

    __tablename__ = "input_tag"
    __table_args__ = (
        UniqueConstraint("input_id", "issue_id"),
        Index("ix_input_tag_issue_state", "issue_id", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[int] = mapped_column(ForeignKey("citizen_input.id"))
    issue_id: Mapped[int] = mapped_column(ForeignKey("strategic_issue.id"))
    source: Mapped[str] = mapped_column(String(20))
    model_version: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(20), default=TAG_SUGGESTED)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    input = relationship("CitizenInput", back_populates="tags")
    issue = relationship("StrategicIssue")
    confirmed_by = relationship("User")  # who confirmed or rejected it, at confirmed_at


class TaggerModel(db.Model):
    """A tagger learned from a plan's confirmed tags, kept so that every suggestion can name the
    model that made it and a restarted server suggests as before without retraining."""

    __tablename__ = "tagger_model"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id"), index=True)
    version: Mapped[str] = mapped_column(String(64))
    training_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InputSearchText(db.Model):
    """The words of an input as the full-text index reads them: segmented Thai plus the
    sub-words of compounds. SQLite mirrors it into an FTS5 table by triggers, PostgreSQL
    searches it through a GIN index over its tsvector (both made by migration 0006_tagging)."""

    __tablename__ = "input_search_text"
    input_id: Mapped[int] = mapped_column(
        ForeignKey("citizen_input.id", ondelete="CASCADE"), primary_key=True
    )
    terms: Mapped[str] = mapped_column(Text)
