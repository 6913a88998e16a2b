"""Explicit entries: imports, nominative printouts; the purge's rewriting of the trail on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services.audit_log import record_history
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.imports import import_file
from essdesk.services.records import update_record
from essdesk.services.retention import purge
from essdesk.services.speed_meetings import planning as plan
from essdesk.services.speed_meetings import results
from essdesk.services.speed_meetings import sessions as sm


def _actions(db, action):
    with db.session() as s:
        return s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)).all()


def test_printouts_with_names_are_traced(db, tmp_path):
    fill_demo_data(db, youths=40, seed=11, event_history=False, today=date(2026, 11, 22))
    speed_id = sm.list_speed_meetings(db)[0].id
    plan.generate_schedule(db, speed_id)
    results.export_printouts(db, speed_id, tmp_path / "documents")
    [entry] = _actions(db, "report")
    assert entry.record_id == str(speed_id) and "nominatifs" in entry.detail


def test_import_is_traced_and_found_in_the_persons_history(db, tmp_path):
    source = tmp_path / "jeunes.csv"
    source.write_text("Nom;Prénom;Date de naissance\nBlanc;Éva;03/04/2005\n", encoding="utf-8")
    import_file(db, "youths", source)
    [entry] = _actions(db, "import")
    assert entry.detail == "jeunes.csv : 1 créée, 0 mise à jour"
    with db.session() as s:
        youth_id = s.scalar(select(m.Youth.id))
    # The rows of an import are one entry per batch listing their ids: found by id all the same.
    history = record_history(db, youth_id)
    assert [row[3] for row in history] == ["création"]
    assert history[0][5] == "" and "(1 fiche)" in history[0][7]


@pytest.mark.postgres
def test_purge_rewrites_the_trail_on_postgresql(pg_url):
    db = open_database(pg_url)
    try:
        with db.transaction() as s:
            youth = m.Youth(last_name="Quichottard", first_name="Paul", birth_date=date(1990, 1, 1))
            s.add(youth)
        update_record(db, m.Youth, youth.id, 1, phone="0611111111")
        assert len(purge(db, date(2026, 12, 1))) == 1
        with db.session() as s:
            entries = s.scalars(
                select(m.AuditEntry).where(m.AuditEntry.record_id == str(youth.id))
            ).all()
            assert s.scalar(select(m.Youth.last_name)) == "Anonyme"
        update = next(e for e in entries if e.action == "update")
        assert update.changes == {"champs": ["phone"]}  # the values are gone
        assert any(e.action == "purge" for e in entries)
        # And the trail is locked again after the purge's own transaction.
        with pytest.raises(Exception, match="journal d'audit"), db.transaction() as s:
            s.connection().exec_driver_sql("DELETE FROM audit_entries")
    finally:
        db.close()


def test_a_merge_is_one_entry_in_the_kept_persons_history(db):
    from essdesk.services.merge import merge_youths

    with db.transaction() as s:
        keep = m.Youth(last_name="Blanc", first_name="Éva", birth_date=date(2005, 4, 3))
        gone = m.Youth(last_name="Blanc", first_name="Evah", birth_date=date(2005, 4, 3))
        s.add_all([keep, gone])
        s.flush()
        s.add(m.FollowUp(youth_id=gone.id, on=date(2026, 1, 5)))
    merge_youths(db, keep.id, gone.id)
    [entry] = _actions(db, "merge")
    assert entry.youth_id == keep.id and entry.record_id == str(keep.id)
    assert entry.detail == f"fiche {gone.id} fusionnée dans celle-ci ; 1 lien déplacé"
    assert "fusion" in [row[3] for row in record_history(db, keep.id)]
