"""Input submission under load: the JSON API and the HTML form at 64 concurrent clients against
the production setup (gunicorn, 2 workers, and a tag worker, `flask consult tag-worker`, beside
them), beside a bare Flask endpoint storing one row with the same driver, served the same way in
the same run; then how soon every acknowledged input is tagged and indexed after the load ends,
and the resident size of a web worker after each citizen page and the API.

Run from the repository root, on throw-away databases it fills with `consult synth` (both
engines by default), or against databases filled by `consult synth` (it adds inputs):
    python -m bench.load [--db sqlite|postgresql|both]
    python -m bench.load DATABASE_URL [DATABASE_URL …]

The load comes from wrk (Debian package `wrk`) with bench/lua/post.lua, only to 127.0.0.1. Each
run lasts BENCH_LOAD_SECONDS (default 20) after a 3-second warm-up, and everything stops by itself.
"""

import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text

from bench.common import (
    ROOT,
    Figure,
    bench_app,
    csrf_token,
    database_kind,
    emit,
    log,
    median,
    run_synth,
    scratch_database,
)

CONNECTIONS = 64
THREADS = 2
WORKERS = 2
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
WARMUP_SECONDS = 3
P99_LIMIT_MS = 100
THROUGHPUT_SHARE = 0.6
MEMORY_LIMIT_MB = 150
TAGGED_WITHIN_SECONDS = 5
SYNTH_INPUTS, SYNTH_HEARINGS = 5000, 1000
# what a citizen opens, in the order of a visit ({hearing} and {receipt} filled in)
CITIZEN_PAGES = (
    "/",
    "/hearings",
    "/hearings?province={province}",
    "/hearings/{hearing}",
    "/hearings/{hearing}/input",
    "/cycles/{cycle}/voices",
    "/track",
    "/privacy",
    "/receipts/{receipt}",
)
HEARINGS_UNDER_LOAD = 16
LUA_SCRIPT = Path(__file__).resolve().parent / "lua" / "post.lua"


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    statuses: dict[int, int]
    receipts: list[str]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def errors(self, expected: int) -> int:
        """Socket errors and every answer other than the expected status."""
        return self.socket_errors + sum(n for status, n in self.statuses.items() if status != expected)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port: int, path: str, process: subprocess.Popen, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers: up
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn on port {port} did not start within {seconds} s")


@contextmanager
def gunicorn(app_path: str, url: str, ready_path: str) -> Iterator[tuple[int, subprocess.Popen]]:
    """The production way to serve: `gunicorn -w 2 -b 127.0.0.1:<port>`, rate limits off."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RATELIMIT_ENABLED": "0",
        "CONSULT_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_hex(16),
        "CONSULT_BASE_URL": "https://consult.bench",
    }
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(WORKERS),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                app_path,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            _wait_until_up(port, ready_path, process)
            yield port, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            errors.seek(0)
            logged = errors.read().decode(errors="replace").strip()
            if logged:
                log(f"gunicorn {app_path} logged:\n{logged[-2000:]}")


def run_wrk(
    port: int, requests_file: Path, content_type: str, seconds: int, cookie: str | None = None
) -> WrkResult:
    run = secrets.token_hex(4)
    receipts_prefix = requests_file.parent / f"receipts-{run}"
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA_SCRIPT),
        f"http://127.0.0.1:{port}",
        "--",
        str(requests_file),
        content_type,
        run,
        str(receipts_prefix),
    ] + ([cookie] if cookie else [])
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    receipts = [
        code
        for path in requests_file.parent.glob(f"{receipts_prefix.name}-*.txt")
        for code in path.read_text().split()
    ]
    line = next((row for row in finished.stdout.splitlines() if row.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{finished.stdout}\n{finished.stderr}")
    data = json.loads(line.removeprefix("RESULT "))
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        socket_errors=sum(data["errors"][key] for key in ("connect", "read", "write", "timeout")),
        statuses={int(status): count for status, count in data["statuses"].items()},
        receipts=receipts,
    )


def _open_hearings(app) -> list[tuple[int, object]]:
    """Hearings accepting input now, from as many provinces as possible, with a Place for texts."""
    from consult.extensions import db
    from consult.geography.models import District, Subdistrict
    from consult.hearings.models import STATUS_ANNOUNCED, Hearing, hearing_subdistrict
    from consult.synth.operations import Place
    from consult.timeutil import utcnow

    now = utcnow()
    with app.app_context():
        rows = db.session.execute(
            select(
                Hearing.id,
                Hearing.province_code,
                Subdistrict.code,
                Subdistrict.district_code,
                Subdistrict.province_code,
                Subdistrict.name_th,
                District.name_th,
            )
            .join(hearing_subdistrict, hearing_subdistrict.c.hearing_id == Hearing.id)
            .join(Subdistrict, Subdistrict.code == hearing_subdistrict.c.subdistrict_code)
            .join(District, District.code == Subdistrict.district_code)
            .where(
                Hearing.status == STATUS_ANNOUNCED,
                Hearing.input_opens_at <= now,
                Hearing.input_closes_at > now,
            )
            .order_by(Hearing.id)
        ).all()
    chosen, provinces = [], set()
    for hearing_id, province, *place in rows:
        if province not in provinces:
            provinces.add(province)
            chosen.append((hearing_id, Place(*place)))
        if len(chosen) == HEARINGS_UNDER_LOAD:
            break
    if not chosen:
        raise RuntimeError("no hearing accepts input now: fill the database with consult synth first")
    return chosen


def _texts(hearings, count: int = 400) -> list[tuple[int, str]]:
    from consult.synth.operations import InputMaker
    from consult.timeutil import utcnow

    maker = InputMaker(random.Random(7), utcnow(), set())
    return [
        (hearing_id, maker.text(place, "หนองบัว")[0])
        for hearing_id, place in (hearings[n % len(hearings)] for n in range(count))
    ]


def _write_requests(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(app, table: str) -> int:
    from consult.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(text(table)))


def _wait_until_quiet(app, table: str, seconds: float = 120) -> None:
    """Requests still queued when wrk stopped are served all the same (their clients are gone):
    wait until the table stops growing, so that they neither run into the next measurement nor
    go uncounted."""
    deadline = time.monotonic() + seconds
    last = _count(app, table)
    while time.monotonic() < deadline:
        time.sleep(1.5)
        now = _count(app, table)
        if now == last:
            return
        last = now
    raise RuntimeError(f"{table} still growing {seconds} s after the load stopped")


def _stored(app, receipts: list[str]) -> int:
    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    with app.app_context():
        return sum(
            db.session.scalar(
                select(func.count())
                .select_from(CitizenInput)
                .where(CitizenInput.receipt.in_(receipts[start : start + 500]))
            )
            for start in range(0, len(receipts), 500)
        )


def _form_session(port: int, hearing_id: int) -> tuple[str, str]:
    """A session cookie and its CSRF token, as a browser gets them from the form page."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/hearings/{hearing_id}/input", timeout=30) as page:
        html = page.read().decode()
        cookies = [header.split(";", 1)[0] for header in page.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies), csrf_token(html)


