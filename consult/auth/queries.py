"""Reads over accounts: finding one, the session loader, the administrators' staff list, and
the audit log."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from consult.auth.models import AuditEvent, User
from consult.extensions import db
from consult.i18n import LOCAL_ZONE

STAFF_PAGE_SIZE = 25


@dataclass
class StaffPage:
    users: list[User]
    total: int
    page: int
    pages: int
    last_sign_in: dict[int, datetime]


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def load_session_user(session_id: str) -> User | None:
    """A session names the user and their session version: a password change or deactivation
    moves the version on, and every session that named the old one ends there."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def staff_page(text: str = "", role: str = "", page: int = 1, province: str | None = None) -> StaffPage:
    """Staff whose username, name or email contains ``text``, by username, one page at a time;
    with the time each last signed in (read from the audit log, which records every sign-in).
    ``province`` keeps to the accounts of one province (a planner's view of their officials)."""
    criteria = [] if province is None else [User.province_code == province]
    if text:
        pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        criteria.append(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (User.username, User.display_name, User.email)
                )
            )
        )
    if role:
        criteria.append(User.role == role)
    total = db.session.scalar(select(func.count(User.id)).where(*criteria)) or 0
    pages = max(1, -(-total // STAFF_PAGE_SIZE))
    page = min(max(page, 1), pages)
    users = list(
        db.session.scalars(
            select(User)
            .where(*criteria)
            .order_by(func.lower(User.username))
            .options(selectinload(User.subdistricts), selectinload(User.province))
            .limit(STAFF_PAGE_SIZE)
            .offset((page - 1) * STAFF_PAGE_SIZE)
        )
    )
    last = (
        dict(
            db.session.execute(
                select(AuditEvent.user_id, func.max(AuditEvent.created_at))
                .where(AuditEvent.action == "login", AuditEvent.user_id.in_([user.id for user in users]))
                .group_by(AuditEvent.user_id)
            ).all()
        )
        if users
        else {}
    )
    return StaffPage(users, total, page, pages, last)


AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """Which audit events an administrator reads: by whom, what action, from and to which local
    day (both included), on which object (its table, and its id)."""

    user_id: int | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None
    object_type: str | None = None
    object_id: str | None = None

    def args(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.__dict__.items() if value not in (None, "")}


@dataclass
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int


def audit_page(filters: AuditFilter, page: int = 1) -> AuditPage:
    """Audit events matching the filters, newest first, one page at a time."""
    criteria = []
    if filters.user_id is not None:
        criteria.append(AuditEvent.user_id == filters.user_id)
    if filters.action:
        criteria.append(AuditEvent.action == filters.action)
    if filters.since:
        criteria.append(AuditEvent.created_at >= datetime.combine(filters.since, time.min, tzinfo=LOCAL_ZONE))
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time.min, tzinfo=LOCAL_ZONE)
        criteria.append(AuditEvent.created_at < end)
    if filters.object_type:
        criteria.append(AuditEvent.object_type == filters.object_type)
    if filters.object_id:
        criteria.append(AuditEvent.object_id == filters.object_id)
    total = db.session.scalar(select(func.count(AuditEvent.id)).where(*criteria)) or 0
    pages = max(1, -(-total // AUDIT_PAGE_SIZE))
    page = min(max(page, 1), pages)
    events = list(
        db.session.scalars(
            select(AuditEvent)
            .where(*criteria)
            .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
            .options(selectinload(AuditEvent.user))
            .limit(AUDIT_PAGE_SIZE)
            .offset((page - 1) * AUDIT_PAGE_SIZE)
        )
    )
    return AuditPage(events, total, page, pages)


def audit_choices() -> dict[str, list]:
    """The actions, object types and people the log holds, for the filter form."""
    return {
        "actions": list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))),
        "object_types": list(
            db.session.scalars(select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type))
        ),
        "people": list(
            db.session.scalars(
                select(User)
                .where(User.id.in_(select(AuditEvent.user_id).where(AuditEvent.user_id.is_not(None))))
                .order_by(func.lower(User.username))
            )
        ),
    }
