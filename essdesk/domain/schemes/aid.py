"""State aid per month: rate × gross hourly SMIC in force on the 1st × monthly hours, pro rata."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from essdesk.domain.french import format_date
from essdesk.domain.schemes.calendar import month_end, month_start

CENT = Decimal("0.01")


def monthly_hours(weekly_hours: Decimal) -> Decimal:
    """Weekly hours × 52 / 12, rounded to 2 decimals: 151.67 h for 35 h."""
    return (Decimal(weekly_hours) * 52 / 12).quantize(CENT, rounding=ROUND_HALF_UP)


def shipped_rates() -> list[tuple[date, Decimal]]:
    """The SMIC table shipped with ESS Desk (smic.csv in this package)."""
    text = resources.files(__package__).joinpath("smic.csv").read_text(encoding="utf-8")
    rates = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("date;"):
            continue
        day, value = line.split(";")
        d, m, y = (int(x) for x in day.split("/"))
        rates.append((date(y, m, d), Decimal(value)))
    return rates


class SmicTable:
    """Dated gross hourly SMIC rates; a later entry for the same date replaces the earlier."""

    def __init__(self, rates: Iterable[tuple[date, Decimal]]) -> None:
        merged = dict(rates)
        self._days = sorted(merged)
        self._rates = [merged[d] for d in self._days]

    @classmethod
    def shipped(cls, extra: Iterable[tuple[date, Decimal]] = ()) -> SmicTable:
        return cls([*shipped_rates(), *extra])

    def rate_on(self, day: date) -> Decimal:
        index = bisect.bisect_right(self._days, day) - 1
        if index < 0:
            raise LookupError(
                f"aucun SMIC connu au {format_date(day)} : ajoutez-le dans les paramètres"
            )
        return self._rates[index]

    def entries(self) -> list[tuple[date, Decimal]]:
        return list(zip(self._days, self._rates, strict=True))


@dataclass(frozen=True)
class AidMonth:
    month: date  # first day of the month
    days_covered: int
    days_in_month: int
    rate: Decimal  # percent
    monthly_hours: Decimal
    smic: Decimal
    amount: Decimal


def aid_by_month(
    start: date,
    end: date,
    *,
    weekly_hours: Decimal,
    rate: Decimal,
    smic: SmicTable,
    window: tuple[date, date] | None = None,
) -> Iterator[AidMonth]:
    """The aid of each month from `start` to `end` (inclusive), optionally clipped to `window`.

    A month only partly covered is paid pro rata of its calendar days; the SMIC is the one in
    force on the 1st of the month; each month's amount is rounded to the cent.
    """
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1])
    hours = monthly_hours(weekly_hours)
    month = month_start(start)
    while month <= end:
        last = month_end(month)
        covered = (min(end, last) - max(start, month)).days + 1
        days = last.day
        hourly = smic.rate_on(month)
        full = Decimal(rate) / 100 * hourly * hours
        amount = (full * covered / days).quantize(CENT, rounding=ROUND_HALF_UP)
        yield AidMonth(month, covered, days, Decimal(rate), hours, hourly, amount)
        month = last + timedelta(days=1)


def total(months: Iterable[AidMonth]) -> Decimal:
    return sum((m.amount for m in months), Decimal(0))
