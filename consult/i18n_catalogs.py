"""Maintaining the message catalogs: extract, update, merge Thai translations (developer tool)."""

import fcntl
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from consult.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
THAI_CATALOG = TRANSLATIONS / "th" / "LC_MESSAGES" / "messages.po"


@contextmanager
def catalog_lock():
    """Several people (or processes) may update the catalogs at once; take turns."""
    with (TRANSLATIONS / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )


def extract_template() -> None:
    _pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output", "-o", str(TEMPLATE), "."
    )


def update_catalogs(thai_json: str | None = None) -> list[str]:
    """Returns the msgids that still have no Thai translation."""
    with catalog_lock():
        extract_template()
        _pybabel(
            "update", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "--no-fuzzy-matching", "--ignore-obsolete"
        )
        translations = json.loads(Path(thai_json).read_text(encoding="utf-8")) if thai_json else {}
        with THAI_CATALOG.open("rb") as handle:
            catalog = read_po(handle, locale="th")
        for message in catalog:
            thai = translations.get(singular_id(message)) if message.id else None
            if thai:
                # Thai has one plural form, so a plural message gets the same text for every count.
                message.string = (thai,) * catalog.num_plurals if message.pluralizable else thai
                message.flags.discard("fuzzy")
        with THAI_CATALOG.open("wb") as handle:
            write_po(handle, catalog, width=100, no_location=True, sort_output=True)
        return [singular_id(m) for m in catalog if m.id and not is_translated(m)]


def singular_id(message) -> str:
    """A plural message is known by its singular, in the translation files as in reports."""
    return message.id[0] if message.pluralizable else message.id


def is_translated(message) -> bool:
    forms = message.string if message.pluralizable else (message.string,)
    return all(forms) and not message.fuzzy
