"""The local base encrypted at rest with SQLCipher: its key, and moving a file in and out of it."""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

from sqlalchemy.engine import URL

from essdesk.errors import EssDeskError

SQLITE_HEADER = b"SQLite format 3\x00"
ENV_KEY = "ESSDESK_KEY"  # for unattended runs, as Borg's BORG_PASSPHRASE
KEYRING_SERVICE = "ESS Desk"
KEYRING_USER = "clé de la base locale"  # one local base per staff account (else ESSDESK_KEY)


class EncryptionKeyError(EssDeskError):
    """No key, or not the right one: nothing was opened (the message never says more)."""


class KeyNeeded(EncryptionKeyError):
    """An encrypted base whose key is neither given, in ESSDESK_KEY, nor in the store: ask it."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


WRONG_KEY = (
    "Impossible d'ouvrir la base chiffrée : la clé est incorrecte ou le fichier est endommagé. "
    "Rien n'a été ouvert."
)


def is_encrypted(path: Path) -> bool:
    """A file that starts neither with SQLite's clear header nor with zeros (damage)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError:
        return False
    # SQLCipher starts its file with a random salt: zeros there are a damaged file (a disk
    # that lost the content), which must be offered its backup, not asked for a key.
    return bool(header.strip(b"\x00")) and header != SQLITE_HEADER


_given: list[str] = []  # keys typed at start (the app asks when the store has none)


def give_key(key: str) -> None:
    """The key typed at start, kept for the whole process (the backups are encrypted with it)."""
    _given.append(key)


@contextlib.contextmanager
def using_key(key: str):
    """Within the block, bases are opened with `key` (typed by the user, or just created)."""
    _given.append(key)
    try:
        yield
    finally:
        _given.remove(key)


def stored_key() -> str | None:
    """The key given in this process, else ESSDESK_KEY, else the system's credential store."""
    if _given:
        return _given[-1]
    key = os.environ.get(ENV_KEY)
    if key:
        return key
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # no credential store on this system (keyring raises several kinds)
        return None


def store_key(key: str) -> bool:
    """Keep the key in the credential store; False when the system has none."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
        return True
    except Exception:
        return False


def new_key() -> str:
    """A random key, readable enough to be copied from paper: 8 groups of 4 characters."""
    text = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(path: Path, key: str | None):
    """A raw SQLCipher connection (the key set first, as SQLCipher requires)."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), timeout=30, isolation_level=None)
    # SQLCipher would print which page failed its check on a wrong key: no detail, anywhere.
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key:
        connection.execute(f"PRAGMA key = {_quote(key)}")
    return connection


def key_for(path: Path) -> str:
    """The key that opens the encrypted base at `path`, checked; a French error otherwise."""
    key = stored_key()
    if key is None:
        raise KeyNeeded(
            # A SQLCipher file looks like random bytes: so does a damaged one; say both.
            f"La base {path.name} n'est pas lisible en clair : soit elle est chiffrée et sa clé "
            f"n'est pas disponible (indiquez-la : trousseau du système, ou variable {ENV_KEY}), "
            "soit ce n'est pas une base ESS Desk.",
            path,
        )
    check_key(path, key)
    return key


def check_key(path: Path, key: str, *, full: bool = False) -> None:
    import sqlcipher3

    try:
        connection = connect(path, key)
        try:
            rows = connection.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")
            healthy = rows.fetchall() == [("ok",)]
        finally:
            connection.close()
    except sqlcipher3.DatabaseError as error:
        raise EncryptionKeyError(WRONG_KEY) from error
    if not healthy:
        raise EncryptionKeyError(WRONG_KEY)


def engine_url(path: Path, key: str) -> URL:
    """SQLAlchemy's SQLCipher dialect (sqlcipher3) with the key as the URL's password."""
    return URL.create("sqlite+pysqlcipher", password=key, database=str(path))


def export_copy(source: Path, source_key: str | None, target: Path, target_key: str | None) -> None:
    """Copy a base to `target`, re-keyed (None: clear) with sqlcipher_export; consistent copy."""
    target.unlink(missing_ok=True)
    # Created owner-only before SQLite writes in it.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    connection = connect(source, source_key)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(
            f"ATTACH DATABASE {_quote(str(target))} AS target KEY {_quote(target_key or '')}"
        )
        connection.execute("BEGIN")  # one read snapshot for the whole copy
        connection.execute("SELECT sqlcipher_export('target')")
        connection.execute("COMMIT")
        connection.execute(f"PRAGMA target.user_version = {int(version)}")
        connection.execute("DETACH DATABASE target")
    finally:
        connection.close()


def rekey_file(path: Path, old_key: str | None, new_key: str | None) -> None:
    """Encrypt (old None), decrypt (new None) or change the key of a closed base, in place.

    The new file is written beside and checked before it replaces the old one; the old WAL
    is checkpointed first and removed with it (left there, it would be applied to the new file).
    """
    connection = connect(path, old_key)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    staging = path.with_name(path.name + ".chiffrement")
    export_copy(path, old_key, staging, new_key)
    if new_key:
        check_key(staging, new_key)
    os.replace(staging, path)
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + extra).unlink()
