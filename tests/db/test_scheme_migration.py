"""Migration 0007: placements, trainings and follow-ups of a base at 0003 keep their data."""

from __future__ import annotations

import sqlite3
import uuid

from alembic import command
from sqlalchemy import text

from essdesk.db import migrate
from essdesk.db.engine import DatabaseTarget, create_engine_for

STAMPS = "'2026-11-18', '2026-11-18', 1"


def _base_at_0003(path):
    """A youth, an employer, an Emplois d'avenir placement with a training and a follow-up."""
    engine = create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
    migrate.upgrade(engine, "0003")
    ids = {name: uuid.uuid4().hex for name in ("youth", "employer", "placement", "training")}
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO youths (id, last_name, first_name, birth_date, qpv, rural_zone, rqth,"
                " diploma_obtained, status, created_at, updated_at, version) VALUES (:youth, "
                f"'Martin', 'Léna', '1995-03-14', 0, 0, 0, 0, 'active', {STAMPS})"
            ),
            ids,
        )
        c.execute(
            text(
                "INSERT INTO employers (id, name, ess_networks, partnership_status, archived, "
                f"created_at, updated_at, version) VALUES (:employer, 'Régie', '[]', 'none', 0, "
                f"{STAMPS})"
            ),
            ids,
        )
        c.execute(
            text(
                "INSERT INTO placements (id, youth_id, employer_id, job_title, contract_type, "
                "start_date, weekly_hours, status, created_at, updated_at, version) VALUES "
                f"(:placement, :youth, :employer, 'Agent', 'CDD', '2014-01-06', 35, 'active', "
                f"{STAMPS})"
            ),
            ids,
        )
        c.execute(
            text(
                "INSERT INTO trainings (id, placement_id, title, certifying, status, created_at, "
                f"updated_at, version) VALUES (:training, :placement, 'CQP', 1, 'done', {STAMPS})"
            ),
            ids,
        )
        c.execute(
            text(
                'INSERT INTO follow_ups (id, youth_id, placement_id, "on", kind, created_at, '
                f"updated_at, version) VALUES (:training, :youth, :placement, '2014-02-06', "
                f"'suivi', {STAMPS})"
            ),
            ids,
        )
    return engine, ids


def test_upgrade_gives_each_training_its_young_person_and_keeps_every_row(tmp_path):
    path = tmp_path / "avant-0007.sqlite3"
    engine, ids = _base_at_0003(path)
    migrate.upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT youth_id FROM trainings")).scalar() == ids["youth"]
        row = c.execute(
            text("SELECT to_complete, overridden_rules, aid_extension_for_training FROM placements")
        ).one()
        assert tuple(row) == ("[]", "[]", 0)
        assert c.execute(text("SELECT COUNT(*) FROM follow_ups")).scalar() == 1
    engine.dispose()


def test_downgrade_to_0003_keeps_placements_and_their_trainings(tmp_path):
    path = tmp_path / "retour-0003.sqlite3"
    engine, _ = _base_at_0003(path)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0003")
    engine.dispose()
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        assert c.execute("SELECT COUNT(*) FROM trainings").fetchone() == (1,)
        assert c.execute("SELECT COUNT(*) FROM follow_ups").fetchone() == (1,)
        columns = {row[1] for row in c.execute("PRAGMA table_info(trainings)")}
        assert "youth_id" not in columns
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
