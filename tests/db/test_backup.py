"""Backups: online copies, rotation, restore round trip, recovery candidates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.backup import BackupFolder, check_sqlite_file
from essdesk.db.database import open_database
from essdesk.errors import EssDeskError
from essdesk.services.backups import restore_backup


def _add_youth(db, name: str) -> None:
    with db.transaction() as session:
        session.add(m.Youth(last_name=name, first_name="Léna", birth_date=date(2003, 3, 14)))


def _youth_names(db) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(m.Youth.last_name)))


def test_backup_restore_round_trip(db, db_path, tmp_path):
    _add_youth(db, "Martin")
    saved = db.backup(folder=tmp_path / "cle-usb")
    _add_youth(db, "Bouzid")
    db.close()

    aside = restore_backup(saved, str(db_path))

    reopened = open_database(str(db_path))
    try:
        assert _youth_names(reopened) == ["Martin"]
        assert reopened.integrity_problems(full=True) == []
    finally:
        reopened.close()
    kept = open_database(str(aside), daily_backup=False)
    try:
        assert _youth_names(kept) == ["Bouzid", "Martin"]
    finally:
        kept.close()


def test_restore_refuses_a_damaged_file_and_keeps_the_base(db, db_path, tmp_path):
    _add_youth(db, "Martin")
    db.close()
    damaged = tmp_path / "abimee.sqlite3"
    good = db_path.read_bytes()
    damaged.write_bytes(good[:4096] + b"\x00" * 8192)
    with pytest.raises(EssDeskError):
        restore_backup(damaged, str(db_path))
    reopened = open_database(str(db_path))
    try:
        assert _youth_names(reopened) == ["Martin"]
    finally:
        reopened.close()


def test_backup_taken_while_another_connection_writes(db):
    _add_youth(db, "Avant")
    writer = db.session()
    writer.begin()
    writer.add(m.Youth(last_name="Pendant", first_name="X", birth_date=date(2001, 1, 1)))
    writer.flush()  # an open write transaction during the backup
    path = db.backup("test")
    writer.commit()
    writer.close()
    check_sqlite_file(path, full=True)
    copy = open_database(str(path), daily_backup=False)
    try:
        assert _youth_names(copy) == ["Avant"]
    finally:
        copy.close()


def test_rotation_keeps_daily_weekly_monthly(tmp_path, db_path):
    open_database(str(db_path)).close()
    folder = BackupFolder(tmp_path / "rotation")
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(400):  # one backup a day for more than a year
        folder.take(db_path, now=start + timedelta(days=day))
    kept = folder.list()
    days = {b.taken_at.date() for b in kept}
    last = (start + timedelta(days=399)).date()
    assert all(last - timedelta(days=k) in days for k in range(7))  # the last seven days
    assert len(kept) <= 7 + 4 + 12
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12


def test_event_backups_keep_only_the_last_ones(tmp_path, db_path):
    open_database(str(db_path)).close()
    folder = BackupFolder(tmp_path / "evenements")
    for k in range(15):
        folder.take(db_path, "avant-import", now=datetime(2026, 5, 1, 10, k))
    assert len(folder.list()) == 10
    assert folder.latest_good().taken_at == datetime(2026, 5, 1, 10, 14)


def test_daily_backup_at_open(db_path):
    db = open_database(str(db_path))
    try:
        assert db.backups.has_backup_today()
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(m.Youth)) == 0
    finally:
        db.close()


def test_postgresql_base_has_no_file_backup(pg_url):
    db = open_database(pg_url)
    try:
        with pytest.raises(EssDeskError, match="pg_dump"):
            db.backup()
    finally:
        db.close()


def test_paths_with_hash_and_question_mark(tmp_path):
    folder = tmp_path / "dossier #1 ?"
    folder.mkdir()
    path = folder / "base #2.sqlite3"
    db = open_database(str(path))
    try:
        _add_youth(db, "Martin")
        saved = db.backup("test")
        check_sqlite_file(saved, full=True)
    finally:
        db.close()
    copy = open_database(str(saved), daily_backup=False)
    try:
        assert _youth_names(copy) == ["Martin"]  # the real content, not an empty stand-in
    finally:
        copy.close()
    assert not (tmp_path / "dossier ").exists()


def test_restore_refuses_a_base_open_elsewhere(db, db_path, tmp_path):
    _add_youth(db, "Martin")
    saved = db.backup(folder=tmp_path / "cle")
    _add_youth(db, "Bouzid")  # the base stays open in this "other window"
    with pytest.raises(EssDeskError, match="autre fenêtre"):
        restore_backup(saved, str(db_path))
    assert _youth_names(db) == ["Bouzid", "Martin"]


def test_two_bases_share_a_backup_folder_without_mixing(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSDESK_BACKUP_DIR", str(tmp_path / "cle-usb"))
    first = open_database(str(tmp_path / "antenne.sqlite3"))
    second = open_database(str(tmp_path / "siege.sqlite3"))
    try:
        for _ in range(3):
            first.backup("manuelle")
        assert [b.path.name.split("-")[0] for b in second.backups.list()] == ["siege"]
        assert {b.path.name.split("-")[0] for b in first.backups.list()} == {"antenne"}
    finally:
        first.close()
        second.close()


def test_unavailable_backup_folder_is_a_warning_not_a_refusal(tmp_path, monkeypatch):
    unplugged = tmp_path / "cle-debranchee" / "sauvegardes"
    monkeypatch.setenv("ESSDESK_BACKUP_DIR", str(unplugged))
    (tmp_path / "cle-debranchee").write_text("un fichier à la place du dossier")
    db = open_database(str(tmp_path / "base.sqlite3"))
    try:
        assert db.warnings and "Sauvegarde automatique impossible" in db.warnings[0]
        _add_youth(db, "Martin")
    finally:
        db.close()


def test_migration_backup_is_kept_apart_from_import_backups(tmp_path, db_path):
    open_database(str(db_path)).close()
    folder = BackupFolder(tmp_path / "b", "essdesk")
    folder.take(db_path, "avant-migration-0002", now=datetime(2026, 5, 1, 9, 0))
    for k in range(12):
        folder.take(db_path, "avant-import", now=datetime(2026, 5, 1, 10, k))
    reasons = [b.reason for b in folder.list()]
    assert reasons.count("avant-import") == 10 and "avant-migration-0002" in reasons
