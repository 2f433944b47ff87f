"""Where a planner's review pages spend their time, on a database filled by `consult synth`:

    python -m bench.review_dashboard DATABASE_URL [--cycle ID] [--only dashboard]

For the cycle with the most inputs (or the one given) it times, in process (Flask's test client:
routing, queries, templates; no network), the dashboard without filters and with each kind of
filter, the coverage page, the summary API, the committee report in both forms and the
exports; then each query of the dashboard on its own, so that a slow page points at its query.
"Computed" is the first view after a change to the cycle's data (the per-version cache emptied;
the words of the sampled inputs stay segmented, as the scheduler's review sweep keeps the newest
inputs segmented; the warm-up view segments them here); "cached" a repeated view.
"""

import argparse
import os
import time

from bench.common import (
    Figure,
    bench_app,
    database_kind,
    emit,
    ensure_planner,
    log,
    median,
    signed_in_client,
    timings_ms,
)
from bench.pages import largest_cycle

LIMIT_MS = 300
RUNS = 5


def _get(client, path: str):
    def action():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        response.get_data()  # a streamed export is written out in full
        response.close()

    return action


def _computed(app, action):
    def run():
        app.extensions.pop("consult_aggregate_cache", None)
        action()

    return run


def _cpu_ms(action, runs: int) -> float:
    """Median CPU time of this process per run: on SQLite (in process) the work itself, whatever
    else the machine is busy with; on PostgreSQL the server's share is not in it."""
    samples = []
    for _ in range(runs):
        began = time.process_time()
        action()
        samples.append((time.process_time() - began) * 1000)
    return median(samples)


def _busiest_district(app, cycle_id: int) -> str:
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    with app.app_context():
        return db.session.execute(
            select(CitizenInput.district_code, func.count())
            .where(CitizenInput.cycle_id == cycle_id)
            .group_by(CitizenInput.district_code)
            .order_by(func.count().desc())
            .limit(1)
        ).one()[0]


def pages(app, cycle_id: int, province: str, inputs: int, database: str, only: str = "") -> list[Figure]:
    client = signed_in_client(app, ensure_planner(app, province))
    district = _busiest_district(app, cycle_id)
    what = f"({inputs:,} inputs in the cycle)"
    figures = []
    for name, path, cached_too in (
        ("dashboard, no filter", f"/review/?cycle={cycle_id}", True),
        ("dashboard, hearing phase", f"/review/?cycle={cycle_id}&phase=hearings", False),
        (f"dashboard, district {district}", f"/review/?cycle={cycle_id}&district={district}", False),
        (
            "dashboard, sector citizen, cross-table by age",
            f"/review/?cycle={cycle_id}&sector=citizen&cross=age_band",
            False,
        ),
        ("coverage page", f"/review/cycles/{cycle_id}/coverage", False),
        ("summary API", f"/api/v1/cycles/{cycle_id}/summary", True),
        ("committee report (HTML)", f"/review/cycles/{cycle_id}/report", False),
        ("committee report (DOCX)", f"/review/cycles/{cycle_id}/report.docx", False),
        ("aggregates export (XLSX, 13 sheets)", f"/review/cycles/{cycle_id}/export/aggregates.xlsx", False),
    ):
        if only not in name:
            continue
        action = _get(client, path)
        samples = timings_ms(_computed(app, action), RUNS, warmup=1)
        figures.append(
            emit(
                Figure(
                    f"{name} {what}, computed, median server time",
                    median(samples),
                    "ms",
                    LIMIT_MS,
                    note=f"slowest {max(samples):,.0f} ms; CPU {_cpu_ms(_computed(app, action), RUNS):,.0f} ms",
                    database=database,
                )
            )
        )
        if cached_too:
            samples = timings_ms(action, RUNS * 3, warmup=1)
            figures.append(
                emit(
                    Figure(
                        f"{name} {what}, cached, median server time",
                        median(samples),
                        "ms",
                        LIMIT_MS,
                        note=f"CPU {_cpu_ms(action, RUNS):,.1f} ms",
                        database=database,
                    )
                )
            )
    if only:
        return figures
    path = f"/review/cycles/{cycle_id}/export/inputs.csv?district={district}"
    seconds = median(timings_ms(_get(client, path), 3, warmup=0)) / 1000
    rows = client.get(path).get_data().count(b"\n") - 1
    figures.append(
        emit(
            Figure(
                f"inputs export (CSV, district {district}, {rows:,} rows)",
                seconds,
                "s",
                note=f"{rows / seconds:,.0f} rows/s",
                database=database,
            )
        )
    )
    return figures


def queries(app, cycle_id: int, database: str) -> list[Figure]:
    """Each query function of the dashboard alone, from an empty cache (so each one that uses
    the tag cube pays for it: the dashboard pays once)."""
    from consult.extensions import db
    from consult.review import coverage, tables, voices
    from consult.review import queries as q
    from consult.strategy.models import StrategyCycle
    from consult.timeutil import utcnow

    figures = []
    with app.test_request_context():
        cycle = db.session.get(StrategyCycle, cycle_id)
        steps = {
            "cycle_summary (with the tag cube)": lambda: q.cycle_summary(cycle),
            "breakdown ×4 (channel, age band, gender, status)": lambda: [
                q.breakdown(cycle, dimension) for dimension in ("channel", "age_band", "gender", "status")
            ],
            "activity_by_day": lambda: tables.activity_by_day(cycle),
            "issues_by_area": lambda: tables.issues_by_area(cycle),
            "cross_table (sector)": lambda: tables.cross_table(cycle, "sector"),
            "voices_by_issue": lambda: voices.voices_by_issue(cycle),
            "coverage": lambda: coverage.coverage(cycle, now=utcnow(), minutes_due_days=7),
        }
        for name, step in steps.items():
            samples = timings_ms(_computed(app, step), RUNS, warmup=1)
            figures.append(emit(Figure(f"query {name}", median(samples), "ms", database=database)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--cycle", type=int)
    parser.add_argument("--only", default="", help="only the pages whose name contains this, e.g. dashboard")
    options = parser.parse_args()
    app = bench_app(options.url)
    database = database_kind(options.url)
    cycle_id, province, inputs = largest_cycle(app)
    if options.cycle:
        from consult.extensions import db
        from consult.strategy.models import StrategyCycle

        with app.app_context():
            province = db.session.get(StrategyCycle, options.cycle).province_code
        cycle_id = options.cycle
    log(
        f"cycle {cycle_id} of province {province}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    pages(app, cycle_id, province, inputs, database, options.only)
    if not options.only:
        queries(app, cycle_id, database)


if __name__ == "__main__":
    main()
