"""Accounts: creation, password changes and password links, role and area changes,
deactivation, signing out everywhere. Every change an administrator makes is audited; signing in
itself is consult.auth.signin."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from consult.auth.audit import record
from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.auth.permissions import can_manage_account
from consult.auth.queries import find_user
from consult.auth.signin import forgive
from consult.extensions import db
from consult.geography.models import Province
from consult.geography.queries import subdistricts_by_codes
from consult.notifications.emails import render_email
from consult.notifications.operations import queue_email
from consult.timeutil import utcnow
from consult.urls import absolute_url

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
# Long enough for a new official to open the first email after a weekend, short enough that a
# forgotten link in a mailbox is not a key for long.
PASSWORD_LINK_LIFETIME = timedelta(days=3)
PASSWORD_LINK_SALT = "consult.password-link"


class AccountRefused(ValueError):
    """A change the rules refuse; the message is shown to the user in their language."""


class AccountForbidden(PermissionError):
    """The actor may not manage this account, or not give it this role or area."""


def _check_may_manage(actor: User | None, role: str, province_code: str | None) -> None:
    if actor is not None and not can_manage_account(actor, role, province_code):
        raise AccountForbidden(f"{actor.username} may not manage a {role} of province {province_code}")


def password_problem(password: str, username: str) -> str | None:
    """The one strength rule for every way a password is set: long enough, and not the username."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return _l("Too short: at least %(min)d characters.", min=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        return _l("Too long: at most %(max)d characters.", max=PASSWORD_MAX_LENGTH)
    if password.strip().lower() == username.strip().lower():
        return _l("The password must not be the username.")
    return None


def _area(role: str, province_code: str | None, subdistrict_codes) -> tuple[str | None, list]:
    """The province and subdistricts a role is scoped to, checked against the geography."""
    if role not in {ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN}:
        raise AccountRefused(f"unknown role {role!r}")
    codes = set(subdistrict_codes or ())
    if role == ROLE_OFFICIAL:
        subdistricts = subdistricts_by_codes(codes)
        if not subdistricts or len(subdistricts) != len(codes):
            raise AccountRefused(_l("An official needs one or more existing subdistricts."))
        if len({subdistrict.province_code for subdistrict in subdistricts}) > 1:
            raise AccountRefused(_l("An official's subdistricts must lie in one province."))
        return subdistricts[0].province_code, subdistricts
    if role == ROLE_PLANNER:
        if not province_code or db.session.get(Province, province_code) is None:
            raise AccountRefused(_l("A planner needs an existing province."))
        return province_code, []
    return None, []


def create_user(
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    email: str | None = None,
    province_code: str | None = None,
    subdistrict_codes=(),
) -> User:
    province_code, subdistricts = _area(role, province_code, subdistrict_codes)
    user = User(
        username=username,
        display_name=display_name or username,
        email=email or None,
        role=role,
        province_code=province_code,
        subdistricts=subdistricts,
    )
    user.set_password(password)
    db.session.add(user)
    return user


def create_staff(
    *,
    actor: User,
    username: str,
    display_name: str,
    email: str | None,
    role: str,
    province_code: str | None,
    subdistrict_codes,
) -> tuple[User, str | None]:
    """An administrator's new account. With an email the person sets their own password through
    a link; without one a temporary password is returned, to be shown to the administrator once."""
    _check_may_manage(actor, role, _area(role, province_code, subdistrict_codes)[0])
    if find_user(username):
        raise AccountRefused(_l("This username is taken."))
    temporary = None if email else _temporary_password()
    user = create_user(
        username,
        temporary or secrets.token_urlsafe(32),
        role,
        display_name=display_name,
        email=email,
        province_code=province_code,
        subdistrict_codes=subdistrict_codes,
    )
    db.session.flush()
    record("user.create", user, _described(user), user=actor)
    if email:
        _queue_password_link(user, "new")
    db.session.commit()
    return user, temporary


def update_staff(
    user: User,
    *,
    actor: User,
    display_name: str,
    email: str | None,
    role: str,
    province_code: str | None,
    subdistrict_codes,
) -> User:
    if user.id == actor.id and role != user.role:
        raise AccountRefused(_l("You cannot change your own role."))
    _check_may_manage(actor, user.role, user.province_code)
    new_province, subdistricts = _area(role, province_code, subdistrict_codes)
    _check_may_manage(actor, role, new_province)
    before = _described(user)
    user.province_code, user.subdistricts = new_province, subdistricts
    user.role, user.display_name, user.email = role, display_name or user.username, email or None
    after = _described(user)
    if after != before:
        record("user.update", user, {"before": before, "after": after}, user=actor)
    if (after["role"], after["province"], after["subdistricts"]) != (
        before["role"],
        before["province"],
        before["subdistricts"],
    ):
        user.session_version += 1  # a changed role or area ends the sessions signed in with the old one
    db.session.commit()
    return user


