"""The shared look of ESS Desk PDFs: fonts, numbered footer, header band, page formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Table

from essdesk.reports import theme

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def three_pages() -> list:
    body = theme.style("Body")
    return [
        Paragraph("Bilan des emplois d'avenir", theme.style("Title")),
        Paragraph("Première page : les sorties positives.", body),
        PageBreak(),
        Paragraph("Deuxième page : les formations qualifiantes.", body),
        PageBreak(),
        Paragraph("Troisième page : les financeurs (OPCO Santé, Uniformation).", body),
    ]


def test_every_page_has_header_band_and_numbered_footer(tmp_path):
    path = theme.build_document(
        tmp_path / "rapport.pdf",
        three_pages(),
        title="Rapport d'activité",
        subtitle="Année 2025",
        agency="Mission locale Rurale des Cévennes",
        generated_on=date(2026, 3, 5),
    )
    pages = page_texts(path)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert text.startswith("Rapport d'activité Année 2025")
        assert "Mission locale Rurale des Cévennes · ESS Desk · édité le 05/03/2026" in text
        assert text.endswith(f"page {number} / 3")
    assert "Deuxième page" in pages[1]


def test_metadata_names_the_report(tmp_path):
    path = theme.build_document(
        tmp_path / "r.pdf", three_pages(), title="Bilan", subtitle="Semaine de l'ESS"
    )
    metadata = PdfReader(str(path)).metadata
    assert metadata.title == "Bilan – Semaine de l'ESS"
    assert metadata.author == "ESS Desk"


def test_page_formats(tmp_path):
    portrait = theme.build_document(tmp_path / "p.pdf", three_pages(), title="A4")
    wide = theme.build_document(tmp_path / "l.pdf", three_pages(), title="A4", landscape=True)
    small = theme.build_document(tmp_path / "s.pdf", three_pages(), title="A5", pagesize=A5)
    (w, h) = (float(v) for v in PdfReader(str(portrait)).pages[0].mediabox.upper_right)
    assert (round(w), round(h)) == (round(A4[0]), round(A4[1]))
    box = PdfReader(str(wide)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(A4[1]), round(A4[0]))
    assert round(float(PdfReader(str(small)).pages[0].mediabox.width)) == round(A5[0])


def test_without_header_the_band_is_left_out(tmp_path):
    path = theme.build_document(
        tmp_path / "r.pdf", three_pages(), title="Sans bandeau", header=False
    )
    first = page_texts(path)[0]
    assert "Sans bandeau" not in first
    assert first.endswith("page 1 / 3")


def test_a_long_subtitle_still_fits_the_band(tmp_path):
    subtitle = "Semaine de l'économie sociale et solidaire · " * 4
    path = theme.build_document(
        tmp_path / "r.pdf", three_pages(), title="Grille", subtitle=subtitle
    )
    assert subtitle.strip() in page_texts(path)[0]


def test_french_date():
    assert theme.french_date(date(2026, 1, 5)) == "05/01/2026"


def test_missing_dejavu_falls_back_to_helvetica(tmp_path):
    fonts = theme.load_fonts([tmp_path / "aucune-police"])
    assert fonts == theme.Fonts("Helvetica", "Helvetica-Bold", unicode=False)


def test_dejavu_is_registered_when_present():
    if not (DEJAVU / "DejaVuSans.ttf").is_file():
        pytest.skip("DejaVu Sans absente de cette machine")
    fonts = theme.load_fonts([DEJAVU])
    assert fonts.unicode and fonts.regular == "EssSans" and fonts.bold == "EssSans-Bold"


def test_names_beyond_latin_1_print_with_the_chosen_font(tmp_path):
    story = [
        Paragraph("Nguyễn Thị Lan, Élodie Lefèvre, Maël, Chloé", theme.style("Body")),
        Table(
            [["Jeune", "Structure"], ["Nguyễn Thị Lan", "Crèche « Les P'tits Loups »"]],
            style=theme.table_style(),
        ),
    ]
    text = page_texts(theme.build_document(tmp_path / "n.pdf", story, title="Noms"))[0]
    assert "Élodie Lefèvre, Maël, Chloé" in text
    assert "Crèche « Les P'tits Loups »" in text
    if theme.fonts().unicode:
        assert "Nguyễn Thị Lan" in text
    else:  # Helvetica cannot draw « ễ », but the document still builds
        assert "Nguy" in text


def test_helvetica_fallback_prints_french(tmp_path):
    """What a machine without DejaVu gets: Latin-1 French comes out whole."""
    fallback = theme.load_fonts([tmp_path])
    style = ParagraphStyle("fallback", fontName=fallback.regular, fontSize=10)
    story = [Paragraph("Élodie, déjà inscrite à l'atelier « CV »", style)]
    text = page_texts(theme.build_document(tmp_path / "h.pdf", story, title="Repli"))[0]
    assert "Élodie, déjà inscrite à l'atelier « CV »" in text


def test_stylesheet_uses_the_theme_fonts():
    sheet = theme.stylesheet()
    fonts = theme.fonts()
    for name in ("Body", "Small", "Cell", "Subtitle"):
        assert sheet[name].fontName == fonts.regular
    for name in ("Title", "Heading", "HeaderCell", "CellBold"):
        assert sheet[name].fontName == fonts.bold
    bigger = theme.style("Body", fontSize=14)
    assert bigger.fontSize == 14 and sheet["Body"].fontSize == 10


def test_the_package_ships_its_unicode_font():
    # Windows has no DejaVu: the copy in the package keeps names such as « Nguyễn » whole.
    shipped = theme.DEFAULT_FONT_DIRS[0]
    assert (shipped / "DejaVuSans.ttf").is_file() and (shipped / "DejaVuSans-Bold.ttf").is_file()
    assert theme.load_fonts([shipped]).unicode
