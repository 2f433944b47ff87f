"""Who takes part: the sector one speaks for, age band and gender. Asked of hearing registrants
and of inputs alike, and counted by the review, so the three areas share one vocabulary."""

from flask_babel import lazy_gettext as _l

SECTORS = {
    "citizen": _l("Citizens"),
    "private": _l("Private sector"),
    "civil_society": _l("Civil society"),
    "academia": _l("Academia"),
    "government": _l("Government"),
}
AGE_BANDS = {
    "under_18": _l("Under 18"),
    "18_24": _l("18–24"),
    "25_39": _l("25–39"),
    "40_59": _l("40–59"),
    "60_plus": _l("60 or over"),
}
GENDERS = {
    "female": _l("Female"),
    "male": _l("Male"),
    "other": _l("Other"),
    "unspecified": _l("Prefer not to say"),
}


def sector_label(key: str) -> str:
    """The sector's name in the reader's language; an unknown key as it is."""
    return str(SECTORS.get(key, key))
