"""The audit viewer: the administrator filters the trail and exports it; others are refused."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from essdesk.db import models as m
from essdesk.services import access
from essdesk.services.records import update_record
from essdesk.ui.privacy.audit_viewer import AuditViewer


def test_viewer_lists_filters_and_exports(qtbot, dialogs, db, tmp_path):
    with db.transaction() as s:
        youth = m.Youth(last_name="Garnier", first_name="Lou", birth_date=date(2006, 1, 1))
        s.add(youth)
    update_record(db, m.Youth, youth.id, 1, phone="0699999999")
    viewer = AuditViewer(db)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.table.rowCount() == 2, timeout=10000)
    assert viewer.table.item(1, 3).text() == "modification"
    assert '"0699999999"' in viewer.table.item(1, 7).text()
    viewer.action.setCurrentIndex(viewer.action.findData("insert"))
    qtbot.mouseClick(viewer.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.table.rowCount() == 1, timeout=10000)
    assert viewer.status.text() == "1 entrée."
    dialogs.save_file = str(tmp_path / "journal.csv")
    qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10000)
    assert dialogs.infos == ["1 entrée exportée."]
    assert "Garnier" not in (tmp_path / "journal.csv").read_text(encoding="utf-8-sig")


def test_viewer_refuses_a_counsellor(qtbot, dialogs, db):
    access.create_user(db, "admin", "Alice Admin", "administrator", "motdepasse-admin")
    access.create_user(db, "conseil", "Camille Conseil", "counsellor", "motdepasse-conseil")
    access.log_in(db, "conseil", "motdepasse-conseil")
    viewer = AuditViewer(db)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert dialogs.errors[0].startswith("Accès refusé : votre rôle ne permet pas de consulter")
    assert viewer.table.rowCount() == 0
