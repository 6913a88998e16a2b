"""The employers area driven as a user would: create, contacts, search, edit, archive, conflicts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.ui.app import make_application
from essdesk.ui.employers import make_employers_area
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.records.editor import RecordEditor

SIRET = "732 829 320 00074"


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)  # no query still running on a closed base
    db.close()


@pytest.fixture
def area(qtbot, context, dialogs):
    widget = make_employers_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)  # what the main window does
    widget.set_database(context.db)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(qtbot, form, name: str, text: str) -> None:
    field = form.fields[name].input
    if hasattr(field, "clear") and hasattr(field, "setText"):
        field.clear()
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:  # QTest types ASCII only: accents are inserted as an input method would
            field.insert(text)
    elif hasattr(field, "findText"):
        field.setCurrentIndex(field.findText(text))


def _wait_saved(qtbot, editor) -> None:
    qtbot.waitUntil(lambda: editor.state.text() == "Fiche enregistrée.", timeout=5000)


def _names(area) -> list[str]:
    model = area.list.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_create_find_edit_archive_restore(qtbot, area, context, dialogs):
    editor = area.editor
    _type(qtbot, editor.form, "name", "Régie de quartier Les Géants")
    _type(qtbot, editor.form, "siret", SIRET)
    _type(qtbot, editor.form, "legal_form", "SCIC")
    _type(qtbot, editor.form, "territory", "Rural (ZRR puis FRR)")
    _type(qtbot, editor.form, "phone", "04 76 12 34 56")
    phone = editor.form.fields["phone"].input
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    _wait_saved(qtbot, editor)
    assert editor.record is not None and editor.record.version == 1
    assert editor.form.texts()["phone"] == "04 76 12 34 56"

    contacts = editor.panels[0]
    assert contacts.isEnabled() and contacts.add_button.isEnabled()
    for last, first, tutor in (("Durand", "Hélène", True), ("Abadie", "Noé", False)):
        contacts.new_contact()
        _type(qtbot, contacts.form, "last_name", last)
        _type(qtbot, contacts.form, "first_name", first)
        contacts.form.fields["is_tutor"].input.setChecked(tutor)
        contacts.save_button.click()
        qtbot.waitUntil(lambda last=last: last in [c.texts["last_name"] for c in contacts.contacts])
    assert [c.texts["is_tutor"] for c in contacts.contacts] == ["Non", "Oui"]

    qtbot.keyClicks(area.list.search, "geants")  # no accent, part of the name
    qtbot.waitUntil(lambda: _names(area) == ["Régie de quartier Les Géants"], timeout=5000)
    area.list.table.setFocus()
    area.list.table.selectRow(0)
    qtbot.keyClick(area.list.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.form.texts()["name"] == "Régie de quartier Les Géants")

    _type(qtbot, editor.form, "sector", "Insertion par l'activité économique")
    editor.save_button.click()
    _wait_saved(qtbot, editor)
    assert editor.record.version == 2

    editor.archive_button.click()
    qtbot.waitUntil(lambda: editor.record.archived, timeout=5000)
    assert editor.archive_button.text() == "Restaurer"
    qtbot.waitUntil(lambda: _names(area) == [], timeout=5000)  # hidden from the list
    area.list.filters["archived"].setChecked(True)
    qtbot.waitUntil(lambda: _names(area) == ["Régie de quartier Les Géants"], timeout=5000)
    editor.archive_button.click()
    qtbot.waitUntil(lambda: not editor.record.archived, timeout=5000)
    with context.db.session() as session:
        stored = session.query(m.Employer).one()
        assert (stored.archived, stored.territory, stored.legal_form) == (False, "rural", "scic")
        assert session.query(m.Contact).count() == 2
    assert dialogs.errors == []


def test_bad_siret_and_email_are_named_beside_their_fields(qtbot, area, context):
    editor = area.editor
    _type(qtbot, editor.form, "name", "Ressourcerie du Trièves")
    _type(qtbot, editor.form, "siret", "732 829 320 00075")
    _type(qtbot, editor.form, "email", "contact@ressourcerie")
    assert editor.form.error_of("siret") == "SIRET invalide (clé de contrôle)"
    assert editor.form.error_of("email").startswith("Adresse électronique")
    editor.save_button.click()
    qtbot.wait(300)
    assert "rien n'a été enregistré" in editor.state.text()
    with context.db.session() as session:
        assert session.query(m.Employer).count() == 0
    _type(qtbot, editor.form, "siret", SIRET)
    assert editor.form.error_of("siret") == ""


def test_two_editors_of_one_employer_the_second_save_is_refused(qtbot, area, context, dialogs):
    editor = area.editor
    _type(qtbot, editor.form, "name", "Mutuelle des Alpes")
    _type(qtbot, editor.form, "siret", SIRET)
    editor.save_button.click()
    _wait_saved(qtbot, editor)
    other = RecordEditor(area.editor.type, context)
    qtbot.addWidget(other)
    other.open_record(editor.record.id)
    qtbot.waitUntil(lambda: other.record is not None)
    _type(qtbot, editor.form, "sector", "Santé")
    editor.save_button.click()
    _wait_saved(qtbot, editor)
    _type(qtbot, other.form, "sector", "Prévoyance")
    other.save_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "modifiée entre-temps" in dialogs.errors[0]
    qtbot.waitUntil(lambda: other.form.texts()["sector"] == "Santé", timeout=5000)  # reloaded
    with context.db.session() as session:
        assert session.query(m.Employer).one().sector == "Santé"


def test_delete_only_without_history(qtbot, area, context, dialogs):
    editor = area.editor
    _type(qtbot, editor.form, "name", "Coopérative Oxalis")
    _type(qtbot, editor.form, "siret", SIRET)
    editor.save_button.click()
    _wait_saved(qtbot, editor)
    with context.db.transaction() as session:
        session.add(m.Offer(employer_id=editor.record.id, title="Animateur"))
    editor.delete_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "historique (1 offre(s))" in dialogs.errors[0]
    with context.db.transaction() as session:
        session.query(m.Offer).delete()
    editor.delete_button.click()
    qtbot.waitUntil(lambda: editor.record is None, timeout=5000)
    assert "Supprimer définitivement « Coopérative Oxalis » ?" in dialogs.questions
    with context.db.session() as session:
        assert session.query(m.Employer).count() == 0
