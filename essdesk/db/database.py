"""Opening a database: checks, backup, migrations, then sessions for the services."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from essdesk.db import audit, clean_close, encryption, migrate, schema_check, write_guard
from essdesk.db.backup import (
    BackupFolder,
    check_sqlite_file,
    connect_read_only,
    interrupted_restore_leftovers,
    set_aside_bases,
)
from essdesk.db.engine import READ_ONLY, DatabaseTarget, create_engine_for, resolve_target
from essdesk.db.models import Base
from essdesk.domain.access import Actor
from essdesk.errors import AccessDenied, EssDeskError
from essdesk.settings import backup_dir_choice, backups_kept, default_backup_dir

INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE when a GRANT is missing


class DatabaseBusyError(EssDeskError):
    """Another process held the write lock longer than the busy timeout."""


class ConcurrentEditError(EssDeskError):
    """Another PC saved the same record since it was loaded: nothing was overwritten."""


class ConflictError(EssDeskError):
    """The write contradicts the base (a duplicate, a missing or still-used linked record)."""


class Database:
    """An open, migrated database: sessions, integrity checks and backups."""

    def __init__(self, engine: Engine, target: DatabaseTarget, backup_dir: Path) -> None:
        self.engine = engine
        self.target = target
        self.backups = self.backup_folder(backup_dir)
        # Things the user should know that did not stop the opening (e.g. a backup that failed).
        self.warnings: list[str] = []
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        # Who is working: set by essdesk.services.access at login, checked by the services and
        # written into the audit trail that every write session records (essdesk/db/audit.py).
        self.actor: Actor | None = None
        for factory in (self._sessions, self._read_sessions):
            write_guard.install(self, factory)  # before the trail: a refused write is not traced
        audit.install(self, self._sessions, self._read_sessions)
        if not target.is_sqlite:
            event.listen(engine, "handle_error", self._server_refusal)

    def _server_refusal(self, context) -> None:
        """A GRANT of the server refused what no check of the app caught: French, and traced."""
        error = context.original_exception
        if getattr(error, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            return
        table = re.search(r"for (?:table|relation) (\w+)", str(error))
        # Another connection: the failed one's transaction is aborted.
        with self.engine.begin() as connection:
            entry = audit.entry(
                self.actor, "refused", table.group(1) if table else "-",
                detail="droits du serveur",
            )  # fmt: skip
            audit.write(connection, [entry])
        raise AccessDenied(
            "Accès refusé par le serveur : votre rôle ne permet pas cette opération. Rien n'a "
            "été lu ni modifié ; demandez à un administrateur si vous en avez besoin."
        ) from context.sqlalchemy_exception

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    def session(self) -> Session:
        """A session for reading (deferred BEGIN); writes go through `transaction()`."""
        return self._read_sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back entirely on any error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except write_guard.WriteRefused as refused:
            # Rolled back: the attempt is traced in a transaction of its own.
            with self._sessions() as session, session.begin():
                entry = audit.entry(
                    refused.actor, "refused", refused.table, refused.record_id,
                    detail=refused.permission,
                )  # fmt: skip
                audit.write(session, [entry])
            raise
        except OperationalError as error:
            if "full" in str(error.orig):
                raise EssDeskError(
                    f"Disque plein : la base ({self.target.describe()}) n'a plus de place pour "
                    "écrire ; rien n'a été enregistré. Libérez de la place sur le disque, puis "
                    "recommencez."
                ) from error
            if "locked" in str(error.orig) or "busy" in str(error.orig):
                raise DatabaseBusyError(
                    "La base est occupée par une autre fenêtre ou un autre poste depuis trop "
                    "longtemps ; rien n'a été enregistré. Réessayez dans un instant."
                ) from error
            raise
        except StaleDataError as error:
            raise ConcurrentEditError(
                "Cette fiche a été modifiée entre-temps depuis un autre poste ou une autre "
                "fenêtre : rien n'a été enregistré. Rechargez-la, puis refaites la modification."
            ) from error
        except IntegrityError as error:
            raise ConflictError(
                "Enregistrement refusé : il ferait un doublon (même SIRET, même jeune…) ou "
                "toucherait une fiche liée à d'autres (offres, contrats). Rien n'a été enregistré.",
                detail=str(error.orig),
            ) from error

    def backup_folder(self, folder: Path) -> BackupFolder:
        """The backups of this base in `folder`, named after the base's file."""
        name = self.target.sqlite_path.stem if self.target.sqlite_path else "essdesk"
        return BackupFolder(folder, name, backups_kept())

    def protected_files(self) -> list[Path]:
        """The base and its journals: no output file may be written over them."""
        base = self.target.sqlite_path
        if base is None:
            return []
        return [base, *(Path(f"{base}{tail}") for tail in ("-wal", "-shm", "-journal"))]

    def protected_folders(self) -> list[Path]:
        """Folders holding the base's backups (an output there could replace one)."""
        return [self.backups.folder] if self.target.sqlite_path is not None else []

    def check_output(self, path: Path, *, also: tuple[Path, ...] = (), what: str) -> None:
        """Refuse to write `path` over the base, its journals, its backups or `also`."""
        resolved = path.resolve()  # follows links: a link to the base is the base
        protected = [p.resolve() for p in (*self.protected_files(), *also)]
        folders = [f.resolve() for f in self.protected_folders()]
        if resolved in protected or any(f == resolved or f in resolved.parents for f in folders):
            raise EssDeskError(
                f"{what} ne peut pas être écrit dans {path} : ce fichier est la base, un de ses "
                "journaux, une sauvegarde ou le fichier lu. Choisissez un autre nom ; rien n'a "
                "été écrit."
            )

    def schema_version(self) -> str | None:
        return migrate.current_revision(self.engine)

    def integrity_problems(self, *, full: bool = False) -> list[str]:
        """Empty when healthy; otherwise French descriptions of what is wrong."""
        problems: list[str] = []
        at_head = migrate.current_revision(self.engine) == migrate.head_revision()
        with self.engine.execution_options(**{READ_ONLY: True}).connect() as connection:
            if self.engine.dialect.name == "sqlite":
                pragma = "integrity_check" if full else "quick_check"
                rows = [r[0] for r in connection.exec_driver_sql(f"PRAGMA {pragma}")]
                if rows != ["ok"]:
                    problems.extend(f"Intégrité SQLite : {row}" for row in rows[:20])
                raw = connection.connection.driver_connection
                if full and at_head:
                    found = schema_check.sqlite_file_problems(raw, migrate.head_revision())
                else:
                    found = schema_check.foreign_objects(schema_check.sqlite_objects(raw))
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        found.append(
                            f"{len(broken)} lien(s) cassé(s) entre fiches (table {broken[0][0]})"
                        )
                problems.extend(f"{p[:1].upper()}{p[1:]}." for p in found)
            elif full:
                problems.extend(schema_check.postgres_problems(connection, Base.metadata))
            else:
                connection.execute(text("SELECT 1"))
            if at_head:
                problems.extend(schema_check.duplicate_problems(connection))
        if not at_head:
            problems.append("Le schéma de la base n'est pas à jour.")
        return problems

    def backup(self, reason: str = "", folder: Path | None = None, progress=None) -> Path:
        """A checked copy of the SQLite file in the backup folder (or `folder`)."""
        if self.target.sqlite_path is None:
            raise EssDeskError(
                "La base est sur un serveur PostgreSQL : ses sauvegardes se font sur le serveur "
                "(pg_dump), pas depuis ESS Desk."
            )
        backups = self.backup_folder(folder) if folder else self.backups
        return backups.take(self.target.sqlite_path, reason, progress=progress)

    def table_counts(self) -> dict[str, int]:
        with self.engine.execution_options(**{READ_ONLY: True}).connect() as connection:
            names = inspect(connection).get_table_names()
            return {
                name: connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
                for name in sorted(names)
                if name != "alembic_version"
            }

    def close(self) -> None:
        self.engine.dispose()
        if self.target.sqlite_path is not None:
            # The last connection closed merged the log into the file: note it as left clean.
            clean_close.remember(self.target.sqlite_path)


