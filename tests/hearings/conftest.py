import csv
from pathlib import Path

import pytest

SUBDISTRICTS_CSV = Path(__file__).resolve().parents[2] / "consult" / "data" / "geography" / "subdistricts.csv"


@pytest.fixture(scope="session")
def thai_subdistrict_codes() -> list[str]:
    """All real subdistrict codes, from the copy the application ships."""
    if not SUBDISTRICTS_CSV.exists():
        pytest.skip(f"{SUBDISTRICTS_CSV} is not there yet")
    with SUBDISTRICTS_CSV.open(encoding="utf-8", newline="") as file:
        return [row["subdistrict_code"] for row in csv.DictReader(file)]
