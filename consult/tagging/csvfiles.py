"""Reading the tagging CSV files with clear errors for bad input."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path


def split_cell(cell: str | None) -> list[str]:
    """A multi-value cell: ``"SI01|SI04"`` -> ``["SI01", "SI04"]``; empty -> ``[]``."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def read_csv_rows(path: str | Path, required: Sequence[str], what: str) -> list[dict[str, str]]:
    """All rows of a UTF-8 CSV with a header row; ValueError names what is wrong."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in required if column not in header]
            if missing:
                raise ValueError(
                    f"{what} file {path}: missing column(s) {', '.join(missing)} "
                    f"(found: {', '.join(header) or 'no header'})"
                )
            return [{key: value or "" for key, value in row.items() if key is not None} for row in reader]
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{what} file {path} is not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    except csv.Error as error:
        raise ValueError(f"{what} file {path} is not valid CSV: {error}") from None
