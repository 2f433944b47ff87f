"""Reading a sheet of inputs (CSV or XLSX) as officials type them: Thai or English column
headings, Thai labels in the cells, Buddhist-era dates, blank lines, Excel's habits."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from babel.dates import get_month_names
from flask_babel import force_locale
from openpyxl import load_workbook

from consult.inputs.cleaning import clean_text
from consult.inputs.masking import THAI_DIGITS

# Column keys and the headings officials use for them (compared without spaces, case or dots).
COLUMNS = {
    "text": (
        "text",
        "input",
        "comment",
        "ความคิดเห็น",
        "ข้อเสนอแนะ",
        "ความคิดเห็น/ข้อเสนอแนะ",
        "ความคิดเห็นและข้อเสนอแนะ",
    ),
    "sector": ("sector", "ภาคส่วน"),
    "issues": ("issues", "issue", "ประเด็น", "ประเด็นยุทธศาสตร์"),
    "age_band": ("age", "ageband", "age_band", "อายุ", "ช่วงอายุ"),
    "gender": ("gender", "sex", "เพศ"),
    "village": ("village", "หมู่บ้าน", "หมู่", "หมู่ที่"),
    "date": ("date", "วันที่"),
    "card": ("card", "cardcode", "card_code", "receipt", "รหัสบัตร", "รหัสติดตาม", "รหัสรับเรื่อง"),
    "contact_name": ("name", "ชื่อ", "ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อสกุล"),
    "contact_phone": ("phone", "telephone", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์"),
    "contact_email": ("email", "e-mail", "อีเมล", "อีเมล์"),
    "consent": ("consent", "ยินยอม", "ความยินยอม"),
}
MAX_CELL_CHARS = 6000  # above the input limit, so that the form's rule gives the real message
MAX_COLUMNS = 64
# A compressed workbook can unpack to far more text than any hearing produces: stop there.
MAX_SHEET_CHARS = 5_000_000
# Spreadsheets often carry thousands of formatted but empty rows after the data: stop there.
TRAILING_BLANK_ROWS = 500


def _heading_key(text: str) -> str:
    return re.sub(r"[\s._]", "", str(text or "")).lower()


HEADING_TO_COLUMN = {_heading_key(alias): key for key, aliases in COLUMNS.items() for alias in aliases}


class SheetError(Exception):
    """The file as a whole cannot be read; `code` says why (see imports.sheet_error_message)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Sheet:
    rows: list[dict] = field(default_factory=list)  # {"row": sheet row number, "cells": {key: text}}
    ignored_headings: list[str] = field(default_factory=list)


def read_sheet(filename: str, data: bytes, max_rows: int) -> Sheet:
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_rows(data)
    else:
        raise SheetError("file_type")
    return _to_sheet(table, max_rows)


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "cp874"):  # Excel's "CSV UTF-8", then Thai Windows
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("encoding")
    if "\x00" in text:
        raise SheetError("encoding")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row[:MAX_COLUMNS]
    except csv.Error as error:
        raise SheetError("unreadable") from error


def _xlsx_rows(data: bytes):
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError("unreadable")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise SheetError("unreadable") from error
    try:
        for number, row in enumerate(rows, start=1):
            yield number, list(row)
    except Exception as error:
        raise SheetError("unreadable") from error
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)[:MAX_CELL_CHARS]
    return clean_text(text)


def _to_sheet(table, max_rows: int) -> Sheet:
    sheet = Sheet()
    columns = None
    blank_run = 0
    characters = 0
    for number, cells in table:
        texts = [_cell_text(cell) for cell in cells]
        characters += sum(len(text) for text in texts)
        if characters > MAX_SHEET_CHARS:
            raise SheetError("too_large")
        if not any(texts):
            blank_run += 1
            if blank_run > TRAILING_BLANK_ROWS:
                break
            continue
        blank_run = 0
        if columns is None:
            columns = {}
            for index, heading in enumerate(texts):
                key = HEADING_TO_COLUMN.get(_heading_key(heading))
                if key and key not in columns.values():
                    columns[index] = key
                elif heading:
                    sheet.ignored_headings.append(heading)
            if "text" not in columns.values():
                raise SheetError("no_text_column")
            continue
        values = {key: texts[index] if index < len(texts) else "" for index, key in columns.items()}
        if not any(values.values()):
            continue
        if len(sheet.rows) == max_rows:
            raise SheetError("too_many_rows", limit=max_rows)
        sheet.rows.append({"row": number, "cells": values})
    if columns is None:
        raise SheetError("empty")
    if not sheet.rows:
        raise SheetError("no_rows")
    return sheet


