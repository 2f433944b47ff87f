"""Keyboard-only use, visible focus, announced errors and 200 % zoom on the journeys' forms."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, PHONE, check_page, sign_in, words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
ZOOMED_WIDTH = 640  # a 1280 px screen at 200 %
CITIZEN_FORMS = ["/login", "/hearings/2/register", "/hearings/2/input", "/track"]
OFFICIAL_FORMS = [
    "/staff/hearings/new",
    "/staff/hearings/series/new",
    "/staff/hearings/1/minutes",
    "/staff/hearings/1/transcribe",
]
PLANNER_FORMS = [
    "/staff/cycles/new",
    "/staff/proposals/new",
    "/review/",
    "/review/cycles/1/inputs",
    "/review/cycles/1/revisions/new",
]
ZOOMED_PAGES = {
    None: [
        "/",
        "/hearings?province=40&district=4001&subdistrict=400102",
        "/hearings/2",
        "/hearings/2/input",
        "/track",
        "/cycles/1",
        "/cycles/1/results",
        "/cycles/1/voices",
    ],
    "official": [
        "/staff/reminders",
        "/staff/hearings/new",
        "/staff/hearings/1/minutes",
        "/staff/hearings/1/transcribe",
    ],
    "planner": [
        "/review/",
        "/review/cycles/1/inputs",
        "/review/cycles/1/coverage",
        "/staff/proposals/new",
        "/review/cycles/1/revisions",
    ],
}

# What the focused element is, whether a sighted keyboard user can see it, and whether it is a control
# a form needs. Focus counts as visible with an outline or a box shadow of at least 2 px.
FOCUSED_JS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {key: element.id || element.name || element.textContent.trim().slice(0, 40),
          tag: element.tagName, visible: outline || shadow,
          inMain: !!element.closest('main')};
}"""
# Every control of the page's forms that a person can reach (not hidden, not disabled).
CONTROLS_JS = """() => [...document.querySelectorAll(
    'main form :is(input:not([type=hidden]), select, textarea, button):not([disabled]):not([tabindex="-1"])')]
  .filter(element => element.offsetParent !== null && !element.closest('details:not([open])'))
  .map(element => element.id || element.name || element.textContent.trim().slice(0, 40))"""


def tab_through(page, limit: int = 400) -> list[dict]:
    """Presses Tab from the skip link, the first stop of every page, until focus comes round again,
    recording each stop (a field's autofocus would otherwise move the start)."""
    page.locator("a.skip").focus()
    stops = [page.evaluate(FOCUSED_JS)]
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or (stops and focused == stops[0]):
            break
        stops.append(focused)
    return stops


def assert_keyboard_reaches_every_control_with_visible_focus(page) -> None:
    controls = page.evaluate(CONTROLS_JS)
    stops = tab_through(page)
    reached = {stop["key"] for stop in stops}
    assert [control for control in controls if control not in reached] == [], page.url
    assert [stop["key"] for stop in stops if not stop["visible"]] == [], f"{page.url}: focus not visible"


def test_citizen_forms_by_keyboard_alone_with_visible_focus(open_page):
    page = open_page(PHONE, "th")
    for url in CITIZEN_FORMS:
        page.goto(url)
        assert_keyboard_reaches_every_control_with_visible_focus(page)


def test_staff_forms_by_keyboard_alone_with_visible_focus(open_page):
    page = open_page(PHONE, "th")
    sign_in(page, "official")
    for url in OFFICIAL_FORMS:
        page.goto(url)
        assert_keyboard_reaches_every_control_with_visible_focus(page)
    page = open_page(PHONE, "th")
    sign_in(page, "planner")
    for url in PLANNER_FORMS:
        page.goto(url)
        assert_keyboard_reaches_every_control_with_visible_focus(page)


def test_citizen_gives_input_with_the_keyboard_only(open_page):
    page = open_page(PHONE, "th")
    page.goto("/hearings/2/input")
    page.locator("body").focus()
    page.keyboard.press("Tab")
    skip_link = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip_link == "#main"
    page.keyboard.press("Enter")
    while page.evaluate("document.activeElement.id") != "text":
        page.keyboard.press("Tab")
    page.keyboard.type("ขอให้ซ่อมถนนลูกรังเข้าหมู่บ้านก่อนหน้าฝน")
    while page.evaluate("document.activeElement.id") != "sector":
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    assert page.locator("#sector").input_value() != ""
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("p.receipt").is_visible()


@pytest.mark.parametrize("language", ["th", "en"])
def test_errors_are_announced_focused_and_tied_to_their_fields(open_page, language):
    page = open_page(PHONE, language)
    page.goto("/hearings/2/input")
    page.get_by_role("button", name=words(language, "Send my input")).click()
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    # without JavaScript, the summary takes the focus as the page loads, so a screen reader reads it
    page.wait_for_function("document.activeElement.classList.contains('error-summary')", timeout=5000)
    text = page.locator("#text")
    assert text.get_attribute("aria-invalid") == "true"
    message = page.locator("#" + text.get_attribute("aria-describedby").split()[-1])
    assert message.inner_text() and message.inner_text() in summary.inner_text()
    summary.locator("a[href='#text']").click()
    assert page.evaluate("document.activeElement.id") == "text"
    check_page(page, PHONE, language)


def test_pages_at_200_percent_zoom_show_no_sideways_scrolling(browser, live_server):
    context = browser.new_context(
        viewport={"width": ZOOMED_WIDTH, "height": 450},
        device_scale_factor=2,
        locale="th",
        base_url=live_server,
        bypass_csp=True,
    )
    context.add_cookies([{"name": "lang", "value": "th", "url": live_server}])
    try:
        for user, urls in ZOOMED_PAGES.items():
            page = context.new_page()
            if user:
                sign_in(page, user)
            for url in urls:
                page.goto(url)
                check_page(page, ZOOMED_WIDTH, "th")
            page.close()
            context.clear_cookies()
            context.add_cookies([{"name": "lang", "value": "th", "url": live_server}])
    finally:
        context.close()
