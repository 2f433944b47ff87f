from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.i18n import current_language, localised
from consult.timeutil import UTCDateTime, utcnow

# The usual order of a provincial strategy cycle; the hearing phase drives scheduling.
PHASE_DATA_GATHERING = "data_gathering"
PHASE_HEARINGS = "hearings"
PHASE_DRAFTING = "drafting"
PHASE_COMMITTEE_REVIEW = "committee_review"
PHASE_PUBLICATION = "publication"
PHASE_NAMES = {
    PHASE_DATA_GATHERING: ("รวบรวมและวิเคราะห์ข้อมูล", "Data gathering and analysis"),
    PHASE_HEARINGS: ("รับฟังความคิดเห็นระดับตำบล", "Subdistrict public hearings"),
    PHASE_DRAFTING: ("ยกร่างการทบทวนยุทธศาสตร์", "Drafting the strategy revision"),
    PHASE_COMMITTEE_REVIEW: ("เสนอ กบจ. พิจารณา", "Provincial committee (กบจ.) review"),
    PHASE_PUBLICATION: ("ประกาศใช้และเผยแพร่", "Adoption and publication"),
}


class Bilingual:
    title_th: Mapped[str]
    title_en: Mapped[str]

    @property
    def title(self) -> str:
        return (self.title_en or self.title_th) if current_language() == "en" else self.title_th


class StrategicPlan(Bilingual, db.Model):
    __tablename__ = "strategic_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    first_year: Mapped[int]  # Buddhist Era, as plans are named (e.g. 2566–2570)
    last_year: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issues: Mapped[list["StrategicIssue"]] = relationship(
        back_populates="plan", order_by="StrategicIssue.position"
    )
    cycles: Mapped[list["StrategyCycle"]] = relationship(back_populates="plan")
    province = relationship("Province")


class StrategicIssue(Bilingual, db.Model):
    __tablename__ = "strategic_issue"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    description_th: Mapped[str] = mapped_column(Text, default="")
    keywords_th: Mapped[str] = mapped_column(Text, default="")  # '|'-separated, as in the catalogue
    position: Mapped[int] = mapped_column(default=0)
    plan: Mapped[StrategicPlan] = relationship(back_populates="issues")

    @property
    def keywords(self) -> list[str]:
        return [word for word in self.keywords_th.split("|") if word]


class StrategyCycle(db.Model):
    __tablename__ = "strategy_cycle"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id"), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    plan: Mapped[StrategicPlan] = relationship(back_populates="cycles")
    phases: Mapped[list["CyclePhase"]] = relationship(
        back_populates="cycle", order_by="CyclePhase.starts_on", cascade="all, delete-orphan"
    )

    @property
    def display_title(self) -> str:
        return localised(self.title, self.title_en)

    def phase(self, key: str) -> "CyclePhase | None":
        return next((phase for phase in self.phases if phase.key == key), None)

    def current_phase(self, today: date) -> "CyclePhase | None":
        return next((phase for phase in self.phases if phase.runs_on(today)), None)

    def hearings_run_on(self, today: date) -> bool:
        """The hearing phase runs that day: input on the whole cycle is taken."""
        phase = self.phase(PHASE_HEARINGS)
        return phase is not None and phase.runs_on(today)


class CyclePhase(db.Model):
    __tablename__ = "cycle_phase"
    __table_args__ = (UniqueConstraint("cycle_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    cycle: Mapped[StrategyCycle] = relationship(back_populates="phases")

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" else self.name_th

    @hybrid_method
    def runs_on(self, today: date):
        """Both ends count. On an instance a bool; in a query the same condition as SQL."""
        return (self.starts_on <= today) & (self.ends_on >= today)


revision_input = Table(
    "revision_input",
    db.metadata,
    Column("revision_id", ForeignKey("revision.id"), primary_key=True),
    Column("input_id", ForeignKey("citizen_input.id"), primary_key=True, index=True),
)

REVISION_DRAFT = "draft"
REVISION_IN_REVIEW = "in_review"
REVISION_PUBLISHED = "published"
REVISION_STATUS_LABELS = {
    REVISION_DRAFT: _l("Draft"),
    REVISION_IN_REVIEW: _l("Awaiting review"),
    REVISION_PUBLISHED: _l("Published"),
}


class Revision(db.Model):
    """A change to one strategic issue's text, citing the inputs that prompted it."""

    __tablename__ = "revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id"), index=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("strategic_issue.id"), index=True)
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("strategy_cycle.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    text_before: Mapped[str] = mapped_column(Text, default="")
    text_after: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=REVISION_DRAFT)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why a reviewer sent the draft back; cleared when it is submitted again.
    review_note: Mapped[str | None] = mapped_column(Text)
    # Who approved and published it: never its author (consult.revisions.operations).
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The provincial committee's (กบจ.) decision, recorded when the revision is approved.
    committee_meeting: Mapped[str | None] = mapped_column(String(100))  # e.g. "ครั้งที่ 3/2569"
    committee_decided_on: Mapped[date | None]
    committee_resolution: Mapped[str | None] = mapped_column(Text)
    # The scanned minutes, stored in the instance folder under minutes_file; shown as minutes_name.
    minutes_file: Mapped[str | None] = mapped_column(String(100))
    minutes_name: Mapped[str | None] = mapped_column(String(255))
    minutes_type: Mapped[str | None] = mapped_column(String(50))
    issue: Mapped[StrategicIssue] = relationship()
    plan: Mapped[StrategicPlan] = relationship()
    inputs = relationship(
        "CitizenInput", secondary=revision_input, back_populates="revisions", order_by="CitizenInput.id"
    )
    created_by = relationship("User", foreign_keys=[created_by_id])
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    published_by = relationship("User", foreign_keys=[published_by_id])
    cycle = relationship("StrategyCycle")

    @property
    def status_label(self) -> str:
        return str(REVISION_STATUS_LABELS.get(self.status, self.status))

    @property
    def is_published(self) -> bool:
        return self.status == REVISION_PUBLISHED


class IssueVersion(db.Model):
    """The wording of a strategic issue from a moment on: the plan's history, one row per change.

    Version 1 is the wording the plan started with; each published revision adds the next one.
    """

    __tablename__ = "issue_version"
    __table_args__ = (UniqueConstraint("issue_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("strategic_issue.id"))
    version: Mapped[int]
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    description_th: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"), unique=True)
    issue: Mapped[StrategicIssue] = relationship()
    revision: Mapped[Revision | None] = relationship()
