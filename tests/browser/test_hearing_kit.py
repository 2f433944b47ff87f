"""The official prints the hearing kit from Chromium (A4 PDF: poster, agenda, sign-in sheets,
comment cards), and a card's printed code typed into the transcription screen binds the input to
its hearing."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, DESKTOP, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
HEARING = 1  # the demo hearing in the official's subdistrict (held already: paper cards come in after)
A4_POINTS = (595, 842)


def pdf_pages(path: Path) -> list[tuple[int, int]]:
    """Page sizes in points, read by poppler's pdfinfo."""
    output = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (round(float(w)), round(float(h)))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", output)
    ]


def test_kit_prints_on_a4_and_a_cards_code_binds_the_input_to_its_hearing(open_page, tmp_path):
    page = open_page(DESKTOP, "th")
    sign_in(page, "official")
    page.goto(f"/staff/hearings/{HEARING}/kit")
    page.fill("#count", "4")
    page.get_by_role("button", name="จองและแสดงบัตรใหม่").click()
    codes = [code.inner_text().strip() for code in page.locator(".card-code strong").all()]
    assert len(codes) == 4 and len(set(codes)) == 4
    hearing_title = page.locator(".poster-title").inner_text().strip()

    pdf = tmp_path / "kit.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    sizes = pdf_pages(pdf) if shutil.which("pdfinfo") else None
    if sizes is not None:
        # poster, agenda, five sign-in sheets for 80 places, two pages of two cards
        assert len(sizes) == 9 and set(sizes) == {A4_POINTS}
    assert pdf.stat().st_size > 20_000
    page.emulate_media(media="screen")

    page.goto(f"/staff/hearings/{HEARING}/transcribe")
    page.fill("#card_code", codes[2].lower())
    page.fill("#text", "ขอให้ติดตั้งไฟส่องสว่างริมถนนเข้าหมู่บ้าน กลางคืนมืดมาก")
    page.get_by_role("button", name="บันทึกและกรอกรายการถัดไป").click()
    assert f"บันทึกแล้ว รหัสรับเรื่อง {codes[2]}" in page.locator(".flashes").inner_text()

    page.goto(f"/track?receipt={codes[2]}")
    assert codes[2] in page.locator("h1").inner_text()
    assert hearing_title in page.locator("dl.facts").inner_text()
    page.goto(f"/track?receipt={codes[3]}")  # printed but not yet entered
    assert "ยังไม่ได้บันทึกเข้าระบบ" in page.locator(".notice").inner_text()
