"""Speed-meeting printouts for the room: the organiser's master grid and the table signs."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from reportlab.platypus import Table as GridTable

from essdesk.domain.french import format_count
from essdesk.reports import theme
from essdesk.reports.speed_meetings.base import Printout, one_per_page
from essdesk.reports.speed_meetings.plan_view import NBSP, PlanView, RoomTable, markup, time_text

MAX_ROUNDS_PER_PAGE = 12  # beyond this, names become unreadable: rounds go on further pages


class Checkboxes(Flowable):
    """The three outcome boxes a recruiter ticks after a meeting."""

    LABELS = (("Intéressé", ""), ("2", "e entretien"), ("Embauche", ""))

    def __init__(self, height: float) -> None:
        super().__init__()
        self.line = max(7.0, min(12.0, height / 3))
        self.width, self.height = 30 * mm, self.line * 3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        f = theme.fonts()
        canvas = self.canv
        box = self.line * 0.62
        size = self.line * 0.68
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(theme.PRIMARY)
        canvas.setFillColor(theme.TEXT)
        for i, (label, raised) in enumerate(self.LABELS):
            y = self.height - (i + 1) * self.line + (self.line - box) / 2
            canvas.rect(0, y, box, box, stroke=1, fill=0)
            x = box + 2.5
            canvas.setFont(f.regular, size)
            canvas.drawString(x, y + 0.5, label)
            if raised:  # « 2ᵉ » with a true superscript, whatever the font covers
                x += canvas.stringWidth(label, f.regular, size)
                canvas.setFont(f.regular, size * 0.65)
                canvas.drawString(x, y + 0.5 + size * 0.4, raised[0])
                x += canvas.stringWidth(raised[0], f.regular, size * 0.65)
                canvas.setFont(f.regular, size)
                canvas.drawString(x, y + 0.5, raised[1:])


def break_row(text: str, columns: int, style) -> list:
    """A table row announcing a break; the caller spans it across the columns."""
    return [Paragraph(f"<b>{text}</b>", style)] + [""] * (columns - 1)


def _round_chunks(rounds: int) -> list[range]:
    """Rounds per page width, split evenly (16 rounds: 8 + 8, not 12 + 4)."""
    pages = max(1, -(-rounds // MAX_ROUNDS_PER_PAGE))
    size = -(-rounds // pages)
    return [range(first, min(rounds, first + size - 1) + 1) for first in range(1, rounds + 1, size)]


def _grid_table(view: PlanView, rounds: range, width: float) -> GridTable:
    """Tables as rows, the given rounds as columns, candidates' names in the cells."""
    number_w, recruiter_w = 14 * mm, 40 * mm
    round_w = (width - number_w - recruiter_w) / len(rounds)
    size = 8.5 if round_w >= 30 * mm else 7.5 if round_w >= 22 * mm else 6.6
    pad = 2.0
    if len(view.tables) <= 20:
        # A small room fits on one page anyway: make it readable from arm's length.
        size, pad = size + 1, 4.0
    header = theme.style("HeaderCell", fontSize=size + 0.5, leading=size + 2, alignment=1)
    cell = theme.style("Cell", fontSize=size, leading=size + 1.4)
    free = theme.style("Cell", fontSize=size - 0.5, leading=size + 1, textColor=theme.MUTED)
    number = theme.style("CellBold", fontSize=11, leading=12, alignment=1, textColor=theme.PRIMARY)
    rows: list[list] = [
        [Paragraph("Table", header), Paragraph("Recruteur", header)]
        + [Paragraph(f"Tour {r}<br/>{time_text(view.spans[r - 1][0])}", header) for r in rounds]
    ]
    commands: list[tuple] = [
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, theme.RULE),
        ("TOPPADDING", (0, 1), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 1), (-1, -1), pad),
        ("LEFTPADDING", (2, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (2, 0), (-1, -1), 2.5),
    ]
    for column, r in enumerate(rounds, start=2):
        if column > 2 and view.break_after(r - 1):
            # A thick accent rule where the room takes a break.
            commands.append(("LINEBEFORE", (column, 0), (column, -1), 2.2, theme.ACCENT))
    for table in view.tables:
        slots = view.table_slots(table)
        line = [
            Paragraph(str(table.number), number),
            Paragraph(
                markup(table.recruiter.name),
                theme.style("CellBold", fontSize=size, leading=size + 1.4),
            ),
        ]
        for r in rounds:
            slot = slots[r - 1]
            if not slot.recruiter_present:
                line.append(Paragraph("absent", free))
                commands.append(
                    (
                        "BACKGROUND",
                        (len(line) - 1, len(rows)),
                        (len(line) - 1, len(rows)),
                        theme.FILL_STRONG,
                    )
                )
            elif slot.candidate is None:
                line.append(Paragraph("libre", free))
            else:
                line.append(Paragraph(markup(slot.candidate.name), cell))
        rows.append(line)
    grid = GridTable(
        rows, colWidths=[number_w, recruiter_w] + [round_w] * len(rounds), repeatRows=1
    )
    grid.setStyle(theme.table_style(font_size=size))
    grid.setStyle(commands)
    return grid


