"""The event report PDF and `essdesk report event`, read back from the file a funder would get."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections import Counter
from datetime import date

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import func, select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.reports.event_report import event_report_pdf, key_points, percent, plural
from essdesk.services.event_report import event_report_data
from tests.services.test_event_report import Week, build_week

DEMO_TODAY = date(2026, 11, 22)  # the demo's dates are relative to this day

AGENCY = "Mission locale de Grenoble-Alpes"


def pdf_text(path) -> tuple[int, str]:
    """Page count and the whole text, non-breaking spaces read as plain spaces."""
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), text.replace("\u00a0", " ")


def flat(text: str) -> str:
    """Text with line breaks folded, for sentences that wrap in the PDF."""
    return " ".join(text.split())


@pytest.fixture
def week(db) -> Week:
    return build_week(db, seed=23)


def test_french_numbers_and_plurals():
    assert percent(0.3214) == "32 %".replace(" ", "\u00a0")
    assert percent(0.097) == "9,7\u00a0%"
    assert percent(0.05) == "5\u00a0%"
    assert percent(None) == "–"
    assert plural(0, "embauche") == "0\u00a0embauche"
    assert plural(1, "embauche") == "1\u00a0embauche"
    assert plural(2, "second entretien", "seconds entretiens") == "2\u00a0seconds entretiens"


def test_key_points_state_the_counted_figures(db, week):
    data = event_report_data(db, week.event_id)
    points = [flat(p.replace("\u00a0", " ")) for p in key_points(data)]
    present = sum(1 for *_, status in week.attendance if status == "present")
    youths = len({y for _, y, _, status in week.attendance if y and status == "present"})
    held = [row for row in week.meetings if row[4]]
    outcomes = Counter(row[3] for row in held)
    assert points[0] == (
        "L'événement a compté 8 sessions sur 5 jours, du lundi 16/11/2026 au vendredi 20/11/2026."
    )
    assert points[1].startswith(
        f"Les sessions ont enregistré {present} présences ({youths} jeunes différents suivis, "
        "plus 2 personnes venues sans fiche)"
    )
    speed = points[-1]
    assert f"{len(held)} rencontres tenues entre 11 recruteurs" in speed
    assert f"{outcomes['interested']} intérêt" in speed
    assert f"{outcomes['hired']} embauche" in speed
    assert f"Les suites de {outcomes[None]} rencontre" in speed


def test_pdf_shows_sessions_profile_and_outcomes(db, week, tmp_path):
    data = event_report_data(db, week.event_id)
    path = event_report_pdf(data, tmp_path / "rapport.pdf", agency=AGENCY)
    pages, text = pdf_text(path)
    assert pages >= 2
    for number in range(1, pages + 1):
        assert f"page {number} / {pages}" in text
    assert f"{AGENCY} · ESS Desk · édité le {date.today():%d/%m/%Y}" in text
    assert "Rapport d'événement" in text and "Semaine de l'ESS à la Mission locale" in text
    assert "Du lundi 16/11/2026 au vendredi 20/11/2026 · Mission locale de Grenoble" in text
    for heading in (
        "À retenir",
        "Les sessions",
        "Profil des jeunes présents",
        "Suites par recruteur",
    ):
        assert heading in text
    for title in ("Témoignages de salariés de", "Visite de la ressourcerie", "Forum des offres"):
        assert title in text
    assert "Atelier · Jeunes en CEJ · Salle polyvalente" in text
    assert "Atelier · Équipe de la structure" in text
    assert "Niveau de qualification" in text and "Commune de résidence" in text
    present = {y for _, y, _, status in week.attendance if y and status == "present"}
    with db.session() as s:
        qpv = s.scalar(select(func.count()).where(m.Youth.id.in_(present), m.Youth.qpv))
    assert f"Jeunes différents, suivis (avec une fiche)\n{len(present)}\n" in text
    share = percent(qpv / len(present)).replace("\u00a0", " ")
    assert f"Résidant en quartier prioritaire (QPV)\n{qpv}\n{share}" in text

    statuses = Counter(status for *_, status in week.attendance)
    total = f"Total\n480\n{len(week.attendance)}\n{statuses['present']}\n{statuses['absent']}"
    assert total in text
    held = [row for row in week.meetings if row[4]]
    outcomes = Counter(row[3] for row in held)
    tables = sum(week.recruiter_tables.values())
    row = [tables, len(held), *(outcomes[k] for k in ("interested", "second_interview", "hired"))]
    row += [outcomes["none"], outcomes[None]]
    assert "Total\n" + "\n".join(map(str, row)) in text
    assert f"{len(held)} tenues sur {len(week.meetings)} planifiées" in text
    assert f"{week.absent_recruiter} (absent)" in flat(text)
    for label in ("Intéressé", "Second\nentretien", "Embauche", "Sans suite", "Non saisi"):
        assert label in text
    assert "412 pour une borne maximale de 430 (96 % de la borne)" in flat(text)


def test_report_before_presence_is_taken_says_so(db, tmp_path):
    from essdesk.services.demo.dataset import fill_demo_data
    from essdesk.services.event_report import find_event

    fill_demo_data(db, youths=120, seed=3, event_history=False, today=DEMO_TODAY)
    data = event_report_data(db, find_event(db).id)
    _, text = pdf_text(event_report_pdf(data, tmp_path / "avant.pdf"))
    text = flat(text)
    assert "Profil des jeunes inscrits (présence non saisie)" in text
    assert "La présence n'a pas encore été saisie : 60 inscriptions sont enregistrées" in text
    assert "Aucune rencontre n'est encore planifiée" in text
    assert "Rencontres aucune rencontre planifiée" in text
    assert "0 % (0 rencontre pour " in text


def test_event_without_sessions_or_speed_meeting(db, tmp_path):
    with db.transaction() as s:
        event = m.Event(
            title="Forum « Jeunes & ESS » <édition 2025>",
            start_date=date(2025, 3, 4),
            place="Salle des fêtes de Mens",
            description="Rencontre ouverte aux structures du Trièves.",
        )
        s.add(event)
    data = event_report_data(db, event.id)
    pages, text = pdf_text(event_report_pdf(data, tmp_path / "vide.pdf"))
    text = flat(text)
    assert pages == 1 and "page 1 / 1" in text
    assert "Forum « Jeunes & ESS » <édition 2025>" in text
    assert "Le mardi 04/03/2025 · Salle des fêtes de Mens" in text
    assert "Aucune session n'est enregistrée." in text
    assert "Aucun speed meeting n'est rattaché à cet événement." in text
    assert "Aucune inscription ni présence n'est enregistrée pour cet événement." in text
    assert "Aucun jeune n'est inscrit ni présent : pas de profil à présenter." in text


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) absent")
def test_every_page_renders_to_an_a4_image(db, week, tmp_path):
    path = event_report_pdf(event_report_data(db, week.event_id), tmp_path / "rapport.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(path).pages)
    for image in images:
        width, height = _png_size(image)
        assert abs(width - 496) <= 1 and abs(height - 702) <= 1  # A4 portrait at 60 dpi
        assert image.stat().st_size > 5_000  # a blank page compresses far smaller


def run(db_path, *args):
    return CliRunner().invoke(main, ["--database", str(db_path), "report", "event", *args])


def test_cli_writes_the_latest_event_by_default(db, db_path, week, tmp_path):
    with db.transaction() as s:
        s.add(m.Event(title="Forum de l'alternance", start_date=date(2024, 5, 2)))
    output = tmp_path / "semaine.pdf"
    result = run(db_path, "--output", str(output), "--agency", AGENCY)
    assert result.exit_code == 0, result.output
    assert "Rapport de « Semaine de l'ESS à la Mission locale » écrit" in result.output
    pages, text = pdf_text(output)
    assert "Semaine de l'ESS à la Mission locale" in text and f"page {pages} / {pages}" in text
    assert AGENCY in text

    by_title = tmp_path / "forum.pdf"
    result = run(db_path, "alternance", "--output", str(by_title))
    assert result.exit_code == 0, result.output
    _, text = pdf_text(by_title)
    assert "Forum de l'alternance" in text and "Aucune session n'est enregistrée." in text

    by_id = tmp_path / "par-id.pdf"
    assert run(db_path, str(week.event_id), "--output", str(by_id)).exit_code == 0
    assert "Semaine de l'ESS" in pdf_text(by_id)[1]


def test_cli_errors_are_french_and_exit_1(db, db_path, week, tmp_path):
    result = run(db_path, "Salon du livre", "--output", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "Erreur : Aucun événement ne correspond à « Salon du livre »." in result.output
    assert not (tmp_path / "x.pdf").exists()
    result = run(db_path, "--output", str(tmp_path / "rapport.txt"))
    assert result.exit_code == 1 and "doit se terminer par .pdf" in result.output
    result = run(db_path, "--output", str(tmp_path / "absent" / "r.pdf"))
    assert result.exit_code == 1 and "n'existe pas" in result.output


def test_cli_on_an_empty_base(tmp_path):
    from essdesk.db.database import open_database

    open_database(str(tmp_path / "vide.sqlite3")).close()  # a missing base is refused instead
    result = run(tmp_path / "vide.sqlite3", "--output", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1
    assert "Erreur : La base ne contient aucun événement." in result.output


def test_a_failed_write_leaves_the_previous_report_untouched(tmp_path):
    from essdesk.errors import EssDeskError
    from essdesk.services.report_files import write_replacing

    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"%PDF ancien rapport")

    def broken(side):
        side.write_bytes(b"%PDF moitie")
        raise OSError(28, "No space left on device")

    with pytest.raises(EssDeskError, match="plus de place sur le disque"):
        write_replacing(target, broken)
    assert target.read_bytes() == b"%PDF ancien rapport"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.pdf"]  # no side file left
