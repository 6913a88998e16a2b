"""Counts on reportlab charts written the French way: whole steps, « 1 500 », never « 2.5 »."""

from __future__ import annotations

import math

from essdesk.domain.french import format_number


def french_count(value: float) -> str:
    """A count as a French reader writes it: thin spaces between thousands, no decimal point."""
    return format_number(round(value), grouping=True)


def count_scale(chart, top: float, ticks: int = 5) -> None:
    """Value axis from 0 in whole, round steps (1, 2, 5 × 10ⁿ) above `top`, French labels.

    Reportlab's default picks steps such as 0.5 and writes them « 0.5 »: a count has no halves,
    and a French page has no decimal point.
    """
    top = max(1.0, float(top))
    steps = (factor * 10.0**power for power in range(12) for factor in (1, 2, 5))
    step = next(s for s in steps if top * 1.15 / s <= ticks)
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.valueStep = step
    # Room above the highest bar for its label.
    axis.valueMax = step * math.ceil(top * 1.15 / step)
    axis.labelTextFormat = french_count
    chart.barLabelFormat = french_count
