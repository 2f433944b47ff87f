"""`/metrics` for operators, in Prometheus' text format: requests and their latencies by route,
and, read from the database at each scrape, the tag queue's lag, the outbox's depth and the
scheduler's heartbeat.

It answers only a bearer token, `Authorization: Bearer $CONSULT_METRICS_TOKEN`, compared in
constant time; without the variable the page does not exist (404), so nothing is exposed by
default. The same token goes in Prometheus' `authorization` block of the scrape config.

Request counts live in each process. Under gunicorn every worker counts its own requests, so
with `PROMETHEUS_MULTIPROC_DIR` set (an empty folder, the same for every worker, emptied at each
start: deploy/systemd/consult-web.service does) prometheus_client keeps them in files there, and
a scrape answered by any worker adds up all of them; gunicorn.conf.py tells it when a worker
exits. Without the variable (`flask run`, one process) they are kept in memory.
"""

import hmac
import os
import time

from flask import Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, inspect, select, text

from consult.extensions import db
from consult.inputs.queue import queue_lag
from consult.jobs import JOB_TABLE
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow

UNMATCHED_ROUTE = "unmatched"  # 404s and the like: one label, whatever the path asked for
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUESTS = Counter(
    "consult_http_requests",
    "HTTP requests answered, by route, method and status",
    ["route", "method", "status"],
    registry=None,  # registered in the registry of each scrape (below)
)
LATENCY = Histogram(
    "consult_http_request_duration_seconds",
    "Time from the request's arrival in the app to its answer, by route and method",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
    registry=None,
)


class DatabaseCollector:
    """Figures read from the database when scraped, the same whichever process answers."""

    def collect(self):
        now = utcnow()
        lag = queue_lag(now)
        yield _gauge("consult_tag_queue_waiting", "Inputs stored but not tagged and indexed yet", lag.waiting)
        yield _gauge("consult_tag_queue_claimed", "Of those, inputs a tag worker holds now", lag.claimed)
        yield _gauge(
            "consult_tag_queue_retried",
            "Waiting inputs taken more than once (a worker died or failed)",
            lag.retried,
        )
        yield _gauge(
            "consult_tag_queue_lag_seconds", "How long the oldest waiting input has waited", lag.seconds
        )
        unsent, oldest = db.session.execute(
            select(func.count(), func.min(OutboxMessage.created_at)).where(OutboxMessage.sent_at.is_(None))
        ).one()
        yield _gauge("consult_outbox_unsent", "Emails queued and not sent yet", unsent)
        yield _gauge(
            "consult_outbox_oldest_unsent_seconds",
            "How long the oldest unsent email has waited",
            (now - oldest).total_seconds() if oldest else 0.0,
        )
        yield from _scheduler_heartbeat(now.timestamp())
        db.session.rollback()  # a scrape holds no transaction open


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _scheduler_heartbeat(now: float):
    """The scheduler moves each job's next run time on every run: the earliest one falling
    behind now means no scheduler is running its jobs (all dead, or the lock holder stuck)."""
    if not inspect(db.engine).has_table(JOB_TABLE):
        return
    jobs, earliest = db.session.execute(text(f"SELECT count(*), min(next_run_time) FROM {JOB_TABLE}")).one()
    yield _gauge("consult_scheduler_jobs", "Jobs the scheduler has stored", jobs)
    if earliest is not None:
        yield _gauge(
            "consult_scheduler_next_run_timestamp_seconds",
            "When the scheduler's next job is due (Unix time)",
            earliest,
        )
        yield _gauge(
            "consult_scheduler_overdue_seconds",
            "How far the earliest job is past due: stays near 0 while a scheduler runs",
            max(0.0, now - earliest),
        )


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # every worker's counts, from their files
    else:
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(DatabaseCollector())
    return registry


def metrics():
    token = current_app.config["METRICS_TOKEN"]
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return Response("bearer token required\n", 401, {"WWW-Authenticate": 'Bearer realm="metrics"'})
    return Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)


def init_app(app) -> None:
    app.add_url_rule("/metrics", "metrics", metrics)

    @app.before_request
    def start_clock():
        g.request_started = time.perf_counter()

    @app.after_request
    def count_request(response):
        started = g.pop("request_started", None)
        if started is not None:
            route = request.url_rule.rule if request.url_rule else UNMATCHED_ROUTE
            REQUESTS.labels(route, request.method, str(response.status_code)).inc()
            LATENCY.labels(route, request.method).observe(time.perf_counter() - started)
        return response
