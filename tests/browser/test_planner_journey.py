"""A provincial planner creates next year's strategy calendar, proposes a schedule of hearings for a
district, confirms a suggested issue tag, sets an input's status, filters the input dashboard,
downloads it as Excel and drafts a revision citing an input, which a second planner approves with
the committee's decision. Every page on the way passes
axe-core, fits the width and (in Thai) has no untranslated wording."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from consult.i18n import LOCAL_ZONE
from tests.browser.conftest import CHROMIUM, JOURNEYS, check_page, sign_in, words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
# Each run works on its own district and its own future year, so the two runs do not meet.
DISTRICT = {"th": "4002", "en": "4003"}
CALENDAR_STARTS_IN_DAYS = {"th": 400, "en": 800}
REVISED_ISSUE = {"th": "SI02", "en": "SI05"}
PHASES = ["data_gathering", "hearings", "drafting", "committee_review", "publication"]


@JOURNEYS
def test_planner_plans_reviews_exports_and_publishes(open_page, width, language, tmp_path):
    page = open_page(width, language)
    sign_in(page, "planner")
    check_page(page, width, language)

    page.goto("/staff/cycles/new")
    check_page(page, width, language)
    start = datetime.now(LOCAL_ZONE).date() + timedelta(days=CALENDAR_STARTS_IN_DAYS[language])
    page.fill("#title", f"การทบทวนแผนพัฒนาจังหวัดขอนแก่น ({language}-{start.year})")
    for position, phase in enumerate(PHASES):
        page.fill(f"#{phase}_starts", (start + timedelta(days=40 * position)).isoformat())
        page.fill(f"#{phase}_ends", (start + timedelta(days=40 * position + 39)).isoformat())
    page.get_by_role("button", name=words(language, "Create the calendar")).click()
    assert words(language, "The strategy calendar is created.") in page.locator(".flashes").inner_text()
    assert re.search(r"/cycles/\d+$", page.url)
    check_page(page, width, language)

    page.goto("/staff/proposals/new")
    check_page(page, width, language)
    page.select_option("#cycle_id", "1")
    page.select_option("#district", DISTRICT[language])
    page.fill("#group_size", "2")
    page.get_by_role("button", name=words(language, "Propose the dates")).click()
    # the proposal's page must have loaded before its dates are counted (count() does not wait)
    page.wait_for_url(re.compile(r"/staff/proposals/\d+$"))
    assert page.locator("main li .badge").count() >= 2  # one proposed date per pair of subdistricts
    check_page(page, width, language)

    page.goto("/review/")
    page.select_option("#filter-district", "4001")
    page.select_option("#filter-sector", "citizen")
    page.get_by_role("button", name=words(language, "Apply"), exact=True).click()
    assert "district=4001" in page.url and "sector=citizen" in page.url
    check_page(page, width, language)
    page.locator("details.exports summary").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=words(language, "All tables (Excel, one sheet per table)")).click()
    workbook_path = tmp_path / download.value.suggested_filename
    download.value.save_as(workbook_path)
    assert workbook_path.suffix == ".xlsx"
    workbook = load_workbook(workbook_path, read_only=True)
    assert len(workbook.sheetnames) >= 3
    workbook.close()

    page.goto("/tagging/cycles/1/review")
    check_page(page, width, language)
    confirm = page.locator("form.tag-buttons button[value=confirm]").first
    code, receipt = confirm.locator(".visually-hidden").inner_text().split("·")
    confirm.click()
    assert (
        words(
            language, "Issue %(code)s confirmed for %(receipt)s.", code=code.strip(), receipt=receipt.strip()
        )
        in page.locator(".flashes").inner_text()
    )
    check_page(page, width, language)

    page.goto("/review/cycles/1/inputs?district=4001")
    check_page(page, width, language)
    page.locator("ul.input-list a").first.click()
    check_page(page, width, language)
    page.select_option("#status", "considered")
    page.fill("#reason", "นำไปประกอบการทบทวนประเด็นยุทธศาสตร์ด้านน้ำ")
    page.get_by_role("button", name=words(language, "Save status")).click()
    check_page(page, width, language)

    page.goto("/review/cycles/1/revisions/new")
    check_page(page, width, language)
    page.locator(f'main a[href$="issue={REVISED_ISSUE[language]}"]').click()
    check_page(page, width, language)
    title = f"บริหารจัดการน้ำทั้งระบบ ({language}-{width})"
    page.fill("#title", title)
    page.fill("#text_after", "บริหารจัดการน้ำทั้งระบบ ขุดลอกแหล่งน้ำสาธารณะ และส่งเสริมการเก็บน้ำในไร่นา")
    page.fill("#rationale", "ประชาชนหลายตำบลเสนอให้ขุดลอกหนองน้ำก่อนฤดูแล้ง")
    page.get_by_role("button", name=words(language, "Save draft")).click()
    revision = int(re.search(r"revision=(\d+)", page.url).group(1))
    check_page(page, width, language)
    page.locator("input[name=input]:not([disabled])").first.check()
    page.get_by_role("button", name=words(language, "Cite in the revision")).click()
    page.get_by_role("link", name=words(language, "Back to the revision")).click()
    check_page(page, width, language)
    page.get_by_role("button", name=words(language, "Submit for review")).click()
    check_page(page, width, language)
    # someone other than its author approves it, with the provincial committee's decision
    page = open_page(width, language)
    sign_in(page, "approver")
    page.goto(f"/review/revisions/{revision}")
    page.fill("#meeting", "3/2569")
    page.fill("#decided_on", datetime.now(LOCAL_ZONE).date().isoformat())
    page.fill("#resolution", "ที่ประชุมมีมติเห็นชอบ")
    check_page(page, width, language)
    page.get_by_role("button", name=words(language, "Approve and publish")).click()
    assert (
        words(
            language, "Approved and published. The plan now reads as revised, and the cited inputs show it."
        )
        in page.locator(".flashes").inner_text()
    )
    check_page(page, width, language)

    page.goto(f"/revisions/{revision}")  # the public page of the revision
    assert title in page.locator("h1").inner_text()
    assert page.locator("ins").first.is_visible()
    check_page(page, width, language)
