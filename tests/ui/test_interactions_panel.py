"""The interaction log in a record: a call noted in two keystrokes, newest first, last contact."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.services import counsellors, employers, interactions
from essdesk.services.records import create_record
from essdesk.ui.app import make_application
from essdesk.ui.employers import make_employers_area
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.youths import make_youths_area


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


def _show(qtbot, widget, context):
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)
    widget.set_database(context.db)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _panel(area):
    return next(p for p in area.editor.panels if type(p).__name__ == "InteractionsPanel")


def test_a_call_in_two_keystrokes_newest_first(qtbot, context, dialogs, settle):
    db = context.db
    counsellors.create_counsellor(db, "Claire", "Fabre")
    youth = create_record(
        db, EntityKind.YOUTHS,
        {"last_name": "Durand", "first_name": "Hélène", "birth_date": "12/03/2005"},
    )  # fmt: skip
    interactions.log_interaction(
        db, "interview", youth_id=youth.id, notes="premier entretien",
        occurred_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=40),
    )  # fmt: skip
    area = _show(qtbot, make_youths_area(context), context)
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 1, timeout=10000)
    last_contact = area.list.listing.columns.index(
        next(c for c in area.list.listing.columns if c.header == "Dernier contact")
    )
    old_day = format_date((dt.datetime.now(dt.UTC) - dt.timedelta(days=40)).date())
    assert area.list.model.index(0, last_contact).data() == old_day
    area.editor.open_record(youth.id)
    panel = _panel(area)
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10000)
    assert panel.last_contact.text().startswith(f"Dernier contact : {old_day}")
    version = area.editor.record.version
    _type_a_note = "rappelle lundi pour l'offre d'aide à domicile"

    # Ctrl+J from anywhere in the record, the note, Enter: an « Appel » by default.
    area.editor.form.fields["last_name"].input.setFocus()
    qtbot.keyClick(
        area.editor.form.fields["last_name"].input,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert panel.note.hasFocus()
    panel.note.insert(_type_a_note)
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10000)
    today = format_date(dt.date.today())
    newest = panel.list.item(0).text()
    assert newest.startswith(today) and " — Appel — " in newest and newest.endswith(_type_a_note)
    assert panel.list.item(1).text().endswith("Entretien — premier entretien")
    assert panel.last_contact.text().startswith(f"Dernier contact : {today}")
    assert panel.note.text() == ""
    qtbot.waitUntil(
        lambda: area.list.model.index(0, last_contact).data() == today, timeout=10000
    )  # the list's column, derived from the log
    # Noting a call does not make the open form's save a conflict.
    assert area.editor.record.version == version
    area.editor.form.fields["commune"].input.setText("Grenoble")
    area.editor.save()
    qtbot.waitUntil(lambda: area.editor.state.text() == "Fiche enregistrée.", timeout=10000)
    assert dialogs.errors == []

    # Ctrl+J again while in the note moves to the next kind.
    qtbot.keyClick(panel.note, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert panel.kind.currentText() == "Entretien"
    settle()


def test_employer_log_names_the_contact_and_counsellor(qtbot, context, dialogs, settle):
    db = context.db
    counsellors.create_counsellor(db, "Claire", "Fabre")
    employer = create_record(
        db,
        EntityKind.EMPLOYERS,
        {"name": "Régie de quartier Les Géants", "siret": "732 829 320 00074"},
    )
    employers.add_contact(db, employer.id, {"last_name": "Abadie", "first_name": "Noé"})
    area = _show(qtbot, make_employers_area(context), context)
    area.editor.open_record(employer.id)
    panel = _panel(area)
    qtbot.waitUntil(
        lambda: panel.contact.count() == 2 and panel.counsellor.count() == 2, timeout=10000
    )
    assert panel.contact.isVisibleTo(area)
    panel.kind.setCurrentIndex(panel.kind.findText("Visite"))
    panel.contact.setCurrentIndex(panel.contact.findText("Noé Abadie"))
    panel.counsellor.setCurrentIndex(panel.counsellor.findText("Claire Fabre"))
    panel.note.setText("visite de l'atelier")
    panel.log()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10000)
    assert (
        panel.list.item(0)
        .text()
        .endswith(" — Visite — Claire Fabre — Noé Abadie — visite de l'atelier")
    )
    with db.session() as session:
        entry = session.scalars(select(m.Interaction)).one()
        assert entry.employer_id == employer.id and entry.contact_id is not None
        assert session.get(m.Employer, employer.id).last_contact_at is not None
    settle()
