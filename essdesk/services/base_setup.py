"""Setting up the base at first start: a new local file, the demonstration, a backup, the server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from essdesk.config import data_dir
from essdesk.db.database import open_database
from essdesk.db.engine import resolve_target, store_password
from essdesk.errors import EssDeskError

DEMO_FILE = "demonstration.sqlite3"


@dataclass(frozen=True)
class BaseReady:
    """What was set up: the address to open (never with a password) and what to tell the user."""

    database: str
    kind: str  # "local", "server" or "demo" (settings.BASE_KINDS)
    summary: str
    recovery_key: str = ""  # shown once, when a new random key encrypts the base


def demo_path() -> Path:
    return data_dir() / DEMO_FILE


def open_local(path: Path, *, encrypt: bool = False, key: str | None = None) -> BaseReady:
    """Create (optionally encrypted) or open the local base at `path`, migrated."""
    path = resolve_target(str(path)).sqlite_path or path  # refuses network shares
    existed = path.exists() and path.stat().st_size > 0
    if encrypt and not existed:
        from essdesk.services.encryption import encrypt_base

        path.parent.mkdir(parents=True, exist_ok=True)
        done = encrypt_base(str(path), key, store=key is None)
        where = (
            "La clé est gardée dans le coffre de mots de passe du système."
            if done.in_keyring
            else "La clé sera demandée à chaque démarrage."
        )
        return BaseReady(
            str(path), "local", f"Base chiffrée créée : {path}. {where}", "" if key else done.key
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    open_database(str(path), daily_backup=False).close()
    verb = "ouverte" if existed else "créée"
    return BaseReady(str(path), "local", f"Base {verb} : {path}.")


def open_demo(youths: int = 300) -> BaseReady:
    """The demonstration base beside the data (filled once), apart from any real base."""
    from essdesk.services.demo.dataset import fill_demo_data, has_data

    path = demo_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(str(path), daily_backup=False)
    try:
        if not has_data(db):
            fill_demo_data(db, youths=youths)
    finally:
        db.close()
    return BaseReady(
        str(path),
        "demo",
        "Données de démonstration prêtes (personnes et structures fictives). Pour travailler "
        "pour de vrai : Fichier ▸ Changer de base…",
    )


def restore_into(backup: Path, path: Path) -> BaseReady:
    """Put a backup in place as the local base at `path` (an existing file is kept aside)."""
    from essdesk.services.backups import restore_backup

    path.parent.mkdir(parents=True, exist_ok=True)
    aside = restore_backup(backup, str(path))
    open_database(str(path), daily_backup=False).close()  # checked and migrated now
    kept = f" L'ancienne base est conservée : {aside}." if aside else ""
    return BaseReady(str(path), "local", f"Sauvegarde {backup.name} restaurée dans {path}.{kept}")


def server_url(host: str, port: int, database: str, user: str) -> str:
    """The address of a server base from its parts (no password)."""
    if not (host.strip() and database.strip() and user.strip()):
        raise EssDeskError("Indiquez le serveur, la base et l'utilisateur.")
    url = URL.create(
        "postgresql+psycopg",
        username=user.strip(),
        host=host.strip(),
        port=port,
        database=database.strip(),
    )
    return url.render_as_string(hide_password=False)


def split_password(address: str) -> tuple[str, str]:
    """(address without password, password found in it or "")."""
    target = resolve_target(address.strip())
    if target.sqlite_path is not None:
        raise EssDeskError("Indiquez une adresse de serveur postgresql://utilisateur@serveur/base")
    url = make_url(target.url)
    password = url.password or ""
    # URL.set(password=None) would keep the password: the address is rebuilt without it.
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False), str(password)


def check_server(address: str, password: str) -> str:
    """Connect and migrate with `password` (not stored yet); returns the address shown."""
    url = make_url(resolve_target(address).url)
    if password:
        url = url.set(password=password)
    db = open_database(url.render_as_string(hide_password=False), daily_backup=False)
    try:
        return db.target.describe()
    finally:
        db.close()


def save_server(address: str, password: str) -> BaseReady:
    """Keep the password in the credential store (never in a file); the address is returned."""
    if password:
        store_password(address, password)
    shown = make_url(address).render_as_string(hide_password=True)
    return BaseReady(address, "server", f"Connexion enregistrée : {shown}.")
