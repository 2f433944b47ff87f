"""Measuring tagging quality as defined in ``consult/data/tagging/README.md``.

Per issue code over all rows: precision, recall and F1 (a zero denominator gives 0).
Macro = plain mean over the codes; micro = from TP, FP and FN summed over the codes.
Measured by k-fold cross-validation and for the catalogue alone.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.model_selection import KFold, StratifiedKFold

from consult.tagging.csvfiles import read_csv_rows, split_cell
from consult.tagging.suggest import IssueSpec, Tagger

Row = tuple[str, str, set[str]]  # id, text, gold codes (the first listed is the main one)

DEFAULT_SEED = 20240601


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def scores(gold: Mapping[str, set[str]], pred: Mapping[str, set[str]], codes: Sequence[str]) -> dict:
    """Quality of ``pred`` against ``gold`` (row id -> set of codes; rows missing from
    ``pred`` count as predicted empty; rows of ``pred`` without gold are not counted)."""
    per_code = {}
    total_tp = total_fp = total_fn = 0
    for code in codes:
        tp = sum(code in labels and code in pred.get(row, set()) for row, labels in gold.items())
        fp = sum(code not in labels and code in pred.get(row, set()) for row, labels in gold.items())
        fn = sum(code in labels and code not in pred.get(row, set()) for row, labels in gold.items())
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        per_code[code] = {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "support": tp + fn,
        }
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
    micro_precision = _ratio(total_tp, total_tp + total_fp)
    micro_recall = _ratio(total_tp, total_tp + total_fn)
    empty_rows = [row for row, labels in gold.items() if not labels]
    return {
        "macro": {
            name: sum(values[name] for values in per_code.values()) / len(codes) if codes else 0.0
            for name in ("precision", "recall", "f1")
        },
        "micro": {
            "precision": micro_precision,
            "recall": micro_recall,
            "f1": _f1(micro_precision, micro_recall),
        },
        "exact_match": _ratio(sum(pred.get(row, set()) == labels for row, labels in gold.items()), len(gold)),
        "empty_row_accuracy": _ratio(sum(not pred.get(row) for row in empty_rows), len(empty_rows)),
        "rows": len(gold),
        "empty_rows": len(empty_rows),
        "per_code": per_code,
    }


def _predicted_codes(tagger: Tagger, texts: Sequence[str]) -> list[set[str]]:
    return [{code for code, _ in suggestion} for suggestion in tagger.suggest_many(texts)]


def cross_validate(
    issues: Sequence[IssueSpec],
    rows: Sequence[Row],
    folds: int = 5,
    seed: int = DEFAULT_SEED,
    main_labels: Sequence[str] | None = None,
) -> dict:
    """Scores of k-fold cross-validation: each fold is tagged by a tagger trained on the
    catalogue and the other folds. Folds are stratified by the main (first) label, given
    in ``main_labels`` or else taken as the smallest code of the row."""
    if folds < 2 or folds > len(rows):
        raise ValueError(f"need 2 to {len(rows)} folds, got {folds}")
    if main_labels is None:
        main_labels = [min(codes, default="") for _, _, codes in rows]
    gold = {row_id: set(codes) for row_id, _, codes in rows}
    pred: dict[str, set[str]] = {}
    splitter = (
        StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        if max(Counter(main_labels).values()) >= folds
        else KFold(n_splits=folds, shuffle=True, random_state=seed)  # too few rows to stratify
    )
    with warnings.catch_warnings():
        # small strata (e.g. the few no-issue rows) cannot fill every fold; that is fine
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        splits = list(splitter.split(list(range(len(rows))), main_labels))
    for train, test in splits:
        tagger = Tagger(issues).fit([rows[i][1] for i in train], [rows[i][2] for i in train])
        predicted = _predicted_codes(tagger, [rows[i][1] for i in test])
        pred.update((rows[i][0], codes) for i, codes in zip(test, predicted))
    return {"folds": folds, "seed": seed, **scores(gold, pred, [issue.code for issue in issues])}


def evaluate_catalogue_only(issues: Sequence[IssueSpec], rows: Sequence[Row]) -> dict:
    """Scores of a tagger that knows only the catalogue (no labelled rows at all)."""
    tagger = Tagger(issues)
    predicted = _predicted_codes(tagger, [text for _, text, _ in rows])
    gold = {row_id: set(codes) for row_id, _, codes in rows}
    pred = {row_id: codes for (row_id, _, _), codes in zip(rows, predicted)}
    return scores(gold, pred, [issue.code for issue in issues])


# -- robustness set ------------------------------------------------------------------------
#
# consult/data/tagging/robustness_th.csv: comments written for this project apart from the
# dev set (other villages, spelling variants, negation, keywords in another sense, comments
# that fit no issue). Columns: id, text_th, labels, kind, not_labels (issues a comment names
# only to say they are fine, or uses a look-alike word of; none of them may be suggested).

ROBUSTNESS_COLUMNS = ("id", "text_th", "labels", "kind", "not_labels")


@dataclass(frozen=True)
class RobustnessRow:
    id: str
    text: str
    labels: frozenset[str]
    kind: str
    not_labels: frozenset[str]


def read_robustness(path: str | Path) -> list[RobustnessRow]:
    return [
        RobustnessRow(
            row["id"],
            row["text_th"],
            frozenset(split_cell(row["labels"])),
            row["kind"].strip(),
            frozenset(split_cell(row["not_labels"])),
        )
        for row in read_csv_rows(path, ROBUSTNESS_COLUMNS, "robustness")
    ]


def keyword_baseline(issues: Sequence[IssueSpec], texts: Sequence[str]) -> list[set[str]]:
    """Plain substring matching of the catalogue keywords: the yardstick to beat."""
    return [
        {issue.code for issue in issues if any(k.lower() in text.lower() for k in issue.keywords)}
        for text in texts
    ]


def robustness_scores(
    rows: Sequence[RobustnessRow], predicted: Sequence[set[str]], codes: Sequence[str]
) -> dict:
    """:func:`scores` over the rows, plus: the share of no-issue rows left untagged, the
    share of rows with ``not_labels`` where none of them is suggested, and per kind the
    share of rows tagged exactly right."""
    gold = {row.id: set(row.labels) for row in rows}
    pred = {row.id: set(codes_) for row, codes_ in zip(rows, predicted)}
    result = scores(gold, pred, codes)
    with_not = [row for row in rows if row.not_labels]
    result["negated_avoided"] = _ratio(
        sum(not (pred[row.id] & row.not_labels) for row in with_not), len(with_not)
    )
    result["negated_rows"] = len(with_not)
    kinds = sorted({row.kind for row in rows})
    result["exact_by_kind"] = {
        kind: _ratio(
            sum(pred[r.id] == gold[r.id] for r in rows if r.kind == kind), sum(r.kind == kind for r in rows)
        )
        for kind in kinds
    }
    result["rows_by_kind"] = dict(Counter(row.kind for row in rows))
    return result


def evaluate_robustness(tagger: Tagger, rows: Sequence[RobustnessRow]) -> dict:
    return robustness_scores(rows, _predicted_codes(tagger, [row.text for row in rows]), tagger.codes)
