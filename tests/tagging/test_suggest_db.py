"""Suggestions in the application: catalogue first, then the tagger learned from confirmed tags,
stored per plan with its version; every suggestion names the model that made it."""

from click.testing import CliRunner
from flask import current_app
from sqlalchemy import select

from consult.cli import consult_cli
from consult.extensions import db
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.training import decided_examples, retrain
from consult.jobs import JOBS
from consult.tagging.models import (
    SOURCE_MODEL,
    TAG_CONFIRMED,
    TAG_REJECTED,
    TAG_SUGGESTED,
    InputTag,
    TaggerModel,
)
from consult.tagging.operations import issue_specs, tagger_for
from consult.tagging.suggest import ALGORITHM_VERSION, Tagger
from consult.timeutil import utcnow
from tests.conftest import drain_tag_queue

# Paraphrases of a complaint the catalogue's words do not cover, which planners file under one issue.
LEARNED_TEXTS = [
    "ลูกหลานไปทำงานต่างถิ่นหมด เหลือแต่คนแก่อยู่บ้าน",
    "คนหนุ่มสาวไปทำงานต่างถิ่น หมู่บ้านเหลือแต่คนแก่",
    "คนแก่อยู่บ้านลำพัง ลูกไปทำงานต่างถิ่น",
    "วัยรุ่นย้ายไปทำงานต่างถิ่นกันหมด มีแต่คนแก่เฝ้าบ้าน",
]


