"""The audit trail: every change traced in its own transaction, append-only for everyone."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import delete, select, update

from essdesk.db import models as m
from essdesk.db.audit import UNLOCK_KEY
from essdesk.db.database import ConflictError
from essdesk.db.models.keys import youth_key
from essdesk.services.records import update_record


def _youth(db, last="Durand", first="Léa"):
    with db.transaction() as session:
        youth = m.Youth(last_name=last, first_name=first, birth_date=dt.date(2004, 3, 9))
        session.add(youth)
    return youth


def _entries(db, **where):
    with db.session() as session:
        query = select(m.AuditEntry).order_by(m.AuditEntry.at)
        for key, value in where.items():
            query = query.where(getattr(m.AuditEntry, key) == value)
        return session.scalars(query).all()


def test_edit_is_traced_with_old_and_new_values(any_db):
    youth = _youth(any_db)
    update_record(any_db, m.Youth, youth.id, 1, phone="0601020304", last_name="Durant")
    entries = _entries(any_db, record_id=str(youth.id))
    assert [e.action for e in entries] == ["insert", "update"]
    assert "last_name" in entries[0].changes["champs"]
    assert entries[1].changes == {
        "last_name": {"avant": "Durand", "après": "Durant"},
        "phone": {"avant": None, "après": "0601020304"},
    }
    assert entries[1].youth_id == youth.id and entries[1].workstation
    assert entries[1].actor == ("local" if any_db.is_sqlite else "postgres")


def test_rolled_back_change_leaves_no_trace(db):
    _youth(db)
    with pytest.raises(ConflictError):
        _youth(db)  # same name and birth date: refused by the unique constraint
    assert len(_entries(db, action="insert")) == 1


def test_bulk_statements_are_traced_row_by_row(db):
    first, second = _youth(db, "Abel", "Ana"), _youth(db, "Bart", "Bob")
    with db.transaction() as session:
        session.execute(update(m.Youth).where(m.Youth.id == first.id).values(commune="Die"))
        session.execute(delete(m.Youth).where(m.Youth.id == second.id))
        session.execute(
            m.Youth.__table__.insert(),
            [{"id": m.Youth.id.default.arg(None), "last_name": "Cyr", "first_name": "Cé",
              "birth_date": dt.date(2003, 1, 1), "version": 1,
              "match_key": youth_key("Cyr", "Cé", dt.date(2003, 1, 1))}],
        )  # fmt: skip
    assert [e.action for e in _entries(db, record_id=str(first.id))] == ["insert", "update"]
    assert [e.action for e in _entries(db, record_id=str(second.id))] == ["insert", "delete"]
    assert len(_entries(db, action="insert")) == 3


def test_trail_refuses_update_and_delete_even_from_another_tool(db, db_path):
    _youth(db)
    connection = sqlite3.connect(db_path)
    for statement in ("UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute(statement)
    connection.close()
    # Through the app's own engine too, unless the purge unlocked that connection.
    with pytest.raises(Exception, match="journal d'audit"), db.transaction() as session:
        session.connection().exec_driver_sql("DELETE FROM audit_entries")
    with db.transaction() as session:
        session.connection().info[UNLOCK_KEY] = True
        try:
            session.connection().exec_driver_sql("UPDATE audit_entries SET detail = 'purge'")
        finally:
            session.connection().info.pop(UNLOCK_KEY)
    assert {e.detail for e in _entries(db)} == {"purge"}


@pytest.mark.postgres
def test_trail_is_append_only_on_postgresql(pg_url):
    from essdesk.db.database import open_database

    db = open_database(pg_url)
    try:
        _youth(db)
        with pytest.raises(Exception, match="journal d'audit"), db.transaction() as session:
            session.connection().exec_driver_sql("UPDATE audit_entries SET actor = 'x'")
        assert len(_entries(db)) == 1
    finally:
        db.close()
