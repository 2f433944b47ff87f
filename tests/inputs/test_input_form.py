"""Every rule of the input form, with its message in Thai and in English, and the form's
protections: CSRF, the honeypot, double submission, control characters, closed windows."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.inputs.models import CitizenInput, InputContact
from tests.inputs.conftest import input_form_data

RULES = [
    ("empty text", {"text": "   "}, "กรุณาเขียนความคิดเห็นของท่าน", "Please write your input."),
    (
        "text too long",
        {"text": "ก" * 5001},
        "กรุณาเขียนความคิดเห็นไม่เกิน 5000 ตัวอักษร",
        "Please keep your input under 5000 characters.",
    ),
    (
        "text without words",
        {"text": "1234 !!! 555"},
        "กรุณาเขียนความคิดเห็นเป็นถ้อยคำ",
        "Please write your input in words.",
    ),
    ("unknown sector", {"sector": "farmer"}, "กรุณาเลือกภาคส่วน", "Please choose a sector."),
    ("no sector", {"sector": ""}, "กรุณาเลือกภาคส่วน", "Please choose a sector."),
    (
        "unknown age band",
        {"age_band": "ancient"},
        "กรุณาเลือกช่วงอายุจากรายการ",
        "Please choose an age band from the list.",
    ),
    ("unknown gender", {"gender": "x"}, "กรุณาเลือกจากรายการ", "Please choose from the list."),
    (
        "village too long",
        {"village": "บ" * 201},
        "ยาวเกินไป: ไม่เกิน 200 ตัวอักษร",
        "Too long: at most 200 characters.",
    ),
    (
        "bad email",
        {"contact_email": "somchai@", "consent": "y"},
        "กรุณากรอกอีเมลให้ถูกต้อง",
        "Please give a valid email address.",
    ),
    (
        "bad phone",
        {"contact_phone": "โทรหาผม", "consent": "y"},
        "กรุณากรอกหมายเลขโทรศัพท์ เช่น 081 234 5678",
        "Please give a phone number such as 081 234 5678.",
    ),
    (
        "contact without consent",
        {"contact_name": "สมชาย"},
        "ระบบจะเก็บข้อมูลติดต่อได้เมื่อท่านให้ความยินยอมเท่านั้น",
        "Contact details can only be kept with your consent.",
    ),
    ("unknown issue", {"issues": ["SI99"]}, "ไม่พบประเด็นยุทธศาสตร์: SI99", "Unknown strategic issue: SI99"),
    (
        "honeypot filled",
        {"website": "http://spam.example"},
        "แบบฟอร์มนี้ดูเหมือนถูกกรอกโดยโปรแกรมอัตโนมัติ",
        "This form looks automatically filled in.",
    ),
    (
        "no CSRF token",
        {"csrf_token": None},
        "แบบฟอร์มนี้หมดอายุ",
        "This form has expired or was sent from elsewhere.",
    ),
]


@pytest.mark.parametrize("language", ["th", "en"])
def test_each_rule_refuses_with_a_message_in_the_visitors_language(client, hearing_url, language):
    for rule, fields, thai, english in RULES:
        data = input_form_data(client, hearing_url, **fields)
        response = client.post(f"{hearing_url}?lang={language}", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, rule
        assert (thai if language == "th" else english) in page, rule
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 0


def test_what_was_typed_stays_in_the_form_after_an_error(client, hearing_url):
    data = input_form_data(client, hearing_url, text="อยากให้มีรถรับส่งนักเรียน", contact_name="สมชาย")
    page = client.post(hearing_url, data=data).get_data(as_text=True)
    assert "อยากให้มีรถรับส่งนักเรียน" in page and 'value="สมชาย"' in page


def test_every_field_is_stored_and_contact_apart(client, hearing_url, world):
    data = input_form_data(
        client,
        hearing_url,
        sector="civil_society",
        issues=["SI02", "SI05"],
        age_band="60_plus",
        gender="female",
        village="บ้านโนนสวรรค์ หมู่ 4",
        contact_name="สมศรี",
        contact_phone="081 234 5678",
        contact_email="somsri@example.com",
        consent="y",
    )
    response = client.post(hearing_url, data=data)
    assert response.status_code == 303
    item = db.session.scalar(select(CitizenInput))
    assert (item.sector, item.age_band, item.gender, item.village, item.channel) == (
        "civil_society",
        "60_plus",
        "female",
        "บ้านโนนสวรรค์ หมู่ 4",
        "online",
    )
    assert item.hearing_id == world["hearing"].id and item.subdistrict_code == "400101"
    assert {tag.issue.code for tag in item.tags} >= {"SI02", "SI05"}
    assert "สมศรี" not in item.text and item.contact.phone == "081 234 5678" and item.consent


def test_control_characters_are_removed_not_refused(client, hearing_url):
    data = input_form_data(client, hearing_url, text="ถนน\x00ชำรุด\x07 ซ่อมด่วน\r\nขอบคุณ", village="หมู่\x00 2")
    assert client.post(hearing_url, data=data).status_code == 303
    item = db.session.scalar(select(CitizenInput))
    assert item.text == "ถนนชำรุด ซ่อมด่วน\nขอบคุณ" and item.village == "หมู่ 2"


def test_a_tampered_submission_key_is_replaced_not_stored(client, hearing_url):
    data = input_form_data(client, hearing_url, submission_key="x" * 500)
    assert client.post(hearing_url, data=data).status_code == 303
    stored = db.session.scalar(select(CitizenInput.submission_key))
    assert stored and "x" not in stored and len(stored) <= 64


def test_double_tap_and_refresh_store_one_input(client, hearing_url):
    data = input_form_data(client, hearing_url)
    answers = [client.post(hearing_url, data=data) for _ in range(3)]
    assert len({answer.headers["Location"] for answer in answers}) == 1
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1


def test_contact_is_kept_only_with_consent_and_never_shown_on_the_receipt(client, hearing_url):
    data = input_form_data(client, hearing_url, contact_phone="0899999999", consent="y")
    receipt_url = client.post(hearing_url, data=data).headers["Location"]
    page = client.get(receipt_url).get_data(as_text=True)
    assert "0899999999" not in page and "ลบข้อมูลติดต่อของฉัน" in page
    assert db.session.scalar(select(func.count()).select_from(InputContact)) == 1


def test_closed_hearing_refuses_with_409_and_keeps_nothing(client, hearing_url, world):
    data = input_form_data(client, hearing_url)  # the form was opened while the hearing took input
    hearing = world["hearing"]
    hearing.input_closes_at = hearing.input_opens_at + timedelta(seconds=1)
    db.session.commit()
    response = client.post(hearing_url, data=data)
    assert response.status_code == 409 and "เวทีนี้ไม่เปิดรับความคิดเห็นในขณะนี้" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 0


def test_whole_cycle_input_located_by_the_finders_subdistrict(client, world):
    url = f"/cycles/{world['cycle'].id}/input?subdistrict=400105"
    assert "ตำบล" in client.get(url).get_data(as_text=True)
    assert client.post(url, data=input_form_data(client, url)).status_code == 303
    item = db.session.scalar(select(CitizenInput))
    assert item.hearing_id is None and item.subdistrict_code == "400105" and item.district_code == "4001"


def test_whole_cycle_input_ignores_a_subdistrict_of_another_province(client, world):
    url = f"/cycles/{world['cycle'].id}/input?subdistrict=500101"
    client.post(url, data=input_form_data(client, url))
    assert db.session.scalar(select(CitizenInput.subdistrict_code)) is None


def test_whole_cycle_input_only_while_the_hearing_phase_runs(client, world):
    url = f"/cycles/{world['cycle'].id}/input"
    data = input_form_data(client, url)
    phase = world["cycle"].phase("hearings")
    phase.ends_on = world["today"] - timedelta(days=1)
    db.session.commit()
    response = client.post(url, data=data)
    assert response.status_code == 409 and "รอบนี้ไม่ได้เปิดรับความคิดเห็น" in response.get_data(as_text=True)


ODD_ADDRESSES = [
    "/hearings/99999999999999999999/input",
    "/cycles/4294967296/input",
    "/hearings/999999/input",
    "/receipts/%00%FF",
    "/track?receipt=" + "Z" * 5000,
    "/cycles/1/voices?page=99999999999999999999",
    "/cycles/99999999999/voices/1",
    "/hearings?province=" + "9" * 300,
]


def test_odd_addresses_are_not_found_not_errors(client, world):
    for url in ODD_ADDRESSES:
        assert client.get(url).status_code in (200, 404), url
