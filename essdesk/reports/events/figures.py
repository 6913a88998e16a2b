"""The figures of the event report as plain data: the service fills them, the PDF reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


def _share(part: int, whole: int | None) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class SessionFigures:
    """One session and its attendance sheet: `registered` counts every line of the sheet."""

    title: str
    format_code: str
    format_label: str
    starts_at: datetime
    ends_at: datetime | None
    room: str | None
    capacity: int | None
    audience: str
    registered: int  # young people's registrations still standing
    present: int
    absent: int
    cancelled: int = 0  # désinscrits
    refused: int = 0  # refused (session full, deadline passed)
    professionals: int = 0  # professionals present
    recruiters: int = 0  # recruiters present
    offers: int = 0  # offers presented at the session
    registration_deadline: date | None = None

    @property
    def not_recorded(self) -> int:
        """Lines still marked "registered": the presence was not taken."""
        return self.registered - self.present - self.absent

    @property
    def fill_rate(self) -> float | None:
        return _share(self.present, self.capacity)


@dataclass(frozen=True)
class Breakdown:
    label: str
    count: int


@dataclass(frozen=True)
class YouthProfile:
    """Followed young people who came (or, before presence is taken, who registered)."""

    basis: str  # "present", or "registered" when no presence has been recorded yet
    youths: int
    walk_ins: int  # people without a file in the base, counted apart
    qpv: int
    rural_zone: int
    # None: the user does not see every young person's RQTH (« jeunes suivis seulement », a
    # role without it): a count of the visible ones would be silently short.
    rqth: int | None
    by_level: tuple[Breakdown, ...]
    by_commune: tuple[Breakdown, ...]

    @property
    def qpv_share(self) -> float | None:
        return _share(self.qpv, self.youths)

    @property
    def rural_share(self) -> float | None:
        return _share(self.rural_zone, self.youths)


@dataclass(frozen=True)
class RecruiterOutcomes:
    """What one recruiter's meetings gave; `not_recorded` = held but no outcome entered."""

    name: str
    tables: int
    present: bool
    meetings: int = 0
    interested: int = 0
    second_interview: int = 0
    hired: int = 0
    no_follow_up: int = 0
    not_recorded: int = 0

    @property
    def with_follow_up(self) -> int:
        return self.interested + self.second_interview + self.hired


# Outcome code (MEETING_OUTCOMES) → field of RecruiterOutcomes; NULL goes to `not_recorded`.
OUTCOME_FIELDS = {
    "interested": "interested",
    "second_interview": "second_interview",
    "hired": "hired",
    "none": "no_follow_up",
}
COUNT_FIELDS = ("tables", "meetings", *OUTCOME_FIELDS.values(), "not_recorded")


@dataclass(frozen=True)
class SpeedMeetingFigures:
    """A speed meeting held in one of the event's sessions."""

    title: str
    session_title: str
    rounds: int
    recruiters: tuple[RecruiterOutcomes, ...]
    candidates: int
    candidates_present: int
    candidates_no_show: int
    walk_ins: int
    meetings_planned: int
    meetings_held: int
    slots: int  # table-rounds offered by the recruiters who came
    candidates_met: int  # candidates with at least one meeting held
    wishes: int
    wishes_met: int  # wishes whose meeting was held
    objective: float | None
    bound: float | None

    @property
    def recruiters_present(self) -> int:
        return sum(1 for r in self.recruiters if r.present)

    @property
    def candidates_not_recorded(self) -> int:
        return self.candidates - self.candidates_present - self.candidates_no_show

    @property
    def fill_rate(self) -> float | None:
        return _share(self.meetings_held, self.slots)

    @property
    def plan_quality(self) -> float | None:
        """Objective over bound: 1.0 means no plan could satisfy the wishes better."""
        return _share(self.objective or 0, self.bound) if self.bound else None

    @property
    def totals(self) -> RecruiterOutcomes:
        counts = {k: sum(getattr(r, k) for r in self.recruiters) for k in COUNT_FIELDS}
        return RecruiterOutcomes(name="Total", present=True, **counts)


@dataclass(frozen=True)
class EventReportData:
    """Everything the event report shows, read in one go."""

    title: str
    kind: str
    start_date: date
    end_date: date | None
    place: str | None
    description: str | None
    sessions: tuple[SessionFigures, ...]
    profile: YouthProfile
    speed_meetings: tuple[SpeedMeetingFigures, ...]
    outcomes: TracedOutcomes | None = None
    partners: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return ((self.end_date or self.start_date) - self.start_date).days + 1

    @property
    def registered(self) -> int:
        return sum(s.registered for s in self.sessions)

    @property
    def present(self) -> int:
        return sum(s.present for s in self.sessions)

    @property
    def absent(self) -> int:
        return sum(s.absent for s in self.sessions)

    @property
    def cancelled(self) -> int:
        return sum(s.cancelled for s in self.sessions)

    @property
    def refused(self) -> int:
        return sum(s.refused for s in self.sessions)

    @property
    def professionals(self) -> int:
        return sum(s.professionals for s in self.sessions)

    @property
    def recruiters_present(self) -> int:
        return sum(s.recruiters for s in self.sessions)


@dataclass(frozen=True)
class TracedOutcomes:
    """What followed the event, read from positionings and placements (never typed twice).

    The people counted are the young people present at a session; the window runs from the
    first day of the event to `window_end` (three months after its last day).
    """

    window_end: date
    youths_present: int
    positionings: int  # positionings proposed in the window
    positionings_event_employers: int  # of which on an employer of the event
    interviews: int  # positionings that reached an interview or a hire
    interviews_event_employers: int  # of which on an employer of the event
    hires: int  # placements started in the window
    hires_event_employers: int  # of which with an employer of the event
    event_employers: int  # employers present: speed-meeting recruiters, partners, offers shown


RQTH_RESERVED = "réservé"  # the cell of an RQTH count the user may not see whole


def rqth_cell(count: int | None) -> str:
    return RQTH_RESERVED if count is None else str(count)
