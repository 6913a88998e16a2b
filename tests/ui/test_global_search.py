"""Global search (Ctrl+K) driven as a user would: type, see results by kind, Enter opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services.records import create_record
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.main_window import MainWindow
from essdesk.ui.search import GlobalSearchDialog


@pytest.fixture
def records(db_path):
    db = open_database(str(db_path))
    employer = create_record(
        db, EntityKind.EMPLOYERS,
        {"name": "Ressourcerie Durand", "siret": "732 829 320 00074", "commune": "Grenoble"},
    )  # fmt: skip
    other = create_record(
        db, EntityKind.EMPLOYERS, {"name": "Atelier Vélo", "siret": "356 000 000 00048"}
    )
    contact = create_record(
        db, EntityKind.CONTACTS, {"last_name": "Durandal", "first_name": "Paul"},
        employer_id=other.id,
    )  # fmt: skip
    youth = create_record(
        db, EntityKind.YOUTHS,
        {"last_name": "Durand", "first_name": "Hélène", "birth_date": "12/03/2004"},
    )  # fmt: skip
    db.close()
    return {"employer": employer.id, "other": other.id, "contact": contact.id, "youth": youth.id}


@pytest.fixture
def window(qtbot, dialogs, db_path, records):
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    db = open_database(str(db_path))
    win.set_database(db)
    win.show()
    qtbot.waitExposed(win)
    yield win
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=10000)
    QThreadPool.globalInstance().waitForDone(10000)
    win.set_database(None)
    db.close()


def _ctrl_k(qtbot, window) -> GlobalSearchDialog:
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.text().replace("&", "") == "Rechercher partout…")  # fmt: skip
    assert action.shortcut().toString() == "Ctrl+K"
    action.trigger()
    dialog = window._global_search
    qtbot.waitExposed(dialog)
    return dialog


def test_typing_groups_results_and_enter_opens_the_employer(qtbot, window, records):
    dialog = _ctrl_k(qtbot, window)
    qtbot.keyClicks(dialog.line, "durand")
    qtbot.waitUntil(lambda: dialog.shown_query == "durand", timeout=5000)
    lines = dialog.lines()
    # Grouped by kind, a title before each group, in the order of the kinds.
    assert lines[0] == "Jeunes" and lines[1].startswith("DURAND Hélène")
    assert lines.index("Employeurs") < lines.index("Contacts")
    assert any(line.startswith("Ressourcerie Durand — Grenoble") for line in lines)
    assert any(line == "Paul Durandal — Atelier Vélo" for line in lines)
    assert "3 résultats" in dialog.state.text()
    # The first result is selected; Down skips the group's title to the employer.
    assert dialog.current().startswith("DURAND Hélène")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Down)
    assert dialog.current().startswith("Ressourcerie Durand")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    editor = window.views["employers"].editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=5000)
    assert editor.record.id == records["employer"]
    assert editor.form.texts()["name"] == "Ressourcerie Durand"
    assert window.stack.currentWidget() is window.views["employers"]
    assert not dialog.isVisible()


def test_a_contact_opens_its_employer_and_a_youth_her_file(qtbot, window, records):
    dialog = _ctrl_k(qtbot, window)
    qtbot.keyClicks(dialog.line, "paul dur")
    qtbot.waitUntil(lambda: dialog.shown_query == "paul dur", timeout=5000)
    assert dialog.hits() == [("contact", records["contact"])]
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    employers = window.views["employers"].editor
    qtbot.waitUntil(lambda: employers.record is not None, timeout=5000)
    assert employers.record.id == records["other"]
    dialog = _ctrl_k(qtbot, window)
    assert dialog.line.selectedText() == "paul dur"  # typing replaces the last search
    qtbot.keyClicks(dialog.line, "helene")  # the folded key finds « Hélène »
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)  # before the answer: opens once shown
    youths = window.views["youths"].editor
    qtbot.waitUntil(lambda: youths.record is not None, timeout=5000)
    assert youths.record.id == records["youth"]
    assert window.stack.currentWidget() is window.views["youths"]


def test_a_stale_answer_never_replaces_a_newer_one(qtbot, window, records):
    dialog = _ctrl_k(qtbot, window)
    dialog.line.setText("ressourcerie")
    dialog.search_now()
    dialog.line.setText("zzz")
    dialog.search_now()  # the second query's number is newer: the first answer is dropped
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=5000)
    assert dialog.shown_query == "zzz"
    assert dialog.hits() == []
    assert dialog.state.text() == "Aucune fiche ne correspond à « zzz »."
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)  # nothing to open: the dialog stays
    assert dialog.isVisible()
