"""Tagging quality on the labelled dev set: 5-fold cross-validation and catalogue only;
then on the robustness set written apart from it.

    python bench/tagging_quality.py [--folds 5] [--seeds 20240601 1 2]

The first seed is the one the tests use; more seeds show how much the folds matter. The
robustness set (``consult/data/tagging/robustness_th.csv``) is tagged by the catalogue-only
tagger, by a tagger trained on all 240 dev rows, and by plain keyword substring matching; so is the
second set (``robustness_blind_th.csv``), written after the tagger's last change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from consult.tagging.batch import evaluate_csv, read_labelled  # noqa: E402
from consult.tagging.evaluation import (  # noqa: E402
    DEFAULT_SEED,
    cross_validate,
    evaluate_robustness,
    keyword_baseline,
    read_robustness,
    robustness_scores,
)
from consult.tagging.suggest import Tagger, load_issues_csv  # noqa: E402

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
        macros = []
        for seed in args.seeds:
            result = cross_validate(issues, rows, folds=args.folds, seed=seed, main_labels=main_labels)
            macros.append(result["macro"]["f1"])
            print(f"  seed {seed:>10}: {result['macro']['f1']:.3f} / {result['micro']['f1']:.3f}")
        print(
            f"  macro F1 over {len(macros)} seeds: min {min(macros):.3f}, mean "
            f"{sum(macros) / len(macros):.3f}, max {max(macros):.3f}"
        )
    robustness(DATA / "robustness_th.csv")
    robustness(DATA / "robustness_blind_th.csv")


def robustness(path: Path) -> None:
    issues = load_issues_csv(DATA / "strategic_issues.csv")
    labelled = read_labelled(DATA / "inputs_dev.csv")
    rows = read_robustness(path)
    codes = [issue.code for issue in issues]
    results = {
        "keyword substring matching": robustness_scores(
            rows, keyword_baseline(issues, [row.text for row in rows]), codes
        ),
        "catalogue only": evaluate_robustness(Tagger(issues), rows),
        "trained on the 240 dev rows": evaluate_robustness(
            Tagger(issues).fit([t for _, t, _ in labelled], [set(c) for _, _, c in labelled]), rows
        ),
    }
    kinds = sorted({row.kind for row in rows})
    counts = next(iter(results.values()))["rows_by_kind"]
    print(
        f"\n{path.name}: {len(rows)} inputs (" + ", ".join(f"{kind} {counts[kind]}" for kind in kinds) + ")"
    )
    print(
        f"{'':<29}{'macro F1':>9}{'micro P':>9}{'micro R':>9}{'micro F1':>9}{'negated ok':>11}"
        + "".join(f"{kind:>9}" for kind in kinds)
    )
    for name, result in results.items():
        print(
            f"{name:<29}{result['macro']['f1']:>9.3f}{result['micro']['precision']:>9.3f}"
            f"{result['micro']['recall']:>9.3f}{result['micro']['f1']:>9.3f}"
            f"{result['negated_avoided']:>11.3f}"
            + "".join(f"{result['exact_by_kind'][kind]:>9.3f}" for kind in kinds)
        )
    print(
        "(negated ok: rows naming an issue only to say it is fine where it is not suggested;"
        " per kind: share of rows tagged exactly right)"
    )


if __name__ == "__main__":
    main()
