"""Words shared by the partners' reports: French plurals, percentages, periods, key-figure tiles."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from essdesk.domain.french import format_date
from essdesk.reports import theme

NBSP = "\u00a0"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 0 embauche », « 1 embauche », « 2 embauches » (French: 0 and 1 take the singular)."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count}{NBSP}{word}"


def percent(share: float | None) -> str:
    """« 27 % », « 4,5 % » under 10 %, « – » when there is nothing to divide by."""
    if share is None:
        return "–"
    value = share * 100
    text = f"{value:.1f}".replace(".", ",") if 0 < value < 10 else f"{value:.0f}"
    return f"{text.removesuffix(',0')}{NBSP}%"


def period_words(start: date, end: date) -> str:
    """« du 01/01/2025 au 31/12/2025 »."""
    return f"du {format_date(start)} au {format_date(end)}"


def figure_tiles(figures: list[tuple[int | str, str]], width: float, per_row: int = 4) -> Table:
    """Key figures as tiles: a big number over its label, `per_row` to a row."""
    number = theme.style("Title", fontSize=22, leading=26, alignment=1)
    label = theme.style("Small", alignment=1, textColor=theme.TEXT)
    cells = [[Paragraph(str(n), number), Paragraph(text, label)] for n, text in figures]
    while len(cells) % per_row:
        cells.append("")
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    grid = Table(rows, colWidths=[width / per_row] * per_row)
    grid.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), theme.FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 2, theme.ACCENT),
            ("LINEBELOW", (0, 0), (-1, -2), 3, theme.WHITE),
            ("LINEAFTER", (0, 0), (-2, -1), 3, theme.WHITE),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return grid


def bullet_points(points: list[str]) -> list[Paragraph]:
    from xml.sax.saxutils import escape

    body = theme.style("Body", leftIndent=10, bulletIndent=0, spaceAfter=2)
    return [Paragraph(escape(p), body, bulletText="•") for p in points]


def missing_note(items: list[str]) -> list[Paragraph]:
    """What the report could not show, said plainly at the place it would have been."""
    from xml.sax.saxutils import escape

    style = theme.style("Body", textColor=theme.MUTED, leftIndent=6, spaceAfter=2)
    return [Paragraph(f"<i>{escape(item)}</i>", style) for item in items]


SPACE = 4 * mm
