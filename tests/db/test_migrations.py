"""Migrations: models and scripts agree, old bases upgrade with their data, failures change nothing."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from essdesk.db import migrate
from essdesk.db.database import open_database
from essdesk.db.engine import DatabaseTarget, create_engine_for
from essdesk.db.models import Base
from essdesk.errors import EssDeskError


def _diff(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_head_written_in_the_code_is_the_head_of_the_scripts():
    # Opening a base compares with migrate.HEAD_REVISION; a new migration must update it.
    assert migrate.scripts_head_revision() == migrate.HEAD_REVISION
    assert migrate.HEAD_REVISION in migrate.known_revisions()


def test_models_and_migrations_agree(any_db):
    assert any_db.schema_version() == migrate.head_revision()
    assert _diff(any_db.engine) == []


def test_check_constraints_exist_in_migrated_base(any_db):
    with pytest.raises(Exception, match="(?i)check"), any_db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (id, name, ess_networks, partnership_status, archived, "
                "created_at, updated_at, version, territory) VALUES (:id, 'x', '[]', 'none', "
                "false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'lune')"
            ),
            {"id": uuid.uuid4().hex if any_db.is_sqlite else str(uuid.uuid4())},
        )


def _base_at_first_revision(path):
    """A database as the first release left it, with an employer, two contacts and an offer."""
    engine = create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
    migrate.upgrade(engine, "0001")
    employer = uuid.uuid4().hex
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (id, name, ess_networks, partnership_status, archived, "
                "created_at, updated_at, version, territory) VALUES (:id, 'Ressourcerie du Trièves', "
                "'[]', 'partenaire', 0, '2024-01-01', '2024-01-01', 1, 'campagne')"
            ),
            {"id": employer},
        )
        for name in ("Durand", "Petit"):
            connection.execute(
                text(
                    "INSERT INTO contacts (id, employer_id, last_name, is_tutor, created_at, "
                    "updated_at, version) VALUES (:id, :e, :n, 0, '2024-01-01', '2024-01-01', 1)"
                ),
                {"id": uuid.uuid4().hex, "e": employer, "n": name},
            )
        connection.execute(
            text(
                "INSERT INTO offers (id, employer_id, title, positions, status, created_at, "
                "updated_at, version) VALUES (:id, :e, 'Valoriste', 1, 'open', '2024-01-01', "
                "'2024-01-01', 1)"
            ),
            {"id": uuid.uuid4().hex, "e": employer},
        )
    engine.dispose()


def test_upgrade_first_revision_with_data_to_head(tmp_path):
    path = tmp_path / "ancienne.sqlite3"
    _base_at_first_revision(path)

    db = open_database(str(path))
    try:
        assert db.schema_version() == migrate.head_revision()
        assert _diff(db.engine) == []
        with db.engine.connect() as connection:
            # The employers table was rebuilt: its cascading children must all still be there.
            assert connection.execute(text("SELECT COUNT(*) FROM contacts")).scalar() == 2
            assert connection.execute(text("SELECT COUNT(*) FROM offers")).scalar() == 1
            row = connection.execute(
                text("SELECT territory, partnership_status FROM employers")
            ).one()
            assert tuple(row) == (None, "none")  # out-of-list values brought into the lists
        assert db.integrity_problems(full=True) == []
        backups = [b for b in db.backups.list() if b.reason.startswith("avant-migration")]
        assert len(backups) == 1
        with sqlite3.connect(backups[0].path) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        db.close()


def test_failed_migration_leaves_base_as_it_was(tmp_path):
    path = tmp_path / "ancienne.sqlite3"
    _base_at_first_revision(path)
    # A leftover table in the way of the rebuild makes the second migration fail half-way.
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE _alembic_tmp_employers (x INTEGER)")
    with pytest.raises(migrate.MigrationError) as raised:
        open_database(str(path))
    assert "sauvegarde" in str(raised.value)
    backup_named = str(raised.value).split("conservée : ")[1].split()[0]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("SELECT COUNT(*) FROM contacts").fetchone() == (2,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with sqlite3.connect(backup_named) as backup:
        assert backup.execute("SELECT COUNT(*) FROM contacts").fetchone() == (2,)


def test_base_from_newer_version_is_refused_untouched(db_path):
    open_database(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_futur'")
    before = db_path.read_bytes()
    with pytest.raises(migrate.NewerDatabaseError, match="plus récente"):
        open_database(str(db_path))
    assert db_path.read_bytes() == before


def test_upgrade_on_postgresql_from_first_revision(pg_url):
    engine = create_engine(pg_url)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    db = open_database(pg_url)
    try:
        assert db.schema_version() == migrate.head_revision()
        assert _diff(db.engine) == []
    finally:
        db.close()


def test_corrupt_file_is_refused(db_path):
    db_path.write_bytes(b"ceci n'est pas une base" * 100)
    with pytest.raises(EssDeskError, match="pas une base ESS Desk"):
        open_database(str(db_path))
    assert db_path.read_bytes().startswith(b"ceci")


def _base_at_second_revision(path):
    """A base left by revision 0002 with a speed meeting: a recruiter, two young people, a meeting."""
    engine = create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
    migrate.upgrade(engine, "0002")
    speed, recruiter = uuid.uuid4().hex, uuid.uuid4().hex
    candidates = [uuid.uuid4().hex, uuid.uuid4().hex]
    stamps = "'2026-11-18', '2026-11-18', 1"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO speed_meetings (id, title, rounds, start_time, round_minutes, "
                "changeover_minutes, breaks, min_meetings, status, created_at, updated_at, "
                f"version) VALUES (:id, 'Speed meeting ESS', 8, '14:00:00', 10, 2, '{{}}', 0, "
                f"'planned', {stamps})"
            ),
            {"id": speed},
        )
        connection.execute(
            text(
                "INSERT INTO speed_meeting_recruiters (id, speed_meeting_id, name, position, "
                f"tables, present, created_at, updated_at, version) VALUES (:id, :s, "
                f"'Ressourcerie du Trièves', 1, 2, 1, {stamps})"
            ),
            {"id": recruiter, "s": speed},
        )
        # The second young person was marked late (round 3) the way the first release did it.
        for candidate, name, start, attendance in zip(
            candidates, ("Léa Martin", "Noé Durand"), (None, 3), ("present", "late"), strict=True
        ):
            connection.execute(
                text(
                    "INSERT INTO speed_meeting_candidates (id, speed_meeting_id, name, walk_in, "
                    "available_from, attendance, created_at, updated_at, version) VALUES (:id, "
                    f":s, :n, 0, :f, :a, {stamps})"
                ),
                {"id": candidate, "s": speed, "n": name, "f": start, "a": attendance},
            )
        connection.execute(
            text(
                "INSERT INTO speed_meeting_meetings (id, speed_meeting_id, round, recruiter_id, "
                'candidate_id, "table", locked, announced, created_at, updated_at, version) '
                f"VALUES (:id, :s, 2, :r, :c, 1, 1, 0, {stamps})"
            ),
            {"id": uuid.uuid4().hex, "s": speed, "r": recruiter, "c": candidates[0]},
        )
    engine.dispose()


def test_upgrade_second_revision_with_speed_meeting_to_head(tmp_path):
    path = tmp_path / "avant-direct.sqlite3"
    _base_at_second_revision(path)

    db = open_database(str(path))
    try:
        assert db.schema_version() == migrate.head_revision()
        assert _diff(db.engine) == []
        with db.engine.connect() as connection:
            rounds = connection.execute(text("SELECT current_round FROM speed_meetings")).all()
            assert [tuple(row) for row in rounds] == [(1,)]
            candidates = connection.execute(
                text(
                    "SELECT name, available_from, arrival_round FROM speed_meeting_candidates "
                    "ORDER BY name"
                )
            ).all()
            assert [tuple(row) for row in candidates] == [
                ("Léa Martin", None, None),
                ("Noé Durand", 3, None),
            ]
            # speed_meetings is the parent of every other speed-meeting table: nothing cascaded.
            assert (
                connection.execute(text("SELECT COUNT(*) FROM speed_meeting_recruiters")).scalar()
                == 1
            )
            assert (
                connection.execute(
                    text("SELECT COUNT(*) FROM speed_meeting_meetings WHERE locked")
                ).scalar()
                == 1
            )
        assert db.integrity_problems(full=True) == []
    finally:
        db.close()


def test_live_mode_columns_downgrade_keeps_the_speed_meeting(tmp_path):
    path = tmp_path / "retour.sqlite3"
    _base_at_second_revision(path)
    engine = create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        # As the runner does: a rebuild of the parent table must not cascade to its children.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0002")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        columns = {row[1] for row in connection.execute("PRAGMA table_info(speed_meetings)")}
        assert "current_round" not in columns and "rounds" in columns
        columns = {
            row[1] for row in connection.execute("PRAGMA table_info(speed_meeting_candidates)")
        }
        assert "arrival_round" not in columns and "available_from" in columns
        assert connection.execute("SELECT COUNT(*) FROM speed_meeting_candidates").fetchone() == (
            2,
        )
        assert connection.execute("SELECT COUNT(*) FROM speed_meeting_meetings").fetchone() == (1,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    engine.dispose()
