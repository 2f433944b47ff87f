"""An official types in paper cards and spoken comments: one screen, the hearing and sector kept
between entries, printed card codes binding each input to its card and hearing."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.cards import reserve_cards
from consult.inputs.models import CitizenInput, CommentCard
from tests.conftest import csrf_token, login

KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')


def entry(client, url, **fields):
    page = client.get(url).get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, url),
        "submission_key": KEY.search(page).group(1),
        "text": "ขอให้ซ่อมถนนเข้าหมู่บ้าน",
        "sector": "citizen",
        "channel": "hearing_paper",
    }
    data.update(fields)
    return data


def test_entries_keep_the_sector_and_channel_and_are_audited(client, world):
    login(client, "official")
    url = f"/staff/hearings/{world['hearing'].id}/transcribe"
    response = client.post(url, data=entry(client, url, sector="private", channel="hearing_verbal"))
    assert response.status_code == 303
    next_page = client.get(response.headers["Location"])
    page = next_page.get_data(as_text=True)
    assert '<option selected value="private">' in page and '<option selected value="hearing_verbal">' in page
    assert "บันทึกแล้ว รหัสรับเรื่อง" in page and "ขอให้ซ่อมถนนเข้าหมู่บ้าน" in page  # just-entered list
    item = db.session.scalar(select(CitizenInput))
    assert (item.channel, item.sector, item.hearing_id) == ("hearing_verbal", "private", world["hearing"].id)
    assert item.entered_by_id == world["users"]["official"].id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "input.entered"))
    assert event.object_id == str(item.id) and event.user_id == item.entered_by_id


def test_a_printed_cards_code_becomes_the_inputs_receipt(client, world):
    card = reserve_cards(world["hearing"], 3, world["users"]["official"])[1]
    login(client, "official")
    url = f"/staff/hearings/{world['hearing'].id}/transcribe"
    typed = f" {card.code[:4].lower()} {card.code[4:].lower()} "  # as read off the card, in any case
    assert client.post(url, data=entry(client, url, card_code=typed)).status_code == 303
    item = db.session.scalar(select(CitizenInput))
    assert item.receipt == card.code and item.hearing_id == world["hearing"].id
    assert db.session.get(CommentCard, card.id).input_id == item.id
    assert client.get(f"/track?receipt={card.code}").headers["Location"].endswith(f"/receipts/{card.code}")


def test_card_codes_that_cannot_take_the_input_are_refused_with_the_text_kept(client, world):
    official = world["users"]["official"]
    card = reserve_cards(world["hearing"], 1, official)[0]
    other = world["hearing"].__class__(
        cycle=world["cycle"],
        province_code="40",
        district_code="4001",
        title="เวทีอื่น",
        starts_at=world["hearing"].starts_at + timedelta(days=1),
        ends_at=world["hearing"].ends_at + timedelta(days=1),
        venue="วัด",
        input_opens_at=world["hearing"].input_opens_at,
        input_closes_at=world["hearing"].input_closes_at,
        subdistricts=world["hearing"].subdistricts,
    )
    db.session.add(other)
    db.session.commit()
    other_card = reserve_cards(other, 1, official)[0]
    login(client, "official")
    url = f"/staff/hearings/{world['hearing'].id}/transcribe"
    for code, message in (
        ("ABCD-EFGH", "ไม่มีบัตรแสดงความคิดเห็นที่ใช้รหัสนี้"),
        ("ABCD-0000", "รหัสบัตรมีตัวอักษรและตัวเลข 8 ตัว"),
        (other_card.code, "บัตรใบนี้พิมพ์สำหรับเวทีอื่น (เวทีอื่น)"),
    ):
        response = client.post(url, data=entry(client, url, card_code=code, text="ข้อความบนบัตร"))
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and message in page and "ข้อความบนบัตร" in page, code
    assert client.post(url, data=entry(client, url, card_code=card.code)).status_code == 303
    response = client.post(url, data=entry(client, url, card_code=card.code), follow_redirects=False)
    assert response.status_code == 400 and "บัตรใบนี้บันทึกเข้าระบบแล้ว (บัตรเลขที่ 1)" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1


def test_a_double_press_saves_once(client, world):
    login(client, "official")
    url = f"/staff/hearings/{world['hearing'].id}/transcribe"
    data = entry(client, url)
    client.post(url, data=data)
    again = client.get(client.post(url, data=data).headers["Location"]).get_data(as_text=True)
    assert "รายการนี้บันทึกไว้แล้ว" in again
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1


def test_paper_cards_can_be_entered_after_the_online_window_closed(client, world):
    hearing = world["hearing"]
    hearing.input_closes_at = hearing.input_opens_at + timedelta(seconds=1)
    db.session.commit()
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/transcribe"
    assert client.post(url, data=entry(client, url)).status_code == 303


def test_only_officials_of_the_area_province_planners_and_admins(client, world):
    url = f"/staff/hearings/{world['hearing'].id}/transcribe"
    assert client.get(url).status_code == 302  # to the sign-in page
    for username, status in (
        ("other_official", 403),
        ("other_planner", 403),
        ("planner", 200),
        ("admin", 200),
    ):
        login(client, username)
        assert client.get(url).status_code == status, username
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
