"""Encrypting the local base and its backups at rest (SQLCipher), and back to clear."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from essdesk.db import encryption
from essdesk.db.backup import ensure_not_in_use
from essdesk.db.database import backup_folder_for, open_database
from essdesk.db.engine import resolve_target
from essdesk.errors import EssDeskError


@dataclass(frozen=True)
class Encrypted:
    path: Path
    key: str
    files: int  # the base and its backups
    in_keyring: bool
    from_environment: bool


def _local_path(database: str | None) -> Path:
    target = resolve_target(database)
    if target.sqlite_path is None:
        raise EssDeskError(
            "Le chiffrement concerne la base locale ; une base sur serveur PostgreSQL se protège "
            "sur le serveur (disque chiffré, connexions TLS)."
        )
    return target.sqlite_path


def encrypt_base(database: str | None, key: str | None = None, *, store: bool = True) -> Encrypted:
    """Encrypt a new or existing clear base, and its existing backups, with one key.

    `key` is one the user typed (asked again at each start unless `store`); else ESSDESK_KEY,
    else a new random key, kept in the credential store.
    """
    path = _local_path(database)
    if path.exists() and encryption.is_encrypted(path):
        raise EssDeskError(f"La base {path.name} est déjà chiffrée.")
    ensure_not_in_use(path)
    from_environment = key is None and bool(os.environ.get(encryption.ENV_KEY))
    key = key or os.environ.get(encryption.ENV_KEY) or encryption.new_key()
    if not path.exists() or path.stat().st_size == 0:
        # A new base: created encrypted, then migrated like any other.
        connection = encryption.connect(path, key)
        connection.execute("PRAGMA user_version = 0")
        connection.execute("CREATE TABLE essdesk_new (x)")
        connection.execute("DROP TABLE essdesk_new")
        connection.close()
        os.chmod(path, 0o600)
    else:
        encryption.rekey_file(path, None, key)
    files = 1 + _rekey_backups(backup_folder_for(database).list(), None, key)
    in_keyring = store and not from_environment and encryption.store_key(key)
    with encryption.using_key(key):  # migrated now, so that it opens like any other base
        open_database(database, daily_backup=False).close()
    return Encrypted(path, key, files, in_keyring, from_environment)


def decrypt_base(database: str | None) -> int:
    """Back to a clear base (and clear backups), without loss; needs the key."""
    path = _local_path(database)
    if not path.exists() or not encryption.is_encrypted(path):
        raise EssDeskError(f"La base {path.name} n'est pas chiffrée.")
    key = encryption.key_for(path)
    ensure_not_in_use(path)
    encryption.rekey_file(path, key, None)
    return 1 + _rekey_backups(backup_folder_for(database).list(), key, None)


def _rekey_backups(backups, old_key: str | None, new_key: str | None) -> int:
    # Old clear copies would keep the names in clear beside an encrypted base.
    done = 0
    for backup in backups:
        if encryption.is_encrypted(backup.path) == (old_key is not None):
            encryption.rekey_file(backup.path, old_key, new_key)
            done += 1
    return done
