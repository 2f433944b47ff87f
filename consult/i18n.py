"""Locale selection and the one date-formatting layer used by pages, emails, exports and .ics.

Babel formats Thai dates with the Common Era year and has no Buddhist calendar, so Thai dates
are assembled here from Babel's Thai month and day names with the year shifted to พ.ศ.
"""

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from flask import current_app, has_request_context, request
from flask_babel import get_locale

from consult.config import TIMEZONE

LOCAL_ZONE = ZoneInfo(TIMEZONE)
LANGUAGES = ("th", "en")
LANGUAGE_COOKIE = "lang"
BUDDHIST_ERA_OFFSET = 543


def select_locale() -> str:
    """Pages: the visitor's saved choice, else Thai. The API follows Accept-Language."""
    if not has_request_context():
        return "th"
    explicit = request.args.get("lang")
    if explicit in LANGUAGES:
        return explicit
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(LANGUAGES, default="th")
    saved = request.cookies.get(LANGUAGE_COOKIE)
    return saved if saved in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "th") if has_request_context() else "th"


def localised(thai: str, english: str | None) -> str:
    """Names staff wrote in Thai and, optionally, in English: English on the English site when given."""
    return english if english and current_language() == "en" else thai


def buddhist_year(year: int) -> int:
    return year + BUDDHIST_ERA_OFFSET


def local_today() -> date:
    """Today's date in Thailand, whatever the server's own time zone."""
    return datetime.now(LOCAL_ZONE).date()


def to_local(value: datetime) -> datetime:
    """Aware datetimes are shown in Bangkok time; naive ones are taken as Bangkok time already."""
    return value.astimezone(LOCAL_ZONE) if value.tzinfo else value.replace(tzinfo=LOCAL_ZONE)


@lru_cache(maxsize=16)
def _month_names(width: str, language: str) -> dict[int, str]:
    # Babel looks its locale data up on every call: a list of hearings formats dozens of dates.
    return dict(get_month_names(width, locale=language))


@lru_cache(maxsize=8)
def _day_names(language: str) -> dict[int, str]:
    return dict(get_day_names("wide", locale=language))


def _year(value: date, language: str) -> int:
    return buddhist_year(value.year) if language == "th" else value.year


def format_date(value: date | datetime | None, style: str = "long", language: str | None = None) -> str:
    """'23 พฤศจิกายน 2569' (th) or '23 November 2026' (en); style 'short' abbreviates the month,
    'full' adds the weekday."""
    if value is None:
        return ""
    language = language or current_language()
    if isinstance(value, datetime):
        value = to_local(value).date()
    width = "abbreviated" if style == "short" else "wide"
    month = _month_names(width, language)[value.month]
    text = f"{value.day} {month} {_year(value, language)}"
    if style == "full":
        weekday = _day_names(language)[value.weekday()]
        text = f"{weekday}ที่ {text}" if language == "th" else f"{weekday}, {text}"
    return text


def format_time(value: datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    language = language or current_language()
    clock = to_local(value).strftime("%H:%M")
    return f"{clock} น." if language == "th" else clock


def format_datetime(value: datetime | None, style: str = "long", language: str | None = None) -> str:
    """'23 พฤศจิกายน 2569 เวลา 09:30 น.' (th) or '23 November 2026, 09:30' (en)."""
    if value is None:
        return ""
    language = language or current_language()
    day = format_date(value, style, language)
    clock = format_time(value, language)
    return f"{day} เวลา {clock}" if language == "th" else f"{day}, {clock}"


def format_time_range(starts_at: datetime, ends_at: datetime, language: str | None = None) -> str:
    language = language or current_language()
    start, end = to_local(starts_at), to_local(ends_at)
    if start.date() == end.date():
        if language == "th":
            return f"{format_date(start, 'full', language)} เวลา {start:%H:%M}–{end:%H:%M} น."
        return f"{format_date(start, 'full', language)}, {start:%H:%M}–{end:%H:%M}"
    return f"{format_datetime(start, 'long', language)} – {format_datetime(end, 'long', language)}"


def format_number(value: int | float, language: str | None = None) -> str:
    if isinstance(value, int):
        # Thai and English group whole numbers alike ("12,345"); Babel's general path costs
        # about 0.2 ms a number, which a table of hundreds of counts turns into most of its page.
        return f"{value:,}"
    return format_decimal(value, locale=language or current_language())


def compile_catalogs(translations_dir: Path) -> None:
    """Build each .mo from its .po when missing or older, so no compiled file is kept in git."""
    for po_path in translations_dir.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def register_template_helpers(app) -> None:
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        time=format_time,
        number=format_number,
    )
    app.jinja_env.globals.update(format_time_range=format_time_range, current_language=current_language)
