"""CSV in, CSV out: the logic behind the ``consult tag`` and ``consult tag-eval`` commands."""

from __future__ import annotations

import csv
from pathlib import Path

from consult.tagging.csvfiles import read_csv_rows, split_cell
from consult.tagging.evaluation import cross_validate, evaluate_catalogue_only
from consult.tagging.suggest import Tagger, load_issues_csv

INPUT_COLUMNS = ("id", "text_th")
LABELLED_COLUMNS = ("id", "text_th", "labels")
OUTPUT_COLUMNS = ("id", "labels", "scores")


def tag_csv(
    in_path: str | Path,
    issues_path: str | Path,
    out_path: str | Path,
    train_path: str | Path | None = None,
) -> int:
    """Write suggested issues for every row of IN to OUT; returns the number of rows.

    OUT has ``id,labels,scores``: codes best first and their scores (0..1, three decimals),
    both ``|``-separated; no suggestion leaves both cells empty.
    """
    issues = load_issues_csv(issues_path)
    rows = read_csv_rows(in_path, INPUT_COLUMNS, "input")
    tagger = Tagger(issues)
    if train_path is not None:
        labelled = read_labelled(train_path)
        tagger.fit([text for _, text, _ in labelled], [set(codes) for _, _, codes in labelled])
    suggestions = tagger.suggest_many([row["text_th"] for row in rows])
    with open(out_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_COLUMNS)
        for row, suggestion in zip(rows, suggestions):
            writer.writerow(
                (
                    row["id"],
                    "|".join(code for code, _ in suggestion),
                    "|".join(f"{score:.3f}" for _, score in suggestion),
                )
            )
    return len(rows)


def read_labelled(path: str | Path) -> list[tuple[str, str, list[str]]]:
    """(id, text, codes with the main one first) rows of a labelled CSV (``id,text_th,labels``)."""
    rows = [
        (row["id"], row["text_th"], split_cell(row["labels"]))
        for row in read_csv_rows(path, LABELLED_COLUMNS, "labelled")
    ]
    seen: set[str] = set()
    for row_id, _, _ in rows:
        if row_id in seen:
            raise ValueError(f"labelled file {path}: id {row_id!r} occurs more than once")
        seen.add(row_id)
    return rows


def evaluate_csv(labelled_path: str | Path, issues_path: str | Path, folds: int = 5) -> str:
    """A printable quality report: k-fold cross-validation and the catalogue alone."""
    issues = load_issues_csv(issues_path)
    labelled = read_labelled(labelled_path)
    rows = [(row_id, text, set(codes)) for row_id, text, codes in labelled]
    main_labels = [codes[0] if codes else "" for _, _, codes in labelled]
    if len(rows) < folds:
        raise ValueError(f"labelled file {labelled_path}: {len(rows)} rows, fewer than {folds} folds")
    cross_validated = cross_validate(issues, rows, folds=folds, main_labels=main_labels)
    catalogue_only = evaluate_catalogue_only(issues, rows)
    lines = [
        f"{len(rows)} labelled inputs ({cross_validated['empty_rows']} fit no issue), {len(issues)} issues",
        "",
        f"{'':<34}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for title, result in (
        (f"{folds}-fold cross-validation", cross_validated),
        ("catalogue only (no training)", catalogue_only),
    ):
        for average in ("micro", "macro"):
            figures = result[average]
            lines.append(
                f"{title + ', ' + average:<34}"
                f"{figures['precision']:>10.3f}{figures['recall']:>10.3f}{figures['f1']:>10.3f}"
            )
        lines.append(
            f"{'':<4}exact match {result['exact_match']:.3f}, "
            f"no-issue rows left untagged {result['empty_row_accuracy']:.3f}"
        )
    lines += ["", f"per issue ({folds}-fold cross-validation):"]
    lines += [
        f"  {code:<10} F1 {values['f1']:.3f}  (precision {values['precision']:.3f}, "
        f"recall {values['recall']:.3f}, {values['support']} rows)"
        for code, values in cross_validated["per_code"].items()
    ]
    return "\n".join(lines)
