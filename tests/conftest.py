"""Shared fixtures: fresh directories and databases per test, a real PostgreSQL server per run."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest

from tests.pg_server import PgServer, start_server


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Settings, data and backups never touch the real user folders."""
    monkeypatch.setenv("ESSDESK_DATA_DIR", str(tmp_path / "donnees"))
    monkeypatch.delenv("ESSDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("ESSDESK_BACKUP_DIR", raising=False)
    monkeypatch.delenv("ESSDESK_KEY", raising=False)


@pytest.fixture(autouse=True)
def _no_key_from_another_test():
    """No base key survives a test: neither one typed (kept for the process) nor a stored one.

    The credential store is the failing one unless a test sets its own, so that a key kept by
    an earlier test never opens a later test's encrypted base.
    """
    import keyring
    from keyring.backends import fail

    from essdesk.db import encryption

    encryption._given.clear()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
    encryption._given.clear()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "essdesk.sqlite3"


@pytest.fixture
def db(db_path):
    """A fresh, migrated SQLite database file."""
    from essdesk.db.database import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL 15 server for the whole run. Failing to start it fails the tests."""
    try:
        server = start_server()
    except (RuntimeError, subprocess.CalledProcessError, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        pytest.fail(
            f"Le serveur PostgreSQL de test n'a pas démarré : {error} {detail.decode(errors='replace')}"
        )
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer):
    """A fresh, empty PostgreSQL database on the test server."""
    from pytest_postgresql.janitor import DatabaseJanitor

    name = f"essdesk_{uuid.uuid4().hex[:12]}"
    janitor = DatabaseJanitor(
        user=pg_server.user, host=pg_server.host, port=pg_server.port, dbname=name
    )
    janitor.init()
    yield pg_server.url(name)
    janitor.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request, tmp_path):
    """The same data-layer test on the embedded file and on the shared-office server."""
    from essdesk.db.database import open_database

    target = (
        str(tmp_path / "essdesk.sqlite3")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    database = open_database(target)
    yield database
    database.close()


@pytest.fixture
def screenshot(tmp_path):
    """Grab a widget as a PNG: into docs/screenshots with ESSDESK_SCREENSHOTS=1, else tmp_path.

    A test run must not rewrite the repository's images (a dirty tree after every run).
    """
    docs = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

    def save(widget, name: str) -> Path:
        folder = docs if os.environ.get("ESSDESK_SCREENSHOTS") == "1" else tmp_path
        path = folder / name
        assert widget.grab().save(str(path)), f"capture impossible : {path}"
        return path

    return save
