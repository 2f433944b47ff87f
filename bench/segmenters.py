"""Thai word segmentation: PyThaiNLP's newmm (what consult.tagging.text uses) against nlpO3, the
same newmm algorithm in Rust, on the same dictionary and the same texts: speed, the memory the
dictionary costs a process, and how often the two cut a text the same way.

    python -m bench.segmenters

Each engine runs in a fresh interpreter of its own, so that one's dictionary is not counted in
the other's memory. The texts are the labelled development comments shipped with the tagger
(consult/data/tagging/inputs_dev.csv), repeated to make the run long enough to time.
"""

import csv
import json
import subprocess
import sys

from bench.common import ROOT, log

TEXTS = ROOT / "consult" / "data" / "tagging" / "inputs_dev.csv"
REPEAT = 20
ENGINE = """
import json, sys, time, csv
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
texts = [row["text_th"] for row in csv.DictReader(open(sys.argv[2], encoding="utf-8"))]
repeat = int(sys.argv[3])
before = rss()
began = time.perf_counter()
if sys.argv[1] == "newmm":
    from pythainlp.tokenize.newmm import segment
    cut = segment
else:
    import nlpo3
    from pythainlp.corpus import get_corpus_path
    from pathlib import Path
    import pythainlp.corpus
    words = Path(pythainlp.corpus.__file__).parent / "words_th.txt"
    nlpo3.load_dict(str(words), "words_th")
    cut = lambda text: nlpo3.segment(text, "words_th")
first = cut(texts[0])
loaded = time.perf_counter() - began
loaded_rss = rss()
began = time.perf_counter()
for _ in range(repeat):
    cuts = [cut(text) for text in texts]
seconds = time.perf_counter() - began
print(json.dumps({"load_s": loaded, "rss_before": before, "rss_loaded": loaded_rss, "rss_after": rss(),
                  "texts": len(texts) * repeat, "seconds": seconds, "cuts": cuts}, ensure_ascii=False))
"""


def run(engine: str) -> dict:
    finished = subprocess.run(
        [sys.executable, "-c", ENGINE, engine, str(TEXTS), str(REPEAT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(finished.stdout)


def main() -> None:
    with TEXTS.open(encoding="utf-8") as handle:
        count = sum(1 for _ in csv.DictReader(handle))
    log(f"{count} texts × {REPEAT}")
    results = {engine: run(engine) for engine in ("newmm", "nlpo3")}
    for engine, result in results.items():
        per_thousand = result["seconds"] / result["texts"] * 1000 * 1000
        print(
            f"{engine}: {per_thousand:.1f} ms per 1,000 texts ({result['texts'] / result['seconds']:,.0f} texts/s); "
            f"dictionary loaded in {result['load_s']:.2f} s; RSS {result['rss_before']:.0f} MB → "
            f"{result['rss_loaded']:.0f} MB loaded → {result['rss_after']:.0f} MB after the run"
        )
    same = sum(a == b for a, b in zip(results["newmm"]["cuts"], results["nlpo3"]["cuts"], strict=True))
    print(f"texts cut the same way by both: {same} of {count}")


if __name__ == "__main__":
    main()
