"""Every benchmark of consult at national scale, on SQLite, PostgreSQL or both, in one command:

    python -m bench.run_all --db sqlite|postgresql|both [--inputs 1000000] [--hearings 100000]
                            [--hot-inputs 1000000] [--markdown results.md]
    python -m bench.run_all --database URL [--database URL] [--hot-inputs 0] [--markdown results.md]

For each database it creates a throw-away one (a temporary SQLite file, or a PostgreSQL database
beside CONSULT_BENCH_POSTGRES_URL, dropped afterwards), fills it with `consult synth`, then
measures the public hearing pages, Thai search, the planner dashboard and summary API, input
submission under load (gunicorn + wrk) and a worker's memory; finally it adds one cycle holding
--hot-inputs inputs and measures search, the dashboard and the summary again. Tagging throughput and the
national schedule proposal do not depend on the database and run once.

With --database the measures run on databases already filled by `consult synth` (kept between
runs, since a million inputs take many minutes to generate on a busy 2-CPU machine); the
generator is then not timed, and the load step adds its inputs to those databases. Every line printed is a
figure with its limit and ratio (see bench/common.py); --markdown also writes them as a table.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench import load, pages, search
from bench.common import ROOT, Figure, database_kind, emit, log, run_synth, scratch_database

SYNTH_LIMIT_S = 300  # "a million inputs in a few minutes"
SCHEDULE_LIMIT_S = 5  # a planner waits for a proposal in a page
HOT_PROVINCE = "40"
HOT_HEARINGS = 2_000


def synthetic_data(url: str, database: str, inputs: int, hearings: int) -> Figure:
    seconds = run_synth(url, inputs, hearings)
    return emit(
        Figure(
            f"consult synth --inputs {inputs:,} --hearings {hearings:,} (whole command)",
            seconds,
            "s",
            SYNTH_LIMIT_S,
            note=f"{inputs / seconds:,.0f} inputs/s",
            database=database,
        )
    )


def hot_cycle(url: str, database: str, inputs: int) -> list[Figure]:
    """One province's current cycle receives `inputs` more: the worst case of the dashboard and
    of search, which are scoped to a cycle and a province."""
    seconds = run_synth(url, inputs, HOT_HEARINGS, "--province", HOT_PROVINCE, "--cycles", "1", "--seed", "2")
    figures = [
        emit(
            Figure(
                f"consult synth --inputs {inputs:,} into one cycle (whole command)",
                seconds,
                "s",
                SYNTH_LIMIT_S,
                note=f"{inputs / seconds:,.0f} inputs/s",
                database=database,
            )
        )
    ]
    figures += step(
        "Thai search, one province holding the most inputs",
        database,
        search.measure,
        url,
        "province holding the most inputs",
    )
    return figures + step(
        "planner dashboard and summary API, one cycle holding the most inputs",
        database,
        pages.aggregates,
        url,
        "one cycle holding the most inputs",
    )


def step(name: str, database: str, measure, *args) -> list[Figure]:
    """One benchmark; when it fails (a page answering 500 while another area is mid-change) the
    run goes on and the failure is printed as a line of its own instead of a number."""
    try:
        result = measure(*args)
    except Exception as error:  # noqa: BLE001  (any failure is reported, none stops the others)
        message = " ".join(str(error).split())[:300]
        return [
            emit(Figure(name, None, "", note=f"failed: {type(error).__name__}: {message}", database=database))
        ]
    return result if isinstance(result, list) else [result]


def one_database(kind: str, options) -> list[Figure]:
    with scratch_database(kind) as url:
        log(f"{kind}: scratch database ready")
        return [synthetic_data(url, kind, options.inputs, options.hearings)] + measures(url, kind, options)


def measures(url: str, kind: str, options) -> list[Figure]:
    figures = step("public hearing pages", kind, pages.public_pages, url)
    figures += step("Thai search", kind, search.measure, url)
    figures += step(
        "planner dashboard and summary API", kind, pages.aggregates, url, "largest cycle of the national data"
    )
    figures += step("input submission under load", kind, load.measure, url)
    if options.hot_inputs:
        figures += step("one cycle holding the most inputs", kind, hot_cycle, url, kind, options.hot_inputs)
    return figures


def _script_output(module: str) -> str | None:
    if not (ROOT / "bench" / f"{module}.py").exists():
        return None
    finished = subprocess.run(
        [sys.executable, "-m", f"bench.{module}"], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    if finished.returncode != 0:
        raise RuntimeError(f"bench.{module} failed:\n{finished.stdout}\n{finished.stderr[-3000:]}")
    return finished.stdout


def tagging_throughput() -> list[Figure]:
    """bench.tagging_throughput (the tagging area's) times Tagger.suggest_many beside raw newmm
    segmentation of the same texts; the brief sets no limit for it, only the comparison."""
    output = _script_output("tagging_throughput")
    if output is None:
        return [
            emit(
                Figure(
                    "tagging throughput",
                    None,
                    "",
                    note="not built yet: bench/tagging_throughput.py does not exist",
                )
            )
        ]
    for line in output.splitlines():
        log(f"tagging_throughput: {line}")
    raw = float(re.search(r"raw newmm word_tokenize\s*:\s*([\d.]+) inputs/s", output).group(1))
    tagged = float(re.search(r"tagging \(suggest_many\)\s*:\s*([\d.]+) inputs/s", output).group(1))
    return [
        emit(
            Figure(
                "tagging throughput (bench.tagging_throughput, Tagger.suggest_many)",
                tagged,
                "inputs/s",
                higher_is_better=True,
                reference=raw,
                reference_name="raw newmm segmentation",
                note="no limit set; one process",
            )
        )
    ]


def schedule_proposal() -> list[Figure]:
    output = _script_output("schedule_proposal")
    for line in output.splitlines():
        log(f"schedule_proposal: {line}")
    median = float(re.search(r"median of \d+ runs: ([\d.]+) s", output).group(1))
    placed = re.search(r"placed: (\d+), unplaced: (\d+)", output)
    return [
        emit(
            Figure(
                "schedule proposal for all subdistricts (bench.schedule_proposal), median",
                median,
                "s",
                SCHEDULE_LIMIT_S,
                note=f"{int(placed.group(1)):,} hearings placed, {placed.group(2)} unplaced",
            )
        )
    ]


def markdown(figures: list[Figure]) -> str:
    rows = [
        "| database | figure | value | limit | ratio | verdict | measured beside it |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for figure in figures:
        if figure.value is None:
            rows.append(f"| {figure.database or 'any'} | {figure.name} | {figure.note} | | | | |")
            continue
        sign = "≥" if figure.higher_is_better else "≤"
        limit = f"{sign} {figure.limit:,.4g} {figure.unit}" if figure.limit is not None else ""
        ratio = "" if figure.ratio is None else f"{figure.ratio:.2f}"
        beside = (
            f"{figure.reference_name} {figure.reference:,.4g} {figure.unit}"
            if figure.reference is not None
            else ""
        )
        if figure.note:
            beside = f"{beside}; {figure.note}" if beside else figure.note
        rows.append(
            f"| {figure.database or 'any'} | {figure.name} | {figure.value:,.4g} {figure.unit} | {limit} "
            f"| {ratio} | {figure.verdict} | {beside} |"
        )
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--hearings", type=int, default=100_000)
    parser.add_argument(
        "--hot-inputs",
        type=int,
        default=1_000_000,
        help="inputs added to one cycle for the dashboard's worst case (0: skip)",
    )
    parser.add_argument(
        "--database",
        action="append",
        default=[],
        metavar="URL",
        help="measure this database, already filled by consult synth (repeatable; "
        "replaces --db, --inputs and --hearings)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the figures as a Markdown table here")
    options = parser.parse_args()
    began = time.perf_counter()
    print(
        f"consult benchmarks, {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the start",
        flush=True,
    )
    figures = []
    for url in options.database:
        figures += measures(url, database_kind(url), options)
    for kind in (
        [] if options.database else (["sqlite", "postgresql"] if options.db == "both" else [options.db])
    ):
        figures += one_database(kind, options)
    figures += step("tagging throughput", "", tagging_throughput)
    figures += step("schedule proposal", "", schedule_proposal)
    judged = [f for f in figures if f.met is not None]
    missed = [f for f in judged if not f.met]
    print(
        f"done in {time.perf_counter() - began:,.0f} s; load average {os.getloadavg()[0]:.1f} at the end; "
        f"{len(judged) - len(missed)} of {len(judged)} figures within their limit",
        flush=True,
    )
    for figure in missed:
        print(f"  not met: {figure.line()}", flush=True)
    if options.markdown:
        options.markdown.write_text(markdown(figures), encoding="utf-8")


if __name__ == "__main__":
    main()
