"""The first-start assistant as a user runs it: new base, encrypted, demo, backup, the server."""

from __future__ import annotations

import json

import keyring
import keyring.backend
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from essdesk import settings
from essdesk.db import encryption
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.db.engine import KEYRING_SERVICE, keyring_account
from essdesk.services import base_setup
from essdesk.ui.app import make_application
from essdesk.ui.first_start import pages
from essdesk.ui.first_start.wizard import FirstStartWizard, run_assistant, start_base
from essdesk.ui.main_window import MainWindow


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend kept in memory: this machine has no credential store."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@pytest.fixture
def store():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def window(qtbot, dialogs):
    make_application()
    main = MainWindow()
    qtbot.addWidget(main)
    return main


class Opened:
    def __init__(self) -> None:
        self.bases: list[str | None] = []

    def __call__(self, _window, database) -> None:
        self.bases.append(database)


def _next(wizard) -> None:
    wizard.next()


def _finish(qtbot, wizard, settle) -> None:
    settle(120000)
    qtbot.waitUntil(lambda: wizard.setup_page.isComplete(), timeout=120000)
    wizard.accept()


def test_no_base_opens_the_assistant_into_a_new_local_base(qtbot, window, tmp_path, settle):
    opened = Opened()
    start_base(window, None, opened)  # nothing given, nothing remembered, no usual file
    wizard = window.first_start_wizard
    assert isinstance(wizard, FirstStartWizard) and wizard.isVisible()
    assert wizard.button(wizard.WizardButton.NextButton).text() == "Suivant >"
    assert wizard.choice_page.buttons[pages.LOCAL].isChecked()
    _next(wizard)
    assert wizard.currentId() == pages.PAGE_LOCAL
    path = tmp_path / "agence" / "ml.sqlite3"
    wizard.local_page.path.setText(str(path))
    _next(wizard)
    assert wizard.currentId() == pages.PAGE_SETUP
    _finish(qtbot, wizard, settle)
    assert opened.bases == [str(path)]
    assert settings.chosen_database() == (str(path), "local")
    db = open_database(str(path), create=False, daily_backup=False)
    try:
        assert db.schema_version() is not None
    finally:
        db.close()
    # The next start opens the remembered base without asking.
    again = Opened()
    start_base(window, None, again)
    assert again.bases == [str(path)]
    # Gone since (deleted, on a USB key not plugged in): the assistant again, no empty base.
    for leftover in path.parent.glob("ml.sqlite3*"):
        leftover.unlink()
    window.first_start_wizard = None
    start_base(window, None, again)
    assert again.bases == [str(path)] and window.first_start_wizard.isVisible()
    assert not path.exists()


def test_encrypted_base_with_its_key_in_the_credential_store(
    qtbot, window, tmp_path, settle, store
):
    opened = Opened()
    run_assistant(window, opened)
    wizard = window.first_start_wizard
    _next(wizard)
    path = tmp_path / "portable.sqlite3"
    wizard.local_page.path.setText(str(path))
    wizard.local_page.encrypt.setChecked(True)
    assert wizard.local_page.in_keyring.isEnabled() and not wizard.local_page.key.isEnabled()
    _next(wizard)
    settle(60000)
    qtbot.waitUntil(lambda: wizard.setup_page.isComplete(), timeout=60000)
    shown = wizard.setup_page.key.text()
    assert wizard.setup_page.key.isVisible() and len(shown) >= 32  # the recovery key, once
    assert store.entries[(encryption.KEYRING_SERVICE, encryption.KEYRING_USER)] == shown
    assert not path.read_bytes().startswith(encryption.SQLITE_HEADER)
    wizard.accept()
    assert opened.bases == [str(path)]
    assert shown not in settings.settings_path().read_text("utf-8")


def test_typed_key_is_checked_and_never_stored(qtbot, window, tmp_path, settle, store, dialogs):
    run_assistant(window, Opened())
    wizard = window.first_start_wizard
    _next(wizard)
    wizard.local_page.path.setText(str(tmp_path / "cle.sqlite3"))
    wizard.local_page.encrypt.setChecked(True)
    wizard.local_page.typed.setChecked(True)
    wizard.local_page.key.setText("court")
    _next(wizard)
    assert wizard.currentId() == pages.PAGE_LOCAL and "12 caractères" in dialogs.errors[-1]
    wizard.local_page.key.setText("une clé bien longue")
    wizard.local_page.key_again.setText("une clé bien longue")
    _next(wizard)
    settle(60000)
    qtbot.waitUntil(lambda: wizard.setup_page.isComplete(), timeout=60000)
    assert not wizard.setup_page.key.isVisible()  # the user chose it: nothing to show
    assert "demandée à chaque démarrage" in wizard.setup_page.summary.text()
    assert store.entries == {}
    encryption.check_key(tmp_path / "cle.sqlite3", "une clé bien longue")


