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


def _without_suggestions(item):
    """The input as if the tagger had suggested nothing for it."""
    for tag in list(item.tags):
        db.session.delete(tag)
    db.session.commit()
    db.session.refresh(item)
    return item


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


def test_a_confirmed_tag_stays_editable_on_the_inputs_page_and_in_search(client, world):
    item = _without_suggestions(_input_with_suggestions(world, "ถนนลูกรังเป็นหลุมเป็นบ่อ รถสัญจรลำบาก"))
    issue, other = world["plan"].issues[6], world["plan"].issues[1]
    _suggest(item, issue, 0.97)
    login(client, "planner")
    review = f"/tagging/cycles/{world['cycle'].id}/review"
    _post(
        client, f"/tagging/cycles/{world['cycle'].id}/review/confirm-confident", {"threshold": "0.9"}, review
    )
    assert _tag(item.id, issue.id).state == TAG_CONFIRMED
    detail = f"/review/inputs/{item.id}"
    page = client.get(detail + "?lang=en").get_data(as_text=True)
    assert f'Reject<span class="visually-hidden"> {issue.code} · {item.receipt_display}' in page
    assert "confirmed by" in page  # who decided, and when
    response = client.post(
        f"/tagging/inputs/{item.id}/tags?next={detail}",
        data={"issue": issue.id, "action": "reject", "csrf_token": csrf_token(client, detail)},
    )
    assert response.headers["Location"].endswith(f"{detail}#input-{item.id}")
    assert _tag(item.id, issue.id).state == TAG_REJECTED
    search = f"/tagging/cycles/{world['cycle'].id}/search?q=ถนน&lang=en"
    page = client.get(search).get_data(as_text=True)
    assert f'action="/tagging/inputs/{item.id}/tags?next=' in page and "rejected by" in page
    _post(client, f"/tagging/inputs/{item.id}/tags", {"issue": other.id}, search)
    assert (_tag(item.id, other.id).state, _tag(item.id, other.id).source) == (TAG_CONFIRMED, SOURCE_PLANNER)


def test_the_queue_of_inputs_without_a_confirmed_tag_takes_in_never_suggested_ones(client, world):
    never = _input_with_suggestions(world, "สวัสดีครับ ขอบคุณที่จัดงาน")
    assert never.tags == []
    decided = _without_suggestions(_input_with_suggestions(world, "ขยะล้นถัง"))
    db.session.add(
        InputTag(input=decided, issue=world["plan"].issues[7], source="planner", state=TAG_CONFIRMED)
    )
    db.session.commit()
    login(client, "planner")
    base = f"/tagging/cycles/{world['cycle'].id}/review"
    waiting = client.get(base).get_data(as_text=True)
    assert f'id="input-{never.id}"' not in waiting
    page = client.get(base + "?view=unconfirmed&lang=en").get_data(as_text=True)
    assert f'id="input-{never.id}"' in page and f'id="input-{decided.id}"' not in page
    assert "No strategic issue yet" in page
    _post(client, f"/tagging/inputs/{never.id}/tags", {"issue": world["plan"].issues[9].id}, base)
    page = client.get(base + "?view=unconfirmed").get_data(as_text=True)
    assert f'id="input-{never.id}"' not in page


def test_queue_filters_by_issue_confidence_district_sector_and_model_version(client, world):
    issues = world["plan"].issues
    first = _without_suggestions(_input_with_suggestions(world, "ขยะล้นถัง"))
    second = _without_suggestions(_input_with_suggestions(world, "ไฟฟ้าดับ"))
    _suggest(first, issues[7], 0.92)
    tag = _suggest(second, issues[6], 0.3)
    tag.model_version = "test:2"
    second.sector = "private"
    db.session.commit()
    login(client, "planner")
    base = f"/tagging/cycles/{world['cycle'].id}/review"

    def listed(query):
        page = client.get(f"{base}?{query}").get_data(as_text=True)
        return {item.id for item in (first, second) if f'id="input-{item.id}"' in page}

    assert listed("") == {first.id, second.id}
    assert listed(f"issue={issues[7].id}") == {first.id}
    assert listed("confidence=high") == {first.id}
    assert listed("confidence=low") == {second.id}
    assert listed("confidence=medium") == set()
    assert listed("sector=private") == {second.id}
    assert listed("district=4001") == {first.id, second.id}  # the hearing's district
    assert listed("district=4002") == set()
    assert listed("model_version=test:2") == {second.id}
    assert listed("model_version=nonsense&sector=aliens") == {first.id, second.id}  # dropped, not an error
    assert listed(f"view=unconfirmed&issue={issues[6].id}") == {second.id}
