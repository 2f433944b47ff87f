from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.strategy.models import (
    PHASE_HEARINGS,
    REVISION_DRAFT,
    CyclePhase,
    Revision,
    StrategicIssue,
    StrategicPlan,
    StrategyCycle,
)


def cycles_of(province_code: str | None = None) -> list[StrategyCycle]:
    query = select(StrategyCycle).options(selectinload(StrategyCycle.phases)).order_by(StrategyCycle.id)
    if province_code:
        query = query.where(StrategyCycle.province_code == province_code)
    return list(db.session.scalars(query))


def cycles_with_hearing_phase(province_code: str) -> list[StrategyCycle]:
    return [cycle for cycle in cycles_of(province_code) if cycle.phase(PHASE_HEARINGS)]


def cycle_accepting_input(province_code: str, today: date) -> StrategyCycle | None:
    """The province's cycle whose hearing phase runs today: input on the whole cycle goes there."""
    return db.session.scalar(
        select(StrategyCycle)
        .join(CyclePhase)
        .where(
            StrategyCycle.province_code == province_code,
            CyclePhase.key == PHASE_HEARINGS,
            CyclePhase.runs_on(today),
        )
        .order_by(StrategyCycle.id.desc())
        .limit(1)
    )


def plans_of(province_code: str | None = None) -> list[StrategicPlan]:
    """The province's plans (every plan when None), newest first."""
    query = select(StrategicPlan).order_by(StrategicPlan.id.desc())
    if province_code:
        query = query.where(StrategicPlan.province_code == province_code)
    return list(db.session.scalars(query))


def issue_of_plan(plan_id: int, code: str) -> StrategicIssue | None:
    return db.session.scalar(
        select(StrategicIssue).where(StrategicIssue.plan_id == plan_id, StrategicIssue.code == code)
    )


def revisions_of(cycle_id: int) -> list[Revision]:
    """The cycle's revisions, newest first."""
    return list(
        db.session.scalars(select(Revision).where(Revision.cycle_id == cycle_id).order_by(Revision.id.desc()))
    )


def editable_revisions(cycle) -> list[Revision]:
    """The cycle's draft revisions, which inputs may still be cited in."""
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.cycle_id == cycle.id, Revision.status == REVISION_DRAFT)
            .order_by(Revision.id)
        )
    )
