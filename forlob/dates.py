"""Calendar arithmetic for legal deadlines (ARCHITECTURE.md §Deadlines).

Legal dates are local calendar dates in Europe/Copenhagen, so these functions work on
``datetime.date`` only: a change to or from summer time can never move a deadline.
"""

import calendar
from datetime import date


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
