"""Receipt codes that survive being read aloud, handwritten on a paper card or typed on a phone."""

import secrets

# No 0/O, 1/I/L: the characters people confuse when reading or writing codes by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def new_receipt() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_receipt(text: str) -> str | None:
    """Accept 'k7m4-pqxz', ' K7M4 PQXZ ' and so on; None when it cannot be a receipt."""
    code = "".join(ch for ch in (text or "").upper() if ch not in " -\t")
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
