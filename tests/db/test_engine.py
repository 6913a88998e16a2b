"""Opening a database: where it is, what it refuses, the pragmas that keep the file safe."""

from __future__ import annotations

import keyring
import pytest
from click.testing import CliRunner
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from essdesk.cli import main as cli
from essdesk.db.database import open_database
from essdesk.db.engine import create_engine_for, resolve_target
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


def test_a_password_in_an_unknown_address_is_never_echoed():

    with pytest.raises(EssDeskError) as refused:
        resolve_target("mysql://jean:TresSecret42@serveur/base")
    assert "TresSecret42" not in str(refused.value) and "jean:***@" in str(refused.value)
    result = CliRunner().invoke(cli, ["--database", "mssql://a:TresSecret42@h/b", "check"])
    assert result.exit_code == 1 and "TresSecret42" not in result.output


def _password_used(pg_url_without_password: str) -> str | None:
    engine = create_engine_for(resolve_target(pg_url_without_password))
    try:
        with engine.connect() as connection:
            # libpq's own record of the password it sent, wherever it found it.
            return connection.connection.driver_connection.info.password
    finally:
        engine.dispose()


def test_server_password_from_pgpassfile(pg_url, tmp_path, monkeypatch):
    url = make_url(pg_url)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"{url.host}:{url.port}:{url.database}:{url.username}:DuFichier\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert _password_used(url.set(password=None).render_as_string(hide_password=False)) == (
        "DuFichier"
    )


def test_server_password_from_the_system_credential_store(pg_url, monkeypatch):

    class MemoryStore(KeyringBackend):
        """A credential store living in memory (the real ones need a desktop session)."""

        priority = 1
        entries: dict = {}

        def get_password(self, service, username):
            return self.entries.get((service, username))

        def set_password(self, service, username, password):
            self.entries[(service, username)] = password

        def delete_password(self, service, username):
            self.entries.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryStore())
    try:
        address = make_url(pg_url).set(password=None).render_as_string(hide_password=False)
        result = CliRunner().invoke(
            cli, ["--database", address, "remember-password"], input="DuCoffre\n"
        )
        assert result.exit_code == 0, result.output
        assert "DuCoffre" not in result.output
        assert _password_used(address) == "DuCoffre"
    finally:
        keyring.set_keyring(previous)


def test_sslmode_in_the_url_reaches_the_server_connection(pg_url):
    engine = create_engine_for(resolve_target(f"{pg_url}?sslmode=disable"))
    try:
        with engine.connect() as connection:
            params = connection.connection.driver_connection.info.get_parameters()
            assert params.get("sslmode") == "disable"
    finally:
        engine.dispose()
