"""Tagging quality on the labelled dev set: 5-fold cross-validation and catalogue only.

    python bench/tagging_quality.py [--folds 5] [--seeds 20240601 1 2]

The first seed is the one the tests use; more seeds show how much the folds matter.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from consult.tagging.batch import evaluate_csv, read_labelled  # noqa: E402
from consult.tagging.evaluation import DEFAULT_SEED, cross_validate  # noqa: E402
from consult.tagging.suggest import load_issues_csv  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "consult" / "data" / "tagging"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="*", default=[DEFAULT_SEED])
    args = parser.parse_args()

    print(evaluate_csv(DATA / "inputs_dev.csv", DATA / "strategic_issues.csv", folds=args.folds))
    if len(args.seeds) > 1:
        issues = load_issues_csv(DATA / "strategic_issues.csv")
        labelled = read_labelled(DATA / "inputs_dev.csv")
        rows = [(row_id, text, set(codes)) for row_id, text, codes in labelled]
        main_labels = [codes[0] if codes else "" for _, _, codes in labelled]
        print(f"\nmacro / micro F1 of {args.folds}-fold cross-validation by seed:")
        for seed in args.seeds:
            result = cross_validate(issues, rows, folds=args.folds, seed=seed, main_labels=main_labels)
            print(f"  seed {seed:>10}: {result['macro']['f1']:.3f} / {result['micro']['f1']:.3f}")


if __name__ == "__main__":
    main()
