"""A base as ESS Desk left it at its last clean close: when unchanged, its slow check is skipped.

Checking a whole SQLite file (PRAGMA quick_check) reads every page: 2 s for a base of ten years
(1.2 GB) when the disk cache is warm, half a minute when it is not. A file whose size, times,
inode and header are exactly those recorded when ESS Desk itself closed it cleanly (write-ahead
log merged and gone) was not touched since: it is not read again at open. Anything else, a copy
put in its place, a crash, another program, a journal left over, and the full check runs. The
start-up backup checks its copy in any case, so the content is still verified at every start.

The record lives in the user's data folder, never beside the base: a file planted there by
someone else could not vouch for a base.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from pathlib import Path

from essdesk.config import data_dir

_log = logging.getLogger(__name__)
RECORD_NAME = "fermetures-propres.json"
KEPT = 20  # bases remembered; the oldest entries go first


def _record() -> Path:
    return data_dir() / RECORD_NAME


def fingerprint(path: Path) -> list | None:
    """What identifies the file as it is now; None when a journal says it is still in use."""
    try:
        for side in ("-wal", "-journal"):
            journal = Path(f"{path}{side}")
            if journal.exists() and journal.stat().st_size > 0:
                return None
        info = path.stat()
        with path.open("rb") as handle:
            header = handle.read(100)  # page size, page count, change counter, schema cookie
    except OSError:
        return None
    digest = hashlib.sha256(header).hexdigest()
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, digest]


def _load() -> dict[str, list]:
    try:
        raw = json.loads(_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def remember(path: Path) -> None:
    """Called once the base is closed: record the file as it was left (or forget it)."""
    key = str(path.resolve())
    entries = _load()
    entries.pop(key, None)
    found = fingerprint(path)
    if found is not None:
        entries[key] = found
    entries = dict(list(entries.items())[-KEPT:])
    record = _record()
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_name(f".{record.name}.{os.getpid()}")
        partial.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(partial, record)
    except OSError:
        _log.warning("Fermeture propre de la base non notée", exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink()


def unchanged(path: Path) -> bool:
    """Whether the file is exactly as ESS Desk left it at a clean close."""
    found = fingerprint(path)
    return found is not None and _load().get(str(path.resolve())) == found
