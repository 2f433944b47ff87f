"""Importing a sheet of inputs: a preview with every row checked before anything is saved, then
every valid row saved at once and each refused row listed with its reasons, in Thai or English."""

import io
import re
from datetime import datetime, timedelta

from openpyxl import Workbook
from sqlalchemy import func, select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.i18n import to_local
from consult.inputs.cards import reserve_cards
from consult.inputs.models import CitizenInput, CommentCard, InputContact, InputImport
from consult.inputs.search import search_inputs
from tests.conftest import csrf_token, login

HEADINGS = [
    "ความคิดเห็น",
    "ภาคส่วน",
    "ประเด็นยุทธศาสตร์",
    "อายุ",
    "เพศ",
    "หมู่บ้าน",
    "วันที่",
    "รหัสบัตร",
    "ชื่อ",
    "โทรศัพท์",
    "ยินยอม",
]


def mixed_sheet(today, card_code: str) -> bytes:
    be = today.year + 543
    rows = [
        HEADINGS,
        [
            "อยากให้ขุดลอกคลองส่งน้ำก่อนหน้าแล้ง",
            "ประชาชน",
            "SI02",
            45,
            "หญิง",
            "บ้านหนองแวง หมู่ 3",
            datetime(be, today.month, today.day),
            None,
            None,
            None,
            None,
        ],  # 2 good
        ["ตลาดชุมชนควรมีหลังคา", "ชาวนา", None, None, None, None, None, None, None, None, None],  # 3 sector
        [None] * 11,  # 4 blank
        [
            "ขอไฟส่องสว่างทางเข้าวัด",
            "เอกชน",
            None,
            None,
            None,
            None,
            f"{today.day}/{today.month}/{be}",
            card_code,
            None,
            None,
            None,
        ],  # 5 good
        [None, "ประชาชน", None, 30, "ชาย", None, None, None, None, None, None],  # 6 no text
        ["ถนนลูกรังฝุ่นเยอะ", None, None, None, None, None, "31/02/2569", None, None, None, None],  # 7 date
        [
            "รถโดยสารไม่มีวันหยุด",
            None,
            None,
            None,
            None,
            None,
            (today + timedelta(days=3)).isoformat(),
            None,
            None,
            None,
            None,
        ],  # 8 future
        [
            "ต้องการให้แจ้งผลกลับ",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "สมชาย",
            "0812345678",
            None,
        ],  # 9 consent
        ["อยากให้มีศูนย์เด็กเล็ก", None, None, None, None, None, None, None, "สมหญิง", 812345679, "ใช่"],  # 10 good
        ["บัตรที่เขียนรหัสผิด", None, None, None, None, None, None, "ZZZZ-ZZZZ", None, None, None],  # 11 card
        ["เรื่องอื่น ๆ", None, "SI42", None, None, None, None, None, None, None, None],  # 12 issue
        ["ผู้สูงอายุอยากได้ที่ออกกำลังกาย", "", None, "60 ปีขึ้นไป", "ช", None, None, None, None, None, None],  # 13 good
    ]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, hearing_id, data: bytes, name="ความคิดเห็นเวที.xlsx", default_sector="private"):
    url = f"/staff/hearings/{hearing_id}/import"
    return client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "default_sector": default_sector,
            "channel": "hearing_paper",
            "sheet": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def refused_rows(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr class="bad">\s*<td class="num">(\d+)</td>', page)]


def test_mixed_sheet_preview_then_save_every_valid_row_and_list_each_refused_one(client, world):
    hearing = world["hearing"]
    card = reserve_cards(hearing, 1, world["users"]["official"])[0]
    login(client, "official")
    response = upload(client, hearing.id, mixed_sheet(world["today"], card.code_display))
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    preview = client.get(preview_url).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 0  # nothing saved yet
    assert refused_rows(preview) == [3, 6, 7, 8, 9, 11, 12]
    for reason in (
        "ภาคส่วน: กรุณาเลือกภาคส่วน",
        "กรุณาเขียนความคิดเห็นของท่าน",
        "วันที่: “31/02/2569” ไม่ใช่วันที่",
        "วันที่: ต้องอยู่ระหว่าง",
        "ระบบจะเก็บข้อมูลติดต่อได้เมื่อท่านให้ความยินยอมเท่านั้น",
        "บัตร: ไม่มีบัตรแสดงความคิดเห็นที่ใช้รหัสนี้",
        "ไม่พบประเด็นยุทธศาสตร์: SI42",
    ):
        assert reason in preview, reason
    assert "บันทึกความคิดเห็นที่ถูกต้อง (4 รายการ)" in preview

    token = csrf_token(client, preview_url)
    assert client.post(preview_url, data={"csrf_token": token}).status_code == 303
    saved = {item.text: item for item in db.session.scalars(select(CitizenInput))}
    assert sorted(saved) == sorted(
        ["อยากให้ขุดลอกคลองส่งน้ำก่อนหน้าแล้ง", "ขอไฟส่องสว่างทางเข้าวัด", "อยากให้มีศูนย์เด็กเล็ก", "ผู้สูงอายุอยากได้ที่ออกกำลังกาย"]
    )
    first = saved["อยากให้ขุดลอกคลองส่งน้ำก่อนหน้าแล้ง"]
    assert (first.sector, first.age_band, first.gender, first.village, first.channel) == (
        "citizen",
        "40_59",
        "female",
        "บ้านหนองแวง หมู่ 3",
        "hearing_paper",
    )
    assert to_local(first.submitted_at).date() == world["today"]  # the Buddhist-era date cell
    assert saved["ขอไฟส่องสว่างทางเข้าวัด"].receipt == card.code
    assert db.session.get(CommentCard, card.id).input_id == saved["ขอไฟส่องสว่างทางเข้าวัด"].id
    assert saved["ผู้สูงอายุอยากได้ที่ออกกำลังกาย"].sector == "private"  # the sheet's default sector
    assert db.session.scalar(select(InputContact.phone)) == "0812345679"  # Excel dropped the leading zero
    assert all(item.hearing_id == hearing.id and item.entered_by_id for item in saved.values())
    # Planners find imported inputs by their words at once, as they find input given online.
    found = search_inputs("ศูนย์เด็กเล็ก", province=hearing.province_code)
    assert [hit.input.id for hit in found.hits] == [saved["อยากให้มีศูนย์เด็กเล็ก"].id]

    result = client.get(preview_url).get_data(as_text=True)
    assert refused_rows(result) == [3, 6, 7, 8, 9, 11, 12] and "ภาคส่วน: กรุณาเลือกภาคส่วน" in result
    english = client.get(preview_url + "?lang=en").get_data(as_text=True)
    assert "Sector: Please choose a sector." in english and "Unknown strategic issue: SI42" in english
    staged = db.session.scalar(select(InputImport))
    assert staged.rows is None and staged.status == "saved"  # the uploaded rows are not kept
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "inputs.imported"))
    assert event.detail == {"hearing": hearing.id, "saved": 4, "refused": 7, "already_saved": 0}

    # Saving again, or importing the same sheet again, stores nothing twice.
    client.post(preview_url, data={"csrf_token": token})
    again = upload(client, hearing.id, mixed_sheet(world["today"], card.code_display)).headers["Location"]
    assert "แถวที่เคยบันทึกจากตารางนี้แล้ว" in client.get(again + "?lang=th").get_data(as_text=True)
    client.post(again, data={"csrf_token": token})
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 4


