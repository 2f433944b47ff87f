"""Phone, ID-card and other personal numbers, and emails, found in input texts and masked."""

import pytest

from consult.inputs.masking import (
    EMAIL_ADDRESS,
    ID_CARD,
    LONG_NUMBER,
    PHONE,
    find_personal_data,
    mask_personal_data,
)


def kinds(text):
    return [(text[f.start : f.end], f.kind) for f in find_personal_data(text)]


@pytest.mark.parametrize(
    "number",
    [
        "0812345678",
        "081-234-5678",
        "081 234 5678",
        "08-1234-5678",
        "043 123 456",
        "+66 81 234 5678",
        "+66812345678",
        "๐๘๑๒๓๔๕๖๗๘",
    ],
)
def test_phone_numbers_in_any_usual_writing(number):
    text = f"ติดต่อผมได้ที่ {number} ครับ"
    assert kinds(text) == [(number, PHONE)]


@pytest.mark.parametrize(
    "number", ["1103700012345", "1-1037-00012-34-5", "1 1037 00012 34 5", "๑๑๐๓๗๐๐๐๑๒๓๔๕"]
)
def test_id_card_numbers(number):
    assert kinds(f"เลขบัตร {number}") == [(number, ID_CARD)]


def test_emails_and_other_long_numbers():
    text = "อีเมล somchai.k+consult@example.co.th บัญชี 123-4-56789-0"
    assert kinds(text) == [("somchai.k+consult@example.co.th", EMAIL_ADDRESS), ("123-4-56789-0", LONG_NUMBER)]


@pytest.mark.parametrize(
    "text",
    [
        "งบประมาณ 10,000,000 บาท ปี 2569",
        "ถนนสาย 2 ยาว 12 กม. หมู่ 5",
        "ปี 2566–2570 รวม 5 ปี",
        "โทร 1669 เบอร์ฉุกเฉิน",
        "ความยาว 12345678 เมตร",
    ],
)
def test_ordinary_numbers_stay(text):
    assert find_personal_data(text) == []
    assert mask_personal_data(text) == text


def test_masked_text_keeps_everything_else(app_context):
    text = "ถนนหมู่ 3 เป็นหลุม โทร 081-234-5678 หรือ 0812345679 เลขบัตร 1103700012345 อีเมล a@b.co"
    masked = mask_personal_data(text)
    assert "081" not in masked and "1103700012345" not in masked and "a@b.co" not in masked
    assert masked.startswith("ถนนหมู่ 3 เป็นหลุม โทร [ซ่อนเบอร์โทรศัพท์] หรือ [ซ่อนเบอร์โทรศัพท์]")
    assert "[ซ่อนเลขบัตรประชาชน]" in masked and "[ซ่อนอีเมล]" in masked


def test_empty_text():
    assert find_personal_data("") == [] and find_personal_data(None) == []


@pytest.mark.parametrize(
    "number",
    [
        "081 - 234 - 5678",
        "081/234/5678",
        "081–234–5678",
        "081—234—5678",
        "(081)2345678",
        "(081) 234-5678",
        "0 8 1 2 3 4 5 6 7 8",
        "๐๘๑-๒๓๔-๕๖๗๘",
        "๐๘๑ – ๒๓๔ – ๕๖๗๘",
        "(043) 123/456",
        "+66 (0)81 234 5678",
    ],
)
def test_phone_numbers_written_with_slashes_brackets_and_dashes_of_any_kind(number):
    """Finding: these were neither masked on public pages nor highlighted for the moderator."""
    text = f"ติดต่อผมได้ที่ {number} ครับ"
    assert kinds(text) == [(number, PHONE)]


@pytest.mark.parametrize(
    "number", ["1-1037-00012-34-5", "1 1037 00012 34 5", "1/1037/00012/34/5", "๑–๑๐๓๗–๐๐๐๑๒–๓๔–๕"]
)
def test_id_card_numbers_in_any_usual_writing(number):
    assert kinds(f"เลขบัตร {number} ค่ะ") == [(number, ID_CARD)]


@pytest.mark.parametrize(
    "text",
    ["ปี 2566–2570 (5 ปี)", "แผน 2566 - 2570 / 2571", "งบ 1,250,000 บาท (2569)", "หมู่ 5 (บ้านโนน) 120 ครัวเรือน"],
)
def test_years_and_counts_written_with_brackets_stay(text):
    assert mask_personal_data(text) == text
