"""Planners' tag review: confirm, reject, add, bulk confirm; role and area checks; audit log."""

from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.operations import NewInput, submit_input
from consult.tagging.models import (
    SOURCE_MODEL,
    SOURCE_PLANNER,
    TAG_CONFIRMED,
    TAG_REJECTED,
    TAG_SUGGESTED,
    InputTag,
)
from tests.conftest import csrf_token, login


def _input_with_suggestions(world, text="ถนนลูกรังเป็นหลุมเป็นบ่อ รถสัญจรลำบาก"):
    item, _created = submit_input(
        NewInput(text=text, sector="citizen", channel="online"),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    return item


def _suggest(item, issue, confidence):
    tag = InputTag(
        input=item, issue=issue, source=SOURCE_MODEL, confidence=confidence, model_version="test:1"
    )
    db.session.add(tag)
    db.session.commit()
    return tag


def _tag(item_id, issue_id):
    db.session.expire_all()
    return db.session.scalar(
        select(InputTag).where(InputTag.input_id == item_id, InputTag.issue_id == issue_id)
    )


def _post(client, url, data, page):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, page)})


def test_review_page_shows_suggestions_with_confidence(client, world):
    item = _input_with_suggestions(world)
    issue = world["plan"].issues[5]
    _suggest(item, issue, 0.8765)
    login(client, "planner")
    page = client.get(f"/tagging/cycles/{world['cycle'].id}/review").get_data(as_text=True)
    assert item.receipt_display in page
    assert issue.code in page
    assert "88%" in page
    assert f'id="input-{item.id}"' in page


def test_confirm_reject_and_add_are_one_post_each_and_audited(client, world):
    item = _input_with_suggestions(world)
    first, second, third = world["plan"].issues[:3]
    _suggest(item, first, 0.6)
    _suggest(item, second, 0.4)
    login(client, "planner")
    page = f"/tagging/cycles/{world['cycle'].id}/review"
    url = f"/tagging/inputs/{item.id}/tags"
    response = _post(client, url, {"issue": first.id, "action": "confirm"}, page)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#input-{item.id}")
    assert _post(client, url, {"issue": second.id, "action": "reject"}, page).status_code == 303
    assert _post(client, url, {"issue": third.id}, page).status_code == 303
    planner = world["users"]["planner"]
    confirmed, rejected, added = _tag(item.id, first.id), _tag(item.id, second.id), _tag(item.id, third.id)
    assert (confirmed.state, confirmed.confirmed_by_id) == (TAG_CONFIRMED, planner.id)
    assert confirmed.confirmed_at is not None
    assert (rejected.state, rejected.confirmed_by_id) == (TAG_REJECTED, planner.id)
    assert (added.state, added.source) == (TAG_CONFIRMED, SOURCE_PLANNER)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("tag.%")).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.user_id, e.object_id, e.detail["issue"], e.detail["from"]) for e in events] == [
        ("tag.confirmed", planner.id, str(item.id), first.code, TAG_SUGGESTED),
        ("tag.rejected", planner.id, str(item.id), second.code, TAG_SUGGESTED),
        ("tag.added", planner.id, str(item.id), third.code, None),
    ]
    assert events[0].detail["confidence"] == 0.6 and events[0].detail["model_version"] == "test:1"


def test_other_province_planner_and_officials_are_refused(client, world):
    item = _input_with_suggestions(world)
    issue = world["plan"].issues[0]
    _suggest(item, issue, 0.9)
    for username in ("other_planner", "official"):
        login(client, username)
        token = csrf_token(client, "/staff")
        response = client.post(
            f"/tagging/inputs/{item.id}/tags",
            data={"issue": issue.id, "action": "confirm", "csrf_token": token},
        )
        assert response.status_code == 403
        response = client.post(
            f"/tagging/cycles/{world['cycle'].id}/review/confirm-confident",
            data={"threshold": "0.7", "csrf_token": token},
        )
        assert response.status_code == 403
        assert client.get(f"/tagging/cycles/{world['cycle'].id}/review").status_code == 403
        client.post("/logout", data={"csrf_token": token})
    assert _tag(item.id, issue.id).state == TAG_SUGGESTED


