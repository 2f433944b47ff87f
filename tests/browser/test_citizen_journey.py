"""A citizen on a 360 px phone, with JavaScript off, finds a hearing through the pickers, gives
input in Thai and opens the tracking page; every page stays under 60 KB, fonts aside. Then the whole
journey with registration, in Thai on a phone and in English on a desktop, every page checked by
axe-core, for width and for untranslated wording."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, JOURNEYS, PHONE, assert_accessible, check_page, words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
PAGE_BUDGET = 60 * 1024
INPUT_TEXT = "อยากให้ขุดลอกหนองน้ำสาธารณะของหมู่บ้านก่อนหน้าแล้ง ชาวบ้านจะได้มีน้ำใช้ทำการเกษตรตลอดปี"


@pytest.fixture
def phone_without_javascript(browser, live_server):
    context = browser.new_context(
        viewport={"width": PHONE, "height": 800}, locale="th", base_url=live_server, java_script_enabled=False
    )
    context.add_cookies([{"name": "lang", "value": "th", "url": live_server}])
    page = context.new_page()
    transferred = {}  # document URL → bytes of it and what it loaded, fonts aside
    current = []

    def count(request):
        response = request.response()
        if response is None or "/static/fonts/" in request.url or 300 <= response.status < 400:
            return
        if request.is_navigation_request():
            current[:] = [request.url]
            transferred[request.url] = 0
        if current:
            transferred[current[0]] += len(response.body())

    page.on("requestfinished", count)
    page.transferred = transferred
    yield page
    context.close()


def fits_the_phone(page):
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, page.url


def test_citizen_finds_a_hearing_gives_input_in_thai_and_tracks_it(phone_without_javascript):
    page = phone_without_javascript
    page.goto("/")
    page.get_by_role("link", name="ค้นหาเวที").first.click()
    page.get_by_role("link", name="ขอนแก่น", exact=True).click()
    page.get_by_role("link", name="เมืองขอนแก่น", exact=True).click()
    page.locator('a[href*="subdistrict=400102"]').click()
    fits_the_phone(page)
    page.locator("li.hearing a").first.click()
    page.get_by_role("link", name="แสดงความคิดเห็นต่อเวทีนี้").click()
    fits_the_phone(page)
    page.fill("#text", INPUT_TEXT)
    page.select_option("#sector", "civil_society")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()

    assert "ขอบคุณ ระบบได้รับความคิดเห็นของท่านแล้ว" in page.locator("h1").inner_text()
    receipt = page.locator("p.receipt").inner_text().strip()
    assert len(receipt) == 9 and receipt[4] == "-"
    fits_the_phone(page)
    page.get_by_role("link", name="ติดตามความคิดเห็น").first.click()
    page.fill("#receipt", receipt.lower().replace("-", " "))
    page.get_by_role("button", name="ติดตาม").click()
    assert receipt in page.locator("h1").inner_text()
    assert "ได้รับแล้ว" in page.locator("dl.facts").inner_text()
    fits_the_phone(page)

    assert len(page.transferred) >= 7
    heavy = {url: size for url, size in page.transferred.items() if size >= PAGE_BUDGET}
    assert heavy == {}, heavy


def test_the_citizen_pages_pass_the_accessibility_checks_on_a_phone(open_page):
    page = open_page(PHONE, "th")
    for url in (
        "/hearings?province=40&district=4001&subdistrict=400102",
        "/hearings/2/input",
        "/track",
        "/cycles/1/voices",
        "/privacy",
    ):
        page.goto(url)
        fits_the_phone(page)
        assert_accessible(page)


@JOURNEYS
def test_citizen_finds_registers_for_a_hearing_gives_input_and_tracks_it(open_page, width, language):
    page = open_page(width, language)
    page.goto("/")
    check_page(page, width, language)
    page.get_by_role("link", name=words(language, "Find a hearing")).first.click()
    check_page(page, width, language)
    page.locator('a[href$="province=40"]').click()
    page.locator('a[href$="district=4001"]').click()
    check_page(page, width, language)
    page.locator('a[href*="subdistrict=400102"]').click()
    check_page(page, width, language)
    page.locator("li.hearing a").first.click()
    check_page(page, width, language)
    hearing_url = page.url

    page.get_by_role("link", name=words(language, "Register to attend")).click()
    check_page(page, width, language)
    page.fill("#name", "สมศรี ใจดี")
    page.fill("#phone", "081 234 5678")
    page.check("#consent")
    page.get_by_role("button", name=words(language, "Register"), exact=True).click()
    assert words(language, "Your place is confirmed.") in page.locator("div.success").inner_text()
    assert page.locator("p.receipt").inner_text().strip()
    check_page(page, width, language)

    page.goto(hearing_url)
    page.get_by_role("link", name=words(language, "Give input on this hearing")).click()
    check_page(page, width, language)
    page.get_by_role("button", name=words(language, "Send my input")).click()  # nothing written yet
    assert page.locator(".error-summary").is_visible()
    check_page(page, width, language)
    page.fill("#text", INPUT_TEXT)
    page.select_option("#sector", "private")
    page.get_by_role("button", name=words(language, "Send my input")).click()
    receipt = page.locator("p.receipt").inner_text().strip()
    check_page(page, width, language)

    page.get_by_role("link", name=words(language, "Track my input")).first.click()
    check_page(page, width, language)
    page.fill("#receipt", receipt)
    page.get_by_role("button", name=words(language, "Track"), exact=True).click()
    assert receipt in page.locator("h1").inner_text()
    check_page(page, width, language)
