"""Speed-meeting cards for the young people: their rounds, tables and recruiters, ready to cut."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as GridTable

from essdesk.domain.scheduling.model import Instance, Schedule
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.reports import theme
from essdesk.reports.speed_meetings.base import Printout
from essdesk.reports.speed_meetings.plan_view import PlanView, markup
from essdesk.reports.speed_meetings.room import break_row

DEFAULT_TITLE = "Speed meeting emploi"
CARD_LAYOUTS = {
    # size → (page, columns, rows, type scale): A6 cards four to an A4 page, A5 two to a
    # landscape A4, with larger type.
    "A6": (A4, 2, 2, 1.0),
    "A5": (landscape(A4), 2, 1, 1.3),
}
_CROP = 4 * mm  # length of a cut mark
_SHEET = 5 * mm  # unprinted border kept around the cards (office printers need it)
_CARDS_BOTTOM = 14 * mm  # above the page footer
_INSET = 3 * mm  # from the cut line to the card's printed border
_BAND = 10 * mm


def _card_cells(pagesize: tuple[float, float], columns: int, rows: int) -> list[tuple]:
    """(x, y, width, height) of each card of a page, left to right then top to bottom."""
    width, height = pagesize
    cell_w = (width - 2 * _SHEET) / columns
    cell_h = (height - _SHEET - _CARDS_BOTTOM) / rows
    return [
        (_SHEET + col * cell_w, height - _SHEET - (row + 1) * cell_h, cell_w, cell_h)
        for row in range(rows)
        for col in range(columns)
    ]


def _draw_card_chrome(
    canvas: Canvas, pagesize: tuple, cells: list[tuple], used: int, title: str
) -> None:
    """Cut marks on the page edges, then a border and a title band on each used card."""
    width, height = pagesize
    f = theme.fonts()
    canvas.saveState()
    canvas.setStrokeColor(theme.MUTED)
    canvas.setLineWidth(0.4)
    xs = sorted({round(x, 2) for x, *_ in cells} | {round(x + w, 2) for x, _, w, _ in cells})
    ys = sorted({round(y, 2) for _, y, *_ in cells} | {round(y + h, 2) for _, y, _, h in cells})
    for x in xs:
        canvas.line(x, height, x, height - _CROP)
        canvas.line(x, _CARDS_BOTTOM - 1 * mm, x, _CARDS_BOTTOM - 1 * mm - _CROP / 2)
    for y in ys:
        canvas.line(0, y, _CROP, y)
        canvas.line(width, y, width - _CROP, y)
    # A faint dotted guide between cards, for those who cut with scissors.
    canvas.setDash(1, 3)
    canvas.setStrokeColor(theme.RULE)
    for x in xs[1:-1]:
        canvas.line(x, ys[0], x, ys[-1])
    for y in ys[1:-1]:
        canvas.line(xs[0], y, xs[-1], y)
    canvas.setDash()
    for x, y, w, h in cells[:used]:
        left, bottom = x + _INSET, y + _INSET
        inner_w, inner_h = w - 2 * _INSET, h - 2 * _INSET
        canvas.setStrokeColor(theme.RULE)
        canvas.setFillColor(theme.WHITE)
        canvas.roundRect(left, bottom, inner_w, inner_h, 3 * mm, stroke=1, fill=0)
        canvas.setFillColor(theme.PRIMARY)
        band_y = bottom + inner_h - _BAND
        canvas.roundRect(left, band_y, inner_w, _BAND, 3 * mm, stroke=0, fill=1)
        canvas.rect(left, band_y, inner_w, _BAND / 2, stroke=0, fill=1)  # square lower corners
        canvas.setFillColor(theme.WHITE)
        size = 10.0
        while size > 6 and canvas.stringWidth(title, f.bold, size) > inner_w - 8 * mm:
            size -= 0.5
        canvas.setFont(f.bold, size)
        canvas.drawCentredString(left + inner_w / 2, band_y + _BAND / 2 - size / 3, title)
    canvas.restoreState()


def _card_story(view: PlanView, candidate_id: str, width: float, scale: float) -> list[Flowable]:
    """The content of one candidate's card; `scale` enlarges the type on bigger cards."""
    candidate = view.candidate(candidate_id)
    f = theme.fonts()
    body = theme.style("Body", fontSize=10.5 * scale, leading=14 * scale)
    story: list[Flowable] = [
        Paragraph("Votre programme de rencontres", theme.style("Small", fontSize=8 * scale)),
        Paragraph(
            markup(candidate.name), theme.style("Title", fontSize=16 * scale, leading=19 * scale)
        ),
        Spacer(1, 2 * mm),
    ]
    if view.meeting_count(candidate_id) == 0:
        return story + [
            Paragraph("Bienvenue&nbsp;!", theme.style("Heading", fontSize=12 * scale)),
            Paragraph(
                "Nous n'avons pas pu vous réserver d'entretien à l'avance, mais les "
                "recruteurs ont des places libres entre deux tours. Présentez-vous à "
                "l'accueil&nbsp;: l'équipe vous accompagnera vers eux.",
                body,
            ),
            Spacer(1, 3 * mm),
            Paragraph(f"Les rencontres ont lieu {view.day_span}.", body),
            Spacer(1, 3 * mm),
            Paragraph("Pensez à garder quelques CV sur vous.", body),
        ]
    size = 8.5 * scale
    cell = theme.style("Cell", fontSize=size, leading=size * 1.2)
    muted = theme.style("Cell", fontSize=size, leading=size * 1.2, textColor=theme.MUTED)
    number = theme.style("CellBold", fontSize=12 * scale, leading=13 * scale, alignment=1)
    header = theme.style("HeaderCell", fontSize=7.5 * scale, leading=9 * scale)
    rows: list[list] = [
        [Paragraph("Horaire", header), Paragraph("Table", header), Paragraph("Recruteur", header)]
    ]
    specials: list[tuple] = []
    for slot in view.candidate_slots(candidate_id):
        last = len(rows)
        if slot.table is None:
            rows.append(
                [Paragraph(slot.span, muted), Paragraph("–", muted), Paragraph("Pause", muted)]
            )
        else:
            rows.append(
                [
                    Paragraph(f"<b>{slot.span}</b>", cell),
                    Paragraph(str(slot.table.number), number),
                    Paragraph(f"<b>{markup(slot.table.recruiter.name)}</b>", cell),
                ]
            )
            specials.append(("BACKGROUND", (1, last), (1, last), theme.FILL_STRONG))
        pause = view.break_text(slot.round)
        if pause:
            rows.append(break_row(pause, 3, theme.style("Small", fontSize=7.5 * scale)))
            specials += [
                ("SPAN", (0, last + 1), (-1, last + 1)),
                ("BACKGROUND", (0, last + 1), (-1, last + 1), theme.FILL),
            ]
    # The time on one line when the card is wide enough, else on two.
    one_line = pdfmetrics.stringWidth("14 h 00 – 14 h 10", f.bold, size) + 10
    time_w = one_line if one_line <= 0.34 * width else 24 * mm * scale
    number_w = 12 * mm * scale
    table = GridTable(rows, colWidths=[time_w, number_w, width - time_w - number_w], repeatRows=1)
    table.setStyle(theme.table_style(zebra=False, font_size=size))
    # Tight rows: a twelve-round card must still fit without shrinking its type.
    table.setStyle(
        [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)] + specials
    )
    return story + [
        table,
        Spacer(1, 3 * mm),
        Paragraph(
            f"Chaque entretien dure {view.timing.minutes}&nbsp;minutes. Soyez à la table "
            "à l'heure indiquée, avec votre CV, et présentez-vous en une phrase&nbsp;: "
            "les recruteurs sont là pour vous rencontrer&nbsp;!",
            theme.style("Small", fontSize=7.5 * scale, leading=9.5 * scale),
        ),
    ]


