"""What a new plan and cycle start from: the project's copy of the shared strategic-issue
catalogue, and the usual run of a cycle's phases around its hearing phase."""

import csv
from datetime import date, timedelta
from pathlib import Path

from consult.strategy.models import (
    PHASE_COMMITTEE_REVIEW,
    PHASE_DATA_GATHERING,
    PHASE_DRAFTING,
    PHASE_HEARINGS,
    PHASE_NAMES,
    PHASE_PUBLICATION,
    CyclePhase,
    StrategicIssue,
)

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "tagging" / "strategic_issues.csv"
# First and last day of each phase, counted from the day the hearing phase is two weeks old.
USUAL_PHASES = [
    (PHASE_DATA_GATHERING, -60, -15),
    (PHASE_HEARINGS, -14, 45),
    (PHASE_DRAFTING, 46, 90),
    (PHASE_COMMITTEE_REVIEW, 91, 120),
    (PHASE_PUBLICATION, 121, 150),
]


def catalogue_issues() -> list[StrategicIssue]:
    """New issues, one per row of the catalogue, in its order."""
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        return [
            StrategicIssue(
                code=row["code"],
                title_th=row["title_th"],
                title_en=row["title_en"],
                description_th=row["description_th"],
                keywords_th=row["keywords_th"],
                position=position,
            )
            for position, row in enumerate(csv.DictReader(handle))
        ]


def usual_phases(anchor: date) -> list[CyclePhase]:
    """New phases of a cycle whose hearing phase runs on ``anchor`` (two weeks in)."""
    return [
        CyclePhase(
            key=key,
            name_th=PHASE_NAMES[key][0],
            name_en=PHASE_NAMES[key][1],
            starts_on=anchor + timedelta(days=first),
            ends_on=anchor + timedelta(days=last),
        )
        for key, first, last in USUAL_PHASES
    ]
