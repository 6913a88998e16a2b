"""Backups started together: unique temporary files, one lock per folder, leftovers, free space."""

from __future__ import annotations

import shutil
import threading
from datetime import date, datetime

import pytest

from essdesk.db import models as m
from essdesk.db.backup import BackupFolder, check_sqlite_file
from essdesk.db.files import check_free_space
from essdesk.errors import EssDeskError


def test_two_backups_in_the_same_second_both_succeed(db, db_path, tmp_path):
    with db.transaction() as session:
        session.add(m.Youth(last_name="Martin", first_name="Léna", birth_date=date(2003, 3, 14)))
    folder = BackupFolder(tmp_path / "sauvegardes", "essdesk")
    same_second = datetime(2026, 12, 1, 10, 0, 0)
    results: list = []
    start = threading.Barrier(4)

    def take() -> None:
        start.wait()
        try:
            results.append(folder.take(db_path, "avant-import", now=same_second))
        except Exception as error:  # noqa: BLE001 - the assertion below shows it
            results.append(error)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(not isinstance(r, Exception) for r in results), results
    assert len(set(results)) == 4
    for path in results:
        check_sqlite_file(path, full=True)
    assert not list(folder.folder.glob("*.partiel"))


def test_leftover_of_a_crashed_backup_is_cleaned(db, db_path, tmp_path):
    folder = BackupFolder(tmp_path / "sauvegardes", "essdesk")
    folder.folder.mkdir()
    leftover = folder.folder / ".essdesk-20261201-100000.sqlite3-x1y2z3.partiel"
    leftover.write_bytes(b"moitie")
    folder.take(db_path)
    assert not leftover.exists()


def test_a_predictable_partial_name_cannot_be_pre_placed(db, db_path, tmp_path):
    folder = BackupFolder(tmp_path / "sauvegardes", "essdesk")
    folder.folder.mkdir()
    victim = tmp_path / "victime.txt"
    victim.write_text("intact")
    now = datetime(2026, 12, 1, 10, 0, 0)
    # The name the previous version wrote to: a link there must not redirect the copy.
    (folder.folder / "essdesk-20261201-100000.sqlite3.partiel").symlink_to(victim)
    folder.take(db_path, now=now)
    assert victim.read_text() == "intact"


def test_not_enough_space_is_said_before_writing(tmp_path):
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(EssDeskError, match="Disque plein") as refused:
        check_free_space(tmp_path, free + 1, what="la sauvegarde")
    assert str(tmp_path) in str(refused.value)
    assert list(tmp_path.iterdir()) == []
