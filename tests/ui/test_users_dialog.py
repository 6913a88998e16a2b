"""The accounts screen: the administrator creates and disables users; the services check."""

from __future__ import annotations

from PySide6.QtCore import Qt

from essdesk.services import access
from essdesk.ui.privacy.users_dialog import UsersDialog


def test_create_then_disable_a_user(qtbot, dialogs, db):
    dialog = UsersDialog(db)
    qtbot.addWidget(dialog)
    dialog.login.setText("camille")
    dialog.name.setText("Camille Conseil")
    dialog.role.setCurrentIndex(dialog.role.findData("counsellor"))
    dialog.password.setText("motdepasse-camille")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert [dialog.table.item(0, c).text() for c in range(4)] == [
        "camille",
        "Camille Conseil",
        "Conseiller",
        "Oui",
    ]
    assert dialog.password.text() == ""
    # A second account without password: refused by the service, in French.
    dialog.login.setText("alex")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert "mot de passe est obligatoire" in dialogs.errors[0]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 3).text() == "Non", timeout=10000)
    assert dialogs.questions == ["Retirer à camille le droit de se connecter ?"]
    assert access.active_logins(db) == []


def test_counsellor_record_and_who_sees_the_rqth(qtbot, dialogs, db):
    from essdesk.db import models as m
    from essdesk.services import sensitive
    from essdesk.services.counsellors import create_counsellor

    counsellor_id = create_counsellor(db, "Camille", "Conseil")
    dialog = UsersDialog(db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.counsellor.count() == 2, timeout=10000)
    assert dialog.scope.currentData() == "all"
    dialog.login.setText("camille")
    dialog.role.setCurrentIndex(dialog.role.findData("counsellor"))
    dialog.counsellor.setCurrentIndex(dialog.counsellor.findText("Camille Conseil"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    with db.session() as s:
        assert s.query(m.User.counsellor_id).scalar() == counsellor_id
    dialog.scope.setCurrentIndex(dialog.scope.findData("followed"))
    qtbot.waitUntil(lambda: sensitive.scope(db) == "followed", timeout=10000)
    assert dialogs.errors == []
