"""When a partnership needs attention: overdue committees and actions, an agreement about to lapse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from essdesk.domain.french import format_date
from essdesk.domain.milestones import months_before

ENDING_WARNING_MONTHS = 3
OPEN_ACTION_STATUSES = ("planned", "in_progress", "postponed")


@dataclass(frozen=True)
class Flag:
    """Something the dashboard shows on a partnership, most urgent first by `due`."""

    partnership_id: object
    partnership_title: str
    kind: str  # "meeting_overdue", "action_overdue", "ending_soon"
    due: date
    message: str


def expected_meetings(per_year: int, start: date, end: date) -> int:
    """Committees an agreement expects between `start` and `end`, at `per_year` a year.

    « Au moins une fois par an » over 18 months expects 2: every started year counts, in
    anniversary years (leap days never add a year).
    """
    if per_year <= 0 or end < start:
        return 0
    after = end + timedelta(days=1)
    years = 0
    while months_before(start, -12 * (years + 1)) <= after:
        years += 1
    rest = (after - months_before(start, -12 * years)).days
    return per_year * years + (-(-per_year * rest // 365) if rest else 0)


def next_meeting_due(per_year: int, last: date | None, start: date | None) -> date | None:
    """When the next committee is due: one interval after the last one (or after the start)."""
    if per_year <= 0:
        return None
    since = last or start
    if since is None:
        return None
    return since + timedelta(days=365 // per_year)


def ends_soon(end: date | None, today: date) -> bool:
    """The agreement lapses within three months (and has not lapsed yet)."""
    return end is not None and today <= end <= months_before(today, -ENDING_WARNING_MONTHS)


def ending_message(end: date, today: date) -> str:
    days = (end - today).days
    when = (
        "aujourd'hui"
        if days == 0
        else f"le {format_date(end)} (dans {days} jour{'s' if days > 1 else ''})"
    )
    return f"La convention prend fin {when} : préparez son renouvellement ou son bilan final."
