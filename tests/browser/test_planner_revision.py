"""A planner filters the dashboard, drafts a strategy revision citing two inputs, a second planner
approves and publishes it,
and the citizen who gave one of them sees the revision on their receipt page. Screenshots of the
dashboard and of the committee report's print preview go to $CONSULT_SCREENSHOTS (else a
temporary folder) for a person to look at."""

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from consult.i18n import LOCAL_ZONE
from tests.browser.conftest import CHROMIUM, DESKTOP, PHONE, assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
CITIZEN_TEXT = "อยากให้จังหวัดตั้งตลาดกลางข้าวอินทรีย์ประจำอำเภอ ให้ชาวนาขายข้าวได้ราคาดีโดยไม่ผ่านพ่อค้าคนกลาง"
NEW_WORDING = "ส่งเสริมเกษตรอินทรีย์ ตลาดกลางข้าวอินทรีย์ประจำอำเภอ และการแปรรูปสินค้าเกษตรโดยวิสาหกิจชุมชน"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("CONSULT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_planner_cites_two_inputs_publishes_and_the_citizen_sees_it(open_page, shots):
    citizen = open_page(PHONE, "th")
    citizen.goto("/cycles/1/input")
    citizen.fill("#text", CITIZEN_TEXT)
    citizen.select_option("#sector", "citizen")
    citizen.get_by_role("button", name="ส่งความคิดเห็น").click()
    receipt = citizen.locator("p.receipt").inner_text().strip()

    planner = open_page(PHONE, "th")
    sign_in(planner, "planner")
    planner.goto("/review/")
    planner.select_option("#filter-district", "4001")
    planner.select_option("#filter-phase", "hearings")
    planner.get_by_role("button", name="กรอง").click()
    planner.wait_for_url(lambda url: "district=4001" in url and "phase=hearings" in url)
    expect(planner.get_by_role("heading", name="ความคิดเห็นตามประเด็นยุทธศาสตร์และตำบล")).to_be_visible()
    fits(planner, PHONE)
    assert_accessible(planner)
    planner.screenshot(path=str(shots / "dashboard-360.png"), full_page=True)
    planner.set_viewport_size({"width": DESKTOP, "height": 900})
    planner.screenshot(path=str(shots / "dashboard-1280.png"), full_page=True)
    planner.set_viewport_size({"width": PHONE, "height": 900})

    planner.get_by_role("link", name="การทบทวนยุทธศาสตร์", exact=True).click()
    planner.get_by_role("link", name="ร่างการทบทวนยุทธศาสตร์").click()
    planner.get_by_role("link", name="SI01").click()
    planner.fill("#title", "ตลาดกลางข้าวอินทรีย์ประจำอำเภอ")
    planner.fill("#text_after", NEW_WORDING)
    planner.fill("#rationale", "ประชาชนหลายตำบลเสนอให้มีตลาดกลางรับซื้อข้าวอินทรีย์ในอำเภอ")
    planner.get_by_role("button", name="บันทึกร่าง").click()
    planner.wait_for_url(re.compile(r"revision=\d+"))
    revision = int(re.search(r"revision=(\d+)", planner.url).group(1))

    planner.fill("#q", "ตลาดกลางข้าวอินทรีย์")
    planner.get_by_role("button", name="ค้นหา").click()
    planner.wait_for_url(re.compile(r"[?&]q="))
    planner.locator(f"li:has-text('{receipt}') input[name=input]").check()
    planner.get_by_role("button", name="อ้างอิงในการทบทวน").click()
    expect(planner.locator(".flashes")).to_contain_text("เพิ่มความคิดเห็น 1 รายการ")
    planner.goto(f"/review/cycles/1/inputs?revision={revision}&district=4001")
    planner.locator("input[name=input]:not([disabled])").first.check()
    planner.get_by_role("button", name="อ้างอิงในการทบทวน").click()
    expect(planner.locator(".flashes")).to_contain_text("เพิ่มความคิดเห็น 1 รายการ")
    assert_accessible(planner)

    planner.get_by_role("link", name="กลับไปที่การทบทวน").click()
    expect(planner.get_by_role("heading", name="ความคิดเห็นที่อ้างอิง (2)")).to_be_visible()
    assert_accessible(planner)
    planner.get_by_role("button", name="เสนอพิจารณา").click()
    fits(planner, PHONE)
    approver = open_page(PHONE, "th")  # someone other than the author approves it
    sign_in(approver, "approver")
    approver.goto(f"/review/revisions/{revision}")
    approver.fill("#meeting", "3/2569")
    approver.fill("#decided_on", datetime.now(LOCAL_ZONE).date().isoformat())
    approver.fill("#resolution", "ที่ประชุมมีมติเห็นชอบ")
    approver.get_by_role("button", name="อนุมัติและเผยแพร่").click()
    expect(approver.locator(".flashes")).to_contain_text("เผยแพร่แล้ว")
    fits(approver, PHONE)

    citizen.goto(f"/receipts/{receipt}")
    expect(citizen.locator("dl.facts")).to_contain_text("นำไปใช้ในการทบทวนยุทธศาสตร์แล้ว")
    citizen.get_by_role("link", name="ตลาดกลางข้าวอินทรีย์ประจำอำเภอ").click()
    citizen.wait_for_url(re.compile(r"/revisions/\d+"))
    expect(citizen.locator("ins").first).to_be_visible()
    expect(citizen.locator("ins").first).to_contain_text("อินทรีย์")
    fits(citizen, PHONE)
    assert_accessible(citizen)


def test_committee_report_prints_on_a4_with_page_numbers(open_page, shots):
    page = open_page(DESKTOP, "th")
    sign_in(page, "planner")
    page.goto("/review/cycles/1/report")
    expect(page.get_by_role("heading", name="รายงานสรุปผลการรับฟังความคิดเห็น")).to_be_visible()
    page.evaluate("document.fonts.ready")  # Sarabun loaded before the print preview is taken
    assert_accessible(page)
    page.emulate_media(media="print")
    page.screenshot(path=str(shots / "report-print-media.png"), full_page=True)
    pdf = shots / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    body = pdf.read_bytes()  # read without poppler, which may not be installed
    boxes = {
        tuple(round(float(n)) for n in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", body)
    }
    assert boxes == {(0, 0, 595, 842)}, boxes  # every page A4 (210 × 297 mm in points)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", body)) >= 3  # a cover page, then the sections
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "pts (A4)" in info, info
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3  # a cover page, then the sections
    if shutil.which("pdftoppm"):  # the print preview as pictures
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf), str(shots / "report-page")],
            check=True,
        )
