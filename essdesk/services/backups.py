"""Backup and restore as the app and the command line offer them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from essdesk.db.backup import check_sqlite_file, connect_read_only, restore_sqlite
from essdesk.db.engine import resolve_target
from essdesk.db.migrate import check_not_newer
from essdesk.errors import EssDeskError


def check_backup_file(file: Path) -> str | None:
    """Full check of a backup before it replaces anything; returns its schema version."""
    check_sqlite_file(file, full=True)
    connection = connect_read_only(file)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise EssDeskError(f"Le fichier {file} n'est pas une sauvegarde ESS Desk.") from error
    finally:
        connection.close()
    revision = row[0] if row else None
    check_not_newer(revision)
    return revision


def restore_backup(file: Path, database: str | None = None) -> Path | None:
    """Replace the local database by `file` (checked first); returns where the old base was kept.

    The caller must have closed every connection to the database first.
    """
    target = resolve_target(database)
    if target.sqlite_path is None:
        raise EssDeskError("La restauration ne concerne que la base locale (fichier SQLite).")
    check_backup_file(file)
    return restore_sqlite(file, target.sqlite_path)