def test_assistant_into_the_demonstration(qtbot, window, settle):
    opened = Opened()
    run_assistant(window, opened)
    wizard = window.first_start_wizard
    wizard.choice_page.buttons[pages.DEMO].setChecked(True)
    _next(wizard)
    assert wizard.currentId() == pages.PAGE_SETUP
    _finish(qtbot, wizard, settle)
    assert opened.bases == [str(base_setup.demo_path())]
    assert settings.chosen_database() == (str(base_setup.demo_path()), "demo")
    db = open_database(str(base_setup.demo_path()), create=False, daily_backup=False)
    try:
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(m.Youth)) == 300
            assert session.scalar(select(func.count()).select_from(m.Employer)) > 10
    finally:
        db.close()


def test_restore_a_backup_as_the_base_of_this_pc(qtbot, window, tmp_path, settle, db):
    from essdesk.services.counsellors import create_counsellor

    create_counsellor(db, "Inès", "Moreau")
    backup = db.backup("manuelle")
    opened = Opened()
    run_assistant(window, opened)
    wizard = window.first_start_wizard
    wizard.choice_page.buttons[pages.RESTORE].setChecked(True)
    _next(wizard)
    assert wizard.currentId() == pages.PAGE_RESTORE
    assert not wizard.restore_page.isComplete()
    wizard.restore_page.backup.setText(str(backup))
    target = tmp_path / "nouveau-pc" / "essdesk.sqlite3"
    wizard.restore_page.path.setText(str(target))
    _next(wizard)
    _finish(qtbot, wizard, settle)
    assert opened.bases == [str(target)]
    restored = open_database(str(target), create=False, daily_backup=False)
    try:
        with restored.session() as session:
            assert session.scalar(select(m.Counsellor.last_name)) == "Moreau"
    finally:
        restored.close()


@pytest.mark.postgres
def test_server_connection_tested_then_saved_without_its_password(
    qtbot, window, settle, store, pg_url
):
    url = make_url(pg_url)
    opened = Opened()
    run_assistant(window, opened)
    wizard = window.first_start_wizard
    wizard.choice_page.buttons[pages.SERVER].setChecked(True)
    _next(wizard)
    page = wizard.server_page
    assert wizard.currentId() == pages.PAGE_SERVER and not page.isComplete()
    page.host.setText(url.host)
    page.port.setValue(url.port + 1 if url.port < 65535 else url.port - 1)  # nobody there
    page.database.setText(url.database)
    page.user.setText(url.username)
    page.password.setText("s3cret-du-bureau")
    page.test_button.click()
    settle(30000)
    assert page.result.text().startswith("Échec de la connexion")
    assert "s3cret" not in page.result.text() and not page.isComplete()
    page.port.setValue(url.port)
    page.test_button.click()
    settle(60000)
    assert page.result.text().startswith("Connexion réussie"), page.result.text()
    assert "s3cret" not in page.result.text() and page.isComplete()
    _next(wizard)
    _finish(qtbot, wizard, settle)
    address = opened.bases[0]
    assert make_url(address).password is None and make_url(address).port == url.port
    assert store.entries[(KEYRING_SERVICE, keyring_account(make_url(address)))] == (
        "s3cret-du-bureau"
    )
    on_disk = settings.settings_path().read_text("utf-8")
    assert "s3cret" not in on_disk
    assert json.loads(on_disk)["base_kind"] == "server"
    # Typed as a full address with its password: the password is taken out of it.
    run_assistant(window, opened)
    wizard = window.first_start_wizard
    wizard.choice_page.buttons[pages.SERVER].setChecked(True)
    _next(wizard)
    wizard.server_page.ways.setCurrentIndex(1)
    wizard.server_page.url.setText(
        f"postgresql://{url.username}:autre@{url.host}:{url.port}/{url.database}"
    )
    assert wizard.server_page.address() == (address, "autre")


def test_a_base_given_or_the_usual_file_skips_the_assistant(window, db_path):
    opened = Opened()
    start_base(window, str(db_path), opened)  # --database FILE (the smoke test uses it)
    assert opened.bases == [str(db_path)]
    from essdesk.config import default_database_path

    default_database_path().parent.mkdir(parents=True, exist_ok=True)
    default_database_path().write_bytes(b"")  # an existing usual base: opened as before
    start_base(window, None, opened)
    assert opened.bases == [str(db_path), None]
    assert getattr(window, "first_start_wizard", None) is None


def test_typed_key_is_asked_at_start(window, tmp_path, monkeypatch, store):
    from essdesk.ui.first_start import wizard as module

    path = tmp_path / "cle.sqlite3"
    base_setup.open_local(path, encrypt=True, key="une clé bien longue")
    settings.update(database=str(path), base_kind="local")
    asked = []

    def answer(*args, **_kwargs):
        asked.append(args[2])
        return "une clé bien longue", True

    monkeypatch.setattr(module.QInputDialog, "getText", staticmethod(answer))
    opened = Opened()
    start_base(window, None, opened)
    try:
        assert asked == ["Clé de la base :"] and opened.bases == [str(path)]
        db = open_database(str(path), create=False, daily_backup=False)  # the key is known now
        db.close()
    finally:
        window.base_key.__exit__(None, None, None)
    assert encryption.stored_key() is None
