"""Tables the review area keeps to answer fast: the words of each input, segmented once; and
the indexes its aggregates read."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.tagging.models import InputTag
from consult.timeutil import UTCDateTime, utcnow

# "What people say" reads each issue's latest inputs: walking this index backwards from the
# newest tag of the issue stops after the sample instead of sorting all of the issue's tags.
LATEST_TAGS_OF_ISSUE = Index(
    "ix_input_tag_issue_input_state", InputTag.issue_id, InputTag.input_id, InputTag.state
)

# The tag cube joins a cycle's inputs to their tags by id. SQLite's indexes all carry the row id,
# so its covering aggregates index serves; a PostgreSQL index carries only its columns, and
# without the id there it read every input's row (an index-only scan here halves the query).
INPUTS_OF_CYCLE_FOR_TAGS = Index(
    "ix_citizen_input_cycle_tag_cube",
    CitizenInput.cycle_id,
    CitizenInput.moderation,
    CitizenInput.id,
    postgresql_include=["district_code", "subdistrict_code", "sector", "age_band", "gender", "submitted_at"],
)


class InputTerms(db.Model):
    """The words and two-word phrases of one input's text, for "what people say".

    Thai word segmentation costs about a third of a millisecond per input, far too much to redo
    for thousands of inputs on every dashboard view. `text_hash` is the hash of the text the terms
    were taken from, so an input whose text was changed (a redaction) is segmented again.
    """

    __tablename__ = "review_input_terms"
    input_id: Mapped[int] = mapped_column(
        ForeignKey("citizen_input.id", ondelete="CASCADE"), primary_key=True
    )
    text_hash: Mapped[str] = mapped_column(String(16))
    terms: Mapped[str] = mapped_column(Text, default="")  # one term per line


EXPORT_QUEUED = "queued"
EXPORT_RUNNING = "running"
EXPORT_DONE = "done"
EXPORT_FAILED = "failed"


class ExportJob(db.Model):
    """An input export too large to write within one request: written in the background to a
    file of the instance folder, its progress shown to the planner who asked, then downloaded."""

    __tablename__ = "review_export_job"
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # csv or xlsx
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # ReviewFilter.args()
    language: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(10), default=EXPORT_QUEUED)
    rows_total: Mapped[int] = mapped_column(default=0)  # as counted when asked
    rows_done: Mapped[int] = mapped_column(default=0)
    file_name: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cycle = relationship("StrategyCycle")

    @property
    def finished(self) -> bool:
        return self.status in (EXPORT_DONE, EXPORT_FAILED)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0


from consult.review.rollup import DailyRollup, InputRollup, TagRollup  # noqa: E402,F401  (the models' metadata)

# "What people say" within a district (or a subdistrict of it) reads the district's latest inputs:
# with the district before the time in an index that is a walk of 2,000 entries, where the
# cycle's (cycle, submitted_at) index walked back through every district's inputs (at a million
# inputs, 50,000 rows read for the 2,000 of one district: seconds).
LATEST_INPUTS_OF_DISTRICT = Index(
    "ix_citizen_input_cycle_district_submitted",
    CitizenInput.cycle_id,
    CitizenInput.district_code,
    CitizenInput.submitted_at,
    CitizenInput.id,
)
