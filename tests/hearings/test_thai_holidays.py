from datetime import date

from consult.hearings.rules import is_working_day, thai_holidays


def test_national_day_on_5_december():
    assert "วันชาติ" in thai_holidays(date(2025, 12, 5), date(2025, 12, 5))[date(2025, 12, 5)]


def test_a_holiday_on_a_saturday_gives_a_day_off_in_lieu():
    # 5 December 2026 is a Saturday; Monday 7 December is the substitute day.
    days = thai_holidays(date(2026, 12, 5), date(2026, 12, 7))
    assert list(days) == [date(2026, 12, 5), date(2026, 12, 7)]


def test_songkran_in_english():
    days = thai_holidays(date(2026, 4, 12), date(2026, 4, 16), language="en_US")
    assert days == {date(2026, 4, day): "Songkran Festival" for day in (13, 14, 15)}


def test_songkran_2025_falls_partly_on_sunday_so_16_april_is_off_too():
    days = thai_holidays(date(2025, 4, 13), date(2025, 4, 16))
    assert list(days) == [date(2025, 4, day) for day in (13, 14, 15, 16)]


def test_range_is_inclusive_ordered_and_crosses_years():
    days = thai_holidays(date(2025, 12, 31), date(2026, 1, 1))
    assert list(days) == [date(2025, 12, 31), date(2026, 1, 1)]


def test_an_ordinary_period_has_no_holidays():
    assert thai_holidays(date(2026, 6, 15), date(2026, 6, 19)) == {}


def test_working_days():
    assert is_working_day(date(2026, 6, 16))  # an ordinary Tuesday
    assert not is_working_day(date(2026, 6, 20))  # Saturday
    assert not is_working_day(date(2026, 6, 21))  # Sunday
    assert not is_working_day(date(2026, 4, 14))  # Songkran, a Tuesday
    assert not is_working_day(date(2026, 12, 7))  # in lieu of National Day
