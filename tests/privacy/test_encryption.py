"""The base encrypted at rest: no header, no name in clear, opens with its key only, backups too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backend import KeyringBackend
from keyring.compat import properties
from sqlalchemy import func, select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.db.backup import SQLITE_HEADER
from essdesk.db.database import open_database
from essdesk.errors import EssDeskError

NAME = "Zorglubine"


def _fill(db_path: Path) -> None:
    db = open_database(str(db_path))
    with db.transaction() as s:
        for i in range(50):
            s.add(m.Youth(last_name=f"{NAME}{i}", first_name="Léa", birth_date=date(2004, 1, 2)))
    db.close()


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_encrypt_existing_base_then_back_to_clear(db_path, monkeypatch):
    _fill(db_path)
    runner = CliRunner()
    result = runner.invoke(main, ["--database", str(db_path), "encrypt"])
    assert result.exit_code == 0, result.output
    assert "CLÉ DE SECOURS" in result.output
    key = result.output.strip().splitlines()[-1].strip()
    assert len(key) == 39 and key.count("-") == 7
    content = db_path.read_bytes()
    assert not content.startswith(SQLITE_HEADER)
    assert NAME.encode() not in _all_bytes(db_path)
    backups = list((db_path.parent / f"{db_path.stem}-sauvegardes").iterdir())
    assert backups and all(not b.read_bytes().startswith(SQLITE_HEADER) for b in backups)
    assert all(NAME.encode() not in b.read_bytes() for b in backups)

    # Without the key: refused, in French, without detail; with a wrong one: the same.
    with pytest.raises(EssDeskError, match="clé n'est pas disponible"):
        open_database(str(db_path))
    monkeypatch.setenv("ESSDESK_KEY", "pas-la-bonne-clé")
    with pytest.raises(EssDeskError) as wrong:
        open_database(str(db_path))
    assert str(wrong.value) == (
        "Impossible d'ouvrir la base chiffrée : la clé est incorrecte ou le fichier est "
        "endommagé. Rien n'a été ouvert."
    )
    monkeypatch.setenv("ESSDESK_KEY", key)
    db = open_database(str(db_path))
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(m.Youth)) == 50
        copy = db.backup("essai")
        assert not copy.read_bytes().startswith(SQLITE_HEADER)
        assert NAME.encode() not in copy.read_bytes()
        assert db.integrity_problems() == []
    finally:
        db.close()

    back = runner.invoke(main, ["--database", str(db_path), "encrypt", "--decrypt"])
    assert back.exit_code == 0, back.output
    monkeypatch.delenv("ESSDESK_KEY")
    assert db_path.read_bytes().startswith(SQLITE_HEADER)
    db = open_database(str(db_path))
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(m.Youth)) == 50
    finally:
        db.close()


def test_encrypt_a_new_base_with_the_key_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "nouvelle.sqlite3"
    monkeypatch.setenv("ESSDESK_KEY", "clé-choisie-pour-les-tâches-planifiées")
    result = CliRunner().invoke(main, ["--database", str(path), "encrypt"])
    assert result.exit_code == 0, result.output
    assert "CLÉ DE SECOURS" not in result.output  # the key is the one given, not a new one
    assert path.stat().st_mode & 0o777 == 0o600
    assert not path.read_bytes().startswith(SQLITE_HEADER)
    _fill(path)
    assert NAME.encode() not in _all_bytes(path)


class _MemoryKeyring(KeyringBackend):
    """A credential store in memory, standing for Windows' or the desktop's own.

    Not "viable" (its priority raises): keyring never picks it by itself for other tests.
    """

    @properties.classproperty
    def priority(cls):
        raise RuntimeError("only set explicitly by the test")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def test_key_kept_in_the_credential_store(db_path, monkeypatch):
    _fill(db_path)
    store = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        result = CliRunner().invoke(main, ["--database", str(db_path), "encrypt"])
        assert result.exit_code == 0, result.output
        assert "La clé est conservée dans le trousseau du système." in result.output
        [key] = store.secrets.values()
        assert result.output.strip().endswith(key)  # the recovery key is that key, shown once
        db = open_database(str(db_path))  # no ESSDESK_KEY: the store gives it
        try:
            with db.session() as s:
                assert s.scalar(select(func.count()).select_from(m.Youth)) == 50
        finally:
            db.close()
    finally:
        keyring.set_keyring(previous)
