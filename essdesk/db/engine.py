"""Engine factory: the embedded SQLite file (the default) or a shared office PostgreSQL server."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from essdesk.config import default_database_path
from essdesk.db import encryption
from essdesk.domain.text import fold
from essdesk.errors import EssDeskError

READ_ONLY = "essdesk_read_only"  # execution option of connections that only read
KEYRING_SERVICE = "ESS Desk"  # entry name in the system's credential store
FOLD_FUNCTION = "essdesk_fold"  # SQL function registered on SQLite connections
NETWORK_FILESYSTEMS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "9p", "fuse.sshfs", "davfs"}


@dataclass(frozen=True)
class DatabaseTarget:
    """What the user asked to open: a SQLite file path, or a server URL."""

    url: str
    sqlite_path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    def name(self) -> str:
        """The base's short name for the status bar: the file's name, or the server's base."""
        if self.sqlite_path is not None:
            return self.sqlite_path.stem
        url = make_url(self.url)
        return f"{url.database or '?'} sur {url.host or 'localhost'}"

    def describe(self) -> str:
        """A French description for messages, without the password of a server URL."""
        if self.sqlite_path is not None:
            return f"fichier {self.sqlite_path}"
        return f"serveur {make_url(self.url).render_as_string(hide_password=True)}"


def resolve_target(database: str | None = None) -> DatabaseTarget:
    """Turn `--database` / ESSDESK_DATABASE_URL / the default into a target."""
    value = database or os.environ.get("ESSDESK_DATABASE_URL") or ""
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return DatabaseTarget(f"sqlite:///{path}", path)
    if value.startswith(("postgresql:", "postgresql+", "postgres:")):
        url = make_url(value)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return DatabaseTarget(url.render_as_string(hide_password=False), None)
    if value.startswith("sqlite:"):
        path_text = make_url(value).database or ""
        value = path_text
    if "://" in value:
        raise EssDeskError(
            f"Adresse de base de données non reconnue : {without_password(value)}. "
            "Indiquez un fichier SQLite ou une URL postgresql://…"
        )
    path = Path(value).expanduser()
    check_local_path(path)
    return DatabaseTarget(f"sqlite:///{path.absolute()}", path.absolute())


def without_password(address: str) -> str:
    """`address` with any password between « user: » and « @ » masked, whatever the scheme."""
    return re.sub(r"(//[^/@:]*:)[^@/]*@", r"\1***@", address)


def stored_password(url: URL) -> str | None:
    """The server password kept in the system's credential store for this URL, if any."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_account(url))
    except Exception:  # noqa: BLE001 - no store on this system: libpq's own sources remain
        return None


def keyring_account(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def store_password(address: str, password: str) -> str:
    """Keep the password of a server URL in the system's credential store; returns the account."""
    import keyring
    from keyring.errors import KeyringError

    url = make_url(resolve_target(address).url)
    if url.username is None:
        raise EssDeskError(
            "L'URL du serveur doit nommer l'utilisateur : postgresql://nom@serveur/base"
        )
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_account(url), password)
    except KeyringError as error:
        raise EssDeskError(
            "Aucun coffre de mots de passe n'est disponible sur ce poste : utilisez un fichier "
            "PGPASSFILE (ou ~/.pgpass) à la place."
        ) from error
    return keyring_account(url)


def check_local_path(path: Path) -> None:
    """Refuse a database file on a network share: SQLite's locking does not hold there."""
    if _is_network_path(path):
        raise EssDeskError(
            f"Le fichier {path} est sur un partage réseau. Une base SQLite partagée par le réseau "
            "finit par se corrompre : pour travailler à plusieurs postes, utilisez le mode "
            "bureau partagé (serveur PostgreSQL, option --database postgresql://…)."
        )


def _is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):  # UNC path: \\server\share
        return True
    if sys.platform == "win32":
        return _is_windows_remote_drive(path)
    return _mount_type(path) in NETWORK_FILESYSTEMS


def _is_windows_remote_drive(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = path.absolute().drive
    if not drive:
        return False
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote


def _mount_type(path: Path) -> str | None:
    """The filesystem type of the mount holding `path` (Linux /proc/mounts; None elsewhere)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    resolved = str(path.absolute().resolve())
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def create_engine_for(target: DatabaseTarget) -> Engine:
    """Create the engine; SQLite gets the pragmas that make it a safe application file."""
    if target.sqlite_path is None:
        url = make_url(target.url)
        # No password in the URL (where the process list would show it): the credential store,
        # then libpq's own PGPASSWORD, PGPASSFILE or ~/.pgpass. TLS comes from ?sslmode=….
        if url.password is None and url.username:
            password = stored_password(url)
            if password:
                url = url.set(password=password)
        # hide_parameters: an error's text never carries the row (names, birth dates, e-mails).
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    # URL.create, not the "sqlite:///…" string: a "?" or "#" in a folder name would be parsed as
    # the start of a query string and another file opened.
    url = URL.create("sqlite", database=str(target.sqlite_path))
    if encryption.is_encrypted(target.sqlite_path):  # SQLCipher: the key, checked, or an error
        url = encryption.engine_url(target.sqlite_path, encryption.key_for(target.sqlite_path))
    else:
        create_private(target.sqlite_path)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
    _configure_sqlite(engine)
    return engine


def create_private(path: Path) -> None:
    """Create a new base file readable by its owner only (SQLite gives its WAL the same mode)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _fold_or_none(value):
    return None if value is None else fold(str(value))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (BEGIN IMMEDIATE below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: with NORMAL, WAL may lose the last commits on a power cut; a commit here is an
        # import or a form saved by hand, rare enough that the extra sync costs nothing felt.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        # Deleted and overwritten values are zeroed in the file, not left in free space.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
        # SQLite's lower() only folds ASCII: searches compare through this function instead.
        dbapi_connection.create_function(FOLD_FUNCTION, 1, _fold_or_none, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A deferred BEGIN that reads then writes fails at once when another process writes;
        # IMMEDIATE takes the write lock up front so the second writer waits (busy_timeout).
        # Pure reads say so and stay deferred, so they never wait for another window's import.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
