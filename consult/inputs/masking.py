"""Finding phone numbers, ID-card numbers and email addresses typed into an input's text, so that
public views show the text without them. Thai digits (๐–๙) count as digits."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A run of at least nine digits, possibly split by spaces, dots or dashes, or led by +66.
DIGIT_RUN = re.compile(r"(?<![0-9])\+?[0-9](?:[ .\-]?[0-9]){8,}(?![0-9])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
PHONE = "phone"
ID_CARD = "id_card"
EMAIL_ADDRESS = "email"
LONG_NUMBER = "number"


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str


def _kind_of_number(run: str) -> str:
    digits = re.sub(r"[^0-9]", "", run)
    if len(digits) == 13 and not run.startswith("+"):
        return ID_CARD
    if digits.startswith("0") and len(digits) in (9, 10):
        return PHONE
    if digits.startswith("66") and len(digits) in (10, 11):
        return PHONE
    # Bank accounts and other long numbers identify people too.
    return LONG_NUMBER


def find_personal_data(text: str) -> list[Finding]:
    """Spans of `text` that look like personal data, in order and without overlaps."""
    if not text:
        return []
    ascii_digits = text.translate(THAI_DIGITS)  # same length, so spans carry over
    findings = [Finding(m.start(), m.end(), EMAIL_ADDRESS) for m in EMAIL.finditer(ascii_digits)]
    taken = [(f.start, f.end) for f in findings]
    for match in DIGIT_RUN.finditer(ascii_digits):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        findings.append(Finding(match.start(), match.end(), _kind_of_number(match.group())))
    return sorted(findings, key=lambda finding: finding.start)


def _placeholder(kind: str) -> str:
    return {
        PHONE: _("[phone number removed]"),
        ID_CARD: _("[ID card number removed]"),
        EMAIL_ADDRESS: _("[email removed]"),
    }.get(kind, _("[number removed]"))


def mask_personal_data(text: str) -> str:
    """The text as the public may see it."""
    return "".join(part if kind is None else _placeholder(kind) for part, kind in segments(text))


def segments(text: str) -> list[tuple[str, str | None]]:
    """The text cut into (piece, kind) with kind None for ordinary text: moderators see the
    pieces highlighted, the public sees them replaced."""
    pieces, position = [], 0
    for finding in find_personal_data(text):
        if finding.start > position:
            pieces.append((text[position : finding.start], None))
        pieces.append((text[finding.start : finding.end], finding.kind))
        position = finding.end
    if position < len(text or ""):
        pieces.append((text[position:], None))
    return pieces
