"""Moderation: a queue for the province's planners, approving or hiding with a reason, every
action audited; the public sees counts, and texts only where the province publishes them,
always with personal numbers masked."""

from pathlib import Path

from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.inputs.moderation import set_publication
from consult.inputs.operations import NewInput, submit_input
from consult.strategy.models import Revision
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login

PHONE_TEXT = "ถนนหน้าบ้านเป็นหลุมลึก ติดต่อผมได้ที่ 081-234-5678 เลขบัตร 1103700012345 ครับ"


def give(world, text, sector="citizen"):
    item, _created = submit_input(
        NewInput(text=text, sector=sector, channel="online"), cycle=world["cycle"], hearing=world["hearing"]
    )
    return item


def moderate(client, item, action, reason=""):
    return client.post(
        f"/staff/moderation/{item.id}",
        data={"csrf_token": csrf_token(client, "/staff/moderation"), "action": action, "reason": reason},
    )


def test_the_queue_shows_pending_inputs_with_personal_data_marked(client, world):
    give(world, PHONE_TEXT)
    give(world, "อยากให้มีตลาดนัดชุมชน")
    login(client, "planner")
    page = client.get("/staff/moderation").get_data(as_text=True)
    assert "รอตรวจสอบ 2 รายการ" in page
    assert "<mark" in page and "081-234-5678</mark>" in page
    assert '<option value="personal_data" selected>' in page  # suggested for the text with a phone number


def test_approve_hide_with_reason_and_restore_are_audited(client, world):
    item = give(world, PHONE_TEXT)
    login(client, "planner")
    assert moderate(client, item, "hide").status_code == 303
    assert db.session.get(CitizenInput, item.id).moderation == "pending"  # no reason, no hiding
    moderate(client, item, "hide", "personal_data")
    assert (
        db.session.get(CitizenInput, item.id).moderation,
        db.session.get(CitizenInput, item.id).moderation_reason,
    ) == ("hidden", "personal_data")
    moderate(client, item, "restore")
    moderate(client, item, "approve")
    assert db.session.get(CitizenInput, item.id).moderation == "approved"
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "input.moderated").order_by(AuditEvent.id)
    ).all()
    assert [(e.detail["from"], e.detail["to"], e.detail["reason"]) for e in events] == [
        ("pending", "hidden", "personal_data"),
        ("hidden", "pending", None),
        ("pending", "approved", None),
    ]
    assert {e.user_id for e in events} == {world["users"]["planner"].id}


def test_only_the_provinces_planners_and_admins_moderate(client, world):
    item = give(world, "ข้อความทดสอบ")
    for username, status in (("official", 403), ("other_planner", 403)):
        login(client, username)
        assert moderate(client, item, "approve").status_code == status, username
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "other_planner")
    assert "ข้อความทดสอบ" not in client.get("/staff/moderation").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "admin")
    assert moderate(client, item, "approve").status_code == 303
    assert db.session.get(CitizenInput, item.id).moderation == "approved"


def test_public_sees_counts_only_until_the_province_publishes_texts(client, world):
    approved = give(world, PHONE_TEXT)
    hidden = give(world, "ข้อความโฆษณาขายของ", sector="private")
    pending = give(world, "ยังไม่ได้ตรวจ")
    login(client, "planner")
    moderate(client, approved, "approve")
    moderate(client, hidden, "hide", "spam")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    url = f"/cycles/{world['cycle'].id}/voices"
    page = client.get(url).get_data(as_text=True)
    assert "ถนนหน้าบ้าน" not in page and "จังหวัดนี้เผยแพร่เฉพาะจำนวน" in page
    assert "<strong>2</strong> ความคิดเห็น" in page  # the hidden one is not counted

    set_publication("40", True, world["users"]["planner"])
    page = client.get(url).get_data(as_text=True)
    assert "ถนนหน้าบ้านเป็นหลุมลึก ติดต่อผมได้ที่ [ซ่อนเบอร์โทรศัพท์] เลขบัตร [ซ่อนเลขบัตรประชาชน] ครับ" in page
    assert "081-234-5678" not in page and "1103700012345" not in page
    assert pending.text not in page and hidden.text not in page and approved.receipt not in page
    assert client.get(f"{url}/{approved.id}").status_code == 200
    assert client.get(f"{url}/{pending.id}").status_code == 404
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "inputs.publication_policy"))
    assert event.object_id == "40" and event.detail == {"from": False, "to": True}


def test_the_publication_choice_is_the_provinces_planners(client, world):
    login(client, "other_planner")
    url = "/staff/moderation/policy/40"
    assert (
        client.post(url, data={"csrf_token": csrf_token(client, "/staff"), "publish_texts": "y"}).status_code
        == 403
    )
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "planner")
    assert (
        client.post(
            url, data={"csrf_token": csrf_token(client, "/staff/moderation"), "publish_texts": "y"}
        ).status_code
        == 303
    )
    assert "เผยแพร่ข้อความของความคิดเห็นที่อนุมัติแล้ว" in client.get("/staff/moderation").get_data(as_text=True)


def test_a_full_page_of_published_texts_stays_under_60_kb(client, world, app):
    set_publication("40", True, world["users"]["planner"])
    for number in range(25):
        item = give(world, f"ข้อเสนอที่ {number} " + "ควรพัฒนาแหล่งน้ำและถนนในหมู่บ้านให้ดีขึ้น " * 120)
        item.moderation = "approved"
    db.session.commit()
    html = client.get(f"/cycles/{world['cycle'].id}/voices").get_data()
    stylesheet = (Path(app.static_folder) / "css" / "site.css").stat().st_size
    assert html.count(b"<blockquote>") == 20
    assert len(html) + stylesheet < 60 * 1024, (len(html), stylesheet)


def test_every_public_page_that_quotes_inputs_masks_personal_numbers(client, world):
    set_publication("40", True, world["users"]["planner"])
    item = give(world, PHONE_TEXT)
    item.moderation = "approved"
    revision = Revision(
        plan_id=world["plan"].id,
        issue_id=world["plan"].issues[6].id,
        cycle_id=world["cycle"].id,
        title="ซ่อมถนน",
        status="published",
        published_at=utcnow(),
    )
    revision.inputs.append(item)
    db.session.add(revision)
    db.session.commit()
    for url in (
        f"/revisions/{revision.id}",
        f"/cycles/{world['cycle'].id}/voices",
        f"/cycles/{world['cycle'].id}/voices/{item.id}",
    ):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "081-234-5678" not in page and "1103700012345" not in page, url
    assert "[ซ่อนเบอร์โทรศัพท์]" in client.get(f"/revisions/{revision.id}").get_data(as_text=True)
