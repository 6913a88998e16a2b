"""Durable file operations: fsync, unpredictable temporary names, folder locks, free space."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from essdesk.errors import EssDeskError

LOCK_FILE_NAME = ".essdesk-verrou"
# Bytes kept free beyond what a copy needs: a full disk also breaks the base's own journal.
FREE_SPACE_MARGIN = 16 * 1024 * 1024


def fsync_file(path: Path) -> None:
    """Push a file's content to the disk (a rename of an unsynced file may survive empty)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a creation in `folder` durable (no-op where folders cannot be opened)."""
    if sys.platform == "win32":  # pragma: no cover - NTFS journals its metadata
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """One atomic rename, then the folder synced: `target` holds the old or the new file."""
    os.replace(source, target)
    fsync_dir(target.parent)


def new_temporary(folder: Path, prefix: str, suffix: str = ".partiel") -> Path:
    """An empty file of our own at a name nobody can guess or pre-place (O_EXCL, no symlink)."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def create_exclusively(path: Path):
    """Open a new file for writing; refuses an existing file or symbolic link at that name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(path, flags, 0o600), "wb")


def keep_aside(database: Path, aside: Path) -> None:
    """Put a second name on the current base (a hard link), or a synced copy where links fail.

    The base itself is never renamed: its path holds a readable base at every moment.
    """
    try:
        os.link(database, aside)
    except OSError:  # FAT-formatted keys, some network folders: no hard links
        partial = new_temporary(aside.parent, f".{aside.name}-")
        try:
            shutil.copyfile(database, partial)
            fsync_file(partial)
            os.replace(partial, aside)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    fsync_dir(aside.parent)


def check_free_space(folder: Path, needed: int, *, what: str) -> None:
    """Refuse before writing when `folder` cannot hold `needed` bytes: « disque plein »."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # unknown: the write itself will tell
    if free < needed + FREE_SPACE_MARGIN:
        raise EssDeskError(
            f"Disque plein : {what} demande environ {_megabytes(needed)} Mo et il ne reste que "
            f"{_megabytes(free)} Mo dans {folder}. Libérez de la place ou choisissez un autre "
            "dossier ; rien n'a été écrit."
        )


def _megabytes(size: int) -> str:
    return str(max(1, round(size / 1_000_000)))


@contextlib.contextmanager
def folder_lock(folder: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold the lock of `folder` (one backup at a time per folder, across processes)."""
    handle = open(folder / LOCK_FILE_NAME, "a+b")  # noqa: SIM115 - held for the whole block
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise EssDeskError(
                    f"Le dossier {folder} est occupé par une autre sauvegarde depuis plus de "
                    f"{int(timeout)} secondes ; réessayez dans un instant."
                )
            time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()


def _try_lock(handle) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(handle) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
