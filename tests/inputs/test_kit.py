"""The printed hearing kit: poster with a QR code drawn locally, agenda with the strategic issues,
sign-in sheet, and numbered comment cards whose receipt codes are reserved when printed."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.i18n import LOCAL_ZONE, buddhist_year
from consult.inputs import operations
from consult.inputs.cards import card_batches, reserve_cards
from consult.inputs.kit import agenda_slots, sign_in_pages
from consult.inputs.models import CommentCard
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.receipts import ALPHABET
from tests.conftest import csrf_token, login


def test_reserving_cards_numbers_them_on_and_audits(client, world):
    login(client, "official")
    kit_url = f"/staff/hearings/{world['hearing'].id}/kit"
    token = csrf_token(client, kit_url)
    first = client.post(f"{kit_url}/cards", data={"csrf_token": token, "count": "3"})
    assert first.status_code == 303 and first.headers["Location"].endswith("batch=1#cards")
    client.post(f"{kit_url}/cards", data={"csrf_token": token, "count": "2"})
    cards = list(db.session.scalars(select(CommentCard).order_by(CommentCard.number)))
    assert [(card.number, card.batch) for card in cards] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]
    assert len({card.code for card in cards}) == 5 and all(set(card.code) <= set(ALPHABET) for card in cards)
    assert [(b.first, b.last, b.used) for b in card_batches(world["hearing"].id)] == [(1, 3, 0), (4, 5, 0)]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "cards.reserved")).all()
    assert [event.detail for event in events] == [
        {"batch": 1, "first": 1, "last": 3},
        {"batch": 2, "first": 4, "last": 5},
    ]


def test_card_counts_out_of_range_are_refused_with_a_message(client, world):
    login(client, "official")
    kit_url = f"/staff/hearings/{world['hearing'].id}/kit?lang=en"
    token = csrf_token(client, kit_url)
    for count in ("0", "301", "ten", ""):
        response = client.post(
            f"/staff/hearings/{world['hearing'].id}/kit/cards?lang=en",
            data={"csrf_token": token, "count": count},
        )
        assert response.status_code == 400, count
        page = response.get_data(as_text=True)
        assert any(
            message in page
            for message in (
                "Between 1 and 300 cards at a time.",
                "Please give a number.",
                "Not a valid integer value.",
            )
        ), count
    assert db.session.scalar(select(func.count()).select_from(CommentCard)) == 0


def test_the_kit_page_holds_poster_agenda_sign_in_sheet_and_cards(client, world):
    hearing = world["hearing"]
    cards = reserve_cards(hearing, 2, world["users"]["official"])
    login(client, "official")
    page = client.get(f"/staff/hearings/{hearing.id}/kit").get_data(as_text=True)
    year = str(buddhist_year(hearing.starts_at.astimezone(LOCAL_ZONE).year))
    assert page.count('class="qr"><path') == 1 + len(cards)  # the poster's and one per card stub
    assert f"http://consult.test/hearings/{hearing.id}" in page
    assert year in page and "เวลา 09:30–11:30 น." in page
    for issue in hearing.issues:
        assert issue.title_th in page
    for column in ("ชื่อ–สกุล", "หมู่ที่/หมู่บ้าน", "ภาคส่วน", "เพศ", "ลายมือชื่อ"):
        assert f">{column}</th>" in page
    for card in cards:
        assert card.code_display in page and f"เลขที่ {card.number}" in page
    assert "https://" not in page.replace("http://consult.test", "")  # nothing fetched from elsewhere


def test_kit_only_for_those_who_manage_the_hearing(client, world):
    url = f"/staff/hearings/{world['hearing'].id}/kit"
    login(client, "other_official")
    assert client.get(url).status_code == 403
    assert (
        client.post(
            f"{url}/cards", data={"csrf_token": csrf_token(client, "/staff"), "count": "5"}
        ).status_code
        == 403
    )
    assert db.session.scalar(select(func.count()).select_from(CommentCard)) == 0


def test_card_codes_never_repeat_an_input_receipt(world, monkeypatch):
    taken, _created = submit_input(
        NewInput(text="ถนนชำรุด", sector="citizen", channel="online"),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    codes = iter([taken.receipt, taken.receipt, "ABCDEFGH"])
    monkeypatch.setattr(operations, "new_receipt", lambda: next(codes))
    card = reserve_cards(world["hearing"], 1, world["users"]["official"])[0]
    assert card.code == "ABCDEFGH"
    codes = iter([card.code, "HGFEDCBA"])
    online, _created = submit_input(
        NewInput(text="ไฟทางดับ", sector="citizen", channel="online"),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    assert online.receipt == "HGFEDCBA"  # the reserved card code is not handed to an online input


def test_agenda_fills_the_hearing_with_a_slot_per_issue():
    start = datetime(2026, 12, 4, 9, 30, tzinfo=LOCAL_ZONE)
    slots = agenda_slots(start, start + timedelta(hours=3), ["SI01", "SI02", "SI03"])
    assert [slot.issues for slot in slots] == [[], [], ["SI01"], ["SI02"], ["SI03"], []]
    assert slots[0].starts_at == start and slots[-1].ends_at == start + timedelta(hours=3)
    assert all(a.ends_at == b.starts_at for a, b in zip(slots, slots[1:]))


def test_a_short_hearing_discusses_the_issues_together():
    start = datetime(2026, 12, 4, 9, 30, tzinfo=LOCAL_ZONE)
    slots = agenda_slots(start, start + timedelta(hours=1), ["SI01", "SI02", "SI03", "SI04"])
    assert [len(slot.issues) for slot in slots] == [0, 0, 4, 0]


@pytest.mark.parametrize("capacity, pages", [(None, 1), (0, 1), (18, 1), (19, 2), (80, 5)])
def test_enough_sign_in_pages_for_the_capacity(capacity, pages):
    assert sign_in_pages(capacity) == pages
