"""What a planner takes to the committee: the coverage map, the printable report (printed to A4
by Chromium, Thai intact) and the public cycle page's map. Every page passes axe-core, fits the
width and (in Thai) has no untranslated wording."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, JOURNEYS, check_page, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]


@JOURNEYS
def test_planner_reads_the_map_and_prints_the_committee_report(open_page, width, language, tmp_path):
    page = open_page(width, language)
    page.goto("/cycles/1")
    check_page(page, width, language)
    assert page.locator("svg.chart-map .map-mark").count() > 150  # Khon Kaen's placed subdistricts
    page.locator("details.map-table summary").click()
    assert (
        page.locator("details.map-table tbody tr").count() == page.locator("svg.chart-map .map-mark").count()
    )

    sign_in(page, "planner")
    page.goto("/review/cycles/1/coverage")
    check_page(page, width, language)
    assert page.locator("svg.chart-map").get_attribute("aria-describedby") == "by-subdistrict"
    assert page.locator("svg.chart-map .map-heard").count() >= 1

    page.goto("/review/cycles/1/report")
    check_page(page, width, language)
    assert page.locator(".report-headline dd").count() == 4
    page.emulate_media(media="print")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF") and body.count(b"/Type /Page\n") + body.count(b"/Type /Page ") >= 3
