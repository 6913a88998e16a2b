"""From the young person's record: their whole file exported, and erasure on request."""

from __future__ import annotations

import json
import os
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from essdesk.config import restrict_new_files
from essdesk.db import models as m
from essdesk.domain.entities import EntityKind
from essdesk.services import access
from essdesk.services import interactions as log
from essdesk.services.records import load_record
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.privacy.person_actions import PersonActions, proposed_name

PASSWORD = "mot-de-passe-de-test"
ODD_NAME = "../Dupont'%_"


def _youth(db):
    with db.transaction() as s:
        youth = m.Youth(
            last_name=ODD_NAME, first_name="Léa", birth_date=date(2006, 3, 3), email="lea@ex.fr"
        )
        s.add(youth)
    log.log_interaction(db, "interview", youth_id=youth.id, notes="Projet : cuisine")
    return load_record(db, EntityKind.YOUTHS, youth.id)


def _panel(qtbot, db):
    panel = PersonActions(OpContext(ChangeHub(), db))
    qtbot.addWidget(panel)
    return panel


def test_export_pdf_and_json_from_the_record(qtbot, dialogs, settle, db, tmp_path):
    old_umask = os.umask(0o022)
    restrict_new_files()  # as the app does at start: the exports are the owner's only
    try:
        _export_both(qtbot, dialogs, settle, db, tmp_path)
    finally:
        os.umask(old_umask)


def _export_both(qtbot, dialogs, settle, db, tmp_path):
    record = _youth(db)
    panel = _panel(qtbot, db)
    assert not panel.export_pdf.isEnabled()  # no record yet
    panel.show_record(record)
    assert proposed_name(record, ".pdf") == "dossier-dupont-léa.pdf"  # no ../ nor quotes

    dialogs.save_file = str(tmp_path / "dossier")  # the suffix is added when left out
    qtbot.mouseClick(panel.export_pdf, Qt.MouseButton.LeftButton)
    settle()
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "dossier.pdf").pages)
    assert "Dupont" in text and "Projet : cuisine" in text
    dialogs.save_file = str(tmp_path / "dossier.json")
    qtbot.mouseClick(panel.export_json, Qt.MouseButton.LeftButton)
    settle()
    data = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert data["tables"]["youths"][0]["last_name"] == ODD_NAME
    assert data["tables"]["interactions"][0]["notes"] == "Projet : cuisine"
    assert dialogs.errors == [] and len(dialogs.infos) == 2
    assert (tmp_path / "dossier.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "dossier.pdf").stat().st_mode & 0o777 == 0o600
    with db.session() as s:
        exports = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "export")).all()
    assert len(exports) == 2 and {e.youth_id for e in exports} == {record.id}


def test_erasure_on_request_records_who_and_why(qtbot, dialogs, settle, db):
    record = _youth(db)
    panel = _panel(qtbot, db)
    panel.show_record(record)
    qtbot.mouseClick(panel.erase_button, Qt.MouseButton.LeftButton)
    assert "motif" in panel.hint.text() and dialogs.questions == []  # nothing without a reason
    panel.reason.setText("Demande écrite reçue le 01/12/2026")
    dialogs.answer_yes = False
    qtbot.mouseClick(panel.erase_button, Qt.MouseButton.LeftButton)
    settle()
    with db.session() as s:
        assert s.get(m.Youth, record.id).last_name == ODD_NAME  # declined: nothing changed
    dialogs.answer_yes = True
    qtbot.mouseClick(panel.erase_button, Qt.MouseButton.LeftButton)
    settle()
    assert "définitivement" in dialogs.questions[-1] and dialogs.errors == []
    with db.session() as s:
        youth = s.get(m.Youth, record.id)
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "erase")).one()
        notes = s.scalars(select(m.Interaction.notes)).all()
    assert youth.last_name == "Anonyme" and youth.email is None and youth.anonymised_at
    assert notes == [None]
    assert entry.actor == "local" and "Demande écrite reçue le 01/12/2026" in entry.detail
    assert panel.hint.text() == "Dossier effacé : seules les statistiques restent."


def test_a_role_without_the_right_is_refused_by_the_service(qtbot, dialogs, settle, db, tmp_path):
    record = _youth(db)
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(db, "lecteur", "Léo Lecture", "read_only", PASSWORD)
    access.log_in(db, "lecteur", PASSWORD)
    panel = _panel(qtbot, db)
    panel.show_record(record)
    assert not panel.erase_button.isVisibleTo(panel) and not panel.export_pdf.isVisibleTo(panel)
    dialogs.save_file = str(tmp_path / "dossier.pdf")
    panel.export(".pdf")  # even if a button were reached: the service refuses
    settle()
    assert not (tmp_path / "dossier.pdf").exists()
    assert dialogs.errors and dialogs.errors[0].startswith("Accès refusé")


def test_information_and_consents_shown_and_saved_with_their_trace(
    qtbot, dialogs, settle, db, screenshot
):
    record = _youth(db)
    panel = _panel(qtbot, db)
    panel.show_record(record)
    settle()
    assert panel.information_date.text() == "" and panel.photo.currentText() == "Non demandé"
    panel.information_date.setText("31/02/2026")
    panel.save_consent.click()
    assert panel.hint.text().startswith("Date d'information :")  # nothing sent
    panel.information_date.setText("15/11/2026")
    panel.information_form.setCurrentIndex(panel.information_form.findText("Par courriel"))
    panel.photo.setCurrentIndex(panel.photo.findText("Oui"))
    panel.newsletter.setCurrentIndex(panel.newsletter.findText("Non"))
    with qtbot.waitSignal(panel.record_changed, timeout=10000) as changed:
        panel.save_consent.click()
    assert changed.args == [record.id] and dialogs.errors == []
    with db.session() as s:
        youth = s.get(m.Youth, record.id)
        [entry] = [
            e
            for e in s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "update"))
            if "photo_consent" in e.changes
        ]
    assert (youth.information_date, youth.information_form) == (date(2026, 11, 15), "email")
    assert youth.photo_consent is True and youth.newsletter_consent is False
    assert entry.changes["photo_consent"] == {"avant": None, "après": True}
    panel.show_record(load_record(db, EntityKind.YOUTHS, record.id))  # shown again on reopening
    settle()
    assert panel.information_date.text() == "15/11/2026"
    assert panel.information_form.currentText() == "Par courriel"
    assert panel.photo.currentText() == "Oui" and panel.newsletter.currentText() == "Non"
    panel.resize(620, panel.sizeHint().height())
    screenshot(panel, "droits_de_la_personne.png")
