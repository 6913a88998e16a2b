"""The right of access: everything held about one young person, every youth-linked table."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.person_file import collect, export_person, find_youth, youth_links
from essdesk.services.records import update_record

DEMO_TODAY = date(2026, 11, 22)


def _reaches_youths(table, seen=()) -> bool:
    """Whether a chain of foreign keys leads from `table` to `youths` (independent walk)."""
    for key in table.foreign_keys:
        parent = key.column.table
        if parent.name == "youths" or (
            parent.name not in seen and _reaches_youths(parent, (*seen, table.name))
        ):
            return True
    return False


def test_every_table_with_a_youth_link_is_exported(db):
    fill_demo_data(db, youths=40, seed=3, event_history=True, today=DEMO_TODAY)
    with db.session() as s:
        youth_id = s.scalar(
            select(m.Attendance.youth_id)
            .join(
                m.SpeedMeetingCandidate, m.SpeedMeetingCandidate.youth_id == m.Attendance.youth_id
            )
            .where(m.Attendance.youth_id.is_not(None))
            .limit(1)
        )
    person = collect(db, youth_id)
    linked = {
        mapper.local_table.name
        for mapper in m.Base.registry.mappers
        if _reaches_youths(mapper.local_table)
    }
    assert {"placements", "speed_meeting_wishes", "application_events"} <= linked
    missing = linked - set(person.tables)
    assert not missing, f"tables not in the person's export: {sorted(missing)}"
    assert set(youth_links()) == linked
    assert person.tables["youths"][0]["id"] == str(youth_id)
    assert person.tables["attendances"] and person.tables["speed_meeting_candidates"]
    assert all(row["youth_id"] == str(youth_id) for row in person.tables["attendances"])


def test_json_and_pdf_exports(db, db_path, tmp_path):
    with db.transaction() as s:
        youth = m.Youth(last_name="Lefèvre", first_name="Maëlle", birth_date=date(2006, 7, 14))
        s.add(youth)
        s.flush()
        s.add(m.FollowUp(youth_id=youth.id, on=date(2026, 10, 2), notes="Projet : aide-soignante"))
    update_record(db, m.Youth, youth.id, 1, phone="0612345678")
    data = json.loads(export_person(db, "lefevre maelle", tmp_path / "dossier.json").read_text())
    assert data["jeune"] == "Lefèvre Maëlle"
    assert data["tables"]["follow_ups"][0]["notes"] == "Projet : aide-soignante"
    assert [e["Action"] for e in data["journal"]][:3] == ["création", "création", "modification"]
    db.close()
    result = CliRunner().invoke(
        main,
        [
            "--database",
            str(db_path),
            "person",
            "export",
            "Lefèvre Maëlle",
            "--output",
            str(tmp_path / "dossier.pdf"),
        ],
    )
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "dossier.pdf").pages)
    assert "Dossier de Lefèvre Maëlle" in text
    assert "Projet : aide-soignante" in text and "14/07/2006" in text
    assert "Journal" in text and "modification" in text


@pytest.mark.parametrize(
    "name", ["%", "_", "' OR 1=1 --", "../../etc/passwd", "x" * 5000, "\x00\x07"]
)
def test_names_are_data_never_sql(db, name):
    with db.transaction() as s:
        s.add(m.Youth(last_name="Robin", first_name="Léo", birth_date=date(2005, 1, 1)))
    with pytest.raises(EssDeskError, match="Aucun jeune|Indiquez"):
        find_youth(db, name)


# Id columns without a foreign key, and what they hold: a new one must be placed here, so that
# a young person's data kept under a plain id is not forgotten by the export.
PLAIN_IDS = {
    ("audit_entries", "youth_id"): "the journal, exported as such",
    ("search_terms", "record_id"): "folded words of the name, derived from the identity",
    ("merges", "kept_id"): "exported (UNLINKED)",
    ("merges", "merged_id"): "the record gone, merged into kept_id",
}


def test_ids_without_a_foreign_key_are_known_and_merges_exported(db):
    from sqlalchemy import Uuid

    from essdesk.services.merge import merge_youths
    from essdesk.services.person_file import UNLINKED

    plain = {
        (t.name, c.name)
        for t in m.Base.metadata.sorted_tables
        for c in t.columns
        if isinstance(c.type, Uuid) and not c.foreign_keys and c.name != "id"
    }
    assert plain == set(PLAIN_IDS), "a new id column: export it (UNLINKED) or say why not"
    assert {(t, c) for t, (c, _k, _v) in UNLINKED.items()} <= plain
    with db.transaction() as s:
        keep = m.Youth(last_name="Lefèvre", first_name="Maëlle", birth_date=date(2006, 7, 14))
        gone = m.Youth(last_name="Lefevre", first_name="Maelle Jr", birth_date=date(2006, 7, 14))
        s.add_all([keep, gone])
    merge_youths(db, keep.id, gone.id)
    merged = collect(db, keep.id).tables["merges"]
    assert [row["merged_label"] for row in merged] == ["Maelle Jr Lefevre (né(e) le 14/07/2006)"]
