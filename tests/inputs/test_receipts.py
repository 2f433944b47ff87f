"""Receipt codes that survive being read aloud or handwritten, and the page that tracks them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.inputs.cards import reserve_cards
from consult.inputs.models import CitizenInput
from consult.inputs.operations import InputWindowClosed, NewInput, normalize_submission_key, submit_input
from consult.inputs.receipts import ALPHABET, LENGTH, new_receipt, normalize_receipt
from consult.strategy.models import Revision
from consult.tagging.models import TAG_CONFIRMED
from consult.timeutil import utcnow


def test_codes_avoid_the_characters_people_confuse():
    assert not set("0O1IL") & set(ALPHABET)
    codes = {new_receipt() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)


def test_codes_are_read_back_however_they_are_written():
    assert normalize_receipt(" k7m4-pqxz ") == "K7M4PQXZ" == normalize_receipt("K7M4 PQXZ")
    assert (
        normalize_receipt("K7M4-PQX0") is None
        and normalize_receipt("K7M4") is None
        and normalize_receipt("") is None
    )


def test_long_idempotency_keys_are_hashed_to_fit():
    assert normalize_submission_key("abc") == "abc" and normalize_submission_key("  ") is None
    assert len(normalize_submission_key("k" * 300)) == 64


def test_tracking_shows_status_confirmed_issues_and_published_revisions(client, world):
    item, _created = submit_input(
        NewInput(text="อยากให้มีฝายชะลอน้ำ", sector="citizen", channel="online", issue_codes=["SI02"]),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    tag = next(tag for tag in item.tags if tag.issue.code == "SI02")
    tag.state = TAG_CONFIRMED
    item.status = "used"
    revision = Revision(
        plan_id=world["plan"].id,
        issue_id=tag.issue_id,
        cycle_id=world["cycle"].id,
        title="เพิ่มฝายชะลอน้ำในแผนน้ำ",
        status="published",
        published_at=utcnow(),
    )
    revision.inputs.append(item)
    db.session.add(revision)
    db.session.commit()
    page = client.get(f"/receipts/{item.receipt}").get_data(as_text=True)
    assert "นำไปใช้ในการทบทวนยุทธศาสตร์แล้ว" in page
    assert "SI02" in page and "เพิ่มฝายชะลอน้ำในแผนน้ำ" in page
    assert item.text not in page  # the text itself is not on the tracking page


def test_a_printed_card_not_yet_entered_says_so(client, world):
    card = reserve_cards(world["hearing"], 1, world["users"]["official"])[0]
    response = client.get(f"/track?receipt={card.code_display.lower()}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "ยังไม่ได้บันทึกเข้าระบบ" in page and world["hearing"].title in page
    missing = client.get("/track?receipt=ABCD-2345&lang=en")
    assert missing.status_code == 404 and "No input has this receipt code." in missing.get_data(as_text=True)


def test_cancelled_hearings_take_no_input_even_from_staff(world):
    hearing = world["hearing"]
    hearing.status = "cancelled"
    hearing.input_closes_at = utcnow() + timedelta(days=1)
    db.session.commit()
    data = NewInput(text="ข้อความ", sector="citizen", channel="hearing_paper")
    with pytest.raises(InputWindowClosed):
        submit_input(
            data,
            cycle=world["cycle"],
            hearing=hearing,
            entered_by=world["users"]["official"],
            check_window=False,
        )
    assert db.session.scalar(select(CitizenInput)) is None
