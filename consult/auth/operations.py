"""Accounts: creation, authentication with lockout, password changes."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.extensions import db
from consult.geography.queries import subdistricts_by_codes
from consult.timeutil import utcnow

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


@dataclass
class LoginOutcome:
    user: User | None
    locked_until: datetime | None = None


def create_user(username: str, password: str, role: str, *, display_name: str = "",
                email: str | None = None, province_code: str | None = None,
                subdistrict_codes=()) -> User:
    if role not in {ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN}:
        raise ValueError(f"unknown role {role!r}")
    subdistricts = subdistricts_by_codes(subdistrict_codes)
    if role == ROLE_OFFICIAL:
        if not subdistricts or len(subdistricts) != len(set(subdistrict_codes)):
            raise ValueError("an official needs one or more existing subdistrict codes")
        province_code = subdistricts[0].province_code
    if role == ROLE_PLANNER and not province_code:
        raise ValueError("a planner needs a province code")
    user = User(username=username, display_name=display_name or username, email=email,
                role=role, province_code=province_code, subdistricts=subdistricts)
    user.set_password(password)
    db.session.add(user)
    return user


def find_user(username: str) -> User | None:
    return db.session.scalar(
        select(User).where(func.lower(User.username) == username.strip().lower())
    )


def authenticate(username: str, password: str, now: datetime | None = None) -> LoginOutcome:
    """Count failures per account and lock it for a while after too many in a row."""
    now = now or utcnow()
    user = find_user(username)
    if user is None or not user.active:
        return LoginOutcome(None)
    if user.locked_until and user.locked_until > now:
        return LoginOutcome(None, user.locked_until)
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        db.session.commit()
        return LoginOutcome(None, user.locked_until if user.locked_until and user.locked_until > now else None)
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    return LoginOutcome(user)


def load_session_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
