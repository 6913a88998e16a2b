"""French formatting of dates, times, numbers and money: the one place the UI, PDFs, CSV and CLI use."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NARROW_NBSP = "\u202f"  # French thousands separator (as Qt's French locale writes it)


def format_date(day: dt.date | None) -> str:
    """jj/mm/aaaa; empty for no date."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_datetime(moment: dt.datetime | None) -> str:
    """jj/mm/aaaa hh:mm in local time (aware values are converted first)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def format_clock(moment: dt.time | None) -> str:
    """hh:mm, the form spreadsheets and entry fields use."""
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def format_time(moment: dt.time) -> str:
    """French typographic time for printed documents: 14 h 05."""
    return f"{moment.hour} h {moment.minute:02d}"


def format_span(start: dt.time, end: dt.time) -> str:
    """A time span such as « 14 h 24 – 14 h 34 »."""
    return f"{format_time(start)} – {format_time(end)}"


def format_month(day: dt.date) -> str:
    """mm/aaaa, the month column of aid tables."""
    return f"{day.month:02d}/{day.year:04d}"


def format_number(
    number: int | float | Decimal, decimals: int | None = None, *, grouping: bool = False
) -> str:
    """Decimal comma; `decimals` rounds (trailing zeros dropped), `grouping` adds thin spaces.

    Without grouping Excel reads the text back as a number, so CSV cells use the default.
    """
    if isinstance(number, bool):
        raise TypeError("a boolean is not a number")
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return _group(text) if grouping else text.replace(".", ",")


def format_money(amount: int | float | Decimal, *, grouping: bool = True) -> str:
    """Euros to the cent: 1 234,56 € (thin no-break spaces), always two decimals."""
    value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    text = format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")
    return (_group(text) if grouping else text.replace(".", ",")) + f"{NARROW_NBSP}€"


def format_amount(amount: int | float | Decimal) -> str:
    """Euros to the cent without the sign and without grouping (CSV cells): 1234,56."""
    return format_money(amount, grouping=False).removesuffix(f"{NARROW_NBSP}€")


def format_count(n: int, singular: str, plural: str | None = None) -> str:
    """« 1 fiche », « 2 fiches », « 12 345 fiches » (0 and 1 take the singular in French)."""
    word = singular if abs(n) < 2 else (plural or singular + "s")
    return f"{format_number(n, grouping=True)} {word}"


def _group(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = NARROW_NBSP.join(groups)
    return sign + grouped + ("," + fraction if fraction else "")
