"""Shared pieces of the benchmarks: throw-away databases, timing, and the lines they print.

Every figure is printed with its limit and the ratio value/limit, measured in the same run; where
a reference was measured beside it (a bare endpoint, the bare SQL query, a page without database
work), that is printed too, so a reader can tell a slow machine from a slow page.
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get(
    "CONSULT_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BENCH_PASSWORD = "bench-password-not-secret"
SCRATCH_PREFIX = "consult_bench_"


@dataclass
class Figure:
    name: str
    value: float | None  # None: not measured (see note)
    unit: str
    limit: float | None = None
    higher_is_better: bool = False
    reference: float | None = None
    reference_name: str = ""
    note: str = ""
    database: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.limit:
            return None
        return self.value / self.limit

    @property
    def met(self) -> bool | None:
        if self.value is None or self.limit is None:
            return None
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    @property
    def verdict(self) -> str:
        return {True: "MET", False: "NOT MET", None: "-"}[self.met]

    def line(self) -> str:
        where = f"[{self.database}] " if self.database else ""
        if self.value is None:
            return f"{where}{self.name}: {self.note}"
        text = f"{where}{self.name}: {number(self.value)} {self.unit}"
        if self.limit is not None:
            sign = "≥" if self.higher_is_better else "≤"
            ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
            text += f" | limit {sign} {number(self.limit)} {self.unit} | ratio {ratio} | {self.verdict}"
        if self.reference is not None:
            text += f" | {self.reference_name}: {number(self.reference)} {self.unit}"
            if self.reference:
                text += f" (×{self.value / self.reference:.2f})"
        if self.note:
            text += f" | {self.note}"
        return text


def number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def emit(figure: Figure) -> Figure:
    print(figure.line(), flush=True)
    return figure


def log(message: str) -> None:
    print(f"  · {message}", file=sys.stderr, flush=True)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timings_ms(action: Callable[[], object], runs: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def cpu_ms(action: Callable[[], object], runs: int) -> float:
    """Median CPU time of this process per run. On a shared machine the wall time includes
    waiting for a core; this does not (on PostgreSQL the server's own share is not in it)."""
    samples = []
    for _ in range(runs):
        began = time.process_time()
        action()
        samples.append((time.process_time() - began) * 1000)
    return median(samples)


def _admin_dsn() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def scratch_database(kind: str) -> Iterator[str]:
    """A database of its own for one benchmark run, removed afterwards: a temporary SQLite file,
    or a PostgreSQL database created beside CONSULT_BENCH_POSTGRES_URL (never that one itself)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="consult-bench-") as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
        return
    name = f"{SCRATCH_PREFIX}{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_admin_dsn(), autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_admin_dsn(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def run_synth(url: str, inputs: int, hearings: int, *extra: str) -> float:
    """Runs the documented command `flask --app wsgi consult synth`; returns its wall time."""
    began = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "consult",
            "synth",
            "--inputs",
            str(inputs),
            "--hearings",
            str(hearings),
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise RuntimeError(f"consult synth failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    log(result.stdout.strip().splitlines()[-2])
    return seconds


def bench_app(url: str):
    from consult import create_app

    # no tag worker thread in the benchmark's own process: `flask consult tag-worker` does it
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "TAG_WORKER_THREAD": False}
    )


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(page_html: str) -> str:
    match = CSRF.search(page_html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


def ensure_planner(app, province_code: str) -> str:
    """A planner of that province with a known password, for signing in to the dashboard."""
    from sqlalchemy import select

    from consult.auth.models import User
    from consult.auth.operations import create_user
    from consult.extensions import db

    username = f"bench-planner-{province_code}"
    with app.app_context():
        if db.session.scalar(select(User).where(User.username == username)) is None:
            create_user(username, BENCH_PASSWORD, "planner", province_code=province_code)
            db.session.commit()
    return username


def signed_in_client(app, username: str):
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"username": username, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    if response.status_code not in (302, 303):
        raise RuntimeError(f"could not sign in as {username}: {response.status_code}")
    return client
