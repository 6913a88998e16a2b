"""The export dialog on a demo base: what, where, how many rows; cancel leaves no file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.french import format_count
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.imports import import_file
from essdesk.settings import load_settings
from essdesk.ui.app import make_application
from essdesk.ui.export_dialog import FORMATS, ExportDialog
from essdesk.ui.main_window import MainWindow
from tests.services.test_imports import big_employer_file


@pytest.fixture
def demo_db(db):
    fill_demo_data(db, youths=40, seed=3)
    return db


@pytest.fixture
def dialog(qtbot, dialogs, demo_db):
    make_application()
    widget = ExportDialog(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def export(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20000)


def test_placements_to_xlsx_says_how_many_rows(qtbot, dialog, dialogs, demo_db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.kind.setCurrentIndex(dialog.kind.findText("Contrats et dispositifs"))
    assert dialog.path_edit.text().endswith(".xlsx") and "contrats-" in dialog.path_edit.text()
    dialogs.save_file = str(folder / "suivi des contrats")  # typed without an extension
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    target = folder / "suivi des contrats.xlsx"
    assert dialog.path_edit.text() == str(target)
    export(qtbot, dialog)
    expected = count(demo_db, m.Placement)
    assert expected > 0
    assert (
        dialog.status.text()
        == f"{format_count(expected, 'ligne exportée', 'lignes exportées')} dans {target}."
    )
    sheet = load_workbook(target, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nom", "Prénom", "Date de naissance") and len(rows) == expected + 1
    assert load_settings()["export_dir"] == str(folder)
    assert list(folder.iterdir()) == [target]  # no side file left behind


def test_csv_format_and_replacing_asks_first(qtbot, dialog, dialogs, demo_db, tmp_path):
    dialog.kind.setCurrentIndex(dialog.kind.findData("employers"))
    dialog.formats.button(1).click()
    target = tmp_path / "employeurs.csv"
    dialog.path_edit.setText(str(target))
    export(qtbot, dialog)
    data = target.read_bytes().decode("utf-8-sig")
    assert data.startswith("Raison sociale;SIRET;")
    assert data.count("\r\n") == count(demo_db, m.Employer) + 1
    target.write_text("ancien contenu", encoding="utf-8")
    dialogs.answer_yes = False
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs.questions == ["Le fichier employeurs.csv existe déjà. Le remplacer ?"]
    assert target.read_text(encoding="utf-8") == "ancien contenu"


def test_proposed_name_follows_the_choices_a_chosen_one_only_its_format(dialog, tmp_path):
    dialog.kind.setCurrentIndex(dialog.kind.findData("youths"))
    proposed = Path(dialog.path_edit.text())
    assert proposed.name.startswith("jeunes-") and proposed.suffix == ".xlsx"
    dialog.formats.button(1).click()
    assert dialog.path_edit.text() == str(proposed.with_suffix(".csv"))
    dialog.path_edit.setText(str(tmp_path / "liste pour la DREETS.csv"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("offers"))  # the chosen name stays
    dialog.formats.button(0).click()
    assert dialog.path_edit.text() == str(tmp_path / "liste pour la DREETS.xlsx")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_cancel_leaves_no_file(qtbot, dialogs, db, tmp_path, monkeypatch, suffix):
    import_file(db, "employers", big_employer_file(tmp_path / "gros.csv", 5000))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where openpyxl streams a sheet
    make_application()
    dialog = ExportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"employeurs{suffix}"
    dialog.formats.button([f for f, _label in FORMATS].index(suffix)).click()
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20000)
    assert dialog.status.text() == "Export annulé : aucun fichier n'a été écrit."
    assert list(folder.iterdir()) == []
    assert list(temp.iterdir()) == []  # nor a stream of the .xlsx left open until exit


def test_missing_folder_is_said_not_raised(qtbot, dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "absent" / "x.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == f"Le dossier {tmp_path / 'absent'} n'existe pas."


def test_menu_opens_the_export_dialog(qtbot, dialogs, db):
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    action = next(
        a for a in window.findChildren(QAction) if a.text().replace("&", "") == "Exporter…"
    )
    window.set_database(db)
    action.trigger()
    assert isinstance(window._export_dialog, ExportDialog) and window._export_dialog.isVisible()
    window._export_dialog.reject()