# --- cell values -----------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"[\s.\-–_/]", "", (text or "").lower())


def month_names() -> dict[str, int]:
    names = {}
    for locale in ("th", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[_squash(name)] = number
    return names


MONTHS = month_names()
NUMERIC_DATE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
WORDED_DATE = re.compile(r"^(\d{1,2})\s*([^\d\s]+(?:\s[^\d\s]+)?)\s*(\d{2}|\d{4})$")


def _common_era(year: int) -> int:
    """Thai paperwork writes the Buddhist-era year, often with two digits (69 = 2569)."""
    if year < 100:
        year += 2500
    if year > 2400:
        year -= 543
    return year


def parse_date(text: str) -> date:
    """'23/11/2569', '23 พ.ย. 69', '๒๓ พฤศจิกายน ๒๕๖๙', '2026-11-23', '2569-11-23' → a date.
    Raises ValueError otherwise."""
    text = (text or "").strip().translate(THAI_DIGITS)
    if match := ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return date(_common_era(year), month, day)
    if match := NUMERIC_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        return date(_common_era(year), month, day)
    if match := WORDED_DATE.match(text):
        month = MONTHS.get(_squash(match.group(2)))
        if month:
            return date(_common_era(int(match.group(3))), month, int(match.group(1)))
    raise ValueError(text)


def label_lookup(options: dict, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Every way a cell may name an option (its key, its Thai or English label, a known alias),
    squashed, mapped to the key. Built once per sheet: labels are translated in an app context."""
    lookup = dict(aliases or {})
    for locale in ("en", "th"):
        with force_locale(locale):
            lookup.update({_squash(str(label)): key for key, label in options.items()})
    lookup.update({_squash(key): key for key in options})
    return lookup


def key_for_label(text: str, lookup: dict[str, str]) -> str | None:
    wanted = _squash(text)
    return lookup.get(wanted) if wanted else None


SECTOR_ALIASES = {
    _squash(k): v
    for k, v in {
        "ประชาชน": "citizen",
        "ภาคประชาชน": "citizen",
        "เอกชน": "private",
        "ภาคเอกชน": "private",
        "ประชาสังคม": "civil_society",
        "ภาคประชาสังคม": "civil_society",
        "วิชาการ": "academia",
        "ภาควิชาการ": "academia",
        "สถาบันการศึกษา": "academia",
        "รัฐ": "government",
        "ภาครัฐ": "government",
        "ราชการ": "government",
    }.items()
}
GENDER_ALIASES = {
    _squash(k): v
    for k, v in {
        "หญิง": "female",
        "ญ": "female",
        "f": "female",
        "ชาย": "male",
        "ช": "male",
        "m": "male",
        "อื่นๆ": "other",
        "อื่น": "other",
        "ไม่ระบุ": "unspecified",
        "ไม่ประสงค์ระบุ": "unspecified",
    }.items()
}
YES = {_squash(word) for word in ("ใช่", "ยินยอม", "ให้ความยินยอม", "yes", "y", "true", "1", "✓", "✔", "x", "/")}
NO = {_squash(word) for word in ("ไม่", "ไม่ยินยอม", "no", "n", "false", "0", "-")}


def age_band_for(text: str, lookup: dict[str, str]) -> str | None:
    """A band key, its label, or an age in years."""
    digits = (text or "").strip().translate(THAI_DIGITS)
    if digits.isdigit():
        age = int(digits)
        for key, low, high in (
            ("under_18", 0, 17),
            ("18_24", 18, 24),
            ("25_39", 25, 39),
            ("40_59", 40, 59),
            ("60_plus", 60, 130),
        ):
            if low <= age <= high:
                return key
        return None
    return key_for_label(text, lookup)


def consent_from(text: str) -> bool | None:
    """True, False, or None when the cell says neither."""
    word = _squash(text)
    if not word:
        return False
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def issue_codes_from(text: str) -> list[str]:
    return [code.strip().upper() for code in re.split(r"[,;|\s]+", text or "") if code.strip()]


def phone_from(text: str) -> str:
    """Excel drops the leading zero of a phone number kept as a number: 812345678 → 0812345678."""
    digits = (text or "").strip()
    if digits.isdigit() and len(digits) in (8, 9) and not digits.startswith("0"):
        return "0" + digits
    return digits
