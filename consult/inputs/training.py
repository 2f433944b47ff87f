"""The tagger learns from planners: each plan's tagger relearned from the tags planners confirmed
or rejected on its inputs, and stored as a new TaggerModel version."""

import logging

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.tagging.models import TAG_CONFIRMED, TAG_REJECTED, InputTag, TaggerModel
from consult.tagging.operations import issue_specs, latest_model
from consult.tagging.suggest import Tagger
from consult.timeutil import utcnow

log = logging.getLogger(__name__)


def confirmed_examples(plan) -> tuple[list[str], list[set[str]]]:
    """Inputs of the plan's cycles that a planner has decided on (a tag confirmed or rejected),
    with their confirmed issue codes: an input whose tags were all rejected teaches "no issue"."""
    decided = (
        select(InputTag.input_id)
        .join(CitizenInput, CitizenInput.id == InputTag.input_id)
        .join(StrategyCycle, StrategyCycle.id == CitizenInput.cycle_id)
        .where(StrategyCycle.plan_id == plan.id, InputTag.state.in_((TAG_CONFIRMED, TAG_REJECTED)))
    )
    items = db.session.scalars(
        select(CitizenInput)
        .where(CitizenInput.id.in_(decided))
        .options(selectinload(CitizenInput.tags).selectinload(InputTag.issue))
        .order_by(CitizenInput.id)
    ).all()
    return (
        [item.text for item in items],
        [{tag.issue.code for tag in item.tags if tag.state == TAG_CONFIRMED} for item in items],
    )


def retrain(plan) -> TaggerModel | None:
    """Learn the plan's tagger from its confirmed tags and store it; None when there is nothing
    to learn from or the result is the model already stored (same catalogue, same labels)."""
    texts, labels = confirmed_examples(plan)
    if not texts:
        return None
    tagger = Tagger(list(issue_specs(plan))).fit(texts, labels)
    current = latest_model(plan)
    if current is not None and current.version == tagger.version:
        return None
    earlier = db.session.scalar(
        select(TaggerModel).where(TaggerModel.plan_id == plan.id, TaggerModel.version == tagger.version)
    )
    if earlier is not None:  # the labels went back to an earlier state: that model is current again
        earlier.created_at = utcnow()
        db.session.commit()
        return earlier
    model = TaggerModel(
        plan_id=plan.id, version=tagger.version, training_size=tagger.training_size, data=tagger.to_bytes()
    )
    db.session.add(model)
    db.session.commit()
    log.info("plan %s: tagger %s learned from %s inputs", plan.id, model.version, model.training_size)
    return model


def retrain_all() -> dict[str, int]:
    trained = 0
    for plan in db.session.scalars(select(StrategicPlan).order_by(StrategicPlan.id)).all():
        trained += retrain(plan) is not None
    return {"taggers_trained": trained}