def open_database(
    database: str | None = None,
    *,
    backup_dir: Path | None = None,
    migrate_schema: bool = True,
    daily_backup: bool = True,
    create: bool = True,
) -> Database:
    """Open and migrate the database; raise EssDeskError with a French message.

    A missing SQLite file is created only with `create` (the command line creates one with
    `essdesk init`, `import` and `demo`; a mistyped path must not become an empty base).
    """
    target = resolve_target(database)
    backup_dir = backup_dir or _backup_dir_for(target)
    notes: list[str] = []
    if target.sqlite_path is not None:
        notes = _check_sqlite_target(target.sqlite_path, create=create)
    engine = create_engine_for(target)
    try:
        db = Database(engine, target, backup_dir)
        db.warnings.extend(notes)
        current = _current_revision(engine, target)
        migrate.check_not_newer(current)
        if migrate_schema and current != migrate.head_revision():
            backup_path = None
            if target.sqlite_path is not None and current is not None:
                backup_path = db.backup(f"avant-migration-{current}")
            migrate.upgrade(engine, backup_path=backup_path)
        if daily_backup and target.sqlite_path is not None and not db.backups.has_backup_today():
            take_routine_backup(db)
        return db
    except BaseException:
        engine.dispose()
        raise


def take_routine_backup(db: Database) -> Path | None:
    """The daily or start-up backup: a failure (USB key unplugged, disk full) is a warning, not a
    reason to refuse the base; the backup before a migration, by contrast, is required."""
    try:
        return db.backup()
    except EssDeskError as error:
        db.warnings.append(f"Sauvegarde automatique impossible : {error.message}")
        return None