def test_a_csv_saved_by_thai_windows(client, world):
    login(client, "official")
    text = "ความคิดเห็น,ภาคส่วน,วันที่\r\nน้ำประปาขุ่น,ประชาสังคม,\r\n\r\nขยะล้นถัง,,\r\n"
    preview_url = upload(client, world["hearing"].id, text.encode("cp874"), name="inputs.csv").headers[
        "Location"
    ]
    client.post(preview_url, data={"csrf_token": csrf_token(client, preview_url)})
    assert sorted(db.session.scalars(select(CitizenInput.sector))) == ["civil_society", "private"]


def test_files_that_are_not_sheets_get_a_clear_message_in_either_language(client, world):
    login(client, "official")
    hearing_id = world["hearing"].id
    response = upload(client, hearing_id, b"%PDF-1.7", name="minutes.pdf")
    assert response.status_code == 400 and "กรุณาส่งไฟล์ CSV หรือไฟล์ Excel (.xlsx)" in response.get_data(
        as_text=True
    )
    url = f"/staff/hearings/{hearing_id}/import?lang=en"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "default_sector": "citizen",
            "channel": "hearing_paper",
            "sheet": (io.BytesIO(b"PK\x03\x04 damaged"), "inputs.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "The file could not be read as a sheet." in response.get_data(as_text=True)
    response = upload(client, hearing_id, "ชื่อ,เพศ\nสมชาย,ชาย\n".encode(), name="inputs.csv")
    assert "The sheet has no column for the input text." in response.get_data(as_text=True)  # language kept
    assert db.session.scalar(select(func.count()).select_from(InputImport)) == 0


def test_imports_belong_to_the_hearings_staff(client, world):
    login(client, "official")
    preview_url = upload(client, world["hearing"].id, "ความคิดเห็น\nข้อความ\n".encode(), name="a.csv").headers[
        "Location"
    ]
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "other_official")
    assert client.get(preview_url).status_code == 403
    assert upload(client, world["hearing"].id, b"text\nx\n", name="a.csv").status_code == 403


def test_a_card_written_on_two_rows_is_saved_once_and_the_second_row_refused(client, world):
    card = reserve_cards(world["hearing"], 1, world["users"]["official"])[0]
    login(client, "official")
    text = f"ความคิดเห็น,รหัสบัตร\nขอถังขยะเพิ่ม,{card.code_display}\nขอไฟทาง,{card.code.lower()}\n"
    preview_url = upload(client, world["hearing"].id, text.encode(), name="cards.csv").headers["Location"]
    client.post(preview_url, data={"csrf_token": csrf_token(client, preview_url)})
    assert (
        db.session.scalar(select(CitizenInput.text).where(CitizenInput.receipt == card.code)) == "ขอถังขยะเพิ่ม"
    )
    outcome = db.session.scalar(select(InputImport.outcome))
    assert outcome["refused"] == [
        {
            "row": 3,
            "problems": {
                "th": ["บัตร: บัตรใบเดียวกันนี้อยู่ในแถวก่อนหน้าแล้ว"],
                "en": ["Card: the same card appears on an earlier row."],
            },
        }
    ]
