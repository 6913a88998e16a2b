"""The scheme commands: import of placements, eligibility, aid, deadlines, calendar, pathway PDF."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from essdesk.cli import main
from essdesk.cli.exchange_commands import EXIT_INVALID_ROWS
from essdesk.db import models as m

HEADERS = (
    "Nom;Prénom;Date de naissance;SIRET de l'employeur;Dispositif;Forme du contrat;"
    "Type de contrat;Date de début;Date de fin;Durée hebdomadaire;Taux d'aide;Début de l'aide;"
    "Fin de l'aide;Intitulé du poste;Tuteur;Justification"
)
GOOD = (
    "Martin;Léna;14/03/1994;73282932000074;Emploi d'avenir;CAE;CDD;06/01/2014;05/01/2017;35;"
    "75 %;06/01/2014;05/01/2017;Agent d'entretien;Paul Girard;"
)
PART_TIME = (
    "DURAND;Noe;02/02/1995;73282932000074;EAV;CUI-CAE;CDD;01/09/2014;31/08/2015;24;75;"
    "01/09/2014;31/08/2015;Animateur;Inconnu;"
)
TOO_SHORT = (
    "Petit;Inès;05/05/1993;35600000000048;EAV;CIE;CDD;01/03/2015;28/02/2016;17;35;"
    "01/03/2015;28/02/2016;Aide maçon;;"
)
JUSTIFIED = TOO_SHORT[: -len(";")] + ";Temps partiel thérapeutique (avis du médecin du travail)"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def base(db, db_path):
    with db.transaction() as session:
        referent = m.Counsellor(first_name="Claire", last_name="Fabre")
        association = m.Employer(
            name="Régie de quartier", siret="73282932000074", legal_form="association"
        )
        association.contacts.append(m.Contact(first_name="Paul", last_name="Girard", is_tutor=True))
        company = m.Employer(name="SCOP Bâtir", siret="35600000000048", legal_form="scop")
        session.add_all([association, company])
        for last, first, birth in (
            ("Martin", "Léna", date(1994, 3, 14)),
            ("Durand", "Noé", date(1995, 2, 2)),
            ("Petit", "Inès", date(1993, 5, 5)),
        ):
            session.add(
                m.Youth(
                    last_name=last,
                    first_name=first,
                    birth_date=birth,
                    diploma_obtained=False,
                    referent=referent,
                )
            )
    return db_path


def _file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "contrats.csv"
    path.write_text("\n".join((HEADERS, *lines)) + "\n", encoding="utf-8-sig")
    return path


def _count(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as c:
        return c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_import_refuses_a_row_breaking_a_rule_and_writes_nothing(base, tmp_path):
    result = run("--database", base, "import", "placements", _file(tmp_path, GOOD, TOO_SHORT))
    assert result.exit_code == EXIT_INVALID_ROWS
    assert "Import refusé : 1 ligne invalide sur 2" in result.stderr
    assert (
        "ligne 3 : règle enfreinte : Emploi d'avenir : au moins 17,5 h par semaine (reçu : 17 h)"
        in result.stderr
    )
    assert _count(base, "placements") == 0


def test_import_matches_people_flags_what_to_complete_and_keeps_justifications(base, tmp_path):
    result = run(
        "--database", base, "import", "placements", _file(tmp_path, GOOD, PART_TIME, JUSTIFIED)
    )
    assert result.exit_code == 0, result.output
    assert "Contrats — créations : 3" in result.stdout
    with sqlite3.connect(base) as c:
        rows = c.execute(
            "SELECT y.last_name, p.tutor_id IS NOT NULL, p.to_complete, p.override_justification,"
            " p.aid_rate, p.notes FROM placements p JOIN youths y ON y.id = p.youth_id "
            "ORDER BY y.last_name"
        ).fetchall()
    durand, martin, petit = rows
    assert martin[:4] == ("Martin", 1, "[]", None)
    assert durand[1:3] == (0, '["part_time_agreement", "tutor"]')
    assert "Inconnu" in durand[5]  # the tutor named in the file, to attach later
    assert petit[3] == "Temps partiel thérapeutique (avis du médecin du travail)"
    # Re-importing the same file creates nothing.
    again = run(
        "--database", base, "import", "placements", _file(tmp_path, GOOD, PART_TIME, JUSTIFIED)
    )
    assert "créations : 0" in again.stdout and "déjà à jour : 3" in again.stdout


def test_import_dry_run_and_skip_invalid(base, tmp_path):
    path = _file(
        tmp_path,
        GOOD,
        TOO_SHORT,
        "Inconnu;Personne;01/01/1990;73282932000074;EAV;"
        "CAE;CDD;01/01/2014;31/12/2014;35;75;;;Agent;;",
    )
    dry = run("--database", base, "import", "placements", path, "--dry-run")
    assert dry.exit_code == EXIT_INVALID_ROWS
    assert "ligne 4 : jeune inconnu : Inconnu Personne, né(e) le 01/01/1990" in dry.stdout
    assert _count(base, "placements") == 0
    skipped = run("--database", base, "import", "placements", path, "--skip-invalid")
    assert skipped.exit_code == 0
    assert _count(base, "placements") == 1
    report = (tmp_path / "contrats-rejets.csv").read_text(encoding="utf-8-sig")
    assert "règle enfreinte" in report and "jeune inconnu" in report


def test_eligibility_aid_and_deadlines_commands(base, tmp_path):
    run("--database", base, "import", "placements", _file(tmp_path, GOOD))
    target = tmp_path / "eligibilite.csv"
    result = run(
        "--database",
        base,
        "eligibility",
        "--scheme",
        "EAV",
        "--date",
        "02/06/2014",
        "--output",
        target,
    )
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Nom;Prénom;Date de naissance;Verdict;Motifs"
    assert {line.split(";")[3] for line in lines[1:]} == {"éligible"}
    one = run(
        "--database",
        base,
        "eligibility",
        "--scheme",
        "Emploi d'avenir",
        "--date",
        "02/06/2014",
        "--output",
        target,
        "--youth",
        "Petit Inès",
    )
    assert "1 jeune (éligible : 1)" in one.stdout

    aid = tmp_path / "aide.csv"
    result = run("--database", base, "aid", "--from", "01/2014", "--to", "12/2015", "--output", aid)
    assert result.exit_code == 0, result.output
    lines = aid.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Nom;Prénom;Employeur;Mois;Taux;Heures mensuelles;SMIC horaire;Montant"
    assert len(lines) == 1 + 24
    assert (
        lines[1] == "Martin;Léna;Régie de quartier;01/2014;75;151,67;9,53;909,21"
    )  # 26/31 of the month
    assert lines[13].startswith("Martin;Léna;Régie de quartier;01/2015;75;151,67;9,61;")

    deadlines = tmp_path / "echeances.csv"
    result = run(
        "--database",
        base,
        "deadlines",
        "--from",
        "01/01/2015",
        "--to",
        "31/12/2017",
        "--output",
        deadlines,
        "--today",
        "01/12/2016",
    )
    assert result.exit_code == 0, result.output
    rows = [line.split(";") for line in deadlines.read_text(encoding="utf-8-sig").splitlines()]
    assert rows[0] == ["Nom", "Prénom", "Employeur", "Échéance", "Date", "État"]
    labels = {r[3]: (r[4], r[5]) for r in rows[1:]}
    review = next(k for k in labels if "Bilan" in k)
    certificate = next(k for k in labels if "Attestation" in k)
    assert labels[review] == ("05/11/2016", "en retard")
    assert labels[certificate] == ("05/12/2016", "à faire")


def test_bad_options_say_what_is_wrong(base, tmp_path):
    result = run(
        "--database",
        base,
        "aid",
        "--from",
        "13/2014",
        "--to",
        "12/2015",
        "--output",
        tmp_path / "a.csv",
    )
    assert result.exit_code == 1
    assert "--from : mois « 13/2014 » illisible (forme attendue : mm/aaaa" in result.stderr
    result = run(
        "--database",
        base,
        "eligibility",
        "--scheme",
        "XYZ",
        "--date",
        "02/06/2014",
        "--output",
        tmp_path / "e.csv",
    )
    assert result.exit_code == 1 and "Dispositif « XYZ » inconnu" in result.stderr


def test_pathway_pdf_and_calendar(base, tmp_path):
    run("--database", base, "import", "placements", _file(tmp_path, GOOD, JUSTIFIED))
    pdf = tmp_path / "parcours.pdf"
    result = run(
        "--database",
        base,
        "report",
        "pathway",
        "Martin Léna",
        "--output",
        pdf,
        "--agency",
        "Mission locale du Grésivaudan",
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in (
        "Fiche parcours",
        "Léna Martin",
        "Contrat chez Régie de quartier",
        "Paul Girard",
        "75 % du SMIC",
        "Rien n'est dû dans les six mois.",  # ended in 2017: what it missed is not due
        "Signatures",
        "Mission locale du Grésivaudan",
    ):
        assert expected in text, expected
    justified = tmp_path / "petit.pdf"
    run("--database", base, "report", "pathway", "Inès Petit", "--output", justified)
    text = "\n".join(page.extract_text() for page in PdfReader(justified).pages)
    assert "Dérogation aux règles du dispositif" in text and "médecin du travail" in text
    missing = run("--database", base, "report", "pathway", "Personne", "--output", pdf)
    assert missing.exit_code == 1 and "Aucun jeune ne s'appelle « Personne »" in missing.stderr

    ics = tmp_path / "agenda.ics"
    result = run("--database", base, "calendar", "--counsellor", "Claire Fabre", "--output", ics)
    assert result.exit_code == 0 and "0 entretien" in result.stdout
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_import_placements_from_xlsx_with_scheme_names_and_row_errors(base, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS.split(";"))
    sheet.append(GOOD.split(";"))
    bad = PART_TIME.split(";")
    bad[4] = "Contrat aidé"  # no such scheme
    bad[9] = "quarante"
    sheet.append(bad)
    path = tmp_path / "contrats.xlsx"
    book.save(path)
    result = run("--database", base, "import", "placements", path)
    assert result.exit_code == EXIT_INVALID_ROWS
    assert "ligne 3, colonne « Dispositif » : dispositif « Contrat aidé » inconnu" in result.stderr
    assert "ligne 3, colonne « Durée hebdomadaire » : durée « quarante » illisible" in result.stderr
    assert _count(base, "placements") == 0


def _born_2003(db_path) -> None:
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE youths SET birth_date = '2003-03-14' WHERE last_name = 'Martin'")


def _row(scheme: str, start: str, end: str, hours: str = "") -> str:
    return (
        f"Martin;Léna;14/03/2003;73282932000074;{scheme};;CDD;{start};{end};{hours};;;;Parcours;;"
    )


def test_import_refuses_a_pacea_overlapping_a_cej_with_its_line_and_the_rule(base, tmp_path):
    _born_2003(base)
    cej = _row("CEJ", "01/03/2022", "31/08/2022", "15")
    first = run("--database", base, "import", "placements", _file(tmp_path, cej))
    assert first.exit_code == 0, first.output
    pacea = _row("PACEA", "01/09/2021", "31/08/2022")
    late_cej = _row("CEJ", "01/10/2022", "31/03/2023", "15")
    overlap = _row("PACEA", "01/03/2023", "30/09/2023")
    path = _file(tmp_path, pacea, late_cej, overlap)
    result = run("--database", base, "import", "placements", path)
    assert result.exit_code == EXIT_INVALID_ROWS
    assert "Import refusé : 3 lignes invalides sur 3" in result.stderr
    name = "Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie"
    for expected in (
        # Against the CEJ already in the base, then between two rows of the file.
        f"ligne 2 : règle enfreinte : {name} : pas en même temps qu'un Contrat d'engagement "
        "jeune (CEJ du 01/03/2022 au 31/08/2022)",
        "ligne 3 : règle enfreinte : Contrat d'engagement jeune : pas en même temps qu'un "
        f"{name} (PACEA du 01/03/2023 au 30/09/2023, ligne 4 du fichier)",
        f"ligne 4 : règle enfreinte : {name} : pas en même temps qu'un Contrat d'engagement "
        "jeune (CEJ du 01/10/2022 au 31/03/2023, ligne 3 du fichier)",
    ):
        assert expected in result.stderr, expected
    assert _count(base, "placements") == 1  # the file wrote nothing


def test_eligibility_csv_says_a_young_person_in_a_pacea_is_not_eligible_to_a_cej(base, tmp_path):
    _born_2003(base)
    pacea = _row("PACEA", "01/09/2021", "31/08/2022")
    imported = run("--database", base, "import", "placements", _file(tmp_path, pacea))
    assert imported.exit_code == 0, imported.output
    target = tmp_path / "eligibilite.csv"
    args = ("--database", base, "eligibility", "--scheme", "CEJ", "--output", target)
    result = run(*args, "--date", "01/06/2022")
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Nom;Prénom;Date de naissance;Verdict;Motifs"
    by_name = {line.split(";")[0]: line.split(";", 3)[3] for line in lines[1:]}
    assert by_name["Martin"] == (
        "non éligible;déjà en Parcours contractualisé d'accompagnement vers l'emploi et "
        "l'autonomie le 01/06/2022 (PACEA du 01/09/2021 au 31/08/2022) : pas de CEJ en même temps"
    )
    # The day after the PACEA's last day, the CEJ is open to her.
    run(*args, "--date", "01/09/2022")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[3] for line in lines if line.startswith("Martin;")] == ["éligible"]
