"""An encrypted base whose key this PC does not keep: asked at start, nothing opened on a wrong one."""

from __future__ import annotations

from datetime import date

import keyring
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from essdesk.db import encryption
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services.encryption import encrypt_base
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow
from tests.privacy.test_encryption import _MemoryKeyring

KEY = "clé-de-la-base-pour-le-test"


@pytest.fixture
def empty_store():
    store, previous = _MemoryKeyring(), keyring.get_keyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)
    encryption._given.clear()  # the key typed in the dialog is kept for the process


def test_key_asked_at_start_wrong_key_opens_nothing(
    qtbot, dialogs, tmp_path, monkeypatch, empty_store, screenshot
):
    make_application()
    path = tmp_path / "chiffree.sqlite3"
    db = open_database(str(path))
    with db.transaction() as s:
        s.add(m.Youth(last_name="Zorglub", first_name="Léa", birth_date=date(2004, 1, 2)))
    db.close()
    monkeypatch.setenv("ESSDESK_KEY", KEY)
    encrypt_base(str(path))
    monkeypatch.delenv("ESSDESK_KEY")
    assert empty_store.secrets == {}  # the key came from the environment: not stored

    window = MainWindow()
    qtbot.addWidget(window)
    open_in_window(window, str(path))
    qtbot.waitUntil(lambda: getattr(window, "key_dialog", None) is not None, timeout=20000)
    dialog = window.key_dialog
    assert dialogs.errors == [] and window.db is None
    assert "chiffree.sqlite3" in dialog.findChildren(type(dialog.message))[0].text()

    dialog.key.setText("pas-la-bonne-clé")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10000)
    assert dialog.message.text() == encryption.WRONG_KEY  # no detail of what failed
    assert dialog.key.text() == "" and window.db is None
    dialog.resize(560, dialog.sizeHint().height())
    screenshot(dialog, "cle_base_chiffree.png")

    dialog.key.setText(KEY)
    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)
    with window.db.session() as s:
        assert s.scalar(select(func.count()).select_from(m.Youth)) == 1
    assert list(empty_store.secrets.values()) == [KEY]
    window.close_base()  # its start-up backup and first reads end first
