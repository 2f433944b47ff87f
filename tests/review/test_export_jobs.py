"""Exports above the direct limit are written in the background: the planner gets a progress
page, then a download with the same rows as a direct export; nobody else sees the job."""

import io
import time
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.review.export_jobs import STALLED, job_state, remove_old_exports
from consult.review.models import EXPORT_DONE, EXPORT_FAILED, EXPORT_QUEUED, ExportJob
from consult.timeutil import utcnow
from tests.conftest import login


@pytest.fixture
def small_direct_limit(app, tmp_path):
    saved = app.config["EXPORT_DIRECT_MAX_ROWS"], app.config["EXPORT_FOLDER"]
    app.config["EXPORT_DIRECT_MAX_ROWS"], app.config["EXPORT_FOLDER"] = 3, str(tmp_path)
    yield
    app.config["EXPORT_DIRECT_MAX_ROWS"], app.config["EXPORT_FOLDER"] = saved


def _finished(job_id: int, seconds: float = 60) -> ExportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(ExportJob, job_id)
        if job.finished:
            return job
        time.sleep(0.2)
    raise AssertionError("the export job did not finish")


def _job_of(response) -> int:
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_a_large_xlsx_export_runs_in_the_background(client, review_world, small_direct_limit):
    login(client, "planner")
    cycle = review_world["cycle"].id
    direct_limit_off = client.get(f"/review/cycles/{cycle}/export/inputs.xlsx?district=4001&lang=th")
    job_id = _job_of(direct_limit_off)
    page = client.get(f"/review/exports/{job_id}?lang=th").get_data(as_text=True)
    assert "ส่งออกความคิดเห็น" in page
    job = _finished(job_id)
    assert job.status == EXPORT_DONE and job.rows_done == job.rows_total == 6
    page = client.get(f"/review/exports/{job_id}?lang=th").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in page and f"/review/exports/{job_id}/download" in page
    download = client.get(f"/review/exports/{job_id}/download")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    body = download.get_data()
    download.close()  # the file it streamed
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "รหัสรับเรื่อง" and len(rows) == 7
    assert {row[0] for row in rows[1:]} == {
        item.receipt
        for item in review_world["inputs"].values()
        if item.district_code == "4001" and item.moderation != "hidden"
    }
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:P7"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "review.export_inputs"))
    assert event.detail["job"] == job_id and event.detail["format"] == "xlsx"


def test_a_background_csv_keeps_its_byte_order_mark(client, review_world, small_direct_limit):
    login(client, "planner")
    job_id = _job_of(client.get(f"/review/cycles/{review_world['cycle'].id}/export/inputs.csv?lang=th"))
    assert _finished(job_id).status == EXPORT_DONE
    download = client.get(f"/review/exports/{job_id}/download")
    body = download.get_data()
    download.close()
    assert body.startswith("\ufeff".encode()) and "ราคาข้าวตกต่ำมาก".encode() in body


def test_only_the_planner_who_asked_sees_the_job(app, client, review_world, small_direct_limit):
    login(client, "admin")  # the administrator's export holds contact details
    job_id = _job_of(client.get(f"/review/cycles/{review_world['cycle'].id}/export/inputs.xlsx"))
    _finished(job_id)
    planner = app.test_client()
    login(planner, "planner")
    assert planner.get(f"/review/exports/{job_id}").status_code == 404
    assert planner.get(f"/review/exports/{job_id}/download").status_code == 404


def test_a_job_that_stopped_moving_is_shown_as_failed(review_world):
    now = utcnow()
    job = ExportJob(
        cycle_id=review_world["cycle"].id,
        user_id=review_world["users"]["planner"].id,
        kind="xlsx",
        filters={},
        language="th",
        status=EXPORT_QUEUED,
        created_at=now - timedelta(days=2),
        updated_at=now - STALLED - timedelta(minutes=1),
    )
    db.session.add(job)
    db.session.commit()
    assert job_state(job, now=now) == EXPORT_FAILED
    assert job_state(job, now=job.updated_at + timedelta(minutes=1)) == EXPORT_QUEUED


def test_old_jobs_and_their_files_are_removed(app, review_world, tmp_path, small_direct_limit):
    now = utcnow()
    (tmp_path / "export-old.xlsx").write_bytes(b"x")
    for age, name in ((timedelta(days=2), "export-old.xlsx"), (timedelta(hours=1), None)):
        db.session.add(
            ExportJob(
                cycle_id=review_world["cycle"].id,
                user_id=review_world["users"]["planner"].id,
                kind="xlsx",
                filters={},
                language="th",
                status=EXPORT_DONE,
                file_name=name,
                created_at=now - age,
                updated_at=now - age,
            )
        )
    db.session.commit()
    assert remove_old_exports(app, now=now) == 1
    assert not (tmp_path / "export-old.xlsx").exists()
    assert db.session.query(ExportJob).count() == 1