def _memory_mb(pid: int) -> dict[str, float]:
    """Rss (what the limit is about), Pss (shared pages split among the processes sharing them)
    and private memory (Private_Clean + Private_Dirty), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "private": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _prepare_bare_table(url: str) -> None:
    from sqlalchemy import create_engine

    from bench.bare_app import metadata

    engine = create_engine(url)
    metadata.create_all(engine)
    engine.dispose()


def server_time_per_submission(app, texts, runs: int = 40) -> float:
    """Median milliseconds of one API submission handled alone, in process: the ceiling of the
    throughput is about the number of workers over this time."""
    client = app.test_client()
    totals = []
    for n, (hearing_id, body) in enumerate(texts[: runs + 3]):
        began = time.perf_counter()
        response = client.post(
            f"/api/v1/hearings/{hearing_id}/inputs", json={"text": body, "sector": "citizen"}
        )
        if response.status_code != 201:
            raise RuntimeError(f"submission answered {response.status_code}")
        if n >= 3:  # the first ones fill the caches
            totals.append((time.perf_counter() - began) * 1000)
    return median(totals)


@contextmanager
def tag_worker(url: str) -> Iterator[subprocess.Popen]:
    """`flask consult tag-worker`, as its systemd unit runs it, stopped with SIGTERM at the end."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "tag-worker"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            output.seek(0)
            logged = [
                line
                for line in output.read().decode(errors="replace").splitlines()
                if "WARNING" in line or "ERROR" in line or "Traceback" in line
            ]
            if logged:
                log("tag worker logged:\n" + "\n".join(logged[-20:]))


def _untagged(app, receipts: list[str]) -> int:
    """Of these receipts' inputs, how many have no search index row yet or wait in the tag queue."""
    from consult.extensions import db
    from consult.inputs.models import CitizenInput, QueuedInput
    from consult.tagging.models import InputSearchText

    with app.app_context():
        waiting = 0
        for start in range(0, len(receipts), 500):
            chunk = receipts[start : start + 500]
            waiting += db.session.scalar(
                select(func.count())
                .select_from(CitizenInput)
                .outerjoin(InputSearchText, InputSearchText.input_id == CitizenInput.id)
                .outerjoin(QueuedInput, QueuedInput.input_id == CitizenInput.id)
                .where(
                    CitizenInput.receipt.in_(chunk),
                    (InputSearchText.input_id.is_(None)) | (QueuedInput.input_id.is_not(None)),
                )
            )
        db.session.remove()
        return waiting


