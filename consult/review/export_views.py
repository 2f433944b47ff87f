"""Exports and the committee report: the same filters as the dashboard, the same queries."""

import io

from flask import Response, abort, current_app, redirect, render_template, send_file, url_for
from flask_login import current_user

from consult.auth.audit import record
from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.extensions import db
from consult.review.export_jobs import (
    file_of,
    job_state,
    queue_input_export,
    remove_old_exports,
    start_in_background,
)
from consult.review.exports import (
    aggregate_tables,
    csv_chunks,
    input_batches,
    input_csv_chunks,
    input_export,
    input_header,
    write_input_xlsx,
    xlsx_bytes,
)
from consult.review.filters import filters_of
from consult.review.models import ExportJob
from consult.review.queries import cycle_summary
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
    """One row per input, without contact details for any role.
    A large export is written in the background and this answers with its progress page."""
    cycle, filters = _checked(cycle_id)
    rows = cycle_summary(cycle, filters).inputs
    app = current_app._get_current_object()
    if rows > app.config["EXPORT_DIRECT_MAX_ROWS"]:
        now = utcnow()
        remove_old_exports(app, now=now)
        job = queue_input_export(cycle, filters, kind, rows, user=current_user, now=now)
        start_in_background(app, job.id)
        return redirect(url_for("review.export_job_page", job_id=job.id))
    _audit("review.export_inputs", cycle, filters, format=kind)
    header = input_header()
    export = input_export(cycle, filters)
    filename = f"consult-cycle{cycle.id}-inputs.{kind}"
    if kind == "xlsx":
        buffer = io.BytesIO()
        write_input_xlsx(buffer, header, input_batches(export), export.language)
        return _download(buffer.getvalue(), XLSX, filename)
    return _download(input_csv_chunks(header, input_batches(export, app), export.language), CSV, filename)


def _own_job(job_id: int) -> ExportJob:
    """The job, to the planner who asked for it only (it may hold contact details)."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.user_id != current_user.id:
        abort(404)
    return job


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def export_job_page(job_id: int):
    job = _own_job(job_id)
    return render_template(
        "review/export_job.html", job=job, state=job_state(job, now=utcnow()), cycle=job.cycle
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def export_job_download(job_id: int):
    job = _own_job(job_id)
    path = file_of(current_app, job) or abort(404)
    response = send_file(
        path,
        mimetype=XLSX if job.kind == "xlsx" else CSV,
        as_attachment=True,
        download_name=f"consult-cycle{job.cycle_id}-inputs.{job.kind}",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


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