def _submit(world, text):
    item, _created = submit_input(
        NewInput(text=text, sector="citizen", channel="online"),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    drain_tag_queue(current_app._get_current_object())  # tagged and indexed, as a tag worker does
    return item


def _model_tags(item):
    return [tag for tag in item.tags if tag.source == SOURCE_MODEL]


def _confirm(item, issue, user):
    for tag in item.tags:
        if tag.issue_id != issue.id:
            tag.state = TAG_REJECTED
    tag = next((tag for tag in item.tags if tag.issue_id == issue.id), None)
    if tag is None:
        tag = InputTag(issue=issue, source="planner")
        item.tags.append(tag)
    tag.state, tag.confirmed_by_id, tag.confirmed_at = TAG_CONFIRMED, user.id, utcnow()
    db.session.commit()


def test_catalogue_tagger_suggests_with_confidence_and_version(world):
    item = _submit(world, "น้ำท่วมนาข้าวทุกปี อยากให้ขุดลอกคลองระบายน้ำ")
    tags = _model_tags(item)
    assert tags
    catalogue_version = Tagger(list(issue_specs(world["plan"]))).version
    assert all(tag.model_version == catalogue_version for tag in tags)
    assert all(0 < tag.confidence <= 1 for tag in tags)
    assert db.session.scalar(select(TaggerModel)) is None


def test_input_fitting_no_issue_gets_no_tag(world):
    assert _model_tags(_submit(world, "สวัสดีครับ ขอบคุณที่จัดงาน")) == []


def test_learned_tagger_is_stored_and_used_after_confirmations(world):
    plan, planner = world["plan"], world["users"]["planner"]
    issue = plan.issues[-1]
    for text in LEARNED_TEXTS:
        _confirm(_submit(world, text), issue, planner)
    model = retrain(plan)
    assert model is not None
    assert (model.plan_id, model.training_size) == (plan.id, len(LEARNED_TEXTS))
    assert model.version.startswith(f"{ALGORITHM_VERSION}:")
    assert model.version != Tagger(list(issue_specs(plan))).version
    assert Tagger.from_bytes(model.data).version == model.version
    assert tagger_for(plan).version == model.version
    item = _submit(world, "ลูกหลานไปทำงานต่างถิ่น ที่บ้านเหลือแต่คนแก่")
    tags = _model_tags(item)
    assert tags and {tag.model_version for tag in tags} == {model.version}
    assert issue.id in {tag.issue_id for tag in tags}


def test_retraining_without_new_confirmations_stores_nothing_new(world):
    plan, planner = world["plan"], world["users"]["planner"]
    assert retrain(plan) is None  # nothing confirmed yet
    _confirm(_submit(world, LEARNED_TEXTS[0]), plan.issues[-1], planner)
    first = retrain(plan)
    assert retrain(plan) is None
    _confirm(_submit(world, LEARNED_TEXTS[1]), plan.issues[-1], planner)
    second = retrain(plan)
    assert second.version != first.version and second.training_size == 2
    assert db.session.scalar(select(db.func.count()).select_from(TaggerModel)) == 2


def test_an_edited_catalogue_falls_back_to_the_catalogue_until_retrained(world):
    plan, planner = world["plan"], world["users"]["planner"]
    _confirm(_submit(world, LEARNED_TEXTS[0]), plan.issues[-1], planner)
    model = retrain(plan)
    plan.issues[0].keywords_th += "|คำใหม่ที่เพิ่ม"
    db.session.commit()
    assert tagger_for(plan).version not in (model.version,)
    assert tagger_for(plan).training_size == 0
    assert retrain(plan).version != model.version


def test_retrain_command_and_scheduled_job(app, world):
    plan, planner = world["plan"], world["users"]["planner"]
    _confirm(_submit(world, LEARNED_TEXTS[0]), plan.issues[-1], planner)
    runner = CliRunner()
    with app.app_context():
        result = runner.invoke(consult_cli, ["retrain", "--plan", str(plan.id)], obj=app.cli)
    assert result.exit_code == 0, result.output
    assert f"plan {plan.id}: tagger {ALGORITHM_VERSION}:" in result.output
    assert "from 1 inputs" in result.output
    result = runner.invoke(consult_cli, ["retrain", "--plan", "999999"])
    assert result.exit_code != 0 and "no strategic plan" in result.output
    assert JOBS["retrain_taggers"]() == {"taggers_trained": 0}  # unchanged since the command
    _confirm(_submit(world, LEARNED_TEXTS[1]), plan.issues[-1], planner)
    assert JOBS["retrain_taggers"]() == {"taggers_trained": 1}


def test_retraining_learns_only_decisions_and_scores_waiting_suggestions_again(world):
    """An OTOP-and-tourism input whose OTOP tag a planner confirmed keeps its waiting tourism
    suggestion through a retrain, scored by the new model; an input nobody decided on gets the
    new model's version too."""
    plan, planner = world["plan"], world["users"]["planner"]
    issues = {issue.code: issue for issue in plan.issues}
    item = _submit(world, "อยากให้มีร้านขายผ้าไหม OTOP ให้นักท่องเที่ยวที่มาเที่ยวงานบุญ")
    for tag in list(item.tags):
        db.session.delete(tag)
    db.session.flush()
    item.tags = [
        InputTag(
            issue=issues["SI04"],
            source=SOURCE_MODEL,
            confidence=0.95,
            model_version="old:1",
            state=TAG_CONFIRMED,
            confirmed_by_id=planner.id,
        ),
        InputTag(issue=issues["SI03"], source=SOURCE_MODEL, confidence=0.41, model_version="old:1"),
    ]
    waiting = _submit(world, "น้ำท่วมนาข้าวทุกปี อยากให้ขุดลอกคลองระบายน้ำ")
    for tag in waiting.tags:
        tag.model_version = "old:1"
    silent = _submit(world, "สวัสดีครับ ขอบคุณที่จัดงาน")
    assert silent.tags == []
    db.session.commit()

    examples = decided_examples(plan)
    assert (examples.texts, examples.confirmed, examples.undecided) == ([item.text], [{"SI04"}], [{"SI03"}])
    model = retrain(plan)
    db.session.expire_all()
    tourism = db.session.scalar(
        select(InputTag).where(InputTag.input_id == item.id, InputTag.issue_id == issues["SI03"].id)
    )
    assert tourism is not None and tourism.state == TAG_SUGGESTED  # never rejected: kept
    assert tourism.model_version == model.version and tourism.confidence != 0.41
    otop = db.session.scalar(
        select(InputTag).where(InputTag.input_id == item.id, InputTag.issue_id == issues["SI04"].id)
    )
    assert (otop.state, otop.model_version) == (TAG_CONFIRMED, "old:1")  # decided: left alone
    assert {tag.model_version for tag in db.session.get(type(waiting), waiting.id).tags} == {model.version}
