"""CSV and XLSX exports of input and of the aggregates, built from the same queries as the
dashboard. Thai text stays intact in Excel (CSV starts with a UTF-8 byte order mark), dates are
written with the Buddhist Era year for people (a real date cell in XLSX) and in ISO 8601 for
programs. Contact details are in none of them (the purpose-bound contact export,
consult.inputs.pdpa, is the one place). Input exports are written a
batch at a time, so their memory does not grow with the cycle (export_jobs.py runs large ones in
the background)."""

import contextlib
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import xlsxwriter
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from consult.extensions import db
from consult.i18n import current_language, format_date, format_datetime, to_local
from consult.inputs.models import CHANNELS, STATUS_LABELS
from consult.participants import AGE_BANDS, GENDERS, SECTORS
from consult.review.coverage import coverage
from consult.review.dashboard import group_label, labelled
from consult.review.filters import ReviewFilter, describe_filters
from consult.review.input_lists import export_batch
from consult.review.queries import CROSS_DIMENSIONS, breakdown, cycle_summary
from consult.review.tables import activity_by_day, cross_table, issues_by_area
from consult.strategy.models import StrategyCycle
from consult.tagging.models import TAG_CONFIRMED, TAG_REJECTED

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by Excel or LibreOffice when the file is
# opened (=HYPERLINK(…), @SUM(…), +cmd|…); citizens write the text, so it is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31  # Excel's limit
EXPORT_BATCH = 2000


@dataclass
class Table:
    key: str  # file and sheet name, ASCII
    title: str
    header: list[str]
    rows: list[list]


# ---------------------------------------------------------------------------------------------
# Inputs, one row each


def input_header() -> list[str]:
    return [
        _("Receipt"),
        _("Date received"),
        _("Date received (ISO 8601)"),
        _("Hearing"),
        _("District code"),
        _("Subdistrict code"),
        _("Subdistrict"),
        _("Sector"),
        _("Channel"),
        _("Age band"),
        _("Gender"),
        _("Status"),
        _("Reason"),
        _("Strategic issues"),
        _("Confirmed issues"),
        _("Text"),
    ]


@dataclass(frozen=True)
class InputExport:
    """What an input export needs, resolved while the request is there, so that the rows can
    be written later from a context of their own (a streamed download)."""

    cycle_id: int
    filters: ReviewFilter
    language: str
    labels: dict[str, dict[str, str]]


def input_export(cycle, filters: ReviewFilter) -> InputExport:
    labels = {
        name: {key: str(label) for key, label in options.items()}
        for name, options in (
            ("sector", SECTORS),
            ("channel", CHANNELS),
            ("age_band", AGE_BANDS),
            ("gender", GENDERS),
            ("status", STATUS_LABELS),
        )
    }
    return InputExport(cycle.id, filters, current_language(), labels)


def input_batches(export: InputExport, app=None) -> Iterator[list[list]]:
    """The rows of the export a batch at a time (keyset over ids, so memory stays flat over a
    million inputs). With `app`, each batch is read in an app context of its own that ends
    before the batch is handed on, so the rows may be written after the view returned and from
    any thread."""
    after_id = 0
    while True:
        with app.app_context() if app is not None else contextlib.nullcontext():
            cycle = db.session.get(StrategyCycle, export.cycle_id)
            items = export_batch(cycle, export.filters, after_id, EXPORT_BATCH)
            rows = [_input_row(item, export) for item in items]
            for item in items:  # cascades to tags
                db.session.expunge(item)
        if not rows:
            return
        after_id = items[-1].id
        yield rows


