"""Restore under faults: a crash at any rename leaves the base path with the old or the new base."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.backup import interrupted_restore_leftovers
from essdesk.db.database import open_database
from essdesk.errors import EssDeskError
from essdesk.services.backups import restore_backup


class Crash(BaseException):
    """Stands for a power cut: nothing after it runs, no handler catches it."""


def _add_youth(db, name: str) -> None:
    with db.transaction() as session:
        session.add(m.Youth(last_name=name, first_name="Léna", birth_date=date(2003, 3, 14)))


def _names(path) -> list[str]:
    db = open_database(str(path), daily_backup=False, create=False)
    try:
        with db.session() as session:
            return sorted(session.scalars(select(m.Youth.last_name)))
    finally:
        db.close()


def _prepare(tmp_path):
    """A base holding Martin and Bouzid, and a backup holding Martin only."""
    base = tmp_path / "base" / "essdesk.sqlite3"
    base.parent.mkdir(parents=True)
    db = open_database(str(base))
    _add_youth(db, "Martin")
    saved = db.backup(folder=tmp_path / "cle")
    _add_youth(db, "Bouzid")
    db.close()
    return base, saved


FILE_OPERATIONS = ("replace", "rename", "link")


def _record_operations(monkeypatch, crash_at: int | None = None, after: bool = False):
    calls: list[str] = []
    for name in FILE_OPERATIONS:
        real = getattr(os, name)

        def wrapped(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            if crash_at is not None and len(calls) == crash_at and not after:
                raise Crash
            result = _real(*args, **kwargs)
            if crash_at is not None and len(calls) == crash_at and after:
                raise Crash
            return result

        monkeypatch.setattr(os, name, wrapped)
    return calls


def test_restore_performs_renames_that_the_fault_test_covers(tmp_path, monkeypatch):
    base, saved = _prepare(tmp_path)
    calls = _record_operations(monkeypatch)
    restore_backup(saved, str(base))
    monkeypatch.undo()
    # At least the hard link of the old base and the atomic replace of the new one.
    assert "link" in calls and "replace" in calls
    assert _names(base) == ["Martin"]


@pytest.mark.parametrize("after", [False, True], ids=["avant", "apres"])
def test_crash_at_every_rename_of_restore_leaves_old_or_new_base(tmp_path, monkeypatch, after):
    base, saved = _prepare(tmp_path)
    calls = _record_operations(monkeypatch)
    restore_backup(saved, str(base))
    monkeypatch.undo()
    steps = len(calls)
    old, new = ["Bouzid", "Martin"], ["Martin"]
    seen = []
    for step in range(1, steps + 1):
        base, saved = _prepare(tmp_path / f"essai-{step}")
        _record_operations(monkeypatch, crash_at=step, after=after)
        with pytest.raises(Crash):
            restore_backup(saved, str(base))
        monkeypatch.undo()
        names = _names(base)  # the base path opens, whatever the moment of the crash
        assert names in (old, new), f"étape {step} : {names}"
        assert interrupted_restore_leftovers(base) == []  # cleaned at that opening
        seen.append(names)
    # Crashing after the last replace means the new base is in place.
    if after:
        assert seen[-1] == new


def test_staging_leftover_is_cleaned_and_reported_at_opening(tmp_path):
    base, saved = _prepare(tmp_path)
    leftover = base.with_name(f".{base.name}.restauration-abc123.partiel")
    leftover.write_bytes(saved.read_bytes())
    db = open_database(str(base), daily_backup=False)
    try:
        assert not leftover.exists()
        assert any("restauration interrompue" in w for w in db.warnings)
        with db.session() as session:
            assert sorted(session.scalars(select(m.Youth.last_name))) == ["Bouzid", "Martin"]
    finally:
        db.close()


def test_missing_base_with_a_set_aside_base_is_never_replaced_by_an_empty_one(tmp_path):
    base, _saved = _prepare(tmp_path)
    # What the previous restore left after a crash between its two renames.
    aside = base.with_name("essdesk-avant-restauration-20261130-101500.sqlite3")
    os.rename(base, aside)
    with pytest.raises(EssDeskError) as refused:
        open_database(str(base))
    assert str(aside) in str(refused.value)
    assert not base.exists()
    restore_backup(aside, str(base))  # what the message says to do
    assert _names(base) == ["Bouzid", "Martin"]


def test_restore_keeps_the_old_base_aside_without_ever_moving_it(tmp_path):
    base, saved = _prepare(tmp_path)
    inode = base.stat().st_ino
    aside = restore_backup(saved, str(base))
    assert aside is not None and aside.stat().st_ino == inode  # a second name, same file
    assert _names(aside) == ["Bouzid", "Martin"]
    assert _names(base) == ["Martin"]


def _tampered_copy(saved, tmp_path, *statements: str):
    tampered = tmp_path / "piegee.sqlite3"
    tampered.write_bytes(saved.read_bytes())
    connection = sqlite3.connect(tampered)
    connection.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return tampered


TAMPERINGS = {
    "declencheur": (
        "CREATE TRIGGER t AFTER INSERT ON employers BEGIN "
        "UPDATE youths SET email = 'pirate@example.com'; END",
    ),
    "vue": ("CREATE VIEW v AS SELECT last_name FROM youths",),
    "table-inconnue": ("CREATE TABLE exfiltration (x TEXT)",),
    "liens-casses": (
        "INSERT INTO contacts (id, employer_id, last_name, match_key, is_tutor, created_at, "
        "updated_at, version) VALUES ('c1', 'absent', 'X', 'x|', 0, '2026-01-01', "
        "'2026-01-01', 1)",
    ),
}


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_restore_refuses_a_file_that_is_not_our_schema(tmp_path, tampering):
    base, saved = _prepare(tmp_path)
    tampered = _tampered_copy(saved, tmp_path, *TAMPERINGS[tampering])
    before = base.read_bytes()
    with pytest.raises(EssDeskError, match="pas une sauvegarde ESS Desk intacte"):
        restore_backup(tampered, str(base))
    assert base.read_bytes() == before
    assert _names(base) == ["Bouzid", "Martin"]


def test_restore_refuses_a_file_holding_only_a_version_number(tmp_path):
    base, _saved = _prepare(tmp_path)
    empty = tmp_path / "vide.sqlite3"
    connection = sqlite3.connect(empty)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    connection.execute("INSERT INTO alembic_version VALUES ('0005')")
    connection.commit()
    connection.close()
    with pytest.raises(EssDeskError, match="manquante"):
        restore_backup(empty, str(base))
    assert _names(base) == ["Bouzid", "Martin"]


def test_opening_a_base_with_a_foreign_trigger_is_refused(tmp_path):
    base, saved = _prepare(tmp_path)
    tampered = _tampered_copy(saved, tmp_path, *TAMPERINGS["declencheur"])
    with pytest.raises(EssDeskError, match="déclencheur") as refused:
        open_database(str(tampered), daily_backup=False)
    assert str(tampered) in str(refused.value)
