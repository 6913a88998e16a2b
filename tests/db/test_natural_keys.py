"""Revision 0005: folded natural keys in the base; existing duplicates are kept and reported."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from essdesk.db import migrate
from essdesk.db.database import open_database
from essdesk.db.engine import DatabaseTarget, create_engine_for


def _base_with_duplicates_at_0003(target: str, path=None):
    engine = (
        create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
        if path
        else create_engine(target)
    )
    migrate.upgrade(engine, "0003")
    new_id = (lambda: uuid.uuid4().hex) if path else uuid.uuid4
    employer = new_id()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (id, name, ess_networks, partnership_status, archived, "
                "created_at, updated_at, version) VALUES (:id, 'Ressourcerie', '[]', 'none', "
                "false, '2024-01-01', '2024-01-01', 1)"
            ),
            {"id": employer},
        )
        for day, (last, first) in enumerate(
            [("Lefèvre", "Émilie"), ("LEFEVRE", "EMILIE"), ("Bouzid", "Ryan")], start=1
        ):
            connection.execute(
                text(
                    "INSERT INTO youths (id, last_name, first_name, birth_date, qpv, rural_zone, "
                    "rqth, diploma_obtained, status, created_at, updated_at, version) VALUES "
                    "(:id, :l, :f, '2003-03-14', false, false, false, false, 'active', :c, :c, 1)"
                ),
                {"id": new_id(), "l": last, "f": first, "c": f"2024-01-0{day}"},
            )
        for name in ("Durand", "DURAND"):
            connection.execute(
                text(
                    "INSERT INTO contacts (id, employer_id, last_name, is_tutor, created_at, "
                    "updated_at, version) VALUES (:id, :e, :n, false, '2024-01-01', "
                    "'2024-01-01', 1)"
                ),
                {"id": new_id(), "e": employer, "n": name},
            )
    engine.dispose()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_existing_duplicates_upgrade_without_loss_and_are_reported(backend, request, tmp_path):
    path = tmp_path / "doublons.sqlite3" if backend == "sqlite" else None
    target = str(path) if path else request.getfixturevalue("pg_url")
    _base_with_duplicates_at_0003(target, path)

    db = open_database(target)
    try:
        assert db.schema_version() == migrate.head_revision()
        with db.engine.connect() as connection:
            keys = connection.execute(
                text("SELECT last_name, match_key FROM youths ORDER BY created_at")
            ).all()
            assert connection.execute(text("SELECT COUNT(*) FROM contacts")).scalar() == 2
        assert [k[0] for k in keys] == ["Lefèvre", "LEFEVRE", "Bouzid"]  # nothing merged or lost
        assert keys[0][1] == "lefevre|emilie|2003-03-14"  # the oldest keeps the plain key
        assert keys[1][1].startswith("lefevre|emilie|2003-03-14|doublon-")
        problems = db.integrity_problems()
        assert any("en double" in p and "jeunes" in p for p in problems), problems
        assert any("contacts" in p for p in problems), problems
    finally:
        db.close()
