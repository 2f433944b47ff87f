"""A subdistrict official signs in, schedules a hearing and a weekly series, records the minutes of
the hearing already held, transcribes a paper card and sees what their reminders list. Every page
on the way passes axe-core, fits the width and (in Thai) has no untranslated wording."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from consult.hearings.rules import is_working_day
from consult.i18n import LOCAL_ZONE
from tests.browser.conftest import CHROMIUM, JOURNEYS, check_page, plural_words, sign_in, words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
HELD_HEARING = 1  # the demo hearing in the official's subdistrict, held already
# Each run books its own afternoon hours so that the two runs never clash in the district.
HOURS = {"th": ("13:00", "14:00", "14:00", "15:00"), "en": ("15:00", "16:00", "16:00", "17:00")}


def working_day_from(start: date, *, also_a_week_later: bool = False) -> date:
    day = start
    while not (is_working_day(day) and (not also_a_week_later or is_working_day(day + timedelta(days=7)))):
        day += timedelta(days=1)
    return day


@JOURNEYS
def test_official_schedules_records_minutes_transcribes_and_sees_reminders(open_page, width, language):
    page = open_page(width, language)
    today = datetime.now(LOCAL_ZONE).date()
    single_starts, single_ends, series_starts, series_ends = HOURS[language]
    sign_in(page, "official")
    check_page(page, width, language)

    page.goto("/staff/hearings/new")
    check_page(page, width, language)
    single_title = f"เวทีประชาคมด้านน้ำ หมู่ 3 ({language}-{width})"  # Thai either way: the other run sees it
    page.fill("#title", single_title)
    assert page.locator("input[name=subdistricts]").first.is_checked()  # the official's one subdistrict
    page.fill("#day", working_day_from(today + timedelta(days=20)).isoformat())
    page.fill("#starts", single_starts)
    page.fill("#ends", single_ends)
    page.fill("#venue", f"ศาลาประชาคมหมู่ 3 ({language})")
    page.fill("#capacity", "60")
    page.locator("input[name=issues]").nth(1).check()
    page.fill("#agenda-0-starts", single_starts)
    page.fill("#agenda-0-title", "ชี้แจงประเด็นยุทธศาสตร์ด้านน้ำ")
    page.get_by_role("button", name=words(language, "Schedule and publish"), exact=True).click()
    assert words(language, "The hearing is scheduled and published.") in page.locator(".flashes").inner_text()
    assert single_title in page.locator("h1").inner_text()
    check_page(page, width, language)

    page.goto("/staff/hearings/series/new")
    series_title = f"เวทีประชาคมประจำสัปดาห์ ({language}-{width})"
    first_day = working_day_from(
        today + timedelta(days=22 if language == "th" else 29), also_a_week_later=True
    )
    page.fill("#title", series_title)
    page.fill("#first_day", first_day.isoformat())
    page.select_option("#frequency", "weekly")
    page.select_option("#weekday", str(first_day.weekday()))
    page.fill("#count", "2")
    page.fill("#starts", series_starts)
    page.fill("#ends", series_ends)
    page.fill("#venue", f"ห้องประชุม อบต. ({language})")
    page.locator("input[name=issues]").first.check()
    page.get_by_role("button", name=words(language, "Show the dates")).click()
    check_page(page, width, language)
    page.get_by_role("button", name=words(language, "Schedule and publish these hearings")).click()
    assert (
        plural_words(
            language,
            "%(count)s hearing is scheduled and published.",
            "%(count)s hearings are scheduled and published.",
            2,
        )
        in page.locator(".flashes").inner_text()
    )

    # the series lands on the reminders page, which lists the new hearings as upcoming
    assert page.get_by_role("heading", name=words(language, "Reminders"), exact=True).is_visible()
    upcoming = page.locator("li.hearing").all_inner_texts()
    assert sum(series_title in text for text in upcoming) == 2
    assert any(single_title in text for text in upcoming)
    check_page(page, width, language)

    page.goto(f"/staff/hearings/{HELD_HEARING}/minutes")
    check_page(page, width, language)
    page.fill("#attendance_citizen_female", "21")
    page.fill("#attendance_citizen_male", "17")
    page.fill("#attendance_government_unspecified", "4")
    page.fill("#minutes", "ที่ประชุมเสนอให้ขุดลอกหนองน้ำสาธารณะ และจัดตลาดสินค้าเกษตรอินทรีย์ประจำตำบล")
    page.get_by_role("button", name=words(language, "Save the minutes")).click()
    assert words(language, "The minutes and attendance are saved.") in page.locator(".flashes").inner_text()
    check_page(page, width, language)

    page.goto(f"/staff/hearings/{HELD_HEARING}/transcribe")
    check_page(page, width, language)
    page.fill("#text", "อยากให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาลส่งเสริมสุขภาพตำบลสัปดาห์ละครั้ง")
    page.select_option("#sector", "citizen")
    page.select_option("#age_band", "60_plus")
    page.get_by_role("button", name=words(language, "Save and enter the next")).click()
    saved = page.locator(".flashes").inner_text()
    assert words(language, "Saved as %(receipt)s.", receipt="")[:6] in saved
    assert page.locator("#text").input_value() == ""  # ready for the next card
    assert page.locator("#sector").input_value() == "citizen"
    check_page(page, width, language)
