"""The person's PDF and the trail read French: tables, fields, codes and linked records in words."""

from __future__ import annotations

import csv
import json
import re
from datetime import date

from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.services.audit_log import export_audit
from essdesk.services.audit_words import TABLE_NAMES, field_label
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.person_file import collect
from essdesk.services.records import update_record

DEMO_TODAY = date(2026, 11, 22)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Stored words that are English, not French: none may reach a reader.
ENGLISH = {"youth", "youths", "status", "kind", "title", "name", "phone", "email", "gender"}
ENGLISH_CODES = {"active", "ended", "registered", "present", "done", "interview", "call"}


def test_every_table_and_column_has_its_french_words():
    for table in m.Base.metadata.sorted_tables:
        assert table.name in TABLE_NAMES, table.name
        for column in table.columns:
            label = field_label(table.name, column.name)
            assert label != column.name and "_" not in label, (table.name, column.name)


def _followed_youth(db):
    fill_demo_data(db, youths=40, seed=3, event_history=True, today=DEMO_TODAY)
    with db.session() as s:
        return s.execute(
            select(m.Youth.id, m.Youth.last_name, m.Youth.first_name, m.Counsellor.last_name)
            .join(m.Placement, m.Placement.youth_id == m.Youth.id)
            .join(m.Attendance, m.Attendance.youth_id == m.Youth.id)
            .join(m.Counsellor, m.Counsellor.id == m.Youth.referent_id)
            .limit(1)
        ).one()


def test_person_pdf_reads_french_and_json_keeps_its_keys(db, db_path, tmp_path):
    youth_id, last, first, referent = _followed_youth(db)
    columns = {
        column for rows in collect(db, youth_id).tables.values() for row in rows for column in row
    }
    db.close()
    runner = CliRunner()
    for suffix in (".pdf", ".json"):
        done = runner.invoke(
            main,
            [
                *("--database", str(db_path), "person", "export", f"{last} {first}"),
                *("--output", str(tmp_path / f"dossier{suffix}")),
            ],
        )
        assert done.exit_code == 0, done.output
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "dossier.pdf").pages)
    flat = " ".join(text.split())
    for words in (
        "Date de naissance",
        "Conseiller référent",
        "Contrats et dispositifs",
        "Participation aux événements",
        "Type de contrat",
        referent,  # the referent by name, not by id
    ):
        assert words in flat, words
    assert UUID.findall(text) == [str(youth_id)]  # the file's number, once
    raw = {c for c in columns if "_" in c} | ENGLISH | ENGLISH_CODES
    found = {word for word in raw if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)}
    assert not found, f"English words in the PDF: {sorted(found)}"
    data = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert {"birth_date", "referent_id", "last_name"} <= set(data["tables"]["youths"][0])
    assert data["tables"]["youths"][0]["id"] == str(youth_id)


def test_the_trail_names_tables_fields_and_codes_in_french(db, tmp_path):
    with db.transaction() as s:
        youth = m.Youth(last_name="Garnier", first_name="Lou", birth_date=date(2006, 1, 1))
        s.add(youth)
    update_record(db, m.Youth, youth.id, 1, status="in_job", qualification_level_new=4)
    out = tmp_path / "journal.csv"
    export_audit(db, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    created, changed = lines[1:3]
    assert created[4] == "jeunes" and "date de naissance" in created[7]
    assert changed[4] == "jeunes"
    assert 'situation : "En accompagnement" → "En emploi"' in changed[7]
    assert "niveau de formation : null → 4" in changed[7]
    for fields in lines[1:]:
        assert "_" not in fields[4] + fields[7], fields
        assert not set(re.findall(r"\w+", fields[4] + " " + fields[7])) & ENGLISH, fields
    # Links stay ids in the trail: it names nobody (the export outlives the purge).
    assert "Garnier" not in out.read_text(encoding="utf-8-sig")