def set_active(user: User, active: bool, *, actor: User | None) -> None:
    """Deactivating also moves the session version on, so that open sessions end at once.
    ``actor`` is None on the command line."""
    _check_may_manage(actor, user.role, user.province_code)
    if actor is not None and user.id == actor.id:
        raise AccountRefused(_l("You cannot deactivate your own account."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.session_version += 1
    record("user.activate" if active else "user.deactivate", user, user=actor)
    db.session.commit()


def send_password_link(user: User, *, actor: User) -> None:
    _check_may_manage(actor, user.role, user.province_code)
    if not user.email:
        raise AccountRefused(_l("This account has no email address."))
    _queue_password_link(user, "reset")
    record("user.password_link", user, {"email": user.email}, user=actor)
    db.session.commit()


def set_temporary_password(user: User, *, actor: User) -> str:
    """For a person without email: the administrator hands the password over in person."""
    _check_may_manage(actor, user.role, user.province_code)
    password = _temporary_password()
    user.set_password(password)
    forgive(user.username)
    record("user.temporary_password", user, user=actor)
    db.session.commit()
    return password


def change_own_password(user: User, current: str, new: str) -> None:
    """The password changes and every other session ends; the caller signs this one in again."""
    if not user.check_password(current):
        raise AccountRefused(_l("The current password is wrong."))
    problem = password_problem(new, user.username)
    if problem:
        raise AccountRefused(problem)
    user.set_password(new)
    record("user.password_change", user, user=user)
    db.session.commit()


def sign_out_everywhere(user: User) -> None:
    """Signing out ends the session on the server too: a copy of its cookie replayed later, or
    the same account signed in on another device, is signed out as well."""
    user.session_version += 1
    record("logout", user, user=user)
    db.session.commit()


def update_own_profile(user: User, *, display_name: str, email: str | None) -> None:
    before = {"display_name": user.display_name, "email": user.email}
    user.display_name, user.email = display_name or user.username, email or None
    after = {"display_name": user.display_name, "email": user.email}
    if after != before:
        record("user.profile", user, {"before": before, "after": after}, user=user)
    db.session.commit()


def reset_password(user: User, password: str, *, actor: User | None) -> None:
    """A lost password replaced, through a password link (``actor`` is the user) or on the
    command line (None); the waits after failed sign-ins end, and so do its sessions."""
    problem = password_problem(password, user.username)
    if problem:
        raise AccountRefused(problem)
    user.set_password(password)
    forgive(user.username)
    record("user.password_reset", user, user=actor)
    db.session.commit()


def password_link_token(user: User) -> str:
    """Signed, and bound to the password and session version: the link dies once it is used
    (setting the password moves both on) and whenever the password changes another way."""
    return _serializer().dumps([user.id, user.session_version, _fingerprint(user)])


def user_for_password_link(token: str, now: datetime | None = None) -> User | None:
    """The account a link is for, or None when the link is forged, used, superseded or expired."""
    try:
        (user_id, version, fingerprint), signed_at = _serializer().loads(token, return_timestamp=True)
    except (BadSignature, ValueError, TypeError):
        return None
    now = now or utcnow()
    if signed_at + PASSWORD_LINK_LIFETIME < now:  # itsdangerous gives the signing time in UTC
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if (
        user is None
        or not user.active
        or user.session_version != version
        or _fingerprint(user) != fingerprint
    ):
        return None
    return user


def _queue_password_link(user: User, kind: str) -> None:
    token = password_link_token(user)
    email = render_email(
        "password_link",
        "th",
        user=user,
        new_account=kind == "new",
        link=absolute_url("auth.password_link", token=token),
        expires=utcnow() + PASSWORD_LINK_LIFETIME,
    )
    # One message per link: the token itself changes with every password and session version.
    key = f"password-link:{user.id}:{hashlib.sha256(token.encode()).hexdigest()[:32]}"
    queue_email(user.email, email.subject, email.body, key=key, language="th")


def _temporary_password() -> str:
    return secrets.token_urlsafe(9)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=PASSWORD_LINK_SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _described(user: User) -> dict:
    return {
        "role": user.role,
        "display_name": user.display_name,
        "email": user.email,
        "province": user.province_code,
        "subdistricts": sorted(user.subdistrict_codes),
    }
