"""Reads of youth files outside the listings: refused to reception, personal ones traced."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.domain.schemes import find_scheme
from essdesk.services import access, sensitive
from essdesk.services.duplicates import youth_duplicates
from essdesk.services.partner_reports import write_report
from essdesk.services.placements.eligibility import eligibility_of
from essdesk.services.placements.pathway import pathway_of
from essdesk.services.placements.records import placements_of_youth
from essdesk.services.placements.trainings import trainings_of_youth
from essdesk.services.search import global_search

PASSWORD = "motdepasse-solide"


def _base(db):
    with db.transaction() as s:
        counsellor = m.Counsellor(first_name="Camille", last_name="Conseil")
        other = m.Counsellor(first_name="Dominique", last_name="Autre")
        employer = m.Employer(name="Girardet Bois")
        s.add_all([counsellor, other, employer])
        s.flush()
        youth = m.Youth(
            last_name="Girard",
            first_name="Noé",
            birth_date=date(2005, 2, 3),
            status="active",
            referent_id=other.id,
        )
        s.add(youth)
        s.flush()
        s.add(
            m.FollowUp(
                youth_id=youth.id,
                on=date(2026, 10, 2),
                counsellor_id=counsellor.id,
                notes="Confidence sur sa santé",
            )
        )
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(db, "accueil", "Alex Accueil", "reception", PASSWORD)
    access.create_user(
        db, "conseil", "Camille Conseil", "counsellor", PASSWORD, counsellor_id=counsellor.id
    )
    return youth


def _refusals(db) -> list[tuple[str, str]]:
    with db.session() as s:
        rows = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused"))
        return [(e.entity, e.detail) for e in rows]


def test_reception_is_refused_every_youth_read(db, tmp_path):
    youth = _base(db)
    access.log_in(db, "accueil", PASSWORD)
    for read in (
        lambda: pathway_of(db, youth.id),
        lambda: placements_of_youth(db, youth.id),
        lambda: trainings_of_youth(db, youth.id),
        lambda: eligibility_of(db, youth.id, find_scheme("CEJ"), date(2026, 11, 1)),
        lambda: youth_duplicates(db, "Noé", "Girard", date(2005, 2, 3)),
        lambda: write_report(db, "territory", tmp_path / "t.pdf"),
    ):
        with pytest.raises(access.AccessDenied, match="Accès refusé"):
            read()
    assert len(_refusals(db)) == 6 and not (tmp_path / "t.pdf").exists()
    # The search leaves out what the role may not read, without a refusal at each keystroke.
    assert [g.kind for g in global_search(db, "gir")] == ["employer"]
    assert len(_refusals(db)) == 6


def test_command_line_exports_of_youth_data_obey_the_role(db, db_path, tmp_path, monkeypatch):
    _base(db)
    db.close()
    monkeypatch.setenv("ESSDESK_PASSWORD", PASSWORD)
    runner = CliRunner()
    commands = {
        "eligibility.csv": ["eligibility", "--scheme", "CEJ", "--date", "01/11/2026"],
        "aides.csv": ["aid", "--from", "01/2026", "--to", "12/2026"],
        "agenda.ics": ["calendar", "--counsellor", "Camille Conseil"],
        "fiche.pdf": ["report", "pathway", "Girard Noé"],
        "echeances.csv": ["deadlines", "--from", "01/01/2026", "--to", "31/12/2027"],
    }
    for name, args in commands.items():
        out = tmp_path / name
        base = ["--database", str(db_path), "--user"]
        refused = runner.invoke(main, [*base, "accueil", *args, "--output", str(out)])
        assert refused.exit_code == 1 and "Accès refusé" in refused.output, args
        assert not out.exists()
        allowed = runner.invoke(main, [*base, "conseil", *args, "--output", str(out)])
        assert allowed.exit_code == 0 and out.exists(), allowed.output
    from essdesk.db.database import open_database

    db = open_database(str(db_path))
    try:
        with db.session() as s:
            done = s.execute(
                select(m.AuditEntry.action, m.AuditEntry.entity).where(
                    m.AuditEntry.actor == "conseil", m.AuditEntry.action.in_(["export", "report"])
                )
            ).all()
        assert sorted(done) == [
            ("export", "follow_ups"),
            ("export", "placements"),
            ("export", "placements"),
            ("export", "youths"),
            ("report", "youths"),
        ]
    finally:
        db.close()


def test_pathway_sheet_follows_the_notes_setting_and_is_traced(db):
    youth = _base(db)
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "conseil", PASSWORD)  # not the referent of this young person
    sheet = pathway_of(db, youth.id)
    assert [f.notes for f in sheet.follow_ups] == [sensitive.MASKED_NOTE]
    access.log_in(db, "admin", PASSWORD)
    assert [f.notes for f in pathway_of(db, youth.id).follow_ups] == ["Confidence sur sa santé"]
    with db.session() as s:
        traced = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "report")).all()
    assert [(e.actor, e.youth_id, e.detail) for e in traced] == [
        ("conseil", youth.id, "fiche parcours"),
        ("admin", youth.id, "fiche parcours"),
    ]