def input_csv_chunks(header: list[str], batches: Iterable[list[list]], language: str) -> Iterator[str]:
    """The CSV a batch at a time, starting with the byte order mark Excel needs to read UTF-8;
    dates as people read them (Buddhist Era in Thai), and in ISO 8601 beside them."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(inert_row(header))
    for rows in batches:
        yield "".join(writer.writerow(inert_row(_readable(row, language))) for row in rows)


def _readable(row: list, language: str) -> list:
    return [
        format_datetime(value, "short", language) if isinstance(value, datetime) else value for value in row
    ]


def _input_row(item, export: InputExport) -> list:
    language, labels = export.language, export.labels
    counted = sorted(tag.issue.code for tag in item.tags if tag.state != TAG_REJECTED)
    confirmed = sorted(tag.issue.code for tag in item.tags if tag.state == TAG_CONFIRMED)
    place = item.subdistrict
    row = [
        item.receipt,
        item.submitted_at,
        to_local(item.submitted_at).isoformat(),
        item.hearing.title if item.hearing else "",
        item.district_code or "",
        item.subdistrict_code or "",
        ((place.name_en or place.name_th) if language == "en" else place.name_th) if place else "",
        labels["sector"].get(item.sector, item.sector),
        labels["channel"].get(item.channel, item.channel),
        labels["age_band"].get(item.age_band or "", ""),
        labels["gender"].get(item.gender or "", ""),
        labels["status"].get(item.status, item.status),
        item.status_reason or "",
        " ".join(counted),
        " ".join(confirmed),
        item.text,
    ]
    return row


# Character widths of the input sheet's columns, in the header's order.
INPUT_COLUMN_WIDTHS = [12, 19, 26, 32, 10, 12, 18, 16, 14, 12, 10, 16, 30, 16, 16, 90]
# Thai: locale 041E with calendar 07 (Buddhist Era) and Western digits, read alike by Excel and
# LibreOffice (which shows 18 พ.ย. 2569 12:00); English: the Gregorian date.
DATE_FORMATS = {"th": "[$-107041E]d mmm yyyy hh:mm", "en": "d mmm yyyy hh:mm"}


def write_input_xlsx(
    target, header: list[str], batches: Iterable[list[list]], language: str, progress=None
) -> int:
    """The input sheet, written a row at a time (XlsxWriter's constant-memory mode, inline
    strings: memory does not grow with the rows): bold frozen header with filters, set column
    widths, the date received as a real date cell. `target` is a path or a binary file;
    `progress(rows_written)` is called after each batch. Returns the number of rows."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(_sheet_title(_("Inputs")))
    bold = workbook.add_format({"bold": True, "bg_color": "#E6F2EE", "text_wrap": True, "valign": "top"})
    when = workbook.add_format({"num_format": DATE_FORMATS.get(language, DATE_FORMATS["en"])})
    for column, width in enumerate(INPUT_COLUMN_WIDTHS[: len(header)]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, inert_row(header), bold)
    written = 0
    for rows in batches:
        for row in rows:
            written += 1
            for column, value in enumerate(inert_row(row)):
                if isinstance(value, datetime):
                    sheet.write_datetime(written, column, to_local(value).replace(tzinfo=None), when)
                elif isinstance(value, str):
                    sheet.write_string(written, column, value)
                else:
                    sheet.write(written, column, value)
        if progress is not None:
            progress(written)
    sheet.autofilter(0, 0, written, len(header) - 1)
    workbook.close()
    return written


# ---------------------------------------------------------------------------------------------
# Aggregates, one table per view of the dashboard


