"""Working days: Monday-Friday minus Vietnam's public holidays (the lunar Tết included) and configured dates."""

from datetime import date

import pytest

from memberaudit.checks.calendar import WorkCalendar, nth_working_day_after


@pytest.fixture(scope="module")
def calendar():
    return WorkCalendar(2025, 2027)


@pytest.mark.parametrize("start, n, expected", [
    (date(2026, 1, 15), 30, date(2026, 3, 5)),   # Tết 16-20/02/2026 skipped: weekdays alone give 26/02
    (date(2026, 1, 2), 1, date(2026, 1, 5)),     # Friday → Monday
    (date(2026, 4, 24), 1, date(2026, 4, 28)),   # Hùng Kings' day observed on Monday 27/04
    (date(2026, 4, 29), 1, date(2026, 5, 4)),    # 30/04 and 01/05, then the weekend
    (date(2026, 8, 28), 1, date(2026, 9, 3)),    # 31/08 (swapped day off), 01/09 and 02/09
])
def test_nth_working_day(calendar, start, n, expected):
    assert nth_working_day_after(calendar, start, n) == expected


def test_extra_holidays_move_deadlines():
    calendar = WorkCalendar(2025, 2027, [date(2026, 3, 2)])
    assert nth_working_day_after(calendar, date(2026, 1, 15), 30) == date(2026, 3, 6)
