"""Benchmark: propose hearings for every subdistrict of Thailand.

Run from the repository root:
    python -m bench.schedule_proposal [path/to/subdistricts.csv]

The CSV defaults to consult/data/geography/subdistricts.csv; the argument is
used only when that file is missing.
"""

import csv
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from consult.hearings.proposal import propose_schedule

DEFAULT_CSV = Path(__file__).resolve().parents[1] / "consult" / "data" / "geography" / "subdistricts.csv"
# Six weeks including two Thai public holidays (1 June in lieu of Visakha Bucha, 3 June the Queen's birthday).
PHASE_START, PHASE_END = date(2026, 6, 1), date(2026, 7, 10)
PER_DAY_LIMIT = 2
RUNS = 7


def main() -> None:
    csv_path = DEFAULT_CSV if DEFAULT_CSV.exists() or len(sys.argv) < 2 else Path(sys.argv[1])
    began = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as file:
        codes = [row["subdistrict_code"] for row in csv.DictReader(file)]
    durations = []
    for _ in range(RUNS):
        run_began = time.perf_counter()
        proposal = propose_schedule(
            codes, phase_start=PHASE_START, phase_end=PHASE_END, per_day_limit=PER_DAY_LIMIT
        )
        durations.append(time.perf_counter() - run_began)
        if len(durations) == 1:
            first_run_total = time.perf_counter() - began

    heard = Counter(code for hearing in proposal.hearings for code in hearing.subdistricts)
    per_district_day = Counter((hearing.district, hearing.starts_at.date()) for hearing in proposal.hearings)
    per_province_day = Counter(
        (hearing.district[:2], hearing.starts_at.date()) for hearing in proposal.hearings
    )
    working_days = len({hearing.starts_at.date() for hearing in proposal.hearings})
    print(f"csv: {csv_path} ({len(codes)} subdistricts, {len({code[:4] for code in codes})} districts)")
    print(
        f"phase: {PHASE_START} to {PHASE_END}, {working_days} working days used, limit {PER_DAY_LIMIT} a district a day"
    )
    print(f"first run including CSV load and holiday lookup: {first_run_total:.3f} s")
    print(f"propose_schedule median of {RUNS} runs: {statistics.median(durations):.3f} s")
    print(f"  (fastest {min(durations):.3f} s, slowest {max(durations):.3f} s)")
    print(f"placed: {len(proposal.hearings)}, unplaced: {len(proposal.unplaced)}")
    print(f"max hearings per district per day: {max(per_district_day.values())}")
    print(f"max hearings per province per day: {max(per_province_day.values())}")
    every_once = set(heard) == set(codes) and set(heard.values()) == {1}
    print(f"every subdistrict placed exactly once: {every_once}")
    if not every_once:
        sys.exit(1)


if __name__ == "__main__":
    main()
