"""The public "you said, we did" page: counts for everyone, words and quotes only from approved
texts of a province that publishes them."""

import pytest

from consult.extensions import db
from consult.inputs.models import ProvinceInputPolicy
from tests.conftest import committee_decision


def test_counts_without_any_text_while_the_province_does_not_publish(client, review_world):
    page = client.get(f"/cycles/{review_world['cycle'].id}/results?lang=en").get_data(as_text=True)
    assert "<strong>9</strong> inputs" in page
    assert "4 inputs raised this issue." in page  # SI01
    assert 'class="terms"' not in page
    assert review_world["inputs"][1].text not in page


def test_only_approved_texts_once_the_province_publishes(client, review_world):
    db.session.add(ProvinceInputPolicy(province_code="40", publish_texts=True))
    db.session.commit()
    page = client.get(f"/cycles/{review_world['cycle'].id}/results/SI01?lang=en").get_data(as_text=True)
    approved, pending = review_world["inputs"][1], review_world["inputs"][2]
    assert approved.text in page and pending.text not in page
    assert "ตลาด" in page  # a word of the approved texts
    assert "โรงสี" not in page  # a word only the pending input used
    assert client.get(f"/cycles/{review_world['cycle'].id}/results/SI99").status_code == 404


def _published_revision(world, *, cite=(1, 9)):
    from consult.revisions import operations

    planner = world["users"]["planner"]
    issue = next(issue for issue in world["plan"].issues if issue.code == "SI01")
    revision = operations.draft_revision(
        world["cycle"],
        issue,
        title="ตลาดกลางข้าวหอมมะลิประจำอำเภอ",
        text_after="ส่งเสริมตลาดกลางข้าวหอมมะลิประจำอำเภอและโรงสีชุมชน",
        rationale="ประชาชนสองตำบลเสนอให้มีตลาดกลางรับซื้อข้าว",
        user=planner,
    )
    operations.cite_inputs(revision, [world["inputs"][n] for n in cite], planner)
    db.session.commit()
    return revision, planner, operations


def test_a_draft_is_not_shown_to_citizens_until_it_is_published(client, review_world, approver):
    revision, planner, operations = _published_revision(review_world)
    receipt = review_world["inputs"][9].receipt
    status = client.get(f"/api/v1/inputs/{receipt}").get_json()
    assert (status["status"], status["revisions"]) == ("under_review", [])
    assert revision.title not in client.get(f"/receipts/{receipt}?lang=th").get_data(as_text=True)
    assert revision.title not in client.get(f"/cycles/{review_world['cycle'].id}/results/SI01").get_data(
        as_text=True
    )

    operations.submit_for_review(revision, planner)
    operations.publish_revision(revision, approver, committee_decision())
    db.session.commit()
    status = client.get(f"/api/v1/inputs/{receipt}").get_json()
    assert status["status"] == "used"
    assert [(item["id"], item["title"]) for item in status["revisions"]] == [(revision.id, revision.title)]
    assert status["revisions"][0]["published_at"].endswith("+07:00")
    page = client.get(f"/receipts/{receipt}?lang=th").get_data(as_text=True)
    assert "นำไปใช้ในการทบทวนยุทธศาสตร์แล้ว" in page and revision.title in page
    assert f"/revisions/{revision.id}" in page
    other = client.get(f"/api/v1/inputs/{review_world['inputs'][2].receipt}").get_json()
    assert other["revisions"] == []  # not cited: not listed


def test_the_issue_page_says_what_changed_and_why(client, review_world, approver):
    revision, planner, operations = _published_revision(review_world)
    operations.submit_for_review(revision, planner)
    operations.publish_revision(revision, approver, committee_decision())
    db.session.commit()
    cycle = review_world["cycle"].id
    page = client.get(f"/cycles/{cycle}/results/SI01?lang=th").get_data(as_text=True)
    assert "สิ่งที่เปลี่ยนแปลงและเหตุผล" in page
    assert revision.title in page and revision.rationale in page
    changed = page.split("สิ่งที่เปลี่ยนแปลงและเหตุผล", 1)[1]
    assert "<ins>" in changed and "โรงสีชุมชน" in changed  # the new wording, marked as added
    assert "<del>" in changed  # and the old one, marked as removed
    assert "This revision cites 2 inputs" in client.get(f"/cycles/{cycle}/results/SI01?lang=en").get_data(
        as_text=True
    )
    untouched = client.get(f"/cycles/{cycle}/results/SI02?lang=en").get_data(as_text=True)
    assert (
        "No revision of this issue has been published yet." in untouched and revision.title not in untouched
    )
    overview = client.get(f"/cycles/{cycle}/results?lang=th").get_data(as_text=True)
    assert revision.title in overview


@pytest.mark.parametrize(
    "status, thai, english",
    [
        ("received", "ได้รับแล้ว", "Received"),
        ("under_review", "อยู่ระหว่างพิจารณา", "Under review"),
        ("considered", "พิจารณาแล้ว", "Considered"),
        ("used", "นำไปใช้ในการทบทวนยุทธศาสตร์แล้ว", "Used in a strategy revision"),
        ("not_taken_up", "ไม่ได้นำไปใช้", "Not taken up"),
    ],
)
def test_every_status_reads_plainly_on_the_receipt(client, review_world, status, thai, english):
    item = review_world["inputs"][9]
    item.status = status
    item.status_reason = "อยู่นอกอำนาจหน้าที่ของจังหวัด" if status == "not_taken_up" else None
    db.session.commit()
    facts = (
        client.get(f"/receipts/{item.receipt}?lang=th").get_data(as_text=True).split('class="facts"', 1)[1]
    )
    assert f"<strong>{thai}</strong>" in facts
    assert ("อยู่นอกอำนาจหน้าที่ของจังหวัด" in facts) == (status == "not_taken_up")
    assert f"<strong>{english}</strong>" in client.get(f"/receipts/{item.receipt}?lang=en").get_data(
        as_text=True
    )
    assert client.get(f"/api/v1/inputs/{item.receipt}").get_json()["status"] == status
