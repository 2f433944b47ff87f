"""Tagging throughput against raw PyThaiNLP newmm segmentation of the same texts.

    python bench/tagging_throughput.py [--texts 5000] [--rounds 5]

Prints inputs per second for ``word_tokenize(engine="newmm")`` and for
``Tagger.suggest_many`` (catalogue + the labelled dev set) over the dev texts repeated to
N texts, best of a few alternating rounds, and their ratio (by wall-clock time, and by
this process's CPU time, which a busy machine disturbs less). It also times one pass over
the distinct dev texts with a freshly loaded tagger (its token cache empty).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pythainlp.tokenize import word_tokenize  # noqa: E402

from consult.tagging.batch import read_labelled  # noqa: E402
from consult.tagging.suggest import Tagger, load_issues_csv  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "consult" / "data" / "tagging"


def seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def best_seconds(works: list, rounds: int) -> tuple[list[float], list[float]]:
    """Best wall-clock and best CPU time of each piece of work; rounds alternate between
    them so that both see the same machine load. CPU time (this process only) moves less
    than wall-clock time when other processes share the machine."""
    timings = [[] for _ in works]
    cpu_timings = [[] for _ in works]
    for _ in range(rounds):
        for work, times, cpu_times in zip(works, timings, cpu_timings):
            cpu_started = time.process_time()
            times.append(seconds(work))
            cpu_times.append(time.process_time() - cpu_started)
    return [min(times) for times in timings], [min(times) for times in cpu_timings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    labelled = read_labelled(DATA / "inputs_dev.csv")
    distinct = [text for _, text, _ in labelled]
    texts = (distinct * (args.texts // len(distinct) + 1))[: args.texts]
    issues = load_issues_csv(DATA / "strategic_issues.csv")
    stored = Tagger(issues).fit(distinct, [set(codes) for _, _, codes in labelled]).to_bytes()

    cold_raw = seconds(lambda: [word_tokenize(t, engine="newmm") for t in distinct])
    cold_tagger = Tagger.from_bytes(stored)
    cold = seconds(lambda: cold_tagger.suggest_many(distinct))

    tagger = Tagger.from_bytes(stored)
    (raw, tagged), (raw_cpu, tagged_cpu) = best_seconds(
        [lambda: [word_tokenize(t, engine="newmm") for t in texts], lambda: tagger.suggest_many(texts)],
        args.rounds,
    )

    print(f"{len(texts)} texts ({len(distinct)} distinct dev texts repeated), best of {args.rounds}")
    print(f"raw newmm word_tokenize : {len(texts) / raw:9.0f} inputs/s")
    print(f"tagging (suggest_many)  : {len(texts) / tagged:9.0f} inputs/s")
    print(f"ratio tagging / raw     : {raw / tagged:9.2f}")
    print(
        f"same by CPU time of this process: raw {len(texts) / raw_cpu:.0f}/s, tagging "
        f"{len(texts) / tagged_cpu:.0f}/s, ratio {raw_cpu / tagged_cpu:.2f}"
    )
    print(
        f"first pass, fresh tagger, {len(distinct)} distinct texts: "
        f"raw {len(distinct) / cold_raw:.0f}/s, tagging {len(distinct) / cold:.0f}/s, "
        f"ratio {cold_raw / cold:.2f}"
    )


if __name__ == "__main__":
    main()
