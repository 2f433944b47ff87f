from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.i18n import localised
from consult.timeutil import UTCDateTime, utcnow

STATUS_ANNOUNCED = "announced"
STATUS_HELD = "held"
STATUS_MINUTES_RECORDED = "minutes_recorded"
STATUS_CANCELLED = "cancelled"
STATUS_LABELS = {
    STATUS_ANNOUNCED: _l("Announced"),
    STATUS_HELD: _l("Held"),
    STATUS_MINUTES_RECORDED: _l("Minutes recorded"),
    STATUS_CANCELLED: _l("Cancelled"),
}

hearing_subdistrict = Table(
    "hearing_subdistrict",
    db.metadata,
    Column("hearing_id", ForeignKey("hearing.id"), primary_key=True),
    Column("subdistrict_code", ForeignKey("subdistrict.code"), primary_key=True, index=True),
)

hearing_issue = Table(
    "hearing_issue",
    db.metadata,
    Column("hearing_id", ForeignKey("hearing.id"), primary_key=True),
    Column("issue_id", ForeignKey("strategic_issue.id"), primary_key=True),
)


class Hearing(db.Model):
    """A public hearing (ประชุมประชาหารือ) for one subdistrict or a group of them."""

    __tablename__ = "hearing"
    # Lists by province or district read the (…, starts_at, ends_at) indexes of consult.scale.indexes.
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id"), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"))
    # The district hosting it; a group hearing gathers subdistricts of this one district.
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"))
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str] = mapped_column(String(300))
    venue_en: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int | None]
    online_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default=STATUS_ANNOUNCED)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, bumped on every change
    input_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    input_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("hearing_series.id"), index=True)
    # Confirmed registrations, kept here so that taking a seat is one conditional UPDATE.
    registered_count: Mapped[int] = mapped_column(default=0, server_default="0")
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    cycle = relationship("StrategyCycle")
    series = relationship("HearingSeries", back_populates="hearings")
    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="hearing",
        order_by="AgendaItem.offset_minutes, AgendaItem.id",
        cascade="all, delete-orphan",
    )
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="hearing", cascade="all, delete-orphan"
    )
    district = relationship("District")
    subdistricts = relationship("Subdistrict", secondary=hearing_subdistrict, order_by="Subdistrict.code")
    issues = relationship("StrategicIssue", secondary=hearing_issue, order_by="StrategicIssue.position")

    @property
    def display_title(self) -> str:
        return localised(self.title, self.title_en)

    @property
    def display_venue(self) -> str:
        return localised(self.venue, self.venue_en)

    @property
    def is_cancelled(self) -> bool:
        return self.status == STATUS_CANCELLED

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    def input_open_at(self, moment: datetime) -> bool:
        return not self.is_cancelled and self.input_opens_at <= moment < self.input_closes_at

    @property
    def is_changeable(self) -> bool:
        """Only a hearing still ahead (announced) can be moved, edited or cancelled."""
        return self.status == STATUS_ANNOUNCED

    @property
    def attendance_total(self) -> int:
        return sum(row.count for row in self.attendance)

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.registered_count)


class HearingSeries(db.Model):
    """Regular hearings from one recurrence rule; each hearing can then be moved or cancelled alone."""

    __tablename__ = "hearing_series"
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    rule: Mapped[str] = mapped_column(String(200))  # an RFC 5545 RRULE
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hearings: Mapped[list[Hearing]] = relationship(back_populates="series", order_by="Hearing.starts_at")


class AgendaItem(db.Model):
    """A timed item of a hearing's agenda, kept as minutes from the start so that it moves with it."""

    __tablename__ = "hearing_agenda_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearing.id"), index=True)
    offset_minutes: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("strategic_issue.id"))
    hearing: Mapped[Hearing] = relationship(back_populates="agenda")
    issue = relationship("StrategicIssue")

    @property
    def starts_at(self) -> datetime:
        return self.hearing.starts_at + timedelta(minutes=self.offset_minutes)


class Attendance(db.Model):
    """How many people of one sector and gender attended, as counted by the official."""

    __tablename__ = "hearing_attendance"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearing.id"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    gender: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int]
    hearing: Mapped[Hearing] = relationship(back_populates="attendance")


