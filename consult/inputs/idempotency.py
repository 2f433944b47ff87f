"""Idempotency of input submissions: a key (the form's hidden key, an API client's
Idempotency-Key header) counts only within the hearing or cycle it was sent to, and only for the
body it was first sent with. A key reused elsewhere is another key; a key reused with another
body is refused, so that no caller is ever handed someone else's receipt."""

import hashlib
import json

from flask_babel import lazy_gettext as _l

# What a form says when the browser went back to a form it had sent and changed it: a new input.
CHANGED_AFTER_SENDING = _l(
    "This form was already sent with a different text. Press Send again to send this as a new input."
)


class IdempotencyConflict(Exception):
    """The key was used before, in the same place, with a different body."""


def scoped_key(key: str | None, *, cycle, hearing=None) -> str | None:
    """The stored form of a caller's key: a hash of where it was sent and the key itself."""
    key = (key or "").strip()
    if not key:
        return None
    scope = f"hearing:{hearing.id}" if hearing is not None else f"cycle:{cycle.id}"
    return hashlib.sha256(f"{scope}\n{key}".encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def body_digest(data) -> str:
    """A hash of everything a submission says (`NewInput`), blanks and surrounding spaces aside:
    the same input sent twice has the same digest."""
    said = {
        "text": _plain(data.text),
        "sector": _plain(data.sector),
        "channel": data.channel,
        "issues": sorted(set(data.issue_codes or [])),
        "age_band": _plain(data.age_band),
        "gender": _plain(data.gender),
        "village": _plain(data.village),
        "contact": [_plain(data.contact_name), _plain(data.contact_email), _plain(data.contact_phone)],
        "consent": bool(data.consent),
        "card": _plain(data.card_code),
    }
    encoded = json.dumps(said, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()


def replayed(existing, digest: str):
    """The input stored the first time for a repeated key, when the body is the same."""
    if existing.submission_digest is not None and existing.submission_digest != digest:
        raise IdempotencyConflict()
    return existing
