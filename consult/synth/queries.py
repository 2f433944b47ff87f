"""Checks that stored inputs, tags and hearings agree with the geography and the plans.

Foreign keys only say that a referenced row exists; these say that it is the right one (an
input's subdistrict lies in its district and province, its tags are issues of its own cycle's
plan, its hearing belongs to its cycle and covers its subdistrict). Used after generating data
and by the tests; each check is one query, seconds at a million inputs.
"""

from sqlalchemy import and_, exists, func, or_, select

from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.hearings.models import Hearing, hearing_subdistrict
from consult.inputs.models import CitizenInput
from consult.strategy.models import StrategicIssue, StrategyCycle
from consult.tagging.models import InputTag


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def consistency_problems() -> dict[str, int]:
    """How many rows break each rule; only the broken rules are returned."""
    checks = {
        "inputs whose subdistrict does not exist": select(CitizenInput.id)
        .outerjoin(Subdistrict, Subdistrict.code == CitizenInput.subdistrict_code)
        .where(CitizenInput.subdistrict_code.is_not(None), Subdistrict.code.is_(None)),
        "inputs whose subdistrict lies outside their district or province": select(CitizenInput.id)
        .join(Subdistrict, Subdistrict.code == CitizenInput.subdistrict_code)
        .where(
            or_(
                Subdistrict.district_code != CitizenInput.district_code,
                Subdistrict.province_code != CitizenInput.province_code,
            )
        ),
        "inputs whose cycle is another province's": select(CitizenInput.id)
        .join(StrategyCycle, StrategyCycle.id == CitizenInput.cycle_id)
        .where(StrategyCycle.province_code != CitizenInput.province_code),
        "inputs whose hearing belongs to another cycle": select(CitizenInput.id)
        .join(Hearing, Hearing.id == CitizenInput.hearing_id)
        .where(Hearing.cycle_id != CitizenInput.cycle_id),
        "inputs for a subdistrict their hearing does not cover": select(CitizenInput.id).where(
            CitizenInput.hearing_id.is_not(None),
            CitizenInput.subdistrict_code.is_not(None),
            ~exists().where(
                and_(
                    hearing_subdistrict.c.hearing_id == CitizenInput.hearing_id,
                    hearing_subdistrict.c.subdistrict_code == CitizenInput.subdistrict_code,
                )
            ),
        ),
        "tags whose issue does not exist": select(InputTag.id)
        .outerjoin(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
        .where(StrategicIssue.id.is_(None)),
        "tags whose issue is not in the plan of the input's cycle": select(InputTag.id)
        .join(CitizenInput, CitizenInput.id == InputTag.input_id)
        .join(StrategyCycle, StrategyCycle.id == CitizenInput.cycle_id)
        .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
        .where(StrategicIssue.plan_id != StrategyCycle.plan_id),
        "hearings without a subdistrict": select(Hearing.id).where(
            ~exists().where(hearing_subdistrict.c.hearing_id == Hearing.id)
        ),
        "hearings covering a subdistrict outside their district": select(Hearing.id)
        .join(hearing_subdistrict, hearing_subdistrict.c.hearing_id == Hearing.id)
        .join(Subdistrict, Subdistrict.code == hearing_subdistrict.c.subdistrict_code)
        .where(Subdistrict.district_code != Hearing.district_code),
        "hearings whose cycle is another province's": select(Hearing.id)
        .join(StrategyCycle, StrategyCycle.id == Hearing.cycle_id)
        .where(StrategyCycle.province_code != Hearing.province_code),
    }
    counts = {name: _count(query) for name, query in checks.items()}
    return {name: count for name, count in counts.items() if count}


def table_counts() -> dict[str, int]:
    return {
        "hearings": db.session.scalar(select(func.count()).select_from(Hearing)),
        "inputs": db.session.scalar(select(func.count()).select_from(CitizenInput)),
        "tags": db.session.scalar(select(func.count()).select_from(InputTag)),
    }
