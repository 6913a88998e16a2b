"""The user picker at start: a base with several accounts opens only once someone logged in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from essdesk.db.database import open_database
from essdesk.services import access
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow

PASSWORD = "mot-de-passe-de-test"


def _base_with_accounts(path):
    db = open_database(str(path))
    access.create_user(db, "camille", "Camille Conseil", "counsellor", PASSWORD)
    access.create_user(db, "alex", "Alex Accueil", "reception", PASSWORD)
    db.close()


def test_login_at_start_then_the_window_gets_the_base(qtbot, dialogs, tmp_path):
    make_application()
    path = tmp_path / "comptes.sqlite3"
    _base_with_accounts(path)
    window = MainWindow()
    qtbot.addWidget(window)
    open_in_window(window, str(path))
    qtbot.waitUntil(lambda: getattr(window, "login_dialog", None) is not None, timeout=20000)
    dialog = window.login_dialog
    qtbot.waitUntil(lambda: dialog.users.count() == 2, timeout=10000)
    assert dialog.users.itemText(0) == "Alex Accueil (alex)"
    assert window.db is None

    dialog.users.setCurrentIndex(1)
    dialog.password.setText("faux")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10000)
    assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password.text() == "" and window.db is None

    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    assert window.db.actor.login == "camille"
    window.close_base()  # the start-up backup ends first
