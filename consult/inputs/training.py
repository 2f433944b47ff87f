"""The tagger learns from planners: each plan's tagger relearned from the decisions planners made
on its inputs' tags, and stored as a new TaggerModel version; the suggestions still waiting for a
decision are then scored again by the new model."""

import logging
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.models import MODERATION_HIDDEN, CitizenInput, QueuedInput
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.tagging.models import (
    SOURCE_MODEL,
    TAG_CONFIRMED,
    TAG_REJECTED,
    TAG_SUGGESTED,
    InputTag,
    TaggerModel,
)
from consult.tagging.operations import issue_specs, latest_model
from consult.tagging.suggest import Tagger
from consult.timeutil import utcnow

log = logging.getLogger(__name__)
RESCORE_BATCH = 500


@dataclass(frozen=True)
class Examples:
    """What planners decided, input by input: its text, the issues confirmed for it, and the
    issues suggested for it that nobody decided on (neither a positive nor a negative example)."""

    texts: list[str]
    confirmed: list[set[str]]
    undecided: list[set[str]]


def _inputs_of_plan(plan):
    return (
        select(CitizenInput.id)
        .join(StrategyCycle, StrategyCycle.id == CitizenInput.cycle_id)
        .where(StrategyCycle.plan_id == plan.id)
    )


def decided_examples(plan) -> Examples:
    """Inputs of the plan's cycles on which a planner decided at least one tag (confirmed,
    added or rejected). An issue the planner confirmed is a positive example, one rejected or
    never suggested a negative one; an issue still only suggested teaches nothing either way
    (an input whose OTOP tag was confirmed is not thereby "not about tourism")."""
    decided = (
        select(InputTag.input_id)
        .where(
            InputTag.input_id.in_(_inputs_of_plan(plan)),
            InputTag.state.in_((TAG_CONFIRMED, TAG_REJECTED)),
        )
        .distinct()
    )
    items = db.session.scalars(
        select(CitizenInput)
        .where(CitizenInput.id.in_(decided))
        .options(selectinload(CitizenInput.tags).selectinload(InputTag.issue))
        .order_by(CitizenInput.id)
    ).all()
    return Examples(
        texts=[item.text for item in items],
        confirmed=[{tag.issue.code for tag in item.tags if tag.state == TAG_CONFIRMED} for item in items],
        undecided=[{tag.issue.code for tag in item.tags if tag.state == TAG_SUGGESTED} for item in items],
    )


def retrain(plan) -> TaggerModel | None:
    """Learn the plan's tagger from its planners' decisions and store it, then score the
    waiting suggestions again with it; None when there is nothing to learn from or the result is
    the model already stored (same catalogue, same decisions)."""
    examples = decided_examples(plan)
    if not examples.texts:
        return None
    tagger = Tagger(list(issue_specs(plan))).fit(examples.texts, examples.confirmed, examples.undecided)
    current = latest_model(plan)
    if current is not None and current.version == tagger.version:
        return None
    earlier = db.session.scalar(
        select(TaggerModel).where(TaggerModel.plan_id == plan.id, TaggerModel.version == tagger.version)
    )
    if earlier is not None:  # the labels went back to an earlier state: that model is current again
        earlier.created_at = utcnow()
        db.session.commit()
        rescore_waiting(plan, tagger)
        return earlier
    model = TaggerModel(
        plan_id=plan.id, version=tagger.version, training_size=tagger.training_size, data=tagger.to_bytes()
    )
    db.session.add(model)
    db.session.commit()
    rescored = rescore_waiting(plan, tagger)
    log.info(
        "plan %s: tagger %s learned from %s inputs; %s waiting inputs scored again",
        plan.id,
        model.version,
        model.training_size,
        rescored,
    )
    return model


def rescore_waiting(plan, tagger: Tagger, batch: int = RESCORE_BATCH) -> int:
    """Score again, with `tagger`, the inputs of the plan that wait for a planner: those with a
    model suggestion nobody decided on, and those with no tag at all. A waiting model suggestion
    takes the new model's confidence and version (it is kept even when the new model scores it
    low: only a planner removes a tag, by rejecting it); an issue the new model suggests that the
    input has no tag for is added as a suggestion. Decided tags and citizens' choices stay as
    they are. Inputs still in the tag queue are left to its worker. Commits per batch; returns
    the inputs scored."""
    waiting = or_(
        exists().where(
            InputTag.input_id == CitizenInput.id,
            InputTag.state == TAG_SUGGESTED,
            InputTag.source == SOURCE_MODEL,
        ),
        ~exists().where(InputTag.input_id == CitizenInput.id),
    )
    issues = {issue.code: issue for issue in plan.issues}
    codes = {issue.id: issue.code for issue in plan.issues}
    scored, after = 0, 0
    while True:
        items = db.session.scalars(
            select(CitizenInput)
            .where(
                CitizenInput.id.in_(_inputs_of_plan(plan)),
                CitizenInput.moderation != MODERATION_HIDDEN,
                CitizenInput.id > after,
                waiting,
                ~exists().where(QueuedInput.input_id == CitizenInput.id),
            )
            .options(selectinload(CitizenInput.tags))
            .order_by(CitizenInput.id)
            .limit(batch)
        ).all()
        if not items:
            return scored
        texts = [item.text for item in items]
        for item, scores, chosen in zip(items, tagger.score_many(texts), tagger.suggest_many(texts)):
            tagged = {tag.issue_id: tag for tag in item.tags}
            for tag in tagged.values():
                code = codes.get(tag.issue_id)
                if tag.state == TAG_SUGGESTED and tag.source == SOURCE_MODEL and code in scores:
                    tag.confidence = round(scores[code], 4)
                    tag.model_version = tagger.version
            for code, score in chosen:
                issue = issues.get(code)
                if issue is not None and issue.id not in tagged:
                    item.tags.append(
                        InputTag(
                            issue=issue,
                            source=SOURCE_MODEL,
                            confidence=round(score, 4),
                            model_version=tagger.version,
                        )
                    )
        scored += len(items)
        after = items[-1].id
        db.session.commit()


def retrain_all() -> dict[str, int]:
    trained = 0
    for plan in db.session.scalars(select(StrategicPlan).order_by(StrategicPlan.id)).all():
        trained += retrain(plan) is not None
    return {"taggers_trained": trained}
