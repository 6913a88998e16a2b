"""Every speed-meeting printout at once, and the plan as a CSV for a spreadsheet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from essdesk.domain.french import format_span
from essdesk.domain.scheduling.model import Instance, Schedule
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.exchange.writers import write_csv
from essdesk.reports.speed_meetings.base import Printout
from essdesk.reports.speed_meetings.cards import CandidateCards, candidate_timetables_pdf
from essdesk.reports.speed_meetings.plan_view import PlanView
from essdesk.reports.speed_meetings.room import (
    MasterGrid,
    TableSigns,
    master_grid_pdf,
    table_signs_pdf,
)
from essdesk.reports.speed_meetings.sheets import RecruiterSheets, recruiter_sheets_pdf

__all__ = [
    "candidate_timetables_pdf",
    "master_grid_pdf",
    "recruiter_sheets_pdf",
    "schedule_csv",
    "table_signs_pdf",
    "write_printouts",
]


def schedule_csv(
    instance: Instance, schedule: Schedule, timing: RoundTiming, path: str | Path
) -> Path:
    """The plan for a spreadsheet: Tour;Horaire;Table;Recruteur;Jeune (French Excel CSV)."""
    view = PlanView(instance, schedule, timing)
    rows = []
    for meeting in schedule.meetings:
        table = view.table_of(meeting)
        start, end = view.spans[meeting.round - 1]
        candidate = view.candidate(meeting.candidate_id)
        rows.append(
            [
                meeting.round,
                format_span(start, end),
                table.number,
                table.recruiter.name,
                candidate.name,
            ]
        )
    # The order the room lives it: round by round, then table by table.
    rows.sort(key=lambda row: (row[0], row[2]))
    write_csv(path, ["Tour", "Horaire", "Table", "Recruteur", "Jeune"], rows)
    return Path(path)


# Longest name printed as typed: beyond, a name would not fit a table cell or a badge (and a
# 2,000-character one stopped the layout after half the files were written).
MAX_PRINTED_NAME = 80


def printable(instance: Instance) -> Instance:
    """`instance` with every name cut to what a printout can hold (« … » marks the cut)."""

    def cut(person):
        name = " ".join(person.name.split())
        if len(name) > MAX_PRINTED_NAME:
            name = name[: MAX_PRINTED_NAME - 1].rstrip() + "…"
        return person if name == person.name else replace(person, name=name)

    return replace(
        instance,
        recruiters=tuple(cut(r) for r in instance.recruiters),
        candidates=tuple(cut(c) for c in instance.candidates),
    )


# Every printout of an event, in the order the organiser hands them out.
PRINTOUTS: tuple[type[Printout], ...] = (CandidateCards, RecruiterSheets, MasterGrid, TableSigns)


def write_printouts(
    instance: Instance,
    schedule: Schedule,
    timing: RoundTiming,
    directory: str | Path,
    *,
    event_title: str = "",
    agency: str = "",
) -> list[Path]:
    """Write the four printouts of an event into `directory` and return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    instance = printable(instance)  # before the first file: never half the printouts
    return [
        printout.pdf(
            instance,
            schedule,
            timing,
            directory / printout.file_name,
            event_title=event_title,
            agency=agency,
        )  # fmt: skip
        for printout in PRINTOUTS
    ]
