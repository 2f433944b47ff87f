"""Signing in without a lockout anyone could cause. Failures are counted per account name (as
typed, whether the account exists or not, so the answer never tells) and per client address;
after a few, each further attempt under that name or address must wait, twice as long each
time up to a ceiling, instead of the account being locked. A browser that signed in to the
account before carries a signed device cookie and is counted on its own, so that a stranger
hammering a planner's name does not keep the planner out. Every attempt is in the audit log.

Planners and administrators may add a TOTP second factor (RFC 6238): the password then leads
to a code page, and only the code completes the sign-in."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import pyotp
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from consult.auth.audit import record_sign_in
from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER, SignInThrottle, User
from consult.auth.queries import find_user
from consult.extensions import db
from consult.timeutil import utcnow

# Attempts free of any wait, and the longest wait, for an account name (or a trusted device) and
# for an address (an office's staff may share one).
ACCOUNT_FREE_FAILURES = 3
ACCOUNT_LONGEST_WAIT = timedelta(minutes=5)
ADDRESS_FREE_FAILURES = 10
ADDRESS_LONGEST_WAIT = timedelta(minutes=15)
# A name or address without a failure for this long starts counting anew.
FORGIVEN_AFTER = timedelta(hours=24)
DEVICE_COOKIE = "consult_device"
DEVICE_SALT = "consult.device"
TOTP_ROLES = (ROLE_PLANNER, ROLE_ADMIN)
TOTP_ISSUER = "consult"


@dataclass
class SignInOutcome:
    user: User | None  # the account whose password matched (its second factor may be due)
    wait: int = 0  # seconds to wait before trying again, when the attempt was not even checked


def _account_key(username: str) -> str:
    return "account:" + username.strip().lower()[:100]


def _address_key(address: str | None) -> str:
    return "address:" + (address or "unknown")[:100]


def _device_key(device: str) -> str:
    return "device:" + device[:100]


def _wait_after(failures: int, free: int, longest: timedelta) -> timedelta:
    if failures <= free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - free - 1)), longest)


def _keys(username: str, address: str | None, device: str | None) -> list[tuple[str, int, timedelta]]:
    personal = (
        (_device_key(device), ACCOUNT_FREE_FAILURES, ACCOUNT_LONGEST_WAIT)
        if device
        else (_account_key(username), ACCOUNT_FREE_FAILURES, ACCOUNT_LONGEST_WAIT)
    )
    return [personal, (_address_key(address), ADDRESS_FREE_FAILURES, ADDRESS_LONGEST_WAIT)]


def seconds_to_wait(username: str, address: str | None, device: str | None, now: datetime) -> int:
    keys = [key for key, _free, _longest in _keys(username, address, device)]
    waits = [
        (row.blocked_until - now).total_seconds()
        for row in db.session.scalars(select(SignInThrottle).where(SignInThrottle.key.in_(keys)))
        if row.blocked_until and row.blocked_until > now
    ]
    return int(max(waits, default=0) + 0.999)


def count_failure(username: str, address: str | None, device: str | None, now: datetime) -> None:
    """Count a failure under each key and commit; two failures at the same moment under a new key
    both insert its row, and the one that loses counts again on the row the other made."""
    for attempt in range(2):
        _count(username, address, device, now)
        try:
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()
            if attempt:
                raise


def _count(username: str, address: str | None, device: str | None, now: datetime) -> None:
    for key, free, longest in _keys(username, address, device):
        row = db.session.get(SignInThrottle, key)
        if row is None:
            row = SignInThrottle(key=key, failures=0, last_failure_at=now)
            db.session.add(row)
        elif row.last_failure_at < now - FORGIVEN_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        row.blocked_until = now + _wait_after(row.failures, free, longest)


def forgive(username: str, device: str | None = None) -> None:
    """A successful sign-in (or a password reset) clears the account's and the device's count;
    the address keeps its own, so that one good account does not reset guessing at others."""
    keys = [_account_key(username)] + ([_device_key(device)] if device else [])
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.key.in_(keys)))


@cache
def _decoy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def check_password(
    username: str, password: str, *, address: str | None, device: str | None, now: datetime | None = None
) -> SignInOutcome:
    """The account whose password this is, unless the name or address must wait first. An
    unknown or deactivated account takes as long and answers the same as a wrong password."""
    now = now or utcnow()
    device = device if device and device_user_id(device) is not None else None
    user = find_user(username)
    wait = seconds_to_wait(username, address, device, now)
    if wait:
        record_sign_in("login.failed", username, user, {"reason": "waiting", "wait": wait})
        db.session.commit()
        return SignInOutcome(None, wait)
    if user is None:
        check_password_hash(_decoy_hash(), password)
        matched, reason = False, "unknown_account"
    else:
        matched = user.check_password(password)
        reason = "password" if not matched else "inactive" if not user.active else None
    if reason:
        record_sign_in("login.failed", username, user, {"reason": reason})
        db.session.commit()
        count_failure(username, address, device, now)
        return SignInOutcome(None)
    return SignInOutcome(user)


def signed_in(user: User, *, username: str, device: str | None, second_factor: bool) -> str:
    """Record the sign-in and return the device cookie for this browser and account."""
    forgive(username, device)
    record_sign_in("login", user.username, user, {"second_factor": second_factor}, actor=user)
    db.session.commit()
    return _device_serializer().dumps([user.id, secrets.token_urlsafe(12)])


def device_user_id(device_cookie: str | None) -> int | None:
    if not device_cookie:
        return None
    try:
        user_id, _nonce = _device_serializer().loads(device_cookie)
    except (BadSignature, ValueError, TypeError):
        return None
    return user_id if isinstance(user_id, int) else None


def trusted_device(device_cookie: str | None, username: str) -> str | None:
    """The device cookie, when it was given to this very account."""
    user = find_user(username)
    user_id = device_user_id(device_cookie)
    return device_cookie if user is not None and user_id == user.id else None


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT)


# --- TOTP -----------------------------------------------------------------------------------


def may_use_second_factor(user: User) -> bool:
    return user.role in TOTP_ROLES


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)


def _accepted_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """The time step a code belongs to (this one or a neighbour, for a phone's clock a little
    off), when it is later than the last one accepted."""
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // totp.interval
    for candidate in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.at(candidate * totp.interval), code) and (
            after is None or candidate > after
        ):
            return candidate
    return None


def enrol_second_factor(user: User, secret: str, code: str, now: datetime | None = None) -> bool:
    now = now or utcnow()
    step = _accepted_step(secret, code, now, None)
    if step is None or not may_use_second_factor(user):
        return False
    user.totp_secret, user.totp_last_step = secret, step
    user.session_version += 1  # other sessions signed in without the second factor end
    record_sign_in("user.totp_enrolled", user.username, user, {}, actor=user)
    db.session.commit()
    return True


def remove_second_factor(user: User, *, actor: User | None) -> None:
    user.totp_secret = user.totp_last_step = None
    record_sign_in("user.totp_removed", user.username, user, {}, actor=actor)
    db.session.commit()


def check_code(
    user: User, code: str, *, address: str | None, device: str | None, now: datetime | None = None
) -> SignInOutcome:
    """The second step: a wrong code counts as a failure like a wrong password."""
    now = now or utcnow()
    wait = seconds_to_wait(user.username, address, device, now)
    if wait:
        record_sign_in("login.failed", user.username, user, {"reason": "waiting", "wait": wait})
        db.session.commit()
        return SignInOutcome(None, wait)
    step = _accepted_step(user.totp_secret or "", code, now, user.totp_last_step)
    if step is None:
        record_sign_in("login.failed", user.username, user, {"reason": "code"})
        db.session.commit()
        count_failure(user.username, address, device, now)
        return SignInOutcome(None)
    user.totp_last_step = step
    return SignInOutcome(user)
