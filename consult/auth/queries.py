"""Reads over accounts: finding one, the session loader, and the administrators' staff list."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from consult.auth.models import AuditEvent, User
from consult.extensions import db

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