def _seconds_until_tagged(app, receipts: list[str], ended: float, limit: float = 60) -> float | None:
    """Seconds from the end of the load until every acknowledged input is tagged and indexed
    (None: not within `limit`)."""
    while True:
        if _untagged(app, receipts) == 0:
            return time.monotonic() - ended
        if time.monotonic() - ended > limit:
            return None
        time.sleep(0.1)


def _visit_citizen_pages(
    port: int, master: int, hearing_id: int, receipt: str, app
) -> list[tuple[str, float]]:
    """Each citizen page opened by every worker (a few times each, spread by the kernel), and the
    largest worker's resident size after it."""
    from consult.extensions import db
    from consult.hearings.models import Hearing

    with app.app_context():
        hearing = db.session.get(Hearing, hearing_id)
        values = {
            "hearing": hearing_id,
            "province": hearing.province_code,
            "cycle": hearing.cycle_id,
            "receipt": receipt,
        }
        db.session.remove()
    after = []
    for page in CITIZEN_PAGES:
        path = page.format(**values)
        for _ in range(4 * WORKERS):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).close()
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"{path} answered {error.code}") from error
        after.append((path, max(_memory_mb(pid)["rss"] for pid in _workers(master))))
    return after


def measure(url: str) -> list[Figure]:
    database = database_kind(url)
    app = bench_app(url)
    hearings = _open_hearings(app)
    texts = _texts(hearings)
    _prepare_bare_table(url)
    sectors = ["citizen", "government", "civil_society", "private", "academia"]
    alone = server_time_per_submission(app, texts[-60:])
    log(
        f"one API submission alone, in process: median {alone:.1f} ms: at most about "
        f"{WORKERS * 1000 / alone:,.0f} submissions/s on {WORKERS} workers"
    )
    figures = []
    with tempfile.TemporaryDirectory(prefix="consult-load-") as folder:
        folder = Path(folder)
        bare_file = _write_requests(
            folder,
            "bare.txt",
            [
                "/rows\t" + json.dumps({"text": body, "sector": sectors[n % 5]}, ensure_ascii=False)
                for n, (_, body) in enumerate(texts)
            ],
        )
        api_file = _write_requests(
            folder,
            "api.txt",
            [
                f"/api/v1/hearings/{hearing_id}/inputs\t"
                + json.dumps(
                    {"text": body, "sector": sectors[n % 5], "age_band": "40_59"}, ensure_ascii=False
                )
                for n, (hearing_id, body) in enumerate(texts)
            ],
        )

        with gunicorn("bench.bare_app:create_app()", url, "/rows") as (port, bare_master):
            run_wrk(port, bare_file, "application/json", WARMUP_SECONDS)
            _wait_until_quiet(app, "bench_bare_row")
            before = _count(app, "bench_bare_row")
            workers = _workers(bare_master.pid)
            cpu_before = _cpu_seconds(workers)
            bare = run_wrk(port, bare_file, "application/json", SECONDS)
            _wait_until_quiet(app, "bench_bare_row")
            bare_stored = _count(app, "bench_bare_row") - before
            bare_cpu = (_cpu_seconds(workers) - cpu_before) * 1000 / max(1, bare_stored)
        log(
            f"bare endpoint: {bare.per_second:,.0f} req/s, p99 {bare.p99_ms:.1f} ms, statuses {bare.statuses}, "
            f"{bare_stored:,} rows stored, {bare_cpu:.2f} ms of worker CPU per row stored"
        )

        with tag_worker(url) as worker, gunicorn("wsgi:app", url, "/privacy") as (port, master):
            cookie, token = _form_session(port, hearings[0][0])
            form_file = _write_requests(
                folder,
                "form.txt",
                [
                    f"/hearings/{hearing_id}/input\t"
                    + urllib.parse.urlencode(
                        {
                            "csrf_token": token,
                            "text": body,
                            "sector": sectors[n % 5],
                            "age_band": "",
                            "gender": "",
                            "village": "",
                            "website": "",
                        }
                    )
                    + "&submission_key={KEY}"
                    for n, (hearing_id, body) in enumerate(texts)
                ],
            )
            warm = run_wrk(port, api_file, "application/json", WARMUP_SECONDS)
            _wait_until_quiet(app, "citizen_input")
            pages = _visit_citizen_pages(port, master.pid, hearings[0][0], warm.receipts[0], app)
            log(
                "largest web worker's RSS after each citizen page: "
                + ", ".join(f"{path} {rss:.0f} MB" for path, rss in pages)
            )
            for name, requests_file, content_type, expected, session in (
                ("API (POST /api/v1/hearings/<id>/inputs)", api_file, "application/json", 201, None),
                (
                    "HTML form (POST /hearings/<id>/input)",
                    form_file,
                    "application/x-www-form-urlencoded",
                    303,
                    cookie,
                ),
            ):
                before = _count(app, "citizen_input")
                workers = _workers(master.pid)
                cpu_before = _cpu_seconds(workers)
                tagger_cpu_before = _cpu_seconds([worker.pid])
                result = run_wrk(port, requests_file, content_type, SECONDS, session)
                ended = time.monotonic()
                tagged_after = _seconds_until_tagged(app, result.receipts, ended)
                _wait_until_quiet(app, "citizen_input")
                added = _count(app, "citizen_input") - before
                # every request served, answered in time or not, stored one input
                cpu = (_cpu_seconds(workers) - cpu_before) * 1000 / max(1, added)
                _seconds_until_tagged(app, result.receipts, time.monotonic())  # the late ones too
                tagger_cpu = (_cpu_seconds([worker.pid]) - tagger_cpu_before) * 1000 / max(1, added)
                answered = result.statuses.get(expected, 0)
                stored = _stored(app, result.receipts)
                log(
                    f"{name}: statuses {result.statuses}, socket errors {result.socket_errors}, "
                    f"{len(result.receipts):,} receipts answered, {stored:,} of them stored, "
                    f"{added:,} inputs added (answers to requests still queued at the end were not read)"
                )
                figures += [
                    emit(
                        Figure(
                            f"{name} throughput at {CONNECTIONS} clients",
                            result.per_second,
                            "req/s",
                            THROUGHPUT_SHARE * bare.per_second,
                            higher_is_better=True,
                            reference=bare.per_second,
                            reference_name="bare Flask insert endpoint",
                            note=f"p50 {result.p50_ms:.1f} ms",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} p99 latency",
                            result.p99_ms,
                            "ms",
                            P99_LIMIT_MS,
                            reference=bare.p99_ms,
                            reference_name="bare endpoint p99",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} worker CPU per input stored",
                            cpu,
                            "ms",
                            None,
                            reference=bare_cpu,
                            reference_name="bare endpoint per row",
                            note="user + system time of the gunicorn "
                            "workers over every request served (it moves less with other load than the throughput)",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} tag worker CPU per input tagged and indexed",
                            tagger_cpu,
                            "ms",
                            None,
                            note="its own process, off the request path",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} every acknowledged input tagged and indexed, after the load's end",
                            tagged_after,
                            "s",
                            TAGGED_WITHIN_SECONDS,
                            note=f"{len(result.receipts):,} receipts; none missing"
                            if tagged_after is not None
                            else f"{_untagged(app, result.receipts):,} still untagged after 60 s",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} errors (other than {expected})",
                            result.errors(expected),
                            "answers",
                            0,
                            note=f"{result.requests:,} requests",
                            database=database,
                        )
                    ),
                    emit(
                        Figure(
                            f"{name} {expected} answers whose receipt is not stored",
                            answered - stored,
                            "inputs",
                            0,
                            note=f"{answered:,} answered {expected} with {len(result.receipts):,} receipts, "
                            f"all looked up",
                            database=database,
                        )
                    ),
                ]
            memory = max((_memory_mb(pid) for pid in _workers(master.pid)), key=lambda m: m["rss"])
            figures += [
                emit(
                    Figure(
                        f"resident size of a web worker after {path}",
                        rss,
                        "MB",
                        MEMORY_LIMIT_MB,
                        note="largest worker, before the load",
                        database=database,
                    )
                )
                for path, rss in pages
            ]
            figures.append(
                emit(
                    Figure(
                        "resident size of a web worker after the load",
                        memory["rss"],
                        "MB",
                        MEMORY_LIMIT_MB,
                        note=f"largest of {WORKERS} gunicorn workers; Pss {memory['pss']:.0f} MB, "
                        f"private {memory['private']:.0f} MB",
                        database=database,
                    )
                )
            )
    return figures


def main() -> None:
    arguments = sys.argv[1:]
    urls = [argument for argument in arguments if "://" in argument]
    kinds = {"sqlite": ["sqlite"], "postgresql": ["postgresql"], "both": ["sqlite", "postgresql"]}[
        arguments[arguments.index("--db") + 1] if "--db" in arguments else "both"
    ]
    log(f"load average {os.getloadavg()[0]:.1f} at the start (the machine may be shared)")
    figures = []
    if urls:
        for url in urls:
            figures += measure(url)
    else:
        for kind in kinds:
            with scratch_database(kind) as url:
                run_synth(url, SYNTH_INPUTS, SYNTH_HEARINGS)
                figures += measure(url)
    log(f"load average {os.getloadavg()[0]:.1f} at the end")
    if any(figure.met is False for figure in figures):
        sys.exit(1)


if __name__ == "__main__":
    main()
