"""Who may act where: plain functions over a user and the area an action touches."""

from functools import wraps

from flask import abort
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER
from consult.extensions import login_manager


def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in {
        ROLE_OFFICIAL,
        ROLE_PLANNER,
        ROLE_ADMIN,
    }


def can_act_for_subdistricts(user, subdistrict_codes) -> bool:
    """Officials only for their own subdistricts; planners within their province."""
    codes = set(subdistrict_codes)
    if not codes or not is_staff(user):
        return False
    if user.role == ROLE_ADMIN:
        return True
    if user.role == ROLE_PLANNER:
        return all(code[:2] == user.province_code for code in codes)
    return codes <= user.subdistrict_codes


def can_manage_hearing(user, hearing) -> bool:
    return can_act_for_subdistricts(user, [s.code for s in hearing.subdistricts])


def can_review_province(user, province_code: str) -> bool:
    if not is_staff(user):
        return False
    return user.role == ROLE_ADMIN or (user.role == ROLE_PLANNER and user.province_code == province_code)


def roles_required(*roles):
    """Deny (403) a signed-in user without one of the roles; anonymous users are sent to log in."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def can_manage_accounts(user) -> bool:
    """Who sees the staff pages at all: administrators, and planners for their officials."""
    return is_staff(user) and user.role in {ROLE_ADMIN, ROLE_PLANNER}


def can_manage_account(actor, role: str, province_code: str | None) -> bool:
    """Administrators manage every account; a provincial planner the officials of their own
    province. Checked against the account as it is and as it would become."""
    if not can_manage_accounts(actor):
        return False
    if actor.role == ROLE_ADMIN:
        return True
    return role == ROLE_OFFICIAL and province_code is not None and province_code == actor.province_code
