"""Email texts: plain-text templates in the recipient's language, with the same date helpers as
the pages (Buddhist Era years in Thai); their links come from consult.urls, on CONSULT_BASE_URL."""

from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale

from consult.i18n import LANGUAGES, format_date, format_datetime, format_time_range


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def render_email(template: str, language: str, **context) -> Email:
    """Render templates/notifications/<template>.txt: its first line is the subject."""
    language = language if language in LANGUAGES else "th"
    with force_locale(language):
        text = render_template(
            f"notifications/{template}.txt",
            lang=language,
            local=lambda item: in_language(item, language),
            date=lambda value, style="long": format_date(value, style, language),
            datetime=lambda value, style="long": format_datetime(value, style, language),
            time_range=lambda start, end: format_time_range(start, end, language),
            **context,
        )
    subject, _, body = text.strip().partition("\n")
    return Email(" ".join(subject.split()), body.strip() + "\n")


def in_language(item, language: str) -> str:
    """A place's, plan's, issue's or phase's name in ``language`` (Thai when there is no English)."""
    for field in ("name", "title"):
        thai = getattr(item, f"{field}_th", None)
        if thai is not None:
            english = getattr(item, f"{field}_en", "") or ""
            return english or thai if language == "en" else thai
    return str(item)
