"""Attached files (signed minutes): copied into the agency's folder under a name of our own."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import uuid
from pathlib import Path

from essdesk.config import data_dir
from essdesk.db.database import Database
from essdesk.db.files import create_exclusively, fsync_dir
from essdesk.errors import EssDeskError
from essdesk.services import partnership_details

MAX_BYTES = 50 * 1024 * 1024  # a scanned, signed set of minutes is a few megabytes
ATTACHMENTS_FOLDER = "pieces-jointes"


def attachments_dir() -> Path:
    folder = data_dir() / ATTACHMENTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_name(name: str) -> str:
    """A file name that cannot climb folders nor hide its type: letters, digits, - _ . only."""
    base = unicodedata.normalize("NFKD", Path(name.replace("\\", "/")).name)
    base = base.encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-_")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:60] or "fichier"
    suffix = suffix[:10].lower()
    return f"{stem}.{suffix}" if suffix else stem


def copy_attachment(source: Path, folder: Path | None = None) -> Path:
    """Copy a regular file (never a link, a device or a folder) to a new file of our own."""
    try:
        info = os.lstat(source)
    except OSError as error:
        raise EssDeskError(f"Fichier introuvable : « {source} ».") from error
    if stat.S_ISLNK(info.st_mode):
        raise EssDeskError(
            f"« {source.name} » est un raccourci (lien symbolique) : joignez le fichier lui-même."
        )
    if not stat.S_ISREG(info.st_mode):
        raise EssDeskError(f"« {source.name} » n'est pas un fichier ordinaire.")
    if info.st_size > MAX_BYTES:
        raise EssDeskError(f"« {source.name} » dépasse 50 Mo : joignez une version allégée.")
    folder = folder or attachments_dir()
    target = folder / f"{uuid.uuid4().hex[:12]}-{safe_name(source.name)}"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(source, flags)  # the link check above could race: this open refuses one too
    try:
        with os.fdopen(fd, "rb", closefd=False) as reader, create_exclusively(target) as writer:
            copied = 0
            while chunk := reader.read(1024 * 1024):
                copied += len(chunk)
                if copied > MAX_BYTES:
                    raise EssDeskError(f"« {source.name} » dépasse 50 Mo.")
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    fsync_dir(folder)
    return target


def attach_minutes(
    db: Database, meeting_id: uuid.UUID, source: str | Path, folder: Path | None = None
) -> Path:
    """Copy the minutes' file and record the copy on the meeting; returns the copy's path."""
    copy = copy_attachment(Path(source), folder)
    try:
        partnership_details.set_minutes_file(db, meeting_id, str(copy))
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy
