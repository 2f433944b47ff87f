from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import JSON, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from consult.extensions import db
from consult.timeutil import UTCDateTime, utcnow

ROLE_OFFICIAL = "official"  # scoped to one or more subdistricts
ROLE_PLANNER = "planner"  # scoped to one province
ROLE_ADMIN = "admin"
ROLE_LABELS = {
    ROLE_OFFICIAL: _l("Subdistrict official"),
    ROLE_PLANNER: _l("Provincial planner"),
    ROLE_ADMIN: _l("Administrator"),
}

user_subdistrict = Table(
    "user_subdistrict",
    db.metadata,
    Column("user_id", ForeignKey("user_account.id"), primary_key=True),
    Column("subdistrict_code", ForeignKey("subdistrict.code"), primary_key=True),
)

TESTING_PASSWORD_HASH = "pbkdf2:sha256:1"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    province_code: Mapped[str | None] = mapped_column(ForeignKey("province.code"), index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # Part of the session id: bumping it on a password change signs out every other session.
    session_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    # TOTP second factor (RFC 6238), base32; None until the person enrols. The last time step
    # accepted keeps a code from being used twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    subdistricts = relationship("Subdistrict", secondary=user_subdistrict, order_by="Subdistrict.code")
    province = relationship("Province")

    def set_password(self, password: str) -> None:
        if current_app.testing:
            # The test suite creates and signs in staff hundreds of times: one round there instead of
            # scrypt's deliberate 0.1-0.4 s; the stored format and its checking stay Werkzeug's.
            self.password_hash = generate_password_hash(password, method=TESTING_PASSWORD_HASH)
        else:
            self.password_hash = generate_password_hash(password)
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))

    @property
    def subdistrict_codes(self) -> set[str]:
        return {subdistrict.code for subdistrict in self.subdistricts}


class SignInThrottle(db.Model):
    """Failed sign-ins counted under one key (an account name as typed, whether it exists or not,
    or a client address): past a few, each further attempt under that key waits longer."""

    __tablename__ = "sign_in_throttle"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(db.Model):
    """Who did what to which object, when and from where."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(80))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user = relationship("User")
