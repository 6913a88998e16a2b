"""The offers board: one open offer per landscape page, in print large enough to read from afar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from essdesk.domain.french import format_date, format_number
from essdesk.exchange.report_tables import ReportTable
from essdesk.reports import theme
from essdesk.reports.branding import Branding, branding_notes
from essdesk.reports.words import plural

BOARD_LIMIT = 300  # a reception screen pages through a few hundred offers, not a whole base
DESCRIPTION_CHARS = 420


@dataclass(frozen=True)
class OfferCard:
    title: str
    employer: str
    place: str
    contract: str
    weekly_hours: Decimal | None
    duration_months: int | None
    positions: int
    start_date: date | None
    publication_date: date | None
    description: str

    def facts(self) -> list[str]:
        """Contract, hours, duration, positions, start: the lines under the title."""
        parts = [self.contract] if self.contract else []
        if self.weekly_hours:
            parts.append(f"{format_number(self.weekly_hours)} h par semaine")
        if self.duration_months:
            parts.append(f"{self.duration_months} mois")
        lines = [" · ".join(parts)] if parts else []
        more = []
        if self.positions > 1:
            more.append(f"{self.positions} postes")
        if self.start_date:
            more.append(f"début le {format_date(self.start_date)}")
        if more:
            lines.append(" · ".join(more))
        return lines

    def excerpt(self) -> str:
        text = " ".join(self.description.split())
        if len(text) <= DESCRIPTION_CHARS:
            return text
        return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class OffersBoardData:
    subject: str  # the event whose offers these are, or ""
    cards: tuple[OfferCard, ...]
    total: int  # open offers matching, before the board's limit
    start: date | None = None
    end: date | None = None


def _card(card: OfferCard, number: int, count: int, width: float) -> list:
    big = theme.style("Title", fontSize=44, leading=52, textColor=theme.PRIMARY)
    employer = theme.style("Subtitle", fontSize=28, leading=34, textColor=theme.TEXT)
    facts = theme.style("Body", fontSize=26, leading=34)
    body = theme.style("Body", fontSize=17, leading=23, textColor=theme.MUTED)
    counter = theme.style("Small", fontSize=11, alignment=2)
    story = [
        Paragraph(f"Offre {number} / {count}", counter),
        Spacer(1, 4 * mm),
        Paragraph(escape(card.title), big),
        Spacer(1, 3 * mm),
        Paragraph(
            escape(card.employer) + (f" — {escape(card.place)}" if card.place else ""), employer
        ),
        Spacer(1, 6 * mm),
    ]
    story += [Paragraph(escape(line), facts) for line in card.facts()]
    if card.excerpt():
        story += [Spacer(1, 6 * mm), Paragraph(escape(card.excerpt()), body)]
    story += [
        Spacer(1, 12 * mm),
        Table(
            [
                [
                    Paragraph(
                        "Intéressé(e) ? Adressez-vous à l'accueil ou à votre conseiller.",
                        theme.style("CellBold", fontSize=20, leading=25, textColor=theme.WHITE),
                    )
                ]
            ],
            colWidths=[width],
            style=[
                ("BACKGROUND", (0, 0), (-1, -1), theme.ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ],
        ),  # fmt: skip
    ]
    return story


def offers_board_pdf(
    data: OffersBoardData, path: str | Path, *, branding: Branding | None = None
) -> Path:
    """Write the board at `path`: one offer per page; a page saying so when there is none."""
    branding = branding or Branding()
    size = landscape(A4)
    width = theme.content_frame(size).width
    story: list = []
    count = len(data.cards)
    if not count:
        story += [
            Paragraph(
                "Aucune offre ouverte à afficher", theme.style("Title", fontSize=30, leading=36)
            ),
            Spacer(1, 6 * mm),
            Paragraph(
                "Aucune offre au statut « ouverte » ne correspond"
                + (f" aux offres présentées à « {escape(data.subject)} »" if data.subject else "")
                + ". Enregistrez les offres, ou rattachez-les aux sessions de l'événement.",
                theme.style("Body", fontSize=16, leading=22),
            ),
        ]
    for number, card in enumerate(data.cards, start=1):
        if number > 1:
            story.append(PageBreak())
        story += _card(card, number, count, width)
    if data.total > count:
        story += [
            PageBreak(),
            Paragraph(
                f"Le tableau montre les {plural(count, 'offre')} les plus récentes sur "
                f"{data.total} ouvertes.",
                theme.style("Body", fontSize=16, leading=22),
            ),
        ]
    story += branding_notes(branding)
    subtitle = data.subject or "Offres d'emploi ouvertes"
    return theme.build_document(
        path,
        story,
        title="Offres à la une",
        subtitle=subtitle,
        landscape=True,
        **branding.document(),
    )


def offers_tables(data: OffersBoardData) -> list[ReportTable]:
    headers = ["Intitulé", "Employeur", "Lieu", "Contrat", "Heures par semaine", "Durée (mois)",
               "Postes", "Début", "Publication", "Description"]  # fmt: skip
    rows = [
        [
            c.title,
            c.employer,
            c.place,
            c.contract,
            c.weekly_hours,
            c.duration_months,
            c.positions,
            c.start_date,
            c.publication_date,
            c.description,
        ]  # fmt: skip
        for c in data.cards
    ]
    note = "" if rows else "Aucune offre ouverte à afficher."
    return [ReportTable("Offres ouvertes", headers, rows, note)]
