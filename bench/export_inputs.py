"""Input exports of a large cycle: time and peak memory of the background export job (XLSX and
CSV), and the time of a direct download at the size above which exports go to the background.

    python -m bench.export_inputs sqlite:////tmp/bench/x1m.sqlite3 [--cycle N] [--kinds xlsx csv]

On a database filled by `consult synth --inputs N --hearings H --province 40 --cycles 1` (one cycle
holding every input). Each export runs in a child process of its own, so that its peak resident
memory (getrusage) is the export's and not the parent's; the file is then read back: its data rows
counted and compared with the job's count.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from bench.common import ROOT, Figure, bench_app, database_kind, emit, ensure_planner, log, signed_in_client

PEAK_RSS_LIMIT_MB = 400  # bounded: the same at 200,000 and at 1,000,000 inputs
DIRECT_SECONDS_LIMIT = 10.0  # a third of gunicorn's 30 s worker timeout


def largest_cycle(app) -> tuple[int, str, int]:
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.inputs.models import CitizenInput
    from consult.strategy.models import StrategyCycle

    with app.app_context():
        cycle_id, count = db.session.execute(
            select(CitizenInput.cycle_id, func.count())
            .group_by(CitizenInput.cycle_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        return cycle_id, db.session.get(StrategyCycle, cycle_id).province_code, count


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(url: str, cycle_id: int, kind: str, username: str) -> None:
    """Run one export job in this process and print what it took as JSON."""
    from sqlalchemy import select

    from consult.auth.models import User
    from consult.extensions import db
    from consult.review.export_jobs import export_folder, queue_input_export, run_export_job
    from consult.review.filters import ReviewFilter
    from consult.review.models import ExportJob
    from consult.review.queries import cycle_summary
    from consult.strategy.models import StrategyCycle
    from consult.timeutil import utcnow

    app = bench_app(url)
    with app.test_request_context(query_string={"lang": "th"}):
        user = db.session.scalar(select(User).where(User.username == username))
        cycle = db.session.get(StrategyCycle, cycle_id)
        rows = cycle_summary(cycle, ReviewFilter()).inputs
        job = queue_input_export(
            cycle, ReviewFilter(), kind, rows, user=user, include_personal=False, now=utcnow()
        )
        job_id = job.id
    baseline = _rss_kb()
    began = time.perf_counter()
    run_export_job(app, job_id)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with app.app_context():
        job = db.session.get(ExportJob, job_id)
        path = export_folder(app) / job.file_name
        print(
            json.dumps(
                {
                    "status": job.status,
                    "error": job.error,
                    "rows_total": job.rows_total,
                    "rows_done": job.rows_done,
                    "seconds": seconds,
                    "baseline_kb": baseline,
                    "peak_kb": peak,
                    "path": str(path),
                    "bytes": path.stat().st_size if path.exists() else 0,
                }
            )
        )


def data_rows(path: Path, kind: str) -> int:
    """Rows after the header, read back from the file (streamed: the file may be large)."""
    if kind == "csv":
        import csv

        with path.open(encoding="utf-8-sig", newline="") as handle:
            return sum(1 for _ in csv.reader(handle)) - 1
    rows, tail = 0, b""
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as sheet:
        while chunk := sheet.read(1 << 20):
            rows += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
            tail = chunk[-8:]
    return rows - 1


def direct_download(app, cycle_id: int, province: str, username: str, database: str) -> None:
    """The largest subdistrict below the background threshold, downloaded as XLSX in one request."""
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    limit = app.config["EXPORT_DIRECT_MAX_ROWS"]
    with app.app_context():
        counts = db.session.execute(
            select(CitizenInput.district_code, func.count())
            .where(CitizenInput.cycle_id == cycle_id)
            .group_by(CitizenInput.district_code)
        ).all()
        subdistricts = db.session.execute(
            select(CitizenInput.subdistrict_code, func.count())
            .where(CitizenInput.cycle_id == cycle_id, CitizenInput.subdistrict_code.is_not(None))
            .group_by(CitizenInput.subdistrict_code)
        ).all()
    candidates = [(n, "district", code) for code, n in counts if code and n <= limit] + [
        (n, "subdistrict", code) for code, n in subdistricts if n <= limit
    ]
    if not candidates:
        log("no area small enough for a direct download")
        return
    rows, field, code = max(candidates)
    client = signed_in_client(app, username)
    began = time.perf_counter()
    response = client.get(f"/review/cycles/{cycle_id}/export/inputs.xlsx?{field}={code}&lang=th")
    seconds = time.perf_counter() - began
    assert response.status_code == 200, response.status_code
    emit(
        Figure(
            f"direct XLSX download, {field} {code} ({rows:,} rows; background above {limit:,})",
            seconds,
            "s",
            limit=DIRECT_SECONDS_LIMIT,
            database=database,
            note=f"{len(response.get_data()) / 1e6:.1f} MB, {rows / seconds:,.0f} rows/s",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--cycle", type=int)
    parser.add_argument("--kinds", nargs="+", default=["xlsx", "csv"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--user", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.url, options.cycle, options.child, options.user)
        return
    app = bench_app(options.url)
    database = database_kind(options.url)
    cycle_id, province, inputs = largest_cycle(app)
    cycle_id = options.cycle or cycle_id
    username = ensure_planner(app, province)
    log(
        f"cycle {cycle_id} ({inputs:,} inputs); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    for kind in options.kinds:
        result = subprocess.run(
            [sys.executable, "-m", "bench.export_inputs", options.url, "--cycle", str(cycle_id)]
            + ["--child", kind, "--user", username],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-3000:])
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        path = Path(outcome["path"])
        read_back = data_rows(path, kind) if outcome["status"] == "done" else 0
        rows = outcome["rows_done"]
        status = outcome["status"] + (f" ({outcome['error']})" if outcome["error"] else "")
        emit(
            Figure(
                f"{kind.upper()} export job, {rows:,} inputs: time",
                outcome["seconds"],
                "s",
                database=database,
                note=f"{status}; {outcome['bytes'] / 1e6:.0f} MB; {rows / outcome['seconds']:,.0f} rows/s; "
                f"read back {read_back:,} rows ({'equal' if read_back == rows == outcome['rows_total'] else 'DIFFERENT'})",
            )
        )
        emit(
            Figure(
                f"{kind.upper()} export job, {rows:,} inputs: peak resident memory",
                outcome["peak_kb"] / 1024,
                "MB",
                limit=PEAK_RSS_LIMIT_MB,
                database=database,
                note=f"{outcome['baseline_kb'] / 1024:.0f} MB before the export began",
            )
        )
        path.unlink(missing_ok=True)
    direct_download(app, cycle_id, province, username, database)


if __name__ == "__main__":
    main()
