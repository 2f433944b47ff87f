from datetime import UTC, date, datetime

from consult.i18n import buddhist_year, format_date, format_datetime, format_time_range


def test_buddhist_year_is_common_era_plus_543():
    assert buddhist_year(2026) == 2569


def test_thai_dates_use_the_buddhist_era():
    assert format_date(date(2026, 11, 23), language="th") == "23 พฤศจิกายน 2569"
    assert format_date(date(2026, 11, 23), "short", language="th") == "23 พ.ย. 2569"
    assert format_date(date(2026, 11, 23), "full", language="th") == "วันจันทร์ที่ 23 พฤศจิกายน 2569"


def test_english_dates_use_the_common_era():
    assert format_date(date(2026, 11, 23), language="en") == "23 November 2026"
    assert format_date(date(2026, 11, 23), "full", language="en") == "Monday, 23 November 2026"


def test_instants_are_shown_in_bangkok_time():
    instant = datetime(2026, 12, 31, 18, 30, tzinfo=UTC)  # 01:30 on 1 January in Bangkok
    assert format_datetime(instant, language="th") == "1 มกราคม 2570 เวลา 01:30 น."
    assert format_datetime(instant, language="en") == "1 January 2027, 01:30"


def test_time_range_on_one_day():
    start = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
    end = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
    assert format_time_range(start, end, language="th") == "วันอังคารที่ 24 พฤศจิกายน 2569 เวลา 09:30–12:00 น."


def test_empty_values_format_as_empty_text():
    assert format_date(None) == "" and format_datetime(None) == ""
