"""/metrics: Prometheus text for operators holding the bearer token, and nothing for anyone else;
requests by route, the tag queue's lag, the outbox's depth and the scheduler's heartbeat."""

import re
import time

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import text

from consult.extensions import db
from consult.jobs import JOB_TABLE
from consult.notifications.operations import queue_email
from tests.conftest import login

TOKEN = "metrics-token-for-tests"


@pytest.fixture
def metrics_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", TOKEN)
    return {"Authorization": f"Bearer {TOKEN}"}


def _value(body: str, name: str, **labels) -> float:
    for line in body.splitlines():
        match = re.fullmatch(rf"{name}(?:{{(.*)}})? (\S+)", line)
        if match and all(f'{key}="{value}"' in (match.group(1) or "") for key, value in labels.items()):
            return float(match.group(2))
    raise AssertionError(f"{name} {labels} not in the metrics")


def test_without_a_token_configured_there_is_no_metrics_page(client):
    assert client.get("/metrics").status_code == 404


def test_a_missing_or_wrong_token_is_refused(client, metrics_token):
    refused = client.get("/metrics")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_requests_queue_outbox_and_scheduler_are_reported(client, world, metrics_token):
    client.drains_tag_queue = False
    route = "/api/v1/hearings/<int:hearing_id>/inputs"
    before = client.get("/metrics", headers=metrics_token).get_data(as_text=True)
    try:
        posted_before = _value(before, "consult_http_requests_total", route=route, status="201")
    except AssertionError:
        posted_before = 0
    for _ in range(2):
        response = client.post(
            f"/api/v1/hearings/{world['hearing'].id}/inputs",
            json={"text": "ขอไฟส่องสว่าง", "sector": "citizen"},
        )
        assert response.status_code == 201
    queue_email("someone@example.org", "subject", "body", key="metrics-test")
    db.session.commit()
    # a scheduler's job store whose earliest job was due a minute ago: no scheduler is running it
    store = SQLAlchemyJobStore(engine=db.engine, tablename=JOB_TABLE)
    store.start(BackgroundScheduler(), "default")
    try:
        with db.engine.begin() as connection:
            connection.execute(
                text(f"INSERT INTO {JOB_TABLE} (id, next_run_time, job_state) VALUES ('late', :due, :state)"),
                {"due": time.time() - 60, "state": b""},
            )
        response = client.get("/metrics", headers=metrics_token)
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f"DROP TABLE {JOB_TABLE}"))
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert (
        _value(body, "consult_http_requests_total", route=route, method="POST", status="201")
        == posted_before + 2
    )
    assert _value(body, "consult_http_request_duration_seconds_count", route=route, method="POST") >= 2
    assert _value(body, "consult_tag_queue_waiting") == 2
    assert _value(body, "consult_tag_queue_lag_seconds") >= 0
    assert _value(body, "consult_outbox_unsent") == 1
    assert _value(body, "consult_scheduler_jobs") == 1
    assert 55 <= _value(body, "consult_scheduler_overdue_seconds") < 600


def test_the_admin_start_page_shows_the_tag_queue(client, world):
    client.drains_tag_queue = False
    client.post(
        f"/api/v1/hearings/{world['hearing'].id}/inputs", json={"text": "ขอไฟส่องสว่าง", "sector": "citizen"}
    )
    login(client, "admin")
    page = client.get("/staff?lang=en").get_data(as_text=True)
    assert "1 input waits to be tagged and indexed" in page
    client.drains_tag_queue = True
    client.get("/staff")  # the request after which the queue is drained
    assert "Every input is tagged and indexed." in client.get("/staff?lang=en").get_data(as_text=True)