REGISTRATION_CONFIRMED = "confirmed"
REGISTRATION_WAITING = "waiting"
REGISTRATION_CANCELLED = "cancelled"
REGISTRATION_LABELS = {
    REGISTRATION_CONFIRMED: _l("Place confirmed"),
    REGISTRATION_WAITING: _l("On the waiting list"),
    REGISTRATION_CANCELLED: _l("Cancelled"),
}


class Registration(db.Model):
    """A citizen's place at a hearing. Contact details are optional and need consent (PDPA)."""

    __tablename__ = "hearing_registration"
    __table_args__ = (Index("ix_hearing_registration_hearing_status", "hearing_id", "status", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearing.id"))
    # Shown once to the citizen: with it they can look up or cancel their place.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    consent: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(5), default="th")
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hearing: Mapped[Hearing] = relationship()

    @property
    def status_label(self) -> str:
        return str(REGISTRATION_LABELS.get(self.status, self.status))

    @property
    def reference_display(self) -> str:
        """In two halves (ABCDE-FGHJK), easier to read out and to copy from paper."""
        return f"{self.reference[:5]}-{self.reference[5:]}"


class ProvinceHearingSettings(db.Model):
    """A province's own rules for hearings; provinces without a row use the defaults."""

    __tablename__ = "province_hearing_settings"
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), primary_key=True)
    min_notice_days: Mapped[int] = mapped_column(default=15)
    # Days before a hearing on which attendees and the hosting officials are reminded, e.g. "7,1".
    reminder_days: Mapped[str] = mapped_column(String(50), default="7,1")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def id(self) -> str:
        """The audit log names an object by table and id; here that is the province."""
        return self.province_code

    @property
    def reminder_lead_days(self) -> list[int]:
        return sorted({int(part) for part in self.reminder_days.split(",") if part.strip()}, reverse=True)


PROPOSAL_DRAFT = "draft"
PROPOSAL_PUBLISHED = "published"
SLOT_PROPOSED = "proposed"
SLOT_ACCEPTED = "accepted"
SLOT_PUBLISHED = "published"
SLOT_UNPLACED = "unplaced"
SLOT_LABELS = {
    SLOT_PROPOSED: _l("Waiting for the official"),
    SLOT_ACCEPTED: _l("Accepted"),
    SLOT_PUBLISHED: _l("Published as a hearing"),
    SLOT_UNPLACED: _l("No free day in the phase"),
}

proposed_slot_subdistrict = Table(
    "proposed_slot_subdistrict",
    db.metadata,
    Column("slot_id", ForeignKey("proposed_slot.id"), primary_key=True),
    Column("subdistrict_code", ForeignKey("subdistrict.code"), primary_key=True, index=True),
)


class ScheduleProposal(db.Model):
    """A planner's draft of hearings for a district or a whole province, in slots to accept."""

    __tablename__ = "schedule_proposal"
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("strategy_cycle.id"), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    district_code: Mapped[str | None] = mapped_column(ForeignKey("district.code"))  # None: whole province
    per_day_limit: Mapped[int]
    group_size: Mapped[int] = mapped_column(default=1)
    respond_by: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=PROPOSAL_DRAFT)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cycle = relationship("StrategyCycle")
    district = relationship("District")
    province = relationship("Province")
    slots: Mapped[list["ProposedSlot"]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        order_by="ProposedSlot.starts_at, ProposedSlot.id",
    )


class ProposedSlot(db.Model):
    """One unit's proposed time; the official accepts it (naming the venue) or adjusts it."""

    __tablename__ = "proposed_slot"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("schedule_proposal.id"), index=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None when unplaced
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    venue: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default=SLOT_PROPOSED)
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearing.id"))
    proposal: Mapped[ScheduleProposal] = relationship(back_populates="slots")
    district = relationship("District")
    hearing = relationship("Hearing")
    subdistricts = relationship(
        "Subdistrict", secondary=proposed_slot_subdistrict, order_by="Subdistrict.code"
    )

    @property
    def status_label(self) -> str:
        return str(SLOT_LABELS.get(self.status, self.status))

    @property
    def subdistrict_codes(self) -> list[str]:
        return [subdistrict.code for subdistrict in self.subdistricts]
