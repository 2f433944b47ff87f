"""The calendar as people read it: which phase is running, how long is left, what comes next."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from consult.extensions import db
from consult.hearings.models import STATUS_CANCELLED, Hearing
from consult.strategy.models import CyclePhase, StrategyCycle

DONE, NOW, NEXT, LATER = "done", "now", "next", "later"


@dataclass(frozen=True)
class TimelineRow:
    phase: CyclePhase
    state: str  # done, now, next (the first one ahead) or later
    days_left: int | None  # while running: days after today until it ends (0 = ends today)
    days_until: int | None  # ahead: days from today until it starts


def timeline(cycle: StrategyCycle, today: date) -> list[TimelineRow]:
    rows, next_seen = [], False
    for phase in cycle.phases:
        if phase.ends_on < today:
            rows.append(TimelineRow(phase, DONE, None, None))
        elif phase.starts_on <= today:
            rows.append(TimelineRow(phase, NOW, (phase.ends_on - today).days, None))
        else:
            rows.append(
                TimelineRow(phase, LATER if next_seen else NEXT, None, (phase.starts_on - today).days)
            )
            next_seen = True
    return rows


def hearing_counts(cycle: StrategyCycle) -> dict[str, int]:
    """Scheduled (not cancelled) and cancelled hearings of the cycle, for the hearing phase's row."""
    rows = db.session.execute(
        select(Hearing.status, func.count()).where(Hearing.cycle_id == cycle.id).group_by(Hearing.status)
    )
    counts = {"scheduled": 0, "cancelled": 0}
    for status, count in rows:
        counts["cancelled" if status == STATUS_CANCELLED else "scheduled"] += count
    return counts
