"""A speed-meeting plan seen the way the printouts read it: by candidate, by table, by round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from xml.sax.saxutils import escape

from essdesk.domain.french import format_time
from essdesk.domain.scheduling.model import (
    Candidate,
    Instance,
    Meeting,
    Recruiter,
    Schedule,
    table_numbers,
)
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.domain.text import fold

NBSP = "\u00a0"


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order as a French reader expects it: « Élodie » next to « Emma »."""
    return fold(name), name


def time_text(moment: time) -> str:
    """« 14 h 05 » that never wraps inside a table cell."""
    return format_time(moment).replace(" ", NBSP)


def span_text(start: time, end: time) -> str:
    """« 14 h 24 – 14 h 34 »: may only wrap after the dash."""
    return f"{time_text(start)}{NBSP}– {time_text(end)}"


def markup(text: str) -> str:
    """Text made safe for a reportlab Paragraph (names may hold « & » or « < »)."""
    return escape(text)


@dataclass(frozen=True)
class RoomTable:
    """One physical table of the room."""

    number: int  # the room's global number, printed on the sign
    recruiter: Recruiter
    index: int  # the recruiter's own table index, from 1

    @property
    def of_recruiter(self) -> str:
        """« table 2 sur 3 » for recruiters hosting several tables, else empty."""
        if self.recruiter.tables <= 1:
            return ""
        return f"table {self.index} sur {self.recruiter.tables} de ce recruteur"


@dataclass(frozen=True)
class Slot:
    """What happens in one round, for a candidate or at a table."""

    round: int
    start: time
    end: time
    meeting: Meeting | None
    table: RoomTable | None
    candidate: Candidate | None
    recruiter_present: bool = True

    @property
    def span(self) -> str:
        return span_text(self.start, self.end)


class PlanView:
    """Lookups the printouts share, computed once from the plain scheduling data."""

    def __init__(self, instance: Instance, schedule: Schedule, timing: RoundTiming) -> None:
        self.instance = instance
        self.schedule = schedule
        self.timing = timing
        self.rounds = max(schedule.rounds, instance.rounds)
        self.spans = timing.round_times(self.rounds)
        numbers = table_numbers(instance.recruiters)
        self.tables = [
            RoomTable(numbers[(r.id, index)], r, index)
            for r in instance.recruiters
            for index in range(1, r.tables + 1)
        ]
        self._table_of = {(t.recruiter.id, t.index): t for t in self.tables}
        self._recruiters = {r.id: r for r in instance.recruiters}
        self._candidates = {c.id: c for c in instance.candidates}
        self._by_candidate: dict[str, dict[int, Meeting]] = {}
        self._by_table: dict[int, dict[int, Meeting]] = {}
        for meeting in sorted(schedule.meetings):
            if not 1 <= meeting.round <= self.rounds:
                raise ValueError(
                    f"Le planning cite le tour {meeting.round}, hors des tours 1 à {self.rounds}."
                )
            table = self.table_of(meeting)
            self._by_candidate.setdefault(meeting.candidate_id, {})[meeting.round] = meeting
            self._by_table.setdefault(table.number, {})[meeting.round] = meeting

    def table_of(self, meeting: Meeting) -> RoomTable:
        """The physical table of a meeting; a plan naming an unknown table is refused."""
        try:
            return self._table_of[(meeting.recruiter_id, meeting.table)]
        except KeyError:
            raise ValueError(
                f"Le planning cite la table {meeting.table} du recruteur "
                f"« {meeting.recruiter_id} », qui n'existe pas."
            ) from None

    def candidate(self, candidate_id: str) -> Candidate:
        found = self._candidates.get(candidate_id)
        return found if found is not None else Candidate(candidate_id, candidate_id)

    def candidates_sorted(self) -> list[Candidate]:
        return sorted(self.instance.candidates, key=lambda c: sort_key(c.name))

    def meeting_count(self, candidate_id: str) -> int:
        return len(self._by_candidate.get(candidate_id, {}))

    def candidate_slots(self, candidate_id: str) -> list[Slot]:
        """Every round for one candidate, with the meeting or None (a pause)."""
        meetings = self._by_candidate.get(candidate_id, {})
        slots = []
        for number, (start, end) in enumerate(self.spans, start=1):
            meeting = meetings.get(number)
            table = self.table_of(meeting) if meeting else None
            slots.append(Slot(number, start, end, meeting, table, self.candidate(candidate_id)))
        return slots

    def table_slots(self, table: RoomTable) -> list[Slot]:
        """Every round at one table, with its candidate or None (free or recruiter absent)."""
        meetings = self._by_table.get(table.number, {})
        recruiter = table.recruiter
        first = recruiter.available_from or 1
        last = recruiter.available_to or self.rounds
        slots = []
        for number, (start, end) in enumerate(self.spans, start=1):
            meeting = meetings.get(number)
            candidate = self.candidate(meeting.candidate_id) if meeting else None
            present = first <= number <= last or meeting is not None
            slots.append(Slot(number, start, end, meeting, table, candidate, present))
        return slots

    def break_after(self, round_number: int) -> tuple[time, time] | None:
        """The scheduled break after a round, unless it is the last round."""
        if round_number >= self.rounds:
            return None
        return self.timing.break_after(round_number)

    def break_text(self, round_number: int) -> str:
        """« Pause de 15 min · 15 h 10 – 15 h 25 » after that round, else empty."""
        found = self.break_after(round_number)
        if found is None:
            return ""
        minutes = self.timing.breaks[round_number]
        return f"Pause de {minutes}{NBSP}min · {span_text(*found)}"

    @property
    def day_span(self) -> str:
        """« de 14 h 00 à 15 h 50 » for the whole event."""
        if not self.spans:
            return ""
        return f"de {time_text(self.spans[0][0])} à {time_text(self.spans[-1][1])}"
