"""Opening a database: where it is, what it refuses, the pragmas that keep the file safe."""

from __future__ import annotations

import pytest

from essdesk.db.database import open_database
from essdesk.db.engine import resolve_target
from essdesk.errors import EssDeskError


def test_default_base_lives_in_the_user_data_dir(tmp_path):
    target = resolve_target(None)
    assert target.sqlite_path == tmp_path / "donnees" / "essdesk.sqlite3"


def test_environment_variable_names_the_base(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSDESK_DATABASE_URL", str(tmp_path / "bureau.sqlite3"))
    assert resolve_target(None).sqlite_path == tmp_path / "bureau.sqlite3"


def test_postgresql_url_gets_the_psycopg_driver():
    target = resolve_target("postgresql://agent:secret@serveur/essdesk")
    assert target.url.startswith("postgresql+psycopg://")
    assert "secret" not in target.describe()


@pytest.mark.parametrize(
    "path", ["//serveur/partage/essdesk.sqlite3", r"\\serveur\partage\base.sqlite3"]
)
def test_network_share_is_refused(path):
    with pytest.raises(EssDeskError, match="PostgreSQL"):
        resolve_target(path)


def test_missing_folder_is_reported_in_french(tmp_path):
    with pytest.raises(EssDeskError, match="n'existe pas"):
        open_database(str(tmp_path / "absent" / "base.sqlite3"))
    assert not (tmp_path / "absent").exists()


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(EssDeskError, match="dossier"):
        open_database(str(tmp_path))


def test_sqlite_pragmas(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
