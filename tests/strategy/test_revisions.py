"""Strategy revisions: drafted citing inputs, reviewed, published; the plan keeps its history;
citizens see what became of their input, and those who asked to be told are mailed once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.notifications.models import OutboxMessage
from consult.review.notices import notify_inputs_used
from consult.revisions import operations
from consult.strategy.diff import ADDED, REMOVED, SAME, word_diff
from consult.strategy.history import issue_history, plan_on
from consult.strategy.models import IssueVersion, Revision, StrategyCycle
from tests.conftest import csrf_token, login

NEW_WORDING = "ส่งเสริมเกษตรอินทรีย์ ตลาดกลางข้าวหอมมะลิ และการแปรรูปสินค้าเกษตรโดยวิสาหกิจชุมชน"


def _issue(world, code="SI01"):
    return next(issue for issue in world["plan"].issues if issue.code == code)


@pytest.fixture
def draft(review_world):
    planner = review_world["users"]["planner"]
    revision = operations.draft_revision(
        review_world["cycle"],
        _issue(review_world),
        title="ตลาดกลางข้าวหอมมะลิ",
        text_after=NEW_WORDING,
        rationale="ประชาชนหลายตำบลเสนอให้มีตลาดกลางรับซื้อข้าว",
        user=planner,
    )
    return revision


def test_the_whole_way_from_draft_to_published(review_world, draft):
    planner = review_world["users"]["planner"]
    issue = _issue(review_world)
    original = issue.description_th
    cited = [review_world["inputs"][1], review_world["inputs"][9]]
    assert operations.cite_inputs(draft, cited, planner) == 2
    assert operations.cite_inputs(draft, cited, planner) == 0  # citing again adds nothing
    assert [item.status for item in cited] == ["under_review", "under_review"]

    operations.submit_for_review(draft, planner)
    assert draft.status == "in_review"
    operations.publish_revision(draft, planner)

    assert (draft.status, draft.published_by_id) == ("published", planner.id)
    assert issue.description_th == NEW_WORDING
    assert [item.status for item in cited] == ["used", "used"]
    versions = db.session.scalars(
        select(IssueVersion).where(IssueVersion.issue_id == issue.id).order_by(IssueVersion.version)
    ).all()
    assert [(v.version, v.description_th, v.revision_id) for v in versions] == [
        (1, original, None),
        (2, NEW_WORDING, draft.id),
    ]
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "revision").order_by(AuditEvent.id)
    ).all()
    assert actions == ["revision.drafted", "revision.cited", "revision.submitted", "revision.published"]


def test_history_answers_for_any_date(review_world, draft):
    planner = review_world["users"]["planner"]
    issue = _issue(review_world)
    original = issue.description_th
    operations.cite_inputs(draft, [review_world["inputs"][2]], planner)
    operations.submit_for_review(draft, planner)
    operations.publish_revision(draft, planner, now=draft.created_at + timedelta(days=3))
    today = review_world["today"]

    def wording_on(day):
        return next(
            entry for entry in plan_on(review_world["plan"], day) if entry.issue.id == issue.id
        ).wording

    assert wording_on(today).description == original  # published "in three days"
    assert wording_on(today + timedelta(days=4)).description == NEW_WORDING
    assert wording_on(today + timedelta(days=4)).revision.id == draft.id
    history = issue_history(issue)
    assert [entry.version for entry in history] == [1, 2]
    assert any(piece.kind == ADDED and "ตลาดกลางข้าวหอมมะลิ" in piece.text for piece in history[1].changes)


@pytest.mark.parametrize(
    "step, code",
    [
        ("submit without citations", "uncited"),
        ("publish a draft", "status"),
        ("cite a hidden input", "hidden"),
        ("cite another cycle's input", "cycle"),
        ("publish over a newer wording", "stale"),
    ],
)
def test_refusals_say_why(review_world, draft, step, code):
    planner = review_world["users"]["planner"]
    with pytest.raises(operations.RevisionRefused) as refused:
        if step == "submit without citations":
            operations.submit_for_review(draft, planner)
        elif step == "publish a draft":
            operations.publish_revision(draft, planner)
        elif step == "cite a hidden input":
            operations.cite_inputs(draft, [review_world["inputs"][7]], planner)
        elif step == "cite another cycle's input":
            earlier = StrategyCycle(plan=review_world["plan"], province_code="40", title="รอบก่อน")
            db.session.add(earlier)
            db.session.flush()
            stranger = review_world["inputs"][2]
            stranger.cycle_id = earlier.id
            operations.cite_inputs(draft, [stranger], planner)
        else:
            operations.cite_inputs(draft, [review_world["inputs"][2]], planner)
            operations.submit_for_review(draft, planner)
            _issue(review_world).description_th = "ข้อความที่มีผู้แก้ไขก่อนหน้า"
            operations.publish_revision(draft, planner)
    assert refused.value.code == code and refused.value.message


def test_a_planner_of_another_province_may_not_touch_it(review_world, draft):
    with pytest.raises(PermissionError):
        operations.cite_inputs(draft, [review_world["inputs"][2]], review_world["users"]["other_planner"])


def test_send_back_then_submit_again(review_world, draft):
    planner = review_world["users"]["planner"]
    operations.cite_inputs(draft, [review_world["inputs"][2]], planner)
    operations.submit_for_review(draft, planner)
    operations.return_to_draft(draft, review_world["users"]["admin"], "ขอให้ระบุกลุ่มเป้าหมาย")
    assert (draft.status, draft.review_note) == ("draft", "ขอให้ระบุกลุ่มเป้าหมาย")
    operations.update_draft(
        draft,
        title=draft.title,
        text_after=NEW_WORDING + " สำหรับเกษตรกรรายย่อย",
        rationale=draft.rationale,
        user=planner,
    )
    operations.submit_for_review(draft, planner)
    assert (draft.status, draft.review_note) == ("in_review", None)


def test_the_author_who_consented_is_mailed_once(review_world, draft):
    planner = review_world["users"]["planner"]
    consenting, silent = review_world["inputs"][1], review_world["inputs"][2]
    operations.cite_inputs(draft, [consenting, silent], planner)
    operations.submit_for_review(draft, planner)
    operations.publish_revision(draft, planner)
    notify_inputs_used(draft)  # a second attempt (a retried job, a double click) queues nothing
    db.session.commit()
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert len(messages) == 1
    message = messages[0]
    assert message.recipient == "somying@example.org"
    assert message.idempotency_key == f"input-used:{draft.id}:{consenting.id}"
    assert "ความคิดเห็นของท่านถูกนำไปใช้" in message.subject
    assert f"/receipts/{consenting.receipt}" in message.body and f"/revisions/{draft.id}" in message.body


def test_thai_word_diff():
    pieces = word_diff("ส่งเสริมการท่องเที่ยวเชิงเกษตร", "ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม")
    assert [(piece.kind, piece.text) for piece in pieces] == [
        (SAME, "ส่งเสริมการท่องเที่ยวเชิง"),
        (REMOVED, "เกษตร"),
        (ADDED, "วัฒนธรรม"),
    ]


def test_planner_pages_from_draft_to_the_citizens_receipt(client, review_world):
    cycle = review_world["cycle"]
    login(client, "planner")
    url = f"/review/cycles/{cycle.id}/revisions/new?issue=SI01"
    token = csrf_token(client, url)
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "issue": "SI01",
            "title": "ตลาดกลางข้าว",
            "text_after": NEW_WORDING,
            "rationale": "ประชาชนเสนอ",
        },
    )
    assert response.status_code == 303 and "revision=" in response.headers["Location"]
    revision = db.session.scalar(select(Revision))
    picks = [str(review_world["inputs"][n].id) for n in (1, 9)]
    response = client.post(
        f"/review/cycles/{cycle.id}/inputs/cite",
        data={"csrf_token": token, "revision": revision.id, "input": picks},
    )
    assert response.status_code == 303
    for step in ("submit", "publish"):
        assert (
            client.post(f"/review/revisions/{revision.id}/{step}", data={"csrf_token": token}).status_code
            == 303
        )
    db.session.expire_all()
    assert db.session.get(Revision, revision.id).status == "published"

    public = client.get(f"/revisions/{revision.id}?lang=th").get_data(as_text=True)
    assert "<ins>" in public and "ตลาดกลางข้าวหอมมะลิ" in public
    receipt = review_world["inputs"][9].receipt
    page = client.get(f"/receipts/{receipt}?lang=th").get_data(as_text=True)
    assert "ตลาดกลางข้าว" in page and f"/revisions/{revision.id}" in page
    status = client.get(f"/api/v1/inputs/{receipt}").get_json()
    assert status["status"] == "used"
    assert [item["id"] for item in status["revisions"]] == [revision.id]
    assert status["revisions"][0]["url"].endswith(f"/revisions/{revision.id}")
    history = client.get(f"/plans/{cycle.plan_id}/issues/SI01/history?lang=en").get_data(as_text=True)
    assert "Version 2" in history and "Version 1" in history
    results = client.get(f"/cycles/{cycle.id}/results?lang=en").get_data(as_text=True)
    assert "ตลาดกลางข้าว" in results


def test_revision_pages_are_for_the_provinces_planners(client, review_world, draft):
    login(client, "other_planner")
    assert client.get(f"/review/revisions/{draft.id}").status_code == 403
    token = csrf_token(client, "/staff")
    assert client.post(f"/review/revisions/{draft.id}/publish", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/revisions/{draft.id}").status_code == 404  # not published: not public


def test_a_refused_step_is_explained_not_failed(client, review_world, draft):
    login(client, "planner")
    token = csrf_token(client, f"/review/revisions/{draft.id}")
    response = client.post(
        f"/review/revisions/{draft.id}/submit?lang=en", data={"csrf_token": token}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Cite at least one input" in response.get_data(as_text=True)


def test_plan_history_page_takes_a_date(client, review_world):
    plan = review_world["plan"].id
    assert client.get(f"/plans/{plan}/history?on=2026-01-31").status_code == 200
    response = client.get(f"/plans/{plan}/history?on=31/01/2569&lang=en")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.get_data(as_text=True)


def test_no_notification_without_consent_or_address(review_world, draft):
    operations.cite_inputs(
        draft, [review_world["inputs"][2], review_world["inputs"][9]], review_world["users"]["planner"]
    )
    assert notify_inputs_used(draft) == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 10
