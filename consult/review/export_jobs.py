"""Input exports too large for one request (a sync gunicorn worker is stopped after 30 s): the
export is written in a thread of its own to a file in the instance folder, batch by batch, its
progress kept on the job row; the planner's page refreshes itself until the download is ready.

A job whose worker died (a restart) stops moving; after STALLED it is shown as failed, so the
planner can ask again. Finished files are removed after KEPT."""

import logging
import secrets
import threading
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from consult.auth.audit import record
from consult.extensions import db
from consult.review.exports import (
    input_batches,
    input_csv_chunks,
    input_export,
    input_header,
    write_input_xlsx,
)
from consult.review.filters import ReviewFilter, parse_review_filter
from consult.review.models import EXPORT_DONE, EXPORT_FAILED, EXPORT_QUEUED, EXPORT_RUNNING, ExportJob
from consult.strategy.models import StrategyCycle
from consult.timeutil import utcnow

log = logging.getLogger("consult.exports")
KEPT = timedelta(days=1)
STALLED = timedelta(minutes=10)


def export_folder(app) -> Path:
    folder = Path(app.config.get("EXPORT_FOLDER") or Path(app.instance_path) / "exports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def queue_input_export(
    cycle: StrategyCycle,
    filters: ReviewFilter,
    kind: str,
    rows: int,
    *,
    user,
    now: datetime,
) -> ExportJob:
    """The job row, audited like a direct export; the caller starts it (start_in_background)."""
    export = input_export(cycle, filters)
    job = ExportJob(
        cycle_id=cycle.id,
        user_id=user.id,
        kind=kind,
        filters=filters.args(),
        language=export.language,
        status=EXPORT_QUEUED,
        rows_total=rows,
        created_at=now,
        updated_at=now,
    )
    db.session.add(job)
    db.session.flush()
    record(
        "review.export_inputs",
        cycle,
        {"filters": filters.args(), "format": kind, "job": job.id},
        user=user,
    )
    db.session.commit()
    return job


def start_in_background(app, job_id: int) -> threading.Thread:
    thread = threading.Thread(target=run_export_job, args=(app, job_id), name=f"export-{job_id}", daemon=True)
    thread.start()
    return thread


def run_export_job(app, job_id: int) -> None:
    """Write the job's file; the job row says how far it got and, at the end, whether it worked.
    Runs in a request context of the job's language, as the download would have."""
    with app.app_context():
        job = db.session.get(ExportJob, job_id)
        if job is None or job.status != EXPORT_QUEUED:
            return
        language = job.language
    with app.test_request_context(query_string={"lang": language}):
        job = db.session.get(ExportJob, job_id)
        cycle = db.session.get(StrategyCycle, job.cycle_id)
        filters, _errors = parse_review_filter(job.filters, cycle, strict=False)
        export = input_export(cycle, filters)
        header = input_header()
        job.file_name = f"export-{job.id}-{secrets.token_hex(8)}.{job.kind}"
        job.status, job.updated_at = EXPORT_RUNNING, utcnow()
        db.session.commit()
        path, kind = export_folder(app) / job.file_name, job.kind
        db.session.remove()

        def progress(rows: int) -> None:
            with app.app_context():
                table = ExportJob.__table__
                db.session.execute(
                    table.update().where(table.c.id == job_id).values(rows_done=rows, updated_at=utcnow())
                )
                db.session.commit()

        try:
            batches = input_batches(export, app)
            if kind == "xlsx":
                write_input_xlsx(str(path), header, batches, language, progress)
            else:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    for chunk in input_csv_chunks(header, _counted(batches, progress), language):
                        handle.write(chunk)
            status, error = EXPORT_DONE, None
        except Exception as failure:  # the planner sees that it failed; the log says why
            log.exception("export job %s failed", job_id)
            path.unlink(missing_ok=True)
            status, error = EXPORT_FAILED, type(failure).__name__
        with app.app_context():
            job = db.session.get(ExportJob, job_id)
            job.status, job.error = status, error
            job.finished_at = job.updated_at = utcnow()
            db.session.commit()
            db.session.remove()


def _counted(batches, progress):
    written = 0
    for rows in batches:
        yield rows
        written += len(rows)
        progress(written)


def job_state(job: ExportJob, *, now: datetime) -> str:
    """The job's status, with a job that stopped moving shown as failed."""
    if not job.finished and job.updated_at < now - STALLED:
        return EXPORT_FAILED
    return job.status


def file_of(app, job: ExportJob) -> Path | None:
    if job.status != EXPORT_DONE or not job.file_name:
        return None
    path = export_folder(app) / job.file_name
    return path if path.exists() else None


def remove_old_exports(app, *, now: datetime) -> int:
    """Delete the files (and rows) of jobs older than KEPT."""
    old = list(db.session.scalars(select(ExportJob).where(ExportJob.created_at < now - KEPT)))
    folder = export_folder(app)
    for job in old:
        if job.file_name:
            (folder / job.file_name).unlink(missing_ok=True)
        db.session.delete(job)
    db.session.commit()
    return len(old)
