"""Finding phone numbers, ID-card numbers and email addresses typed into an input's text, so that
public views show the text without them. Thai digits (๐–๙) count as digits."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# How people write a phone or ID-card number: digits in groups split by spaces, dots, dashes of
# any kind (- – — −), slashes or brackets, a few of them together ("081 - 234 - 5678",
# "(081)2345678"), possibly led by + or a bracket. A run of nine digits or more written so is a
# candidate; it is personal data when its digits make a phone or ID-card number.
SEPARATOR = r"[\s.\-\u2010-\u2015\u2212/()]"
WRITTEN_NUMBER = re.compile(rf"(?<![0-9])[+(]?[0-9](?:{SEPARATOR}{{0,3}}[0-9]){{8,}}(?![0-9])")
# Any other long number (a bank account) only when written plainly, split by single spaces, dots
# or dashes: a wider rule would take in years and counts ("ปี 2566–2570 (5 ปี)").
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
    if digits.startswith("66") and len(digits) in (10, 11) or digits.startswith("660") and len(digits) == 12:
        return PHONE
    # Bank accounts and other long numbers identify people too.
    return LONG_NUMBER


def _numbers(text: str):
    """(start, end, kind) of each personal number in text (ASCII digits)."""
    for match in WRITTEN_NUMBER.finditer(text):
        kind = _kind_of_number(match.group())
        if kind != LONG_NUMBER:
            yield match.start(), match.end(), kind
            continue
        for plain in DIGIT_RUN.finditer(text, match.start(), match.end()):
            yield plain.start(), plain.end(), _kind_of_number(plain.group())


def find_personal_data(text: str) -> list[Finding]:
    """Spans of `text` that look like personal data, in order and without overlaps."""
    if not text:
        return []
    ascii_digits = text.translate(THAI_DIGITS)  # same length, so spans carry over
    findings = [Finding(m.start(), m.end(), EMAIL_ADDRESS) for m in EMAIL.finditer(ascii_digits)]
    taken = [(f.start, f.end) for f in findings]
    for start, end, kind in _numbers(ascii_digits):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        findings.append(Finding(start, end, kind))
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


def without_personal_data(text: str) -> str:
    """The text with every personal number and email left out, for what is stored to be searched:
    the search index never holds them."""
    return "".join(" " if kind else part for part, kind in segments(text))


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