def test_an_issue_of_another_plan_or_nonsense_is_refused_with_a_message(client, world):
    item = _input_with_suggestions(world)
    login(client, "planner")
    page = f"/tagging/cycles/{world['cycle'].id}/review"
    for data in (
        {"issue": "999999", "action": "confirm"},
        {"issue": "abc", "action": "reject"},
        {"issue": "1", "action": "delete"},
        {"issue": "x"},
    ):
        response = _post(client, f"/tagging/inputs/{item.id}/tags", data, page)
        assert response.status_code == 303
    assert not any(tag.state == TAG_CONFIRMED for tag in db.session.scalars(select(InputTag)))
    assert (
        client.get(page).get_data(as_text=True).count("flash-warning") == 1
    )  # the last refusal; each token fetch shows the one before


def test_post_without_csrf_token_changes_nothing(client, world):
    item = _input_with_suggestions(world)
    issue = world["plan"].issues[0]
    _suggest(item, issue, 0.9)
    login(client, "planner")
    response = client.post(f"/tagging/inputs/{item.id}/tags", data={"issue": issue.id, "action": "confirm"})
    assert response.status_code == 400
    assert _tag(item.id, issue.id).state == TAG_SUGGESTED


def test_bulk_confirm_takes_only_confident_model_suggestions_of_the_cycle(client, world):
    sure = _input_with_suggestions(world, "ขยะล้นถัง")
    unsure = _input_with_suggestions(world, "ไฟฟ้าดับ")
    issue_a, issue_b = world["plan"].issues[6], world["plan"].issues[7]
    _suggest(sure, issue_a, 0.93)
    _suggest(unsure, issue_b, 0.55)
    db.session.add(InputTag(input=unsure, issue=world["plan"].issues[8], source="citizen", confidence=None))
    db.session.commit()
    login(client, "planner")
    page = f"/tagging/cycles/{world['cycle'].id}/review"
    response = _post(
        client, f"/tagging/cycles/{world['cycle'].id}/review/confirm-confident", {"threshold": "0.9"}, page
    )
    assert response.status_code == 303
    assert _tag(sure.id, issue_a.id).state == TAG_CONFIRMED
    assert _tag(unsure.id, issue_b.id).state == TAG_SUGGESTED
    assert _tag(unsure.id, world["plan"].issues[8].id).state == TAG_SUGGESTED
    db.session.expire_all()
    tags = db.session.scalars(select(InputTag)).all()  # the catalogue tagger suggested some too
    assert all(
        (tag.state == TAG_CONFIRMED) == (tag.source == SOURCE_MODEL and tag.confidence >= 0.9) for tag in tags
    )
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "tag.confirmed")).all()
    assert sorted((e.object_id, e.detail["issue"]) for e in events) == sorted(
        (str(tag.input_id), tag.issue.code) for tag in tags if tag.state == TAG_CONFIRMED
    )
    assert (str(sure.id), issue_a.code) in {(e.object_id, e.detail["issue"]) for e in events}
    response = _post(
        client, f"/tagging/cycles/{world['cycle'].id}/review/confirm-confident", {"threshold": "2"}, page
    )
    assert response.status_code == 303
    assert _tag(unsure.id, issue_b.id).state == TAG_SUGGESTED


def test_reviewed_inputs_leave_the_review_list(client, world):
    item = _input_with_suggestions(world)
    issue = world["plan"].issues[0]
    _suggest(item, issue, 0.9)
    login(client, "planner")
    page = f"/tagging/cycles/{world['cycle'].id}/review"
    for tag in list(item.tags):
        _post(client, f"/tagging/inputs/{item.id}/tags", {"issue": tag.issue_id, "action": "reject"}, page)
    assert f'id="input-{item.id}"' not in client.get(page).get_data(as_text=True)


def test_staff_page_links_to_review_and_search_of_the_latest_cycle(client, world):
    login(client, "planner")
    staff = client.get("/staff").get_data(as_text=True)
    assert "/tagging/review" in staff and "/tagging/search" in staff
    assert (
        client.get("/tagging/review")
        .headers["Location"]
        .endswith(f"/tagging/cycles/{world['cycle'].id}/review")
    )
    assert (
        client.get("/tagging/search")
        .headers["Location"]
        .endswith(f"/tagging/cycles/{world['cycle'].id}/search")
    )
