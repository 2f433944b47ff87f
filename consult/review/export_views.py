"""Exports and the committee report: the same filters as the dashboard, the same queries."""

from flask import Response, abort, current_app, render_template

from consult.auth.audit import record
from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.extensions import db
from consult.review.exports import (
    aggregate_tables,
    csv_chunks,
    input_csv_stream,
    input_export,
    input_header,
    input_rows,
    input_xlsx_bytes,
    xlsx_bytes,
)
from consult.review.filters import filters_of
from consult.review.report import build_report
from consult.review.report_docx import report_docx
from consult.strategy.access import reviewable_cycle
from consult.timeutil import utcnow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv"  # Flask adds "; charset=utf-8"


def _checked(cycle_id: int):
    """The cycle and its filters; a filter that does not fit is refused rather than ignored, so an
    export never silently contains more than the planner asked for."""
    cycle = reviewable_cycle(cycle_id)
    filters, errors = filters_of(cycle)
    if errors:
        abort(400)
    return cycle, filters


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _audit(action: str, cycle, filters, **detail) -> None:
    record(action, cycle, {"filters": filters.args(), **detail})
    db.session.commit()


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def export_inputs(cycle_id: int, kind: str):
    """One row per input, without contact details for any role."""
    cycle, filters = _checked(cycle_id)
    _audit("review.export_inputs", cycle, filters, format=kind)
    header = input_header()
    export = input_export(cycle, filters)
    filename = f"consult-cycle{cycle.id}-inputs.{kind}"
    if kind == "xlsx":
        return _download(input_xlsx_bytes(header, input_rows(export)), XLSX, filename)
    return _download(input_csv_stream(current_app._get_current_object(), header, export), CSV, filename)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def export_aggregates(cycle_id: int):
    """Every view of the dashboard, one sheet each."""
    cycle, filters = _checked(cycle_id)
    _audit("review.export_aggregates", cycle, filters, format="xlsx")
    tables = aggregate_tables(
        cycle, filters, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]
    )
    return _download(xlsx_bytes(tables), XLSX, f"consult-cycle{cycle.id}-aggregates.xlsx")


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def export_aggregate_csv(cycle_id: int, key: str):
    """One view of the dashboard as CSV (the XLSX has them all)."""
    cycle, filters = _checked(cycle_id)
    tables = {
        table.key: table
        for table in aggregate_tables(
            cycle, filters, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]
        )
    }
    table = tables.get(key) or abort(404)
    _audit("review.export_aggregates", cycle, filters, format="csv", view=key)
    return _download("".join(csv_chunks(table.header, table.rows)), CSV, f"consult-cycle{cycle.id}-{key}.csv")


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def report(cycle_id: int):
    cycle, filters = _checked(cycle_id)
    content = build_report(
        cycle, filters, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]
    )
    return render_template("review/report.html", report=content, cycle=cycle, filters=filters)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def report_document(cycle_id: int):
    cycle, filters = _checked(cycle_id)
    _audit("review.export_report", cycle, filters, format="docx")
    content = build_report(
        cycle, filters, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]
    )
    return _download(report_docx(content), DOCX, f"consult-cycle{cycle.id}-report.docx")
