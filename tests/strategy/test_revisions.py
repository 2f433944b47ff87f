"""Strategy revisions: drafted citing inputs, reviewed, published; the plan keeps its history;
citizens see what became of their input, and those who asked to be told are mailed once."""

import io
from datetime import date, timedelta
from pathlib import Path

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
from tests.conftest import committee_decision, csrf_token, login

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


def test_the_whole_way_from_draft_to_published(review_world, draft, approver):
    planner = review_world["users"]["planner"]
    issue = _issue(review_world)
    original = issue.description_th
    cited = [review_world["inputs"][1], review_world["inputs"][9]]
    assert operations.cite_inputs(draft, cited, planner) == 2
    assert operations.cite_inputs(draft, cited, planner) == 0  # citing again adds nothing
    assert [item.status for item in cited] == ["under_review", "under_review"]

    operations.submit_for_review(draft, planner)
    assert draft.status == "in_review"
    operations.publish_revision(draft, approver, committee_decision())

    assert (draft.status, draft.published_by_id) == ("published", approver.id)
    assert (draft.committee_meeting, draft.committee_decided_on) == ("3/2569", review_world["today"])
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
    assert actions == [
        "revision.drafted",
        "revision.cited",
        "revision.submitted",
        "revision.approved",
        "revision.published",
    ]


def test_history_answers_for_any_date(review_world, draft, approver):
    planner = review_world["users"]["planner"]
    issue = _issue(review_world)
    original = issue.description_th
    operations.cite_inputs(draft, [review_world["inputs"][2]], planner)
    operations.submit_for_review(draft, planner)
    operations.publish_revision(
        draft, approver, committee_decision(), now=draft.created_at + timedelta(days=3)
    )
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
def test_refusals_say_why(review_world, draft, approver, step, code):
    planner = review_world["users"]["planner"]
    with pytest.raises(operations.RevisionRefused) as refused:
        if step == "submit without citations":
            operations.submit_for_review(draft, planner)
        elif step == "publish a draft":
            operations.publish_revision(draft, approver, committee_decision())
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
            operations.publish_revision(draft, approver, committee_decision())
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


def test_the_author_who_consented_is_mailed_once(review_world, draft, approver):
    planner = review_world["users"]["planner"]
    consenting, silent = review_world["inputs"][1], review_world["inputs"][2]
    operations.cite_inputs(draft, [consenting, silent], planner)
    operations.submit_for_review(draft, planner)
    operations.publish_revision(draft, approver, committee_decision())
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


def test_planner_pages_from_draft_to_the_citizens_receipt(client, review_world, approver):
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
    assert (
        client.post(f"/review/revisions/{revision.id}/submit", data={"csrf_token": token}).status_code == 303
    )
    client.post("/logout", data={"csrf_token": token})
    login(client, "approver")
    token = csrf_token(client, f"/review/revisions/{revision.id}")
    decision = {
        "csrf_token": token,
        "meeting": "3/2569",
        "decided_on": review_world["today"].isoformat(),
        "resolution": "ที่ประชุมมีมติเห็นชอบ",
    }
    assert client.post(f"/review/revisions/{revision.id}/publish", data=decision).status_code == 303
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


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submitted(review_world, draft):
    planner = review_world["users"]["planner"]
    operations.cite_inputs(draft, [review_world["inputs"][1], review_world["inputs"][9]], planner)
    operations.submit_for_review(draft, planner)
    return draft


def test_no_one_approves_their_own_revision(review_world, draft, approver):
    _submitted(review_world, draft)
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, review_world["users"]["planner"], committee_decision())
    assert refused.value.code == "own" and draft.status == "in_review"
    operations.return_to_draft(draft, approver, "ขอเพิ่มกลุ่มเป้าหมาย")
    operations.submit_for_review(draft, approver)  # who submits it is an author too
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, approver, committee_decision())
    assert refused.value.code == "own"
    operations.publish_revision(draft, review_world["users"]["admin"], committee_decision())
    assert draft.status == "published"


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"meeting": " "}, "meeting"),
        ({"resolution": ""}, "resolution"),
        ({"decided_on": date.today() + timedelta(days=3)}, "decided_on"),
        ({"minutes": b"MZ\x90\x00 not a scan", "minutes_name": "minutes.pdf"}, "minutes_type"),
        (
            {"minutes": b"%PDF-" + b"0" * operations.MINUTES_MAX_BYTES, "minutes_name": "big.pdf"},
            "minutes_size",
        ),
    ],
)
def test_the_committee_decision_is_checked(review_world, draft, approver, changes, code):
    _submitted(review_world, draft)
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, approver, committee_decision(**changes))
    assert refused.value.code == code and refused.value.message
    assert draft.status == "in_review" and not list(
        operations.minutes_folder().glob(f"revision-{draft.id}-*")
    )


