"""The four partner reports: figures in the PDF text and the XLSX cells, and the empty cases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from essdesk.cli import main
from essdesk.db.database import open_database
from essdesk.errors import EssDeskError
from essdesk.services import partnerships as ps
from essdesk.services.communes import import_communes
from essdesk.services.events.sessions import create_event
from essdesk.services.partner_reports import write_report
from essdesk.services.territory_activity import territory_activity
from essdesk.settings import settings_path
from tests.services.partner_data import TODAY, add_placements, build_agency, fill_event

COMMUNES = Path(__file__).parent.parent / "data" / "communes" / "communes.csv"


def text_of(path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.replace("\u00a0", " ").split())


def sheet_values(path, sheet: str) -> dict:
    """The sheet's first column → its second, for summary sheets."""
    book = load_workbook(path, read_only=True, data_only=True)
    return {row[0]: row[1] for row in book[sheet].iter_rows(values_only=True) if row and row[0]}


@pytest.fixture
def agency(db):
    agency = build_agency(db)
    fill_event(db, agency)
    add_placements(db, agency)
    return agency


def test_partnership_review_figures(db, agency, tmp_path):
    written = write_report(db, "partnership", tmp_path / "bilan.pdf", today=TODAY)
    assert written.title == "Bilan de partenariat : Convention UDES × France Travail"
    pages, text = text_of(written.path)
    assert "Bilan du 10/01/2025 au 15/06/2026 · UDES Auvergne-Rhône-Alpes" in text
    # Actions of the period: the December one is outside it; the job dating is late.
    assert "Feuille de route : 1 action réalisée sur 2 (50 %), dont 1 action en retard." in text
    assert "Comité de pilotage : 1 réunion tenue sur 2 attendues, en deçà de la convention." in text
    assert "Comité technique : 1 réunion tenue sur 3 attendues" in text
    assert (
        "Chez les 2 employeurs partenaires : 5 offres publiées, 4 embauches de 3 jeunes différents."
        in text
    )
    assert "Axe 2 — Faciliter les recrutements" in text and "Prévue (en retard)" in text
    assert "Semaine de l'ESS 2026" in text and "Michel Senior" not in text
    # Mentoring as counts: SCOP Les Charpentiers 1 pair, ended, 2 meetings; one without company.
    assert "SCOP Les Charpentiers 1 0 2" in text and "Total 2 1 2" in text
    assert f"page {pages} / {pages}" in text
    write_report(db, "partnership", tmp_path / "bilan.xlsx", today=TODAY)
    summary = sheet_values(tmp_path / "bilan.xlsx", "Synthèse")
    assert summary["Actions de la période"] == 2 and summary["Actions réalisées"] == 1
    assert (summary["Offres publiées"], summary["Embauches"], summary["Jeunes embauchés"]) == (
        5,
        4,
        3,
    )
    assert summary["Comités de pilotage attendus"] == 2
    book = load_workbook(tmp_path / "bilan.xlsx", read_only=True)
    years = [
        r
        for r in book["Offres et embauches"].iter_rows(values_only=True)
        if r and isinstance(r[0], int)
    ]
    assert years == [(2025, 2, 3, 2, 2), (2026, 3, 3, 2, 1)]
    write_report(db, "partnership", tmp_path / "bilan.csv", today=TODAY)
    csv_text = (tmp_path / "bilan.csv").read_bytes().decode("utf-8-sig")
    assert "Embauches;4\r\n" in csv_text and "Début de la période;10/01/2025\r\n" in csv_text


def test_partnership_without_axes_or_activity_still_comes_out(db, tmp_path):
    ps.create_partnership(db, title="Convention Fondation", partner_name="Fondation X")
    path = write_report(db, "partnership", tmp_path / "vide.pdf", today=TODAY).path
    _, text = text_of(path)
    assert "La convention n'a pas encore d'axes de travail" in text
    assert "Aucun employeur n'est rattaché à la convention" in text
    assert "Aucune réunion de gouvernance tenue n'est enregistrée sur la période." in text
    assert "Aucun signataire n'est enregistré pour cette convention." in text
    with pytest.raises(EssDeskError, match="aucune convention"):
        write_report(
            db.__class__.__new__(db.__class__) if False else _empty(db, tmp_path),
            "partnership",
            tmp_path / "x.pdf",
        )


def _empty(db, tmp_path):

    return open_database(str(tmp_path / "vide.sqlite3"))


def test_event_review_registrations_outcomes_and_xlsx(db, agency, tmp_path):
    path = write_report(db, "event", tmp_path / "evenement.pdf").path
    _, text = text_of(path)
    assert "Inscriptions en cours (jeunes) 5" in text
    assert (
        "Désinscriptions 1" in text
        and "Inscriptions refusées (session complète ou inscriptions closes) 1" in text
    )
    assert (
        "Pour les 4 jeunes présents à au moins une session, du premier jour de l'événement au 17/06/2026"
        in text
    )
    assert "Positionnements sur une offre 2 2" in text and "Contrats signés (embauches) 2 1" in text
    write_report(db, "event", tmp_path / "evenement.xlsx")
    summary = sheet_values(tmp_path / "evenement.xlsx", "Synthèse")
    assert (summary["Présences de jeunes"], summary["Absences"], summary["Désinscriptions"]) == (
        4,
        1,
        1,
    )
    book = load_workbook(tmp_path / "evenement.xlsx", read_only=True)
    rows = list(book["Sessions"].iter_rows(values_only=True))
    sessions = rows[[r[0] for r in rows].index("Début") + 1 :]
    assert [(r[2], r[8], r[9], r[10], r[11], r[16]) for r in sessions] == [
        ("Atelier CV", 3, 1, 1, 2, 0),
        ("Forum des offres", 2, 0, 0, 2, 1),
    ]


