"""The one look of every ESS Desk PDF: fonts, colours, stylesheet, page templates, numbered footer."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from essdesk.domain.french import format_date

PRODUCT = "ESS Desk"
DEFAULT_FONT_DIRS = (
    # Shipped with the package, so Windows PDFs (no DejaVu there) keep every accent of every name.
    Path(__file__).resolve().parent.parent / "resources" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("C:/Windows/Fonts"),
)

# Palette: a deep teal for structure, one warm accent, soft fills that survive grey printers.
PRIMARY = colors.HexColor("#1F5F5B")
ACCENT = colors.HexColor("#D9822B")
TEXT = colors.HexColor("#1E2A28")
MUTED = colors.HexColor("#5B6B69")
FILL = colors.HexColor("#EEF4F3")
FILL_STRONG = colors.HexColor("#D5E5E2")
RULE = colors.HexColor("#B8C9C6")
WHITE = colors.white

MARGIN = 15 * mm
HEADER_HEIGHT = 14 * mm
FOOTER_HEIGHT = 10 * mm


@dataclass(frozen=True)
class Fonts:
    """Font names to use in styles; `unicode` says whether they cover more than Latin-1."""

    regular: str
    bold: str
    unicode: bool


def load_fonts(directories: Sequence[Path] = DEFAULT_FONT_DIRS) -> Fonts:
    """Register DejaVu Sans from the first directory holding it, else fall back to Helvetica.

    Helvetica covers French (Latin-1) but not names such as « Nguyễn »: DejaVu does.
    """
    for directory in directories:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            if "EssSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("EssSans", str(regular)))
                pdfmetrics.registerFont(TTFont("EssSans-Bold", str(bold)))
                # The family lets <b> in paragraphs pick the bold face.
                pdfmetrics.registerFontFamily(
                    "EssSans",
                    normal="EssSans",
                    bold="EssSans-Bold",
                    italic="EssSans",
                    boldItalic="EssSans-Bold",
                )
            return Fonts("EssSans", "EssSans-Bold", unicode=True)
    return Fonts("Helvetica", "Helvetica-Bold", unicode=False)


@functools.cache
def fonts() -> Fonts:
    """The fonts of every report, registered once per process."""
    return load_fonts()


@functools.cache
def stylesheet() -> StyleSheet1:
    """Paragraph styles shared by all reports (names: Title, Subtitle, Heading, Body, Small…)."""
    f = fonts()
    sheet = StyleSheet1()
    # embeddedHyphenation=2 lets compound names (« Delacroix-Montfort ») break at their hyphen
    # in narrow cells instead of being cut mid-word.
    base = ParagraphStyle(
        "Body",
        fontName=f.regular,
        fontSize=10,
        leading=13,
        textColor=TEXT,
        embeddedHyphenation=2,
    )
    sheet.add(base)
    sheet.add(
        ParagraphStyle(
            "Title", parent=base, fontName=f.bold, fontSize=20, leading=24, textColor=PRIMARY
        )
    )
    sheet.add(
        ParagraphStyle(
            "Subtitle", parent=base, fontSize=12, leading=15, textColor=MUTED, spaceAfter=4
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading",
            parent=base,
            fontName=f.bold,
            fontSize=13,
            leading=16,
            textColor=PRIMARY,
            spaceBefore=6,
            spaceAfter=4,
        )
    )
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10, textColor=MUTED))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=9, leading=11))
    sheet.add(ParagraphStyle("CellBold", parent=base, fontName=f.bold, fontSize=9, leading=11))
    sheet.add(
        ParagraphStyle(
            "HeaderCell", parent=base, fontName=f.bold, fontSize=9, leading=11, textColor=WHITE
        )
    )
    # Over a column of figures the header sits right, above the numbers it names.
    sheet.add(ParagraphStyle("HeaderCellRight", parent=sheet["HeaderCell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Centered", parent=base, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("Left", parent=base, alignment=TA_LEFT))
    return sheet


def style(name: str, **overrides: object) -> ParagraphStyle:
    """A named style of the sheet, optionally derived (e.g. another size) without touching it."""
    parent = stylesheet()[name]
    if not overrides:
        return parent
    return ParagraphStyle(f"{name}-{id(overrides)}", parent=parent, **overrides)


def table_style(*, header_rows: int = 1, zebra: bool = True, font_size: float = 9) -> TableStyle:
    """Grid style of data tables: coloured header row(s), light rules, zebra rows."""
    f = fonts()
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), f.regular),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, PRIMARY),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        last = header_rows - 1
        commands += [
            ("BACKGROUND", (0, 0), (-1, last), PRIMARY),
            ("TEXTCOLOR", (0, 0), (-1, last), WHITE),
            ("FONTNAME", (0, 0), (-1, last), f.bold),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [WHITE, FILL]))
    return TableStyle(commands)


# The event report still calls it by this name; the format itself is domain/french.py's.
french_date = format_date


class NumberedCanvas(Canvas):
    """A canvas that holds pages back until the end, so each footer can say "page x / y"."""

    def __init__(self, *args: object, footer_left: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        f = fonts()
        y = MARGIN / 2
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 9, width - MARGIN, y + 9)
        self.setFillColor(MUTED)
        self.setFont(f.regular, 7.5)
        self.drawString(MARGIN, y, self._footer_left)
        self.setFont(f.bold, 7.5)
        self.drawRightString(width - MARGIN, y, f"page {number} / {total}")
        self.restoreState()


def draw_header_band(
    canvas: Canvas,
    width: float,
    height: float,
    title: str,
    right: str,
    *,
    logo: Path | None = None,
    colour: colors.Color | None = None,
    accent: colors.Color | None = None,
) -> None:
    """The coloured band on top of a page: the logo and report's title left, the subject right."""
    f = fonts()
    top = height - MARGIN / 2
    canvas.saveState()
    canvas.setFillColor(colour or PRIMARY)
    canvas.rect(MARGIN, top - HEADER_HEIGHT, width - 2 * MARGIN, HEADER_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(accent or ACCENT)
    canvas.rect(MARGIN, top - HEADER_HEIGHT - 1.2 * mm, width - 2 * MARGIN, 1.2 * mm, 0, 1)
    left = MARGIN + 5 * mm
    if logo is not None:
        # The logo sits on a white tile so that any logo colour reads on the band.
        tile = HEADER_HEIGHT
        canvas.setFillColor(WHITE)
        canvas.rect(MARGIN, top - tile, tile * 2, tile, stroke=0, fill=1)
        canvas.drawImage(
            str(logo), MARGIN + 1 * mm, top - tile + 1 * mm, tile * 2 - 2 * mm, tile - 2 * mm,
            preserveAspectRatio=True, anchor="c", mask="auto",
        )  # fmt: skip
        left = MARGIN + tile * 2 + 4 * mm
    canvas.setFillColor(WHITE)
    baseline = top - HEADER_HEIGHT / 2 - 4.5
    canvas.setFont(f.bold, 13)
    canvas.drawString(left, baseline, title)
    if right:
        size = 9.5
        room = width - MARGIN - left - 10 * mm - pdfmetrics.stringWidth(title, f.bold, 13)
        # Long event titles shrink rather than run into the report title.
        while size > 6 and pdfmetrics.stringWidth(right, f.regular, size) > room:
            size -= 0.5
        canvas.setFont(f.regular, size)
        canvas.drawRightString(width - MARGIN - 5 * mm, baseline + 1, right)
    canvas.restoreState()


PageDecorator = Callable[[Canvas, BaseDocTemplate], None]


def content_frame(pagesize: tuple[float, float], *, header: bool = True) -> Frame:
    """The frame of a standard page: inside the margins, below the band, above the footer."""
    width, height = pagesize
    top = height - MARGIN / 2 - (HEADER_HEIGHT + 5 * mm if header else MARGIN / 2)
    bottom = MARGIN / 2 + FOOTER_HEIGHT
    return Frame(MARGIN, bottom, width - 2 * MARGIN, top - bottom, id="content", showBoundary=0)


def build_document(
    path: str | Path,
    story: list[Flowable],
    *,
    title: str,
    subtitle: str = "",
    agency: str = "",
    pagesize: tuple[float, float] = A4,
    landscape: bool = False,
    generated_on: date | None = None,
    header: bool = True,
    frames: Sequence[Frame] | None = None,
    decorate: PageDecorator | None = None,
    logo: Path | None = None,
    band_colour: colors.Color | None = None,
    accent: colors.Color | None = None,
    address: str = "",
) -> Path:
    """Write `story` as a themed PDF at `path` and return the path.

    `title` goes in the header band and the PDF metadata, `subtitle` (an event, a period) on
    the band's right. `frames` replaces the single content frame (e.g. cards on a grid) and
    `decorate` draws extra marks on every page (e.g. cut marks).
    """
    path = Path(path)
    if not agency and logo is None and band_colour is None:
        # A document given no branding carries the agency of the settings (every PDF does).
        from essdesk.reports.branding import agency_branding

        house = agency_branding().document()
        agency, logo, band_colour = house["agency"], house["logo"], house["band_colour"]
        accent, address = accent or house["accent"], address or house["address"]
    size = landscape_size(pagesize) if landscape else pagesize
    day = generated_on or date.today()
    footer = "".join(f"{part} · " for part in (agency, address) if part)
    footer += f"{PRODUCT} · édité le {format_date(day)}"

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if header:
            draw_header_band(
                canvas,
                size[0],
                size[1],
                title,
                subtitle,
                logo=logo,
                colour=band_colour,
                accent=accent,
            )
        if decorate is not None:
            decorate(canvas, doc)

    page_frames = list(frames) if frames else [content_frame(size, header=header)]
    doc = BaseDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title if not subtitle else f"{title} – {subtitle}",
        author=agency or PRODUCT,
        creator=PRODUCT,
        subject=subtitle,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=page_frames, onPage=on_page)])
    doc.build(story, canvasmaker=functools.partial(NumberedCanvas, footer_left=footer))
    return path
