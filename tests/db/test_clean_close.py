"""A base left clean by ESS Desk opens without reading every page; anything else is checked."""

from __future__ import annotations

import os

import pytest

from essdesk.config import data_dir
from essdesk.db import backup, clean_close, database
from essdesk.db.backup import DamagedDatabaseError
from essdesk.db.database import open_database


@pytest.fixture
def checks(monkeypatch):
    """The whole-file checks run at open (the real check, counted)."""
    made = []
    real = backup.check_sqlite_file

    def counted(path, **kwargs):
        made.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(database, "check_sqlite_file", counted)
    return made


def _closed_base(db_path):
    db = open_database(str(db_path))
    db.close()
    return db_path


def test_a_base_left_clean_is_not_read_again(db_path, checks):
    _closed_base(db_path)
    assert clean_close.unchanged(db_path)
    open_database(str(db_path)).close()
    assert checks == []
    # The record is in the user's data folder, nothing was written beside the base.
    assert (data_dir() / clean_close.RECORD_NAME).exists()
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)) == [
        db_path.name
    ]


def test_a_page_changed_behind_our_back_is_found_even_with_the_old_date(db_path, checks):
    _closed_base(db_path)
    info = db_path.stat()
    size = info.st_size
    with db_path.open("r+b") as handle:  # a disk error in the middle of the file
        handle.seek(size // 2)
        handle.write(b"\xff" * 4096)
    os.utime(db_path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the date put back as it was
    assert not clean_close.unchanged(db_path)  # the inode's change time still tells
    with pytest.raises(DamagedDatabaseError):
        open_database(str(db_path))
    assert checks == [db_path]


def test_a_log_left_beside_the_base_means_a_full_check(db_path, checks):
    _closed_base(db_path)
    first = open_database(str(db_path))
    with first.engine.begin() as connection:  # a write: its pages wait in the log (-wal)
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
    second = open_database(str(db_path))  # another window opens the same base meanwhile
    second.close()
    first.close()
    assert len(checks) == 1
    open_database(str(db_path)).close()  # both closed: the file is clean again
    assert len(checks) == 1


def test_an_unreadable_record_only_costs_the_check(db_path, checks):
    _closed_base(db_path)
    (data_dir() / clean_close.RECORD_NAME).write_text("{pas du json", encoding="utf-8")
    open_database(str(db_path)).close()
    assert checks == [db_path]
    open_database(str(db_path)).close()  # rewritten at that close
    assert checks == [db_path]


def test_a_file_put_in_the_place_of_the_base_is_checked(db_path, tmp_path, checks):
    _closed_base(db_path)
    other = _closed_base(tmp_path / "autre.sqlite3")
    os.replace(other, db_path)  # a copy restored by hand over the base
    open_database(str(db_path)).close()
    assert checks == [db_path]
