"""Reading sheets as officials type them: headings in Thai or English, Buddhist-era dates,
Thai labels, blank lines, Excel's habits, and files that are not sheets at all."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from consult.inputs.sheets import (
    GENDER_ALIASES,
    SECTOR_ALIASES,
    SheetError,
    age_band_for,
    consent_from,
    issue_codes_from,
    key_for_label,
    label_lookup,
    parse_date,
    phone_from,
    read_sheet,
)
from consult.participants import AGE_BANDS, GENDERS, SECTORS


@pytest.mark.parametrize(
    "text",
    [
        "23/11/2569",
        "23-11-2569",
        "23.11.2569",
        "23/11/69",
        "2569-11-23",
        "2026-11-23",
        "23 พ.ย. 2569",
        "23 พ.ย. 69",
        "23 พฤศจิกายน 2569",
        "๒๓ พ.ย. ๒๕๖๙",
        "23 Nov 2026",
        "23 November 2026",
        "2026-11-23T09:30:00",
        "23/11/2026",
    ],
)
def test_dates_in_the_ways_they_are_written(text):
    assert parse_date(text) == date(2026, 11, 23)


@pytest.mark.parametrize("text", ["", "พรุ่งนี้", "31/02/2569", "23 ธันวา", "2569", "13/13/2569", "23 xyz 2569"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_labels_keys_and_aliases(app_context):
    sectors = label_lookup(SECTORS, SECTOR_ALIASES)
    genders = label_lookup(GENDERS, GENDER_ALIASES)
    ages = label_lookup(AGE_BANDS)
    assert key_for_label("ภาคเอกชน", sectors) == "private"
    assert key_for_label("ประชาสังคม", sectors) == "civil_society"
    assert key_for_label("Civil society", sectors) == "civil_society"
    assert key_for_label("government", sectors) == "government"
    assert key_for_label("ชาวนา", sectors) is None
    assert key_for_label("ญ", genders) == "female"
    assert key_for_label("อื่น ๆ", genders) == "other"
    assert age_band_for("45", ages) == "40_59" and age_band_for("๑๗", ages) == "under_18"
    assert age_band_for("60 ปีขึ้นไป", ages) == "60_plus" and age_band_for("18-24", ages) == "18_24"
    assert age_band_for("200", ages) is None
    assert (
        consent_from("ใช่"),
        consent_from("✓"),
        consent_from(""),
        consent_from("ไม่"),
        consent_from("อาจจะ"),
    ) == (True, True, False, False, None)
    assert issue_codes_from("si01, SI03;SI05 | si07") == ["SI01", "SI03", "SI05", "SI07"]
    assert phone_from("812345678") == "0812345678" and phone_from("0812345678") == "0812345678"


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_thai_headings_blank_lines_and_excel_values(app_context):
    data = xlsx(
        [
            [None, None, None],
            ["ความคิดเห็น", "ภาคส่วน", "วันที่", "โทรศัพท์", "หมายเหตุ"],
            ["อยากให้ขุดลอกคลอง", "ประชาชน", datetime(2569, 11, 23), 812345678, "x"],
            [None, None, None, None, None],
            ["ถนนเป็นหลุม", None, "23/11/2569", None, None],
        ]
    )
    sheet = read_sheet("ความคิดเห็น.xlsx", data, max_rows=100)
    assert [row["row"] for row in sheet.rows] == [3, 5]
    first = sheet.rows[0]["cells"]
    assert first["text"] == "อยากให้ขุดลอกคลอง" and first["sector"] == "ประชาชน"
    assert parse_date(first["date"]) == date(2026, 11, 23)  # a Buddhist-era year typed into an Excel date
    assert first["contact_phone"] == "812345678"
    assert sheet.ignored_headings == ["หมายเหตุ"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp874"])
def test_csv_in_the_encodings_thai_offices_save(encoding, app_context):
    text = "text;sector\r\nอยากได้ไฟส่องทาง;เอกชน\r\n;\r\nน้ำประปาไม่ไหล;\r\n"
    sheet = read_sheet("inputs.csv", text.encode(encoding), max_rows=100)
    assert [(row["row"], row["cells"]["text"]) for row in sheet.rows] == [
        (2, "อยากได้ไฟส่องทาง"),
        (4, "น้ำประปาไม่ไหล"),
    ]


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("inputs.pdf", b"%PDF-1.4", "file_type"),
        ("inputs.xlsx", b"not a zip at all", "unreadable"),
        ("inputs.xlsx", b"PK\x03\x04broken zip", "unreadable"),
        ("inputs.csv", "ข้อความ".encode("utf-16"), "encoding"),
        ("inputs.csv", b"", "empty"),
        ("inputs.csv", "ชื่อ,เพศ\nสมชาย,ชาย\n".encode(), "no_text_column"),
        ("inputs.csv", "ความคิดเห็น,เพศ\n,\n".encode(), "no_rows"),
    ],
)
def test_files_that_cannot_be_read_say_why(name, data, code, app_context):
    with pytest.raises(SheetError) as refused:
        read_sheet(name, data, max_rows=100)
    assert refused.value.code == code


def test_too_many_rows(app_context):
    data = ("ความคิดเห็น\n" + "".join(f"ความเห็นที่ {n}\n" for n in range(11))).encode()
    with pytest.raises(SheetError) as refused:
        read_sheet("inputs.csv", data, max_rows=10)
    assert refused.value.code == "too_many_rows" and refused.value.params == {"limit": 10}


def test_a_workbook_that_unpacks_to_too_much_text_is_refused(app_context, monkeypatch):
    from consult.inputs import sheets

    monkeypatch.setattr(sheets, "MAX_SHEET_CHARS", 1000)
    data = xlsx([["ความคิดเห็น"]] + [["ก" * 100] for _ in range(20)])
    with pytest.raises(SheetError) as refused:
        read_sheet("big.xlsx", data, max_rows=100)
    assert refused.value.code == "too_large"


def test_only_the_first_columns_are_read(app_context):
    data = xlsx([["ความคิดเห็น"] + [None] * 100 + ["ภาคส่วน"], ["ข้อความ"] + [None] * 100 + ["เอกชน"]])
    sheet = read_sheet("wide.xlsx", data, max_rows=10)
    assert sheet.rows[0]["cells"] == {"text": "ข้อความ"}
