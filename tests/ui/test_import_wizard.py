"""The import wizard driven page by page on a real base, with real CSV and XLSX files."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.entities import EntityKind
from essdesk.services.import_mappings import remembered_mapping
from essdesk.ui.app import make_application
from essdesk.ui.imports.wizard import ImportWizard
from essdesk.ui.main_window import MainWindow
from essdesk.ui.ops import ChangeHub
from tests.services.test_imports import big_employer_file

Button = QWizard.WizardButton
HEADERS = ["Nom de la structure", "N° SIRET", "Ville", "Remarque interne"]
ROWS = [
    ["Association Sport pour Tous Écrin", "41234567000126", "Grenoble", "Partenaire depuis 2019"],
    ["Coopérative L'Épicerie Équitable", "52345678800455", "Saint-Martin-d'Hères", ""],
    ["Fondation Élan Vert", "74567890402308", "Mens", "Clé du SIRET fausse"],
]


def french_csv(path, headers=HEADERS, rows=ROWS):
    """As French Excel saves "CSV (séparateur : point-virgule)": Windows-1252, `;`, CRLF."""
    lines = [";".join(headers), *(";".join(row) for row in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def employers(db) -> list[m.Employer]:
    with db.session() as session:
        return list(session.scalars(select(m.Employer).order_by(m.Employer.name)))


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def signals(qtbot):
    make_application()
    return ChangeHub()


@pytest.fixture
def open_wizard(qtbot, db, dialogs, signals):
    def make() -> ImportWizard:
        wizard = ImportWizard(db, signals)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def click(qtbot, wizard, button) -> None:
    widget = wizard.button(button)
    assert widget.isEnabled() and widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(qtbot, wizard, dialogs, path, entity="employers") -> None:
    page = wizard.source_page
    page.kind.setCurrentIndex(page.kind.findData(entity))
    dialogs.open_file = str(path)
    qtbot.mouseClick(page.browse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() != "Lecture du fichier…", timeout=10000)


def to_mapping(qtbot, wizard, dialogs, path, entity="employers"):
    choose(qtbot, wizard, dialogs, path, entity)
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=10000)
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentPage() is wizard.mapping_page
    return wizard.mapping_page


def to_preview(qtbot, wizard):
    click(qtbot, wizard, Button.NextButton)
    page = wizard.preview_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: wizard.draft.preview is not None, timeout=20000)
    return page


def select_field(combo, field) -> None:
    combo.setCurrentIndex(combo.findData(field) if field else 0)


def test_first_page_reads_the_windows_1252_file(qtbot, open_wizard, dialogs, tmp_path):
    wizard = open_wizard()
    page = wizard.source_page
    assert not wizard.button(Button.NextButton).isEnabled()
    choose(qtbot, wizard, dialogs, french_csv(tmp_path / "structures.csv"))
    assert page.isComplete() and "4 colonnes lues" in page.status.text()
    assert not page.sheet.isEnabled()  # a CSV has no sheets to choose from
    assert page.samples.horizontalHeaderItem(1).text() == "N° SIRET"
    assert page.samples.item(1, 0).text() == "Coopérative L'Épicerie Équitable"


def test_automatic_mapping_is_prefilled_and_combos_change_it(qtbot, open_wizard, dialogs, tmp_path):
    wizard = open_wizard()
    page = to_mapping(qtbot, wizard, dialogs, french_csv(tmp_path / "structures.csv"))
    assert {h: c.currentData() or None for h, c in page.combos.items()} == {
        "Nom de la structure": "name",
        "N° SIRET": "siret",
        "Ville": "commune",
        "Remarque interne": None,
    }
    assert page.state_of("N° SIRET") == "Reconnue"
    assert page.state_of("Remarque interne") == "Non reconnue : ignorée"
    assert page.combos["Remarque interne"].currentText() == "Ignorer cette colonne"
    assert page.table.item(0, page.SAMPLE).text() == "Association Sport pour Tous Écrin"

    select_field(page.combos["Remarque interne"], "notes")
    assert wizard.draft.mapping["Remarque interne"] == "notes"
    assert page.state_of("Remarque interne") == "Choisie"

    select_field(page.combos["N° SIRET"], None)  # a required field loses its column
    assert "Champ obligatoire sans colonne : « SIRET »." in page.problems.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    select_field(page.combos["N° SIRET"], "siret")

    select_field(page.combos["Ville"], "name")  # two columns for one field
    assert page.state_of("Ville") == page.state_of("Nom de la structure") == "En double"
    assert "n'en gardez qu'une" in page.problems.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    select_field(page.combos["Ville"], "commune")
    assert page.problems.text() == "" and wizard.button(Button.NextButton).isEnabled()


def run_skip_invalid_import(qtbot, wizard, dialogs, path, signals):
    page = to_mapping(qtbot, wizard, dialogs, path)
    select_field(page.combos["Remarque interne"], "notes")
    preview = to_preview(qtbot, wizard)
    assert [preview.counts[k].text() for k in ("created", "updated", "skipped", "rejected")] == [
        "2", "0", "0", "1",
    ]  # fmt: skip
    model = preview.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == [
        "4", "N° SIRET", "SIRET invalide (clé de contrôle)",
    ]  # fmt: skip
    commit = wizard.button(Button.CommitButton)
    assert commit.text() == "Importer" and not commit.isEnabled()
    preview.skip_invalid.click()
    with qtbot.waitSignal(signals.changed, timeout=20000) as changed:
        click(qtbot, wizard, Button.CommitButton)
    assert changed.args[0].kinds == {EntityKind.EMPLOYERS}
    result = wizard.result_page
    assert result.over and result.status.text() == "Import terminé."
    return result


def test_preview_then_import_valid_rows_with_a_reject_report(
    qtbot, open_wizard, dialogs, signals, db, tmp_path
):
    path = french_csv(tmp_path / "structures.csv")
    result = run_skip_invalid_import(qtbot, open_wizard(), dialogs, path, signals)
    assert "Employeurs — créations : 2 ;" in result.summary.text()
    report = tmp_path / "structures-rejets.csv"
    assert str(report) in result.summary.text()
    assert "Fondation Élan Vert" in report.read_text("utf-8-sig")
    saved = employers(db)
    assert [(e.name, e.siret, e.commune, e.notes) for e in saved] == [
        ("Association Sport pour Tous Écrin", "41234567000126", "Grenoble", "Partenaire depuis 2019"),
        ("Coopérative L'Épicerie Équitable", "52345678800455", "Saint-Martin-d'Hères", None),
    ]  # fmt: skip


def test_mapping_is_remembered_for_the_next_file_of_that_layout(
    qtbot, open_wizard, dialogs, signals, tmp_path
):
    run_skip_invalid_import(
        qtbot, open_wizard(), dialogs, french_csv(tmp_path / "janvier.csv"), signals
    )
    # Next month: the same columns in another order, other rows.
    reordered = [HEADERS[3], *HEADERS[:3]]
    rows = [["Nouvelle note", "Régie de quartier", "85678901100033", "Grenoble"]]
    path = french_csv(tmp_path / "fevrier.csv", reordered, rows)
    wizard = open_wizard()
    page = to_mapping(qtbot, wizard, dialogs, path)
    assert "mémorisée est reprise" in page.origin_note.text()
    assert page.combos["Remarque interne"].currentData() == "notes"
    assert page.state_of("Remarque interne") == "Mémorisée"
    qtbot.mouseClick(page.automatic_button, Qt.MouseButton.LeftButton)
    assert page.combos["Remarque interne"].currentData() == ""
    assert page.state_of("Remarque interne") == "Non reconnue : ignorée"


def test_cancelling_the_import_writes_nothing(qtbot, open_wizard, dialogs, db, tmp_path):
    path = big_employer_file(tmp_path / "gros.csv", 20_000)
    wizard = open_wizard()
    to_mapping(qtbot, wizard, dialogs, path)
    preview = to_preview(qtbot, wizard)
    assert preview.counts["created"].text() == "20000"
    click(qtbot, wizard, Button.CommitButton)
    result = wizard.result_page
    assert not wizard.button(Button.FinishButton).isEnabled()
    qtbot.mouseClick(result.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.over, timeout=30000)
    assert result.status.text() == "Import annulé : rien n'a été enregistré."
    assert wizard.button(Button.FinishButton).isEnabled()
    assert count(db, m.Employer) == 0
    assert remembered_mapping("employers", ["Raison sociale", "SIRET", "Commune"]) is None


def test_closing_during_the_import_waits_for_the_rollback(
    qtbot, open_wizard, dialogs, db, tmp_path
):
    path = big_employer_file(tmp_path / "gros.csv", 20_000)
    wizard = open_wizard()
    to_mapping(qtbot, wizard, dialogs, path)
    to_preview(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    wizard.reject()  # the window's close button
    assert wizard.isVisible()  # still there while the import rolls back
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30000)
    assert "Import annulé" in wizard.result_page.status.text()
    assert count(db, m.Employer) == 0


def test_xlsx_sheet_is_chosen_and_youths_imported(qtbot, open_wizard, dialogs, db, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Consignes"  # the sheet Excel opens on is not the data
    sheet = workbook.create_sheet("Inscrits")
    sheet.append(["Nom", "Prénom", "Né(e) le", "Code postal"])
    sheet.append(["Nguyễn", "Thảo", dt.datetime(2004, 2, 29), 38000])
    sheet.append(["Martin", "Léa", dt.datetime(2003, 7, 15), "38400"])
    path = tmp_path / "inscrits.xlsx"
    workbook.save(path)
    wizard = open_wizard()
    page = wizard.source_page
    choose(qtbot, wizard, dialogs, path, "youths")
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Consignes", "Inscrits"]
    assert "vide" in page.status.text() and not page.isComplete()
    page.sheet.setCurrentText("Inscrits")
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert "feuille « Inscrits »" in page.status.text()
    click(qtbot, wizard, Button.NextButton)
    assert wizard.draft.mapping == {
        "Nom": "last_name", "Prénom": "first_name", "Né(e) le": "birth_date", "Code postal": "postcode",
    }  # fmt: skip
    preview = to_preview(qtbot, wizard)
    assert preview.counts["created"].text() == "2" and preview.model.rowCount() == 0
    assert not preview.skip_invalid.isVisible()
    click(qtbot, wizard, Button.CommitButton)
    qtbot.waitUntil(lambda: wizard.result_page.over, timeout=20000)
    assert "Jeunes — créations : 2 ;" in wizard.result_page.summary.text()
    with db.session() as session:
        births = dict(session.execute(select(m.Youth.first_name, m.Youth.birth_date)).all())
    assert births == {"Thảo": dt.date(2004, 2, 29), "Léa": dt.date(2003, 7, 15)}


def test_going_back_keeps_choices_and_checks_again(qtbot, open_wizard, dialogs, tmp_path):
    wizard = open_wizard()
    page = to_mapping(qtbot, wizard, dialogs, french_csv(tmp_path / "structures.csv"))
    select_field(page.combos["Remarque interne"], "notes")
    preview = to_preview(qtbot, wizard)
    assert preview.counts["rejected"].text() == "1"
    click(qtbot, wizard, Button.BackButton)
    assert page.combos["Remarque interne"].currentData() == "notes"
    select_field(page.combos["N° SIRET"], None)
    select_field(page.combos["Ville"], "siret")  # a wrong choice: every SIRET is now invalid
    preview = to_preview(qtbot, wizard)
    assert preview.counts["created"].text() == "0" and preview.counts["rejected"].text() == "3"


def test_menu_opens_the_wizard(qtbot, dialogs, db):
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    action = next(
        a
        for a in window.findChildren(QAction)
        if a.text().replace("&", "") == "Importer un fichier…"
    )
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    assert dialogs.errors == ["Aucune base n'est ouverte : rien ne peut être importé."]
    window.set_database(db)
    action.trigger()
    wizard = window._import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.currentPage() is wizard.source_page
    wizard.reject()