def backup_folder_for(database: str | None) -> BackupFolder:
    """The backup folder of a database, even when it cannot be opened (for the recovery dialog)."""
    target = resolve_target(database)
    name = target.sqlite_path.stem if target.sqlite_path else "essdesk"
    return BackupFolder(_backup_dir_for(target), name, backups_kept())


def _backup_dir_for(target: DatabaseTarget) -> Path:
    if backup_dir_choice() is not None or target.sqlite_path is None:
        return default_backup_dir()
    # Backups live beside their own database so that two bases never mix their backups.
    if target.sqlite_path.parent == default_backup_dir().parent:
        return default_backup_dir()
    return target.sqlite_path.parent / f"{target.sqlite_path.stem}-sauvegardes"


def _check_sqlite_target(path: Path, *, create: bool) -> list[str]:
    """Check the file before any engine touches it; returns warnings for the user."""
    notes = []
    for leftover in interrupted_restore_leftovers(path):
        # A copy that never replaced the base: the base and the backup it came from are intact.
        leftover.unlink(missing_ok=True)
        notes.append(
            f"Une restauration interrompue avait laissé la copie {leftover.name} : elle a été "
            "supprimée ; la base n'avait pas été remplacée."
        )
    if not path.exists():
        aside = set_aside_bases(path)
        if aside:
            raise EssDeskError(
                f"La base {path} est absente, mais une restauration interrompue a laissé "
                f"l'ancienne base {aside[0]}. Pour la reprendre : essdesk restore « {aside[0]} ». "
                "Aucune base vide n'a été créée à sa place."
            )
        if not create:
            raise EssDeskError(
                f"La base {path} n'existe pas. Vérifiez le chemin donné, ou créez une base "
                "avec « essdesk init »."
            )
    if path.exists():
        if path.is_dir():
            raise EssDeskError(f"{path} est un dossier, pas un fichier de base de données.")
        if not os.access(path, os.R_OK | os.W_OK):
            raise EssDeskError(
                f"Le fichier {path} ne peut pas être ouvert en lecture et écriture : "
                "vérifiez ses droits d'accès."
            )
        if not os.access(path.parent, os.W_OK):
            # SQLite writes its journals (-wal, -shm) beside the base: a read-only folder is
            # not a damaged base, and must never lead to a restore over a healthy file.
            raise EssDeskError(
                f"Le dossier {path.parent} est en lecture seule : ESS Desk doit pouvoir y écrire "
                f"à côté de la base {path.name}. Vérifiez les droits du dossier (ou déplacez la "
                "base) ; le fichier n'a pas été modifié."
            )
        if path.stat().st_size > 0:
            if encryption.is_encrypted(path) and encryption.stored_key() is None:
                encryption.key_for(path)  # KeyNeeded: the app asks for the key, no restore
            if encryption.is_encrypted(path) or not clean_close.unchanged(path):
                check_sqlite_file(path)  # reads every page: skipped for a file left clean
            _refuse_foreign_objects(path)
        return notes
    if not path.parent.exists():
        raise EssDeskError(f"Le dossier {path.parent} n'existe pas : impossible d'y créer la base.")
    if not os.access(path.parent, os.W_OK):
        raise EssDeskError(f"Le dossier {path.parent} n'est pas accessible en écriture.")
    return notes


def _current_revision(engine: Engine, target: DatabaseTarget) -> str | None:
    try:
        return migrate.current_revision(engine)
    except OperationalError as error:
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise DatabaseBusyError(
                f"La base ({target.describe()}) est occupée par une autre fenêtre ou un autre "
                "poste (import ou mise à jour en cours). Réessayez dans un instant."
            ) from error
        raise EssDeskError(
            f"Impossible d'ouvrir la base ({target.describe()}) : {error.orig}"
        ) from error


def _refuse_foreign_objects(path: Path) -> None:
    """A trigger or view in the file is someone else's code: it would run inside our writes."""
    connection = connect_read_only(path)
    try:
        objects = schema_check.sqlite_objects(connection)
    finally:
        connection.close()
    problems = schema_check.foreign_objects(objects)
    known = set(Base.metadata.tables) | {"alembic_version"}
    # Alembic's own scratch tables (a batch rebuild) are ours, not someone else's.
    unknown = sorted(
        n
        for (t, n) in objects
        if t == "table" and n not in known and not n.startswith("_alembic_tmp_")
    )
    if unknown:
        problems.append(f"table(s) inconnue(s) : {', '.join(unknown[:5])}")
    if problems:
        raise EssDeskError(
            f"La base {path} contient des éléments qu'ESS Desk n'a pas créés "
            f"({' ; '.join(problems)}) : elle n'a pas été ouverte. Restaurez une sauvegarde "
            "saine ou faites vérifier le fichier."
        )
