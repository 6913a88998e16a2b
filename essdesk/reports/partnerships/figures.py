"""The figures of a partnership review as plain data: the service fills them, the PDF reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartnerLine:
    name: str
    kind: str  # French label
    role: str


@dataclass(frozen=True)
class ActionLine:
    title: str
    year: int | None
    target: str
    indicator: str
    owner: str
    due_date: date | None
    status: str  # code
    status_label: str
    overdue: bool


@dataclass(frozen=True)
class AxisLine:
    position: int
    title: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class GovernanceLine:
    """One body (steering, technical committee…) over the period: held against expected."""

    kind: str
    label: str
    expected: int | None  # None: the agreement sets no frequency (working groups)
    held: int
    planned: int
    last_held: date | None


@dataclass(frozen=True)
class MeetingLine:
    held_on: date
    kind_label: str
    status_label: str
    attendees: str
    minutes: bool  # a text or a file of minutes is attached


@dataclass(frozen=True)
class EventLine:
    title: str
    start_date: date
    end_date: date | None
    sessions: int
    present: int


@dataclass(frozen=True)
class YearLine:
    year: int
    offers: int
    positions: int
    placements: int
    youths_placed: int


@dataclass(frozen=True)
class PairLine:
    """One mentoring pair as the review counts it: no name of the young person or volunteer."""

    company: str
    start_date: date
    end_date: date | None
    meetings: int
    outcome: str


@dataclass(frozen=True)
class PartnershipReviewData:
    """Everything the partnership review shows for one agreement and one period."""

    title: str
    partner_name: str
    signed_on: date | None
    start_date: date | None
    end_date: date | None
    description: str | None
    period_start: date
    period_end: date
    partners: tuple[PartnerLine, ...]
    axes: tuple[AxisLine, ...]
    governance: tuple[GovernanceLine, ...]
    meetings: tuple[MeetingLine, ...]
    events: tuple[EventLine, ...]
    employers: int  # employers covered by the agreement
    years: tuple[YearLine, ...]
    placements_by_contract: tuple[tuple[str, int], ...]
    pairs: tuple[PairLine, ...]
    youths_placed: int  # a young person hired twice counts once

    @property
    def pairs_by_company(self) -> list[tuple[str, int, int, int]]:
        """(company, pairs, still running, meetings) by company, most pairs first."""
        counts: dict[str, list[int]] = {}
        for x in self.pairs:
            line = counts.setdefault(x.company or "Sans entreprise renseignée", [0, 0, 0])
            line[0] += 1
            line[1] += x.end_date is None
            line[2] += x.meetings
        return sorted(((k, *v) for k, v in counts.items()), key=lambda r: (-r[1], r[0]))

    @property
    def pair_outcomes(self) -> list[tuple[str, int]]:
        """How the pairs ended in the period (outcome, count), most frequent first."""
        counts: dict[str, int] = {}
        for x in self.pairs:
            if x.end_date:
                label = x.outcome or "Issue non renseignée"
                counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda r: (-r[1], r[0]))

    @property
    def actions(self) -> list[ActionLine]:
        return [a for axis in self.axes for a in axis.actions]

    @property
    def offers(self) -> int:
        return sum(y.offers for y in self.years)

    @property
    def placements(self) -> int:
        return sum(y.placements for y in self.years)