def test_minutes_are_kept_in_the_instance_folder_and_shown_publicly(client, review_world, draft, approver):
    _submitted(review_world, draft)
    operations.publish_revision(
        draft, approver, committee_decision(minutes=PDF, minutes_name="../../รายงานการประชุม.pdf")
    )
    stored = operations.minutes_folder() / draft.minutes_file
    assert stored.read_bytes() == PDF and stored.parent == Path(client.application.config["MINUTES_FOLDER"])
    assert (draft.minutes_name, draft.minutes_type) == ("รายงานการประชุม.pdf", "application/pdf")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "revision.approved"))
    assert event.user_id == approver.id
    assert event.detail["meeting"] == "3/2569" and event.detail["minutes"] == "รายงานการประชุม.pdf"
    page = client.get(f"/revisions/{draft.id}?lang=en").get_data(as_text=True)
    assert "meeting 3/2569" in page and "ที่ประชุมมีมติเห็นชอบ" in page
    assert f"/revisions/{draft.id}/minutes" in page
    response = client.get(f"/revisions/{draft.id}/minutes")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.get_data() == PDF
    response.close()
    stored.unlink()  # the folder is the application's, shared by the tests


def test_a_failed_approval_keeps_no_file(review_world, draft, approver):
    _submitted(review_world, draft)
    _issue(review_world).description_th = "ข้อความที่มีผู้แก้ไขก่อนหน้า"
    with pytest.raises(operations.RevisionRefused):
        operations.publish_revision(draft, approver, committee_decision(minutes=PDF, minutes_name="m.pdf"))
    assert not list(operations.minutes_folder().glob(f"revision-{draft.id}-*"))


def test_the_author_sees_who_approves_and_the_approver_uploads_the_minutes(
    client, review_world, draft, approver
):
    _submitted(review_world, draft)
    page = f"/review/revisions/{draft.id}"
    login(client, "planner")
    text = client.get(page + "?lang=en").get_data(as_text=True)
    assert "another planner of the province approves it" in text and 'name="resolution"' not in text
    refused = client.post(
        f"/review/revisions/{draft.id}/publish?lang=en",
        data={
            "csrf_token": csrf_token(client, page),
            "meeting": "3/2569",
            "decided_on": "2026-01-05",
            "resolution": "เห็นชอบ",
        },
        follow_redirects=True,
    )
    assert "another planner of the province approves it" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Revision, draft.id).status == "in_review"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})

    login(client, "approver")
    text = client.get(page + "?lang=en").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in text and 'name="minutes"' in text
    fields = {"meeting": "3/2569", "decided_on": review_world["today"].isoformat(), "resolution": "เห็นชอบ"}
    wrong = client.post(
        f"/review/revisions/{draft.id}/publish?lang=en",
        data={
            **fields,
            "csrf_token": csrf_token(client, page),
            "minutes": (io.BytesIO(b"MZ"), "minutes.exe"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "The minutes must be a PDF, JPEG or PNG file." in wrong.get_data(as_text=True)
    done = client.post(
        f"/review/revisions/{draft.id}/publish?lang=en",
        data={**fields, "csrf_token": csrf_token(client, page), "minutes": (io.BytesIO(PDF), "minutes.pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Approved and published" in done.get_data(as_text=True)
    db.session.expire_all()
    revision = db.session.get(Revision, draft.id)
    assert (revision.status, revision.published_by_id, revision.minutes_name) == (
        "published",
        approver.id,
        "minutes.pdf",
    )


def test_a_province_may_ask_for_an_administrator_and_the_minutes(client, review_world, draft, approver):
    _submitted(review_world, draft)
    login(client, "planner")
    rules = "/review/revision-rules"
    assert 'name="approver_role"' in client.get(rules).get_data(as_text=True)
    response = client.post(
        rules,
        data={"csrf_token": csrf_token(client, rules), "approver_role": "admin", "minutes_required": "y"},
    )
    assert response.status_code == 303
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "revision.settings"))
    assert event.detail["to"] == {"approver_role": "admin", "minutes_required": True}
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, approver, committee_decision(minutes=PDF, minutes_name="m.pdf"))
    assert refused.value.code == "approver"
    admin = review_world["users"]["admin"]
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, admin, committee_decision())
    assert refused.value.code == "minutes_required"
    operations.publish_revision(draft, admin, committee_decision(minutes=PDF, minutes_name="m.pdf"))
    assert draft.status == "published"
    (operations.minutes_folder() / draft.minutes_file).unlink()


def test_rules_keep_the_author_out_whatever_the_province_sets(review_world, draft):
    admin = review_world["users"]["admin"]
    operations.save_revision_settings("40", approver_role="admin", minutes_required=False, user=admin)
    operations.cite_inputs(draft, [review_world["inputs"][1]], review_world["users"]["planner"])
    operations.submit_for_review(draft, admin)  # the administrator submits it: an author now
    with pytest.raises(operations.RevisionRefused) as refused:
        operations.publish_revision(draft, admin, committee_decision())
    assert refused.value.code == "own"
    with pytest.raises(PermissionError):
        operations.save_revision_settings(
            "40", approver_role="planner", minutes_required=False, user=review_world["users"]["other_planner"]
        )
