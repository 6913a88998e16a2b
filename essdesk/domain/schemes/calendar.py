"""Month and age arithmetic the way the rules read it (docs/rules.md, « Lecture des bornes »)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier if negative), clamped to the month's last day.

    31/08/2014 + 6 months → 28/02/2015; 31/05 − 3 months → 28/02 (or 29/02).
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def birthday(birth: date, age: int) -> date:
    """The day a person born on `birth` turns `age` (29 February → 28 February, clamped)."""
    return add_months(birth, 12 * age)


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`."""
    years = day.year - birth.year
    return years if birthday(birth, years) <= day else years - 1


def months_covered(start: date, end: date) -> int:
    """Whole months from `start` to `end` inclusive: 01/09/2014 → 31/08/2015 is 12 months."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while add_months(start, months) > end + timedelta(days=1):
        months -= 1
    while add_months(start, months + 1) <= end + timedelta(days=1):
        months += 1
    return months


def lasts_at_least(start: date, end: date, months: int) -> bool:
    """Whether the period start..end (inclusive) covers `months` months."""
    return end + timedelta(days=1) >= add_months(start, months)


def lasts_at_most(start: date, end: date, months: int) -> bool:
    """Whether the period start..end (inclusive) stays within `months` months."""
    return end + timedelta(days=1) <= add_months(start, months)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
