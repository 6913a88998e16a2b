"""Bring a database to the current schema: back up first, one transaction, nothing half-done."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from essdesk.db import pg_roles
from essdesk.db.engine import READ_ONLY
from essdesk.db.reference_data import seed_reference_data
from essdesk.errors import EssDeskError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest migration, written here so that opening a base need not import Alembic and read
# every migration script (a third of the start time). tests/db/test_migrations.py checks it
# against the scripts: a new migration must update it.
HEAD_REVISION = "0011"


class NewerDatabaseError(EssDeskError):
    """The database was written by a more recent ESS Desk: we must not touch it."""


class MigrationError(EssDeskError):
    """A migration failed; the database was left as it was."""


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD_REVISION


def scripts_head_revision() -> str | None:
    """The head as Alembic reads it from the migration scripts (the reference for the above)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision the base says it is at (None for an empty base)."""
    with engine.execution_options(**{READ_ONLY: True}).connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        # Alembic's own table: one row on a linear history (ours is one).
        return rows[0][0] if rows else None


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_not_newer(revision: str | None) -> None:
    if revision is None or revision == HEAD_REVISION:
        return
    if revision not in known_revisions():
        raise NewerDatabaseError(
            f"Cette base a été créée par une version plus récente d'ESS Desk (schéma {revision}). "
            "Installez la dernière version d'ESS Desk pour l'ouvrir ; la base n'a pas été modifiée."
        )


def upgrade(engine: Engine, target: str = "head", *, backup_path: Path | None = None) -> None:
    """Run the migrations up to `target` in a single transaction (SQLite and PostgreSQL DDL are transactional)."""
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                # Table rebuilds with foreign keys ON would cascade-delete children; the pragma
                # is a no-op inside a transaction, so it is set before BEGIN.
                _driver_pragma(connection, "foreign_keys=OFF")
            try:
                with connection.begin():
                    from alembic import command

                    command.upgrade(alembic_config(connection), target)
                    if target == "head":
                        # In the same transaction: a base is never at head without its schemes.
                        seed_reference_data(connection)
                    if not sqlite and target == "head":
                        pg_roles.apply_grants(connection)  # new tables get their GRANTs
                    if sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise MigrationError(
                                f"La mise à jour du schéma casserait {len(broken)} lien(s) entre "
                                f"fiches (table {broken[0][0]}) : elle a été annulée."
                            )
            finally:
                if sqlite:
                    _driver_pragma(connection, "foreign_keys=ON")
    except EssDeskError as error:
        raise MigrationError(_with_backup(str(error), backup_path)) from error
    except (
        Exception
    ) as error:  # any failure inside Alembic: report it, the transaction is rolled back
        raise MigrationError(
            _with_backup(
                "La mise à jour du schéma de la base a échoué ; la base est restée telle quelle.",
                backup_path,
            ),
            detail=f"{type(error).__name__}: {error}",
        ) from error


def _driver_pragma(connection: Connection, pragma: str) -> None:
    # Straight to the driver: through SQLAlchemy the statement would autobegin a transaction.
    connection.connection.driver_connection.execute(f"PRAGMA {pragma}")


def _with_backup(message: str, backup_path: Path | None) -> str:
    if backup_path is None:
        return message
    return f"{message} Une sauvegarde prise juste avant est conservée : {backup_path}"