def test_event_without_attendance_says_so(db, tmp_path):
    create_event(db, "Forum vide", date(2026, 5, 4))
    _, text = text_of(write_report(db, "event", tmp_path / "vide.pdf").path)
    assert "Aucune session n'est enregistrée." in text
    assert "Aucune présence de jeune n'est saisie" in text


def test_territory_by_type(db, agency, tmp_path):
    data = territory_activity(db, date(2026, 1, 1), date(2026, 6, 15))
    assert data.communes == 0 and data.rows[-1].label == "Territoire non déterminé"
    import_communes(db, COMMUNES)
    data = territory_activity(db, date(2026, 1, 1), date(2026, 6, 15))
    figures = {r.code: (r.youths, r.employers, r.offers, r.positionings, r.placements, r.positive_exits)
               for r in data.rows}  # fmt: skip
    assert figures == {
        "urban": (3, 1, 1, 2, 2, 1),
        "peri_urban": (1, 1, 2, 1, 0, 0),
        "rural": (2, 1, 1, 0, 1, 1),
    }
    path = write_report(
        db, "territory", tmp_path / "t.pdf", start=date(2026, 1, 1), end=date(2026, 6, 15)
    ).path
    _, text = text_of(path)
    assert "Jeunes suivis 3 1 2 6" in text and "Contrats débutés 2 0 1 3" in text
    write_report(
        db, "territory", tmp_path / "t.xlsx", start=date(2026, 1, 1), end=date(2026, 6, 15)
    )
    book = load_workbook(tmp_path / "t.xlsx", read_only=True)
    rows = {r[0]: r[1:] for r in book["Par territoire"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Sorties positives"] == (1, 0, 1, 2)
    assert "Période du 01/01/2026 au 15/06/2026." in rows  # the sheet says what it counts
    write_report(db, "territory", tmp_path / "t.csv", start=date(2026, 1, 1), end=date(2026, 6, 15))
    assert "Période du 01/01/2026 au 15/06/2026." in (tmp_path / "t.csv").read_text("utf-8-sig")
    empty = write_report(
        db, "territory", tmp_path / "e.pdf", start=date(2020, 1, 1), end=date(2020, 12, 31)
    ).path
    assert "Aucune activité n'est enregistrée sur la période choisie." in text_of(empty)[1]


def test_offers_board_one_card_per_page(db, agency, tmp_path):
    pages, text = text_of(write_report(db, "offers", tmp_path / "o.pdf").path)
    assert pages == 6 and "Offre 6 / 6" in text
    pages, text = text_of(write_report(db, "offers", tmp_path / "o2.pdf", subject="Semaine").path)
    assert (
        pages == 1 and "SCOP Les Charpentiers — Voiron" in text and "CDD · 35 h par semaine" in text
    )
    _, text = text_of(write_report(db, "offers", tmp_path / "o3.pdf", start=date(2030, 1, 1)).path)
    assert "Aucune offre ouverte à afficher" in text


def test_logo_from_settings_and_a_missing_one(db, agency, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (160, 80), "#D9822B").save(logo)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(
        json.dumps({"agency_name": "Mission locale du Voironnais", "agency_logo": str(logo)})
    )
    path = write_report(db, "partnership", tmp_path / "logo.pdf", today=TODAY).path
    page = PdfReader(path).pages[0]
    assert any(
        page["/Resources"]["/XObject"][k]["/Subtype"] == "/Image"
        for k in page["/Resources"]["/XObject"]
    )
    assert "Mission locale du Voironnais · ESS Desk" in text_of(path)[1]
    settings_path().write_text(
        json.dumps({"agency_logo": str(tmp_path / "absent.png"), "report_colour": "bleu"})
    )
    _, text = text_of(write_report(db, "partnership", tmp_path / "sans.pdf", today=TODAY).path)
    assert "Logo introuvable ou illisible" in text and "le rapport est édité sans logo" in text
    assert "Couleur « bleu » illisible : la couleur habituelle est utilisée." in text


def test_command_line(db, db_path, agency, tmp_path):
    runner = CliRunner()
    base = ["--database", str(db_path), "report"]
    for kind in ("partnership", "event", "territory", "offers"):
        for suffix in ("pdf", "xlsx", "csv"):
            out = tmp_path / f"{kind}.{suffix}"
            result = runner.invoke(
                main,
                [*base, kind, "--from", "01/01/2026", "--to", "15/06/2026", "--output", str(out)],
            )
            assert result.exit_code == 0, result.output
            assert out.stat().st_size > 200
    bad = runner.invoke(main, [*base, "event", "--output", str(tmp_path / "r.docx")])
    assert bad.exit_code == 1 and "doit se terminer par .pdf, .xlsx ou .csv" in bad.stderr
    bad = runner.invoke(
        main, [*base, "partnership", "--from", "31/02/2026", "--output", str(tmp_path / "r.pdf")]
    )
    assert bad.exit_code == 2 and "31/02/2026" in bad.stderr
    bad = runner.invoke(
        main, [*base, "partnership", "inconnue", "--output", str(tmp_path / "r.pdf")]
    )
    assert bad.exit_code == 1 and "Aucun partenariat ne correspond à « inconnue »" in bad.stderr