class MasterGrid(Printout):
    """The organiser's overview, landscape: who sits at which table in every round."""

    title, file_name, landscape = "Grille générale", "grille_generale.pdf", True

    def story(self) -> list[Flowable]:
        view = self.view
        width = theme.content_frame(self.pagesize).width
        facts = [
            format_count(len(view.tables), "table"),
            f"{format_count(view.rounds, 'tour')} de {view.timing.minutes}{NBSP}min",
            format_count(len(view.schedule.meetings), "entretien"),
            view.day_span,
        ]
        pauses = [view.break_text(r) for r in range(1, view.rounds + 1) if view.break_text(r)]
        story: list[Flowable] = [
            Paragraph(" · ".join(f for f in facts if f), theme.style("Subtitle")),
        ]
        if pauses:
            story.append(
                Paragraph(
                    "<font color='#D9822B'><b>▍</b></font> " + " ; ".join(pauses),
                    theme.style("Small"),
                )
            )
        if not view.tables:
            story.append(Paragraph(self.empty, theme.style("Body")))
        chunks = _round_chunks(view.rounds) if view.tables else []
        for i, rounds in enumerate(chunks):
            if i:
                story.append(PageBreak())
            if len(chunks) > 1:
                story.append(
                    Paragraph(f"Tours {rounds.start} à {rounds.stop - 1}", theme.style("Heading"))
                )
            story += [Spacer(1, 3 * mm), _grid_table(view, rounds, width)]
        return story


master_grid_pdf = MasterGrid.pdf


class TableSign(Flowable):
    """A whole page for one table: the number seen from across the room, then the recruiter."""

    def __init__(self, view: PlanView, table: RoomTable, width: float, height: float) -> None:
        super().__init__()
        self.view, self.table = view, table
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, min(self.height, available_height)

    def _fit(self, text: str, font: str, size: float, width: float) -> float:
        while size > 14 and self.canv.stringWidth(text, font, size) > width:
            size -= 1
        return size

    def _name_lines(self, name: str, font: str, size: float, width: float) -> list[str]:
        """One line if it fits, else two balanced lines (long association names)."""
        if self.canv.stringWidth(name, font, size) <= width or " " not in name:
            return [name]
        words = name.split()
        best = min(
            range(1, len(words)),
            key=lambda k: max(
                self.canv.stringWidth(" ".join(words[:k]), font, size),
                self.canv.stringWidth(" ".join(words[k:]), font, size),
            ),
        )
        return [" ".join(words[:best]), " ".join(words[best:])]

    def draw(self) -> None:
        f = theme.fonts()
        canvas = self.canv
        middle = self.width / 2
        number = str(self.table.number)
        size = self._fit(number, f.bold, 230, self.width)
        name_size = 40.0
        lines = self._name_lines(self.table.recruiter.name, f.bold, name_size, self.width - 10 * mm)
        name_size = min(self._fit(line, f.bold, name_size, self.width - 10 * mm) for line in lines)
        extra = 30 if self.table.of_recruiter else 0
        # Centre the whole block on the page: label, digits, rule, name, note.
        block = 30 + 28 + size * 0.73 + 20 + len(lines) * name_size * 1.2 + extra
        y = self.height - max(0.0, (self.height - block) / 2)
        y -= 30
        canvas.setFillColor(theme.ACCENT)
        canvas.setFont(f.bold, 30)
        canvas.drawCentredString(middle, y, "TABLE")
        y -= 28 + size * 0.73  # cap height of the digits
        canvas.setFillColor(theme.PRIMARY)
        canvas.setFont(f.bold, size)
        canvas.drawCentredString(middle, y, number)
        y -= 20
        canvas.setStrokeColor(theme.ACCENT)
        canvas.setLineWidth(2)
        canvas.line(middle - 40 * mm, y, middle + 40 * mm, y)
        canvas.setFillColor(theme.TEXT)
        canvas.setFont(f.bold, name_size)
        for line in lines:
            y -= name_size * 1.2
            canvas.drawCentredString(middle, y, line)
        if self.table.of_recruiter:
            y -= extra
            canvas.setFillColor(theme.MUTED)
            canvas.setFont(f.regular, 16)
            canvas.drawCentredString(middle, y, self.table.of_recruiter.capitalize())


class TableSigns(Printout):
    """One landscape A4 sign per table, to stand or tape on it."""

    title, file_name, landscape = "Speed meeting", "chevalets_tables.pdf", True

    def story(self) -> list[Flowable]:
        frame = theme.content_frame(self.pagesize)
        return one_per_page(
            TableSign(self.view, table, frame.width, frame.height - 1) for table in self.view.tables
        )


table_signs_pdf = TableSigns.pdf
