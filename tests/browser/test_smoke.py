from tests.browser.conftest import DESKTOP, PHONE, assert_accessible


def test_home_page_in_thai_and_english_at_both_widths(open_page):
    for language, heading in (("th", "ร่วมแสดงความคิดเห็น"), ("en", "Have your say")):
        for width in (PHONE, DESKTOP):
            page = open_page(width, language)
            page.goto("/")
            assert page.locator("html").get_attribute("lang") == language
            assert heading in page.locator("h1").inner_text()
            # nothing overflows sideways on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert_accessible(page)
