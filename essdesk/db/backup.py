"""Backups of the SQLite file: online copies, rotation (daily, weekly, monthly) and safe restore."""

from __future__ import annotations

import contextlib
import glob
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from essdesk.db import encryption
from essdesk.db.files import (
    check_free_space,
    folder_lock,
    fsync_dir,
    fsync_file,
    keep_aside,
    new_temporary,
    replace_durably,
)
from essdesk.errors import EssDeskError, os_reason

SQLITE_HEADER = b"SQLite format 3\x00"


class DamagedDatabaseError(EssDeskError):
    """The file is not a readable SQLite base, or fails its integrity check: a backup may help."""


# <base>-20261122-151000[-avant-import][_2].sqlite3 : the base's name first, so that two bases
# sharing a backup folder (a USB key) never rotate or restore each other's copies; the counter
# separates copies taken within the same second.
BACKUP_TAIL = r"-(\d{8})-(\d{6})(?:-([a-z][a-z0-9-]*))?(?:_(\d+))?\.sqlite3$"
# How many of each kind to keep: one per day for a week, one per week for a month, one per month.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Backups taken before a migration, an import or a restore are kept apart: the last ones only.
KEEP_EVENT = 10


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str  # "" for a periodic backup, else e.g. "avant-import"
    sequence: int = 1  # 2, 3… for further copies taken within the same second


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an existing file read-only; never creates one (a plain path would).

    An encrypted base is opened with its key (SQLCipher refuses a wrong one).
    """
    if encryption.is_encrypted(path):
        return encryption.connect(path, encryption.key_for(path))
    # as_uri() percent-encodes "#" and "?": pasted into "file:…" they would cut the path short
    # and SQLite would silently open (and create) another, empty file.
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=30)


def copy_sqlite(
    source: Path, destination: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    """Copy a live database with SQLite's online backup API (consistent even while others write).

    The copy is written under an unpredictable name beside `destination`, synced, then renamed
    into place: two copies at once never share a file, and a crash leaves no half-written copy.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = new_temporary(destination.parent, f".{destination.name}-")
    try:
        write_copy(source, partial, progress)
        replace_durably(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_copy(
    source: Path, target: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    """Write an online copy of `source` into the (empty) file `target`, synced to the disk."""
    if encryption.is_encrypted(source):  # the copy of an encrypted base is encrypted too
        key = encryption.key_for(source)
        encryption.export_copy(source, key, target, key)
        fsync_file(target)
        return
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(target)
        try:
            # Pages in chunks so that other writers get a turn and progress can be shown.
            src.backup(
                dst,
                pages=4096,
                progress=(lambda _s, remaining, total: progress(total - remaining, total))
                if progress
                else None,
            )
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(target)  # « sauvegarde écrite » must mean on the disk, not in a cache


def database_size(database: Path) -> int:
    """The bytes a copy of the base needs: the file and its write-ahead log."""
    size = 0
    for path in (database, Path(str(database) + "-wal")):
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    return size


def check_sqlite_file(path: Path, *, full: bool = False) -> None:
    """Raise a French error unless `path` is a readable, healthy SQLite database."""
    if not path.exists():
        raise EssDeskError(f"Le fichier {path} n'existe pas.")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise EssDeskError(
            f"Le fichier {path} ne peut pas être lu : {os_reason(error)}."
        ) from error
    if header != SQLITE_HEADER and encryption.stored_key() is not None:
        encryption.check_key(path, encryption.stored_key(), full=full)
        return
    if header != SQLITE_HEADER:
        raise DamagedDatabaseError(
            f"Le fichier {path} n'est pas une base ESS Desk (format non reconnu), ou bien elle "
            "est chiffrée et sa clé n'est pas disponible (trousseau du système ou ESSDESK_KEY)."
        )
    pragma = "integrity_check" if full else "quick_check"
    try:
        connection = connect_read_only(path)
        try:
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "unable to open" not in str(error) and "readonly" not in str(error):
            raise DamagedDatabaseError(
                f"Le fichier {path} est endommagé ({os_reason(error)})."
            ) from error
        # A healthy base in a folder we may not write to (SQLite needs its -shm file there):
        # not a damaged file, and above all not one to replace by a backup.
        raise EssDeskError(
            f"Le fichier {path} ne peut pas être ouvert ({os_reason(error)}) : vérifiez que le "
            f"dossier {path.parent} est accessible en écriture."
        ) from error
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(
            f"Le fichier {path} est endommagé ({os_reason(error)})."
        ) from error
    if rows != [("ok",)]:
        raise DamagedDatabaseError(
            f"Le fichier {path} est endommagé (vérification d'intégrité : {rows[0][0]})."
        )


class BackupFolder:
    """The folder of backups of one database, with its naming and rotation rules."""

    def __init__(self, folder: Path, base_name: str = "essdesk", daily: int = KEEP_DAILY) -> None:
        self.folder = folder
        self.daily = daily  # daily backups kept (the settings' « nombre à conserver »)
        self.base_name = re.sub(r"[^\w-]+", "_", base_name) or "essdesk"
        self._pattern = re.compile("^" + re.escape(self.base_name) + BACKUP_TAIL)

    def take(
        self,
        database: Path,
        reason: str = "",
        *,
        now: datetime | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Path:
        """Write a new backup, check it, then rotate the old ones; returns its path."""
        now = now or datetime.now()
        suffix = f"-{reason}" if reason else ""
        stem = f"{self.base_name}-{now:%Y%m%d-%H%M%S}{suffix}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # One backup at a time per folder, across windows and processes: the name is
            # chosen, written and rotated under the lock, so two backups never collide.
            with folder_lock(self.folder):
                self.clean_leftovers()
                check_free_space(
                    self.folder, database_size(database), what=f"la sauvegarde de {database.name}"
                )
                target = self.folder / f"{stem}.sqlite3"
                counter = 1
                while target.exists():  # two backups in the same second
                    counter += 1
                    target = self.folder / f"{stem}_{counter}.sqlite3"
                copy_sqlite(database, target, progress)
                try:
                    check_sqlite_file(target)
                except DamagedDatabaseError as error:
                    # The copy is page for page the base: the base itself is damaged. A
                    # damaged copy is no backup; it must not push a good one out by rotation.
                    target.unlink(missing_ok=True)
                    raise DamagedDatabaseError(
                        f"La base {database.name} ne passe pas sa vérification (sa copie de "
                        "sauvegarde est endommagée) : restaurez la dernière sauvegarde valide."
                    ) from error
                self.rotate()
        except (OSError, sqlite3.Error) as error:
            raise EssDeskError(
                f"La sauvegarde dans {self.folder} a échoué ({os_reason(error)}). Vérifiez que le "
                "dossier existe, qu'il est accessible en écriture et qu'il reste de la place."
            ) from error
        return target

    def clean_leftovers(self) -> list[Path]:
        """Delete copies a crash left half-written (call with the folder lock held)."""
        removed = []
        for path in self.folder.glob(".*.partiel"):
            path.unlink(missing_ok=True)
            removed.append(path)
        return removed

    def list(self) -> list[BackupFile]:
        """Backups present, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            match = self._pattern.match(path.name)
            if match:
                taken = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
                found.append(BackupFile(path, taken, match[3] or "", int(match[4] or 1)))
        return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)

    def latest_good(self) -> BackupFile | None:
        """The newest backup that passes its integrity check (for the recovery dialog)."""
        for backup in self.list():
            try:
                check_sqlite_file(backup.path)
            except EssDeskError:
                continue
            return backup
        return None

    def has_backup_today(self, now: datetime | None = None) -> bool:
        today = (now or datetime.now()).date()
        return any(b.taken_at.date() == today and not b.reason for b in self.list())

    def rotate(self) -> list[Path]:
        """Delete what the rotation no longer keeps; returns the deleted paths."""
        backups = self.list()
        keep: set[Path] = set()
        periodic = [b for b in backups if not b.reason]
        for key, count in (
            (lambda b: b.taken_at.date(), self.daily),
            (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
            (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
        ):
            seen: list = []
            for backup in periodic:  # newest first: the newest of each period is kept
                period = key(backup)
                if period not in seen:
                    seen.append(period)
                    if len(seen) <= count:
                        keep.add(backup.path)
        by_family: dict[str, int] = {}
        for backup in backups:  # newest first; each kind of event keeps its own last copies
            if backup.reason:
                family = re.sub(
                    r"-\d+$", "", backup.reason
                )  # avant-migration-0002 → avant-migration
                by_family[family] = by_family.get(family, 0) + 1
                if by_family[family] <= KEEP_EVENT:
                    keep.add(backup.path)
        removed = []
        for backup in backups:
            if backup.path not in keep:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
        return removed


def ensure_not_in_use(database: Path) -> None:
    """Refuse to touch a base another window or process still has open."""
    if not database.exists():
        return
    try:
        connection = sqlite3.connect(database, timeout=0.5, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")  # fails at once if someone is writing
            connection.execute("ROLLBACK")
        finally:
            connection.close()  # the last connection to close removes the -wal file
    except sqlite3.OperationalError as error:
        raise EssDeskError(
            f"La base {database} est en cours d'utilisation : fermez les autres fenêtres "
            "d'ESS Desk qui l'utilisent, puis recommencez."
        ) from error
    except sqlite3.DatabaseError:
        return  # a damaged file cannot be in use by ESS Desk: replacing it is the point
    if Path(str(database) + "-wal").exists():
        raise EssDeskError(
            f"La base {database} est ouverte dans une autre fenêtre d'ESS Desk : fermez-la, "
            "puis recommencez la restauration."
        )


RESTORE_STAGING = ".restauration-"  # in the name of a copy waiting to replace the base


def restore_sqlite(backup: Path, database: Path, *, now: datetime | None = None) -> Path | None:
    """Replace `database` by a checked copy of `backup`; the current file is kept aside (returned).

    The base's path holds the old or the new base at every moment: the copy is written and synced
    under another name, the current base gets a second name (a hard link), then one atomic
    rename puts the copy in place. A crash at any point leaves at worst a staging copy, which
    the next opening deletes (`interrupted_restore_leftovers`).
    """
    check_sqlite_file(backup, full=True)
    ensure_not_in_use(database)
    now = now or datetime.now()
    database.parent.mkdir(parents=True, exist_ok=True)
    check_free_space(database.parent, 2 * database_size(backup), what="la restauration")
    staging = new_temporary(database.parent, f".{database.name}{RESTORE_STAGING}")
    aside = None
    try:
        write_copy(backup, staging)
        fsync_dir(database.parent)
        if database.exists():
            aside = database.with_name(
                f"{database.stem}-avant-restauration-{now:%Y%m%d-%H%M%S}.sqlite3"
            )
            keep_aside(database, aside)
        replace_durably(staging, database)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return aside


def interrupted_restore_leftovers(database: Path) -> list[Path]:
    """Staging copies an interrupted restore left beside the base (the backup itself is intact)."""
    folder = database.parent
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f".{glob.escape(database.name)}{RESTORE_STAGING}*"))


def set_aside_bases(database: Path) -> list[Path]:
    """Bases a restore kept aside, newest first (what to offer when the base itself is gone)."""
    folder = database.parent
    if not folder.is_dir():
        return []
    found = folder.glob(f"{glob.escape(database.stem)}-avant-restauration-*.sqlite3")
    return sorted(found, key=lambda p: p.name, reverse=True)