def aggregate_tables(cycle, filters: ReviewFilter, *, now, minutes_due_days: int) -> list[Table]:
    issues = cycle.plan.issues
    summary = cycle_summary(cycle, filters)
    language = current_language()
    tables = [
        Table(
            "summary",
            _("Summary"),
            [_("Measure"), _("Value")],
            [
                [_("Strategy cycle"), cycle.title],
                [_("Filters"), describe_filters(cycle, filters)],
                [_("Inputs"), summary.inputs],
                [_("Hearings"), summary.hearings],
                [_("Subdistricts with input"), summary.subdistricts_with_input],
                [_("Exported"), format_datetime(now, "long", language)],
            ],
        ),
        Table(
            "by_issue",
            _("By strategic issue"),
            [_("Code"), _("Strategic issue"), _("Inputs"), _("Confirmed")],
            [
                [
                    issue.code,
                    issue.title,
                    summary.by_issue.get(issue.code, 0),
                    summary.confirmed_by_issue.get(issue.code, 0),
                ]
                for issue in issues
            ],
        ),
    ]
    areas = issues_by_area(cycle, filters)
    area_title = _("Issue × subdistrict") if areas.level == "subdistrict" else _("Issue × district")
    tables.append(
        Table(
            "issue_by_area",
            area_title,
            [_("Code"), _("Area"), _("Inputs"), *[issue.code for issue in issues]],
            [
                [
                    row.code,
                    row.name or _("Not given"),
                    row.inputs,
                    *[row.by_issue.get(issue.code, 0) for issue in issues],
                ]
                for row in areas.rows
            ],
        )
    )
    for dimension, key, title in (
        ("sector", "by_sector", _("By sector")),
        ("channel", "by_channel", _("By channel")),
        ("age_band", "by_age_band", _("By age band")),
        ("gender", "by_gender", _("By gender")),
        ("status", "by_status", _("By status")),
    ):
        counts = summary.by_sector if dimension == "sector" else breakdown(cycle, dimension, filters)
        tables.append(
            Table(key, title, [_("Group"), _("Inputs")], [list(item) for item in labelled(dimension, counts)])
        )
    tables.append(
        Table(
            "over_time",
            _("Over time"),
            [_("Date"), _("Date (ISO 8601)"), _("Inputs"), _("Hearings")],
            [
                [format_date(day.day, "short", language), day.day.isoformat(), day.inputs, day.hearings]
                for day in activity_by_day(cycle, filters)
            ],
        )
    )
    for dimension in CROSS_DIMENSIONS:
        table = cross_table(cycle, dimension, filters)
        header = [_("Code"), _("Inputs")]
        for group in table.groups:
            header += [group_label(dimension, group), _("Lift")]
        header += [_("Chi-square"), _("p-value"), _("Caution")]
        rows = []
        for row in table.rows:
            cells = [row.issue, row.total]
            for group in table.groups:
                cell = row.cells[group]
                cells += [cell.count, round(cell.lift, 3) if cell.lift is not None else ""]
            cells += [
                round(row.chi2, 3) if row.chi2 is not None else "",
                round(row.shown_p_value, 4) if row.shown_p_value is not None else "",
                _("too few inputs to test") if row.too_small else "",
            ]
            rows.append(cells)
        tables.append(
            Table(
                f"issue_by_{dimension}",
                _("Issue × %(group)s", group=_dimension_name(dimension)),
                header,
                rows,
            )
        )
    result = coverage(cycle, filters, now=now, minutes_due_days=minutes_due_days)
    tables.append(
        Table(
            "coverage",
            _("Coverage"),
            [
                _("Subdistrict code"),
                _("Subdistrict"),
                _("District"),
                _("Hearings"),
                _("Held"),
                _("Minutes overdue"),
                _("Shortest notice (days)"),
                _("Attendance"),
                _("Inputs"),
                _("Answered"),
                _("Sectors without input"),
            ],
            [
                [
                    item.code,
                    item.name,
                    item.district_name,
                    len(item.hearings),
                    item.held,
                    len(item.minutes_late),
                    item.shortest_notice if item.shortest_notice is not None else "",
                    item.attendance if item.attendance is not None else "",
                    item.inputs,
                    item.answered,
                    ", ".join(str(SECTORS[sector]) for sector in item.missing_sectors),
                ]
                for item in result.ranked()
            ],
        )
    )
    return tables


def _dimension_name(dimension: str) -> str:
    return {"sector": _("sector"), "age_band": _("age band"), "gender": _("gender")}[dimension]


# ---------------------------------------------------------------------------------------------
# Writers


def inert_row(row: Iterable) -> list:
    """The row with every text that a spreadsheet would evaluate prefixed by an apostrophe."""
    return [
        f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value for value in row
    ]


class _Echo:
    def write(self, value):
        return value


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV text a row at a time, starting with the byte order mark Excel needs to read UTF-8."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(inert_row(header))
    for row in rows:
        yield writer.writerow(inert_row(row))


def xlsx_bytes(tables: list[Table]) -> bytes:
    """One sheet per table, header in bold and frozen, columns wide enough to read."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        sheet.freeze_panes = "A2"
        widths = [min(60, max(10, len(str(text)) + 2)) for text in table.header]
        for row in table.rows[:200]:
            for index, value in enumerate(row[: len(widths)]):
                widths[index] = min(60, max(widths[index], len(str(value)) + 2))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([_bold_cell(sheet, text, bold) for text in inert_row(table.header)])
        for row in table.rows:
            sheet.append(inert_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold_cell(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _sheet_title(title: str) -> str:
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    return title[:SHEET_TITLE_MAX]
