"""The recruiters' sheets: one A4 page per table, who comes when, boxes to tick the outcome."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer
from reportlab.platypus import Table as GridTable

from essdesk.reports import theme
from essdesk.reports.speed_meetings.base import Printout, one_per_page
from essdesk.reports.speed_meetings.plan_view import PlanView, RoomTable, markup
from essdesk.reports.speed_meetings.room import Checkboxes, break_row


def _sheet_story(view: PlanView, table: RoomTable, width: float, height: float) -> list[Flowable]:
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


class RecruiterSheets(Printout):
    """One A4 page per recruiter table, in table-number order."""

    title, file_name = "Fiche recruteur", "fiches_recruteurs.pdf"

    def story(self) -> list[Flowable]:
        frame = theme.content_frame(self.pagesize)
        return one_per_page(
            KeepInFrame(
                frame.width,
                frame.height,
                _sheet_story(self.view, table, frame.width, frame.height),
                mode="shrink",
            )
            for table in self.view.tables
        )


recruiter_sheets_pdf = RecruiterSheets.pdf
