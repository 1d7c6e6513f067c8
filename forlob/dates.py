"""Calendar arithmetic for legal deadlines (ARCHITECTURE.md §Deadlines).

Legal dates are local calendar dates in Europe/Copenhagen, so these functions work on
``datetime.date`` only: a change to or from summer time can never move a deadline.
"""

import calendar
from datetime import date, timedelta

import holidays


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month.

    31 January + 1 month = 28 (or 29) February: "1 month" after discharge (BEK 1477 §4(2))
    must not run into the month after. ``months`` may be negative.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)


def danish_holiday(day: date) -> bool:
    """Whether ``day`` is a Danish public holiday (helligdag), from the ``holidays`` library.

    The library follows the law: Store Bededag is a working day from 2024 (lov nr. 62 af
    28. februar 2023). Christmas Eve, New Year's Eve and Constitution Day are not public holidays.
    """
    return day in holidays.country_holidays("DK", years=day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it.

    A complaint deadline that ends on a Saturday, Sunday or public holiday runs to the next
    working day (general administrative-law practice; DOMAIN.md §6 "Weekends and holidays").
    """
    while day.weekday() >= 5 or danish_holiday(day):
        day += timedelta(days=1)
    return day