class CandidateCards(Printout):
    """One card per candidate (A6: four per A4 page; A5: two), in alphabetical order."""

    title, file_name = "Convocations des jeunes", "convocations_jeunes.pdf"
    empty = "Aucun jeune inscrit."

    def __init__(
        self,
        instance: Instance,
        schedule: Schedule,
        timing: RoundTiming,
        *,
        size: str = "A6",
        **options: str,
    ) -> None:
        if size not in CARD_LAYOUTS:
            raise ValueError(f"Format de carte inconnu : {size} (A6 ou A5).")
        super().__init__(instance, schedule, timing, **options)
        self._pagesize, columns, rows, self.scale = CARD_LAYOUTS[size]
        self.cells = _card_cells(self._pagesize, columns, rows)
        pad = _INSET + 3.5 * mm
        self.frames = [
            Frame(x + pad, y + pad, w - 2 * pad, h - 2 * pad - _BAND, 0, 0, 0, 0, id=f"card{i}")
            for i, (x, y, w, h) in enumerate(self.cells)
        ]

    @property
    def pagesize(self) -> tuple[float, float]:
        return self._pagesize

    def story(self) -> list[Flowable]:
        frame_w, frame_h = self.frames[0].width, self.frames[0].height
        story: list[Flowable] = []
        for candidate in self.view.candidates_sorted():
            card = _card_story(self.view, candidate.id, frame_w, self.scale)
            story += [KeepInFrame(frame_w, frame_h, card, mode="shrink"), FrameBreak()]
        return story[:-1]  # no empty card after the last one

    def document_options(self) -> dict[str, Any]:
        cells, count = self.cells, len(self.view.candidates_sorted())
        title = self.event_title or DEFAULT_TITLE

        def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
            used = min(len(cells), count - (doc.page - 1) * len(cells))
            _draw_card_chrome(canvas, self._pagesize, cells, used, title)

        return {"header": False, "frames": self.frames, "decorate": decorate}


candidate_timetables_pdf = CandidateCards.pdf
