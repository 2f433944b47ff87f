"""Rate limits that tell a crowd from a bot. Citizens at one hearing share one address (the
อบต.'s Wi-Fi, a mobile carrier's NAT), so the address gets a generous limit only; the strict
limits count per browser, by a random token kept in the browser's signed session cookie, per
hearing (or cycle), and per text, so that the same text sent again and again is caught however
many browsers send it. A shared device at a hearing (a tablet passed round) is put in kiosk mode
by an official: its own signed cookie lifts the per-browser limit for that hearing.

Flask-Limiter keeps the counters in RATELIMIT_STORAGE_URI: Redis in production, shared by every
worker."""

import hashlib
import re
import secrets

from flask import current_app, request, session
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer

from consult.extensions import limiter

BROWSER_TOKEN = "browser"
KIOSK_COOKIE = "consult_kiosk"
KIOSK_SALT = "consult.kiosk"
HONEYPOT_FIELD = "website"
# Shorter texts ("เห็นด้วย", "ถนนชำรุด") are said alike by many people and are not counted as repeats.
REPEAT_MIN_CHARS = 20
NOT_TEXT = re.compile(r"[\W_]+")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def browser_token() -> str:
    """This browser's token, made on its first visit to a limited page and kept in the session;
    signed with the session, so it cannot be chosen. A client that keeps no cookies gets a new
    one each time and is held by the limit per address only, and it cannot send a form at all:
    the form's CSRF token lives in the same session."""
    token = session.get(BROWSER_TOKEN)
    if not isinstance(token, str):
        token = session[BROWSER_TOKEN] = secrets.token_urlsafe(16)
    return token


def _place() -> str:
    arguments = request.view_args or {}
    if "hearing_id" in arguments:
        return f"hearing:{arguments['hearing_id']}"
    if "cycle_id" in arguments:
        return f"cycle:{arguments['cycle_id']}"
    return request.endpoint or ""


def browser_key() -> str:
    return f"browser:{browser_token()}"


def browser_place_key() -> str:
    """One browser at one hearing (or cycle form)."""
    return f"browser:{browser_token()}:{_place()}"


def text_fingerprint(text: str) -> str:
    """The same text however it is spaced, punctuated or cased, Thai digits or not."""
    plain = NOT_TEXT.sub("", (text or "").translate(THAI_DIGITS).lower())
    return hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _submitted_text() -> str:
    return request.form.get("text", "") if request.form else ""


def repeated_text_key() -> str:
    return f"text:{_place()}:{text_fingerprint(_submitted_text())}"


def short_text() -> bool:
    return len(NOT_TEXT.sub("", _submitted_text())) < REPEAT_MIN_CHARS


def honeypot_filled(response=None) -> bool:
    return bool(request.form.get(HONEYPOT_FIELD, "").strip()) if request.form else False


def stored(response) -> bool:
    """An input form's answer when it stored the input: the redirect to the receipt."""
    return response.status_code == 303


def _kiosk_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=KIOSK_SALT)


def kiosk_cookie(hearing_id: int, user_id: int) -> str:
    return _kiosk_serializer().dumps([hearing_id, user_id])


def kiosk_hearing() -> int | None:
    """The hearing this device was put in kiosk mode for by an official, while that lasts."""
    value = request.cookies.get(KIOSK_COOKIE)
    if not value:
        return None
    try:
        hearing_id, _user_id = _kiosk_serializer().loads(
            value, max_age=current_app.config["KIOSK_HOURS"] * 3600
        )
    except (BadSignature, ValueError, TypeError):
        return None
    return hearing_id if isinstance(hearing_id, int) else None


def in_kiosk_mode() -> bool:
    """Whether this request comes from a shared device in kiosk mode for the hearing it names."""
    hearing_id = (request.view_args or {}).get("hearing_id")
    return hearing_id is not None and kiosk_hearing() == hearing_id


def _config(name: str):
    return lambda: current_app.config[name]


def input_form_limits(view):
    """The limits of a citizen's input form (POST only): per address, generous; per browser and
    hearing, strict, except on a device in kiosk mode; the same text at the same hearing; and
    filling in the hidden honeypot field counts against the browser on its own."""
    for limit in (
        limiter.shared_limit(
            _config("INPUT_ADDRESS_RATE_LIMIT"),
            "input-address",
            key_func=get_remote_address,
            methods=["POST"],
        ),
        limiter.shared_limit(
            _config("INPUT_RATE_LIMIT"),
            "input-browser",
            key_func=browser_place_key,
            methods=["POST"],
            exempt_when=in_kiosk_mode,
        ),
        limiter.shared_limit(
            _config("INPUT_REPEAT_RATE_LIMIT"),
            "input-repeat",
            key_func=repeated_text_key,
            methods=["POST"],
            exempt_when=short_text,
            deduct_when=stored,
        ),
        limiter.shared_limit(
            _config("INPUT_HONEYPOT_RATE_LIMIT"),
            "input-honeypot",
            key_func=browser_key,
            methods=["POST"],
            deduct_when=honeypot_filled,
        ),
    ):
        view = limit(view)
    return view


def lookup_key() -> str:
    """A browser that visited before counts on its own; a client without the session cookie (a
    script, an API client) counts by its address."""
    token = session.get(BROWSER_TOKEN)
    return f"browser:{token}" if isinstance(token, str) else f"address:{get_remote_address()}"


def _no_code_asked() -> bool:
    """The tracking page's empty form: nothing is looked up."""
    return request.endpoint == "inputs.track" and not request.args.get("receipt")


def lookup_limits(view):
    """Every look-up of a receipt code (its page, the tracking form, the API, erasure) and of a
    hearing registration's reference counts together: strictly per browser (per address without
    cookies) and generously per address."""
    for limit in (
        limiter.shared_limit(
            _config("TRACK_ADDRESS_RATE_LIMIT"),
            "lookup-address",
            key_func=get_remote_address,
            exempt_when=_no_code_asked,
        ),
        limiter.shared_limit(
            _config("TRACK_RATE_LIMIT"), "lookup-browser", key_func=lookup_key, exempt_when=_no_code_asked
        ),
    ):
        view = limit(view)
    return view
