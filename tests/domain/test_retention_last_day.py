"""The last day whose retention has ended by a given day, against a brute-force search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from beratung_desktop.domain.privacy import add_months, retention_last_day


def _brute_force(today: date, months: int) -> date:
    # add_months(day, months) >= day, so the answer is not after today; walk back from there.
    day = today
    while add_months(day, months) > today:
        day -= timedelta(days=1)
    return day


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("months", [1, 2, 6, 11, 12, 13, 24, 36, 48, 120])
def test_matches_brute_force_over_years_with_month_ends_and_leap_days(months: int) -> None:
    # Every day of 2023-2025 for the common policies (includes 29 February 2024 and every month end).
    for today in _days(date(2023, 1, 1), date(2025, 3, 31)) if months in (1, 12, 36) else _month_edges():
        assert retention_last_day(today, months) == _brute_force(today, months), (today, months)


def _month_edges() -> list[date]:
    days = []
    for year in range(2020, 2030):
        for month in range(1, 13):
            first = date(year, month, 1)
            end = add_months(first, 1) - timedelta(days=1)
            days += [first, first + timedelta(days=1), end - timedelta(days=2), end - timedelta(days=1), end]
    return days


def test_the_day_after_has_not_ended() -> None:
    for today in _month_edges():
        for months in (1, 3, 36):
            last = retention_last_day(today, months)
            assert add_months(last, months) <= today < add_months(last + timedelta(days=1), months)


def test_leap_day_examples() -> None:
    # 29 February 2024 + 12 months is 28 February 2025: both 28 and 29 February 2024 end that day.
    assert retention_last_day(date(2025, 2, 28), 12) == date(2024, 2, 29)
    assert retention_last_day(date(2025, 2, 27), 12) == date(2024, 2, 27)
    # 31 March + 1 month is 30 April: 30 April ends 30 March and 31 March.
    assert retention_last_day(date(2025, 4, 30), 1) == date(2025, 3, 31)
