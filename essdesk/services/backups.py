"""Backup and restore as the app and the command line offer them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from essdesk.db.backup import check_sqlite_file, connect_read_only, restore_sqlite
from essdesk.db.engine import resolve_target
from essdesk.db.migrate import check_not_newer
from essdesk.db.schema_check import sqlite_file_problems
from essdesk.errors import EssDeskError


def check_backup_file(file: Path) -> str | None:
    """Full check of a backup before it replaces anything; returns its schema version.

    Beyond SQLite's integrity: the file must hold exactly the schema of its revision (no foreign
    trigger, view, table or index, no missing table) and no broken link between records.
    """
    check_sqlite_file(file, full=True)
    connection = connect_read_only(file)
    try:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise EssDeskError(f"Le fichier {file} n'est pas une sauvegarde ESS Desk.") from error
        revision = row[0] if row else None
        if revision is None:
            raise EssDeskError(
                f"Le fichier {file} n'est pas une sauvegarde ESS Desk (version du schéma absente)."
            )
        check_not_newer(revision)
        problems = sqlite_file_problems(connection, revision)
    finally:
        connection.close()
    if problems:
        raise EssDeskError(
            f"Le fichier {file} n'est pas une sauvegarde ESS Desk intacte : "
            f"{' ; '.join(problems)}. La base actuelle n'a pas été touchée."
        )
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
