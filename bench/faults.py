"""Nothing acknowledged is lost: 64 clients submit through the JSON API for a minute against
gunicorn (2 workers) and a throw-away PostgreSQL database; afterwards every receipt answered 201
must be stored exactly once. Then the same while PostgreSQL is restarted in the middle: clients
must get 503 with Retry-After (never 500, never a hang) and, again, no acknowledged input missing.

    python -m bench.faults              # steady load, then load with a restart
    python -m bench.faults --no-restart # steady load only (leaves PostgreSQL alone)

The restart (`pg_ctlcluster --skip-systemctl-redirect <version> main restart`) breaks every other
session connected to the server for a few seconds. The database is created beside
CONSULT_BENCH_POSTGRES_URL and dropped afterwards; the load goes only to 127.0.0.1 and stops by
itself (BENCH_FAULT_SECONDS, default 60).
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from bench.common import Figure, bench_app, emit, log, run_synth, scratch_database
from bench.load import (
    CONNECTIONS,
    WORKERS,
    _open_hearings,
    _texts,
    _wait_until_quiet,
    _write_requests,
    gunicorn,
    run_wrk,
)

SECONDS = int(os.environ.get("BENCH_FAULT_SECONDS", "60"))
RESTART_AFTER_SECONDS = 20
HANG_SECONDS = 9
SECTORS = ["citizen", "government", "civil_society", "private", "academia"]


def _stored_once(app, receipts: list[str]) -> tuple[int, int]:
    """How many of the receipts are stored, and how many are stored more than once."""
    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    stored, repeated = 0, 0
    with app.app_context():
        for start in range(0, len(receipts), 500):
            rows = db.session.execute(
                select(CitizenInput.receipt, func.count())
                .where(CitizenInput.receipt.in_(receipts[start : start + 500]))
                .group_by(CitizenInput.receipt)
            ).all()
            stored += len(rows)
            repeated += sum(1 for _, count in rows if count > 1)
    return stored, repeated


def _postgres_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def _restart_postgres() -> float:
    began = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", _postgres_version(), "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return time.monotonic() - began


class Prober(threading.Thread):
    """One extra client posting every 0.2 s through the restart, reading every header: records
    each status with its Retry-After and the slowest answer."""

    def __init__(self, port: int, hearing_id: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.url = f"http://127.0.0.1:{port}/api/v1/hearings/{hearing_id}/inputs"
        self.stop_event = stop
        self.answers: Counter = Counter()
        self.receipts: list[str] = []
        self.slowest = 0.0

    def run(self) -> None:
        number = 0
        while not self.stop_event.is_set():
            number += 1
            body = json.dumps({"text": f"อยากให้ซ่อมถนนในหมู่บ้าน ครั้งที่ {number}", "sector": "citizen"}).encode()
            request = urllib.request.Request(
                self.url, data=body, headers={"Content-Type": "application/json"}
            )
            began = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    self.receipts.append(json.loads(answer.read())["receipt"])
                    self.answers[(answer.status, None)] += 1
            except urllib.error.HTTPError as error:
                self.answers[(error.code, error.headers.get("Retry-After"))] += 1
            except OSError as error:
                self.answers[(type(error).__name__, None)] += 1
            self.slowest = max(self.slowest, time.monotonic() - began)
            time.sleep(0.2)


def _load(app, port, hearings, requests_file, restart: bool) -> list[Figure]:
    name = "with a PostgreSQL restart" if restart else "steady"
    stop = threading.Event()
    prober = Prober(port, hearings[0][0], stop)
    prober.start()
    outcome = {}
    load = threading.Thread(
        target=lambda: outcome.setdefault("wrk", run_wrk(port, requests_file, "application/json", SECONDS))
    )
    load.start()
    restart_seconds = None
    if restart:
        time.sleep(RESTART_AFTER_SECONDS)
        restart_seconds = _restart_postgres()
        log(f"PostgreSQL restarted in {restart_seconds:.1f} s, {RESTART_AFTER_SECONDS} s into the load")
    load.join()
    stop.set()
    prober.join()
    result = outcome["wrk"]
    _wait_until_quiet(app, "citizen_input")
    receipts = result.receipts + prober.receipts
    stored, repeated = _stored_once(app, receipts)
    answered = result.statuses.get(201, 0) + sum(
        n for (status, _), n in prober.answers.items() if status == 201
    )
    unavailable_without_retry = sum(
        n for (status, retry), n in prober.answers.items() if status == 503 and not retry
    )
    log(
        f"{name}: wrk statuses {result.statuses}, socket errors {result.socket_errors} "
        f"(timeouts count as errors), prober answers {dict(prober.answers)}, slowest probe "
        f"{prober.slowest:.1f} s; {answered:,} answered 201, {len(set(receipts)):,} distinct receipts, "
        f"{stored:,} stored, {repeated} stored twice"
    )
    figures = [
        emit(
            Figure(
                f"load {name}: 201 answers at {CONNECTIONS} clients for {SECONDS} s",
                answered,
                "inputs",
                1,
                higher_is_better=True,
                note=f"{result.per_second:,.0f} req/s, p99 {result.p99_ms:.0f} ms",
                database="postgresql",
            )
        ),
        emit(
            Figure(
                f"load {name}: acknowledged inputs missing from the database",
                answered - stored,
                "inputs",
                0,
                database="postgresql",
            )
        ),
        emit(
            Figure(
                f"load {name}: acknowledged inputs stored more than once",
                repeated + len(receipts) - len(set(receipts)),
                "inputs",
                0,
                database="postgresql",
            )
        ),
        emit(
            Figure(
                f"load {name}: 500 answers",
                result.statuses.get(500, 0)
                + sum(n for (status, _), n in prober.answers.items() if status == 500),
                "answers",
                0,
                database="postgresql",
            )
        ),
        emit(
            Figure(
                f"load {name}: slowest answer to the prober (a hang would reach its 10 s timeout)",
                prober.slowest,
                "s",
                HANG_SECONDS,
                database="postgresql",
                note=f"wrk: {result.socket_errors} requests without an answer within 5 s (queued "
                f"behind {CONNECTIONS} clients), p99 {result.p99_ms:,.0f} ms",
            )
        ),
    ]
    if restart:
        unavailable = result.statuses.get(503, 0) + sum(
            n for (status, _), n in prober.answers.items() if status == 503
        )
        figures += [
            emit(
                Figure(
                    "load with a PostgreSQL restart: 503 answers while it was down",
                    unavailable,
                    "answers",
                    1,
                    higher_is_better=True,
                    note=f"restart took {restart_seconds:.1f} s",
                    database="postgresql",
                )
            ),
            emit(
                Figure(
                    "load with a PostgreSQL restart: 503 answers without Retry-After (prober)",
                    unavailable_without_retry,
                    "answers",
                    0,
                    database="postgresql",
                )
            ),
        ]
    return figures


def _warm_up(port: int, hearing_id: int) -> None:
    """The first submission in a worker loads the tagger (many seconds): not what is measured.
    Parallel posts with a long timeout reach every worker."""

    def post():
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/hearings/{hearing_id}/inputs",
            headers={"Content-Type": "application/json"},
            data=json.dumps({"text": "อยากให้มีไฟส่องสว่างริมถนน", "sector": "citizen"}).encode(),
        )
        urllib.request.urlopen(request, timeout=300).close()

    for _ in range(2):
        posts = [threading.Thread(target=post) for _ in range(2 * WORKERS)]
        for thread in posts:
            thread.start()
        for thread in posts:
            thread.join()


def measure(restart: bool) -> list[Figure]:
    figures = []
    with scratch_database("postgresql") as url:
        run_synth(url, 2000, 300, "--province", "40", "--cycles", "1")
        app = bench_app(url)
        hearings = _open_hearings(app)
        with tempfile.TemporaryDirectory(prefix="consult-faults-") as folder:
            requests_file = _write_requests(
                Path(folder),
                "api.txt",
                [
                    f"/api/v1/hearings/{hearing_id}/inputs\t"
                    + json.dumps({"text": body, "sector": SECTORS[n % 5]}, ensure_ascii=False)
                    for n, (hearing_id, body) in enumerate(_texts(hearings))
                ],
            )
            with gunicorn("wsgi:app", url, "/privacy") as (port, _):
                log(f"gunicorn with {WORKERS} workers on port {port}; {CONNECTIONS} clients for {SECONDS} s")
                _warm_up(port, hearings[0][0])
                figures += _load(app, port, hearings, requests_file, restart=False)
                if restart:
                    figures += _load(app, port, hearings, requests_file, restart=True)
        with app.app_context():
            from consult.extensions import db

            db.session.remove()
            db.engine.dispose()
    return figures


def main() -> None:
    figures = measure(restart="--no-restart" not in sys.argv[1:])
    failed = [figure for figure in figures if figure.met is False]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
