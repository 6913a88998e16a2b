"""Speed-meeting printouts: recruiters' sheets, the CSV plan, and every printout at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as GridTable

from essdesk.domain.scheduling_model import Instance, Schedule
from essdesk.domain.speed_meeting_timing import RoundTiming, format_span
from essdesk.exchange.writers import write_csv
from essdesk.reports import theme
from essdesk.reports.speed_meeting_cards import candidate_timetables_pdf
from essdesk.reports.speed_meeting_plan import PlanView, Table, markup
from essdesk.reports.speed_meeting_room import (
    Checkboxes,
    break_row,
    master_grid_pdf,
    table_signs_pdf,
)

__all__ = [
    "candidate_timetables_pdf",
    "master_grid_pdf",
    "recruiter_sheets_pdf",
    "schedule_csv",
    "table_signs_pdf",
    "write_printouts",
]


def _sheet_story(view: PlanView, table: Table, width: float, height: float) -> list[Flowable]:
    """One recruiter's page for one table: who comes when, and room to note the outcome."""
    recruiter = table.recruiter
    big = theme.style("Title", fontSize=30, leading=32, alignment=1, textColor=theme.WHITE)
    who = [
        Paragraph(markup(recruiter.name), theme.style("Title", fontSize=17, leading=21)),
        Paragraph(
            f"{view.rounds} tours de {view.timing.minutes}&nbsp;min {view.day_span}"
            + (f" · {table.of_recruiter}" if table.of_recruiter else ""),
            theme.style("Subtitle", fontSize=10, leading=13),
        ),
    ]
    head = GridTable(
        [
            [
                [
                    Paragraph("TABLE", theme.style("HeaderCell", alignment=1)),
                    Paragraph(str(table.number), big),
                ],
                who,
            ]
        ],
        colWidths=[30 * mm, width - 30 * mm],
    )
    head.setStyle(
        [
            ("BACKGROUND", (0, 0), (0, 0), theme.PRIMARY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (1, 0), (1, 0), 5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    slots = view.table_slots(table)
    breaks = sum(1 for s in slots if view.break_text(s.round))
    room = height - 62 * mm - breaks * 7 * mm
    row_h = max(9 * mm, min(21 * mm, room / max(1, len(slots))))
    header = theme.style("HeaderCell", fontSize=8.5)
    cell = theme.style("Cell", fontSize=10, leading=12)
    muted = theme.style("Cell", fontSize=9, leading=11, textColor=theme.MUTED)
    rows: list[list] = [
        [Paragraph(t, header) for t in ("Horaire", "Jeune", "Suite à donner", "Notes")]
    ]
    heights: list[float | None] = [None]
    commands: list[tuple] = [("VALIGN", (0, 1), (-1, -1), "TOP")]
    for slot in slots:
        when = Paragraph(f"<b>Tour {slot.round}</b><br/>{slot.span}", cell)
        if not slot.recruiter_present:
            rows.append([when, Paragraph("Vous n'êtes pas présent à ce tour", muted), "", ""])
            commands.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), theme.FILL))
        else:
            name = (
                Paragraph(f"<b>{markup(slot.candidate.name)}</b>", cell)
                if slot.candidate
                else Paragraph("Place libre – jeune sans rendez-vous&nbsp;:", muted)
            )
            rows.append([when, name, Checkboxes(row_h - 4 * mm), ""])
        heights.append(row_h)
        pause = view.break_text(slot.round)
        if pause:
            rows.append(break_row(pause, 4, theme.style("Small", alignment=1)))
            heights.append(7 * mm)
            commands += [
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), theme.FILL_STRONG),
                ("VALIGN", (0, len(rows) - 1), (-1, len(rows) - 1), "MIDDLE"),
            ]
    grid = GridTable(
        rows,
        colWidths=[36 * mm, 56 * mm, 34 * mm, width - 126 * mm],
        rowHeights=heights,
        repeatRows=1,
    )
    grid.setStyle(theme.table_style(zebra=False))
    grid.setStyle(commands + [("LINEBEFORE", (1, 0), (-1, -1), 0.4, theme.RULE)])
    return [
        head,
        Spacer(1, 5 * mm),
        grid,
        Spacer(1, 4 * mm),
        Paragraph(
            "Merci de remettre cette fiche à l'équipe d'accueil en fin de séance&nbsp;: "
            "elle nous permet d'accompagner chaque jeune après votre rencontre.",
            theme.style("Small"),
        ),
    ]


def recruiter_sheets_pdf(
    instance: Instance,
    schedule: Schedule,
    timing: RoundTiming,
    path: str | Path,
    *,
    event_title: str = "",
    agency: str = "",
) -> Path:
    """One A4 page per recruiter table, in table-number order."""
    view = PlanView(instance, schedule, timing)
    frame = theme.content_frame(A4)
    story: list[Flowable] = []
    for table in view.tables:
        if story:
            story.append(PageBreak())
        page = _sheet_story(view, table, frame.width, frame.height)
        story.append(KeepInFrame(frame.width, frame.height, page, mode="shrink"))
    if not story:
        story = [Paragraph("Aucun recruteur inscrit.", theme.style("Body"))]
    return theme.build_document(
        path, story, title="Fiche recruteur", subtitle=event_title, agency=agency
    )


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


PRINTOUT_FILES = {
    "convocations_jeunes.pdf": candidate_timetables_pdf,
    "fiches_recruteurs.pdf": recruiter_sheets_pdf,
    "grille_generale.pdf": master_grid_pdf,
    "chevalets_tables.pdf": table_signs_pdf,
}


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
    instance = printable(instance)  # before the first file: never half the printouts
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write(instance, schedule, timing, directory / name, event_title=event_title, agency=agency)
        for name, write in PRINTOUT_FILES.items()
    ]
