"""Faults of the file system: a read-only folder is not a damaged base."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import pytest

from essdesk.db.backup import DamagedDatabaseError, check_sqlite_file
from essdesk.db.database import open_database
from essdesk.errors import EssDeskError


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def _base_in_a_read_only_folder(tmp_path):
    """A healthy, writable base file inside a folder nobody may write to (root included)."""
    writable = tmp_path / "rw"
    writable.mkdir()
    open_database(str(writable / "essdesk.sqlite3")).close()
    folder = tmp_path / "ro"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)):
        pytest.skip("monter un dossier en lecture seule demande les droits d'administrateur")
    base = folder / "essdesk.sqlite3"
    try:
        base.touch()
        assert _mount("-o", "remount,ro", str(folder))
        assert _mount("--bind", str(writable / "essdesk.sqlite3"), str(base))
        yield base
    finally:
        subprocess.run(["umount", str(base)], capture_output=True)
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_read_only_folder_is_reported_as_such_not_as_damage(tmp_path):
    with _base_in_a_read_only_folder(tmp_path) as base:
        with pytest.raises(EssDeskError) as refused:
            open_database(str(base))
        assert not isinstance(refused.value, DamagedDatabaseError)  # no restore is offered
        assert "lecture seule" in str(refused.value)
        # The lower-level check says the same: the file cannot be opened, it is not damaged.
        with pytest.raises(EssDeskError) as checked:
            check_sqlite_file(base)
        assert not isinstance(checked.value, DamagedDatabaseError)
