"""Every user-facing string is in the catalogs, translated to Thai with the same placeholders."""

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from consult.config import PROJECT_ROOT

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    template = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            str(template),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def catalog(language: str):
    with (PROJECT_ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {message.id: message for message in read_po(handle) if message.id}


def test_extraction_finds_the_strings(extracted):
    assert "Find a hearing" in extracted and "Please write your input." in extracted


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_string_is_in_the_catalog(extracted, language):
    assert sorted(extracted - set(catalog(language))) == []


def forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A plural message has several ids and strings (Thai: one string, English: two ids)."""
    return text if isinstance(text, tuple) else (text,)


def test_every_string_has_a_thai_translation(extracted):
    thai = catalog("th")
    untranslated = sorted(
        str(msgid)
        for msgid in extracted & set(thai)
        if not all(forms(thai[msgid].string)) or thai[msgid].fuzzy
    )
    assert untranslated == []


def test_thai_translations_keep_the_placeholders():
    mismatched = [
        msgid
        for msgid, message in catalog("th").items()
        if all(forms(message.string))
        for wanted in forms(msgid)
        for string in forms(message.string)
        if sorted(PLACEHOLDER.findall(wanted)) != sorted(PLACEHOLDER.findall(string))
    ]
    assert mismatched == []


def test_plural_messages_have_the_one_thai_form():
    plurals = {msgid: message for msgid, message in catalog("th").items() if message.pluralizable}
    assert ("%(count)s place left.", "%(count)s places left.") in plurals
    assert all(len(message.string) == 1 for message in plurals.values())
