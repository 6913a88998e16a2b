"""Frozen bases at every old schema upgrade to head with all their data and links intact."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from essdesk.db import migrate
from essdesk.db.database import open_database
from essdesk.db.models import Base
from essdesk.domain.nomenclatures import APPLICATION_STATUSES
from essdesk.domain.schemes import SCHEMES
from tests.db.old_bases import (
    BASES,
    OUT_OF_LIST_EMPLOYER,
    OUT_OF_LIST_YOUTH,
    load_dump,
)

FROZEN = sorted(path.stem.removeprefix("schema_") for path in BASES.glob("schema_*.sql"))
# The head of the last version agencies received. The revisions written since ship together in
# the next version: no base can exist at one of them, so only released heads are frozen, and
# this line moves (with a new dump) when a version goes out.
LAST_RELEASED = "0003"

# A few values a reader would miss, read the same way before and after the upgrade.
SAMPLES = {
    "employers": "SELECT name, siret, commune FROM employers ORDER BY name LIMIT 5",
    "youths": "SELECT last_name, first_name, birth_date FROM youths ORDER BY last_name, first_name",
    "placements": (
        "SELECT s.code, COUNT(*) FROM placements p JOIN schemes s ON s.id = p.scheme_id "
        "GROUP BY s.code ORDER BY s.code"
    ),
    "speed meeting": (
        "SELECT sm.title, sm.rounds, sm.status, COUNT(mt.id), SUM(mt.outcome IS NOT NULL), "
        "SUM(mt.locked) FROM speed_meetings sm JOIN speed_meeting_meetings mt "
        "ON mt.speed_meeting_id = sm.id GROUP BY sm.id"
    ),
    "contacts": (
        "SELECT e.name, COUNT(c.id) FROM employers e JOIN contacts c ON c.employer_id = e.id "
        "GROUP BY e.id ORDER BY e.name LIMIT 5"
    ),
}


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version'"
    )
    return sorted(name for (name,) in rows)


def _snapshot(path) -> tuple[dict[str, int], dict[str, list]]:
    with sqlite3.connect(path) as connection:
        counts = {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in _tables(connection)
        }
        samples = {name: connection.execute(sql).fetchall() for name, sql in SAMPLES.items()}
    connection.close()
    return counts, samples


def test_every_released_revision_has_its_frozen_base():
    """Releasing a version means freezing a base at its head (docs/data.md says how)."""
    released = {r for r in migrate.known_revisions() if r <= LAST_RELEASED}
    assert released == set(FROZEN)


@pytest.mark.parametrize("revision", FROZEN)
def test_a_frozen_base_upgrades_to_head_with_its_data(tmp_path, revision):
    path = load_dump(revision, tmp_path / f"schema_{revision}.sqlite3")
    counts, samples = _snapshot(path)
    assert counts["youths"] >= 20 and counts["speed_meeting_meetings"] > 50
    assert all(counts.values()), "every table of the frozen base holds rows"

    db = open_database(str(path))
    try:
        assert db.schema_version() == migrate.head_revision()
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert db.integrity_problems(full=True) == []
    finally:
        db.close()

    after_counts, after_samples = _snapshot(path)
    # No row lost, none duplicated; the reference tables only gain what later versions ship
    # (the schemes added since, seeded at the upgrade).
    reference = {"schemes", "rome_codes"}
    assert {t: after_counts[t] for t in counts if t not in reference} == {
        t: n for t, n in counts.items() if t not in reference
    }
    assert all(after_counts[t] >= counts[t] for t in reference)
    with sqlite3.connect(path) as connection:
        codes = {row[0] for row in connection.execute("SELECT code FROM schemes")}
    connection.close()
    assert set(SCHEMES) <= codes
    assert after_samples == samples
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        live = connection.execute(
            "SELECT sm.current_round, COUNT(c.arrival_round) FROM speed_meetings sm "
            "JOIN speed_meeting_candidates c ON c.speed_meeting_id = sm.id GROUP BY sm.id"
        ).fetchall()
        if revision < "0003":  # the live-mode columns arrive with their defaults
            assert live == [(1, 0)]
        if revision == "0001":  # values typed before the lists existed were brought into them
            employer = connection.execute(
                "SELECT territory, partnership_status FROM employers WHERE id = ?",
                (OUT_OF_LIST_EMPLOYER,),
            ).fetchone()
            youth = connection.execute(
                "SELECT status, qualification_level_new, first_name FROM youths WHERE id = ?",
                (OUT_OF_LIST_YOUTH,),
            ).fetchone()
            assert (employer, youth) == ((None, "none"), ("active", None, "Maël"))
        # 0009: every searched record has its sort key and terms; positionings use the desk's
        # states (proposed, sent, hired… of older bases are mapped onto them).
        for table in ("youths", "employers", "contacts", "offers"):
            empty = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE sort_key = ''")
            assert empty.fetchone()[0] == 0, table
        searched = connection.execute("SELECT COUNT(DISTINCT record_id) FROM search_terms")
        assert searched.fetchone()[0] == sum(
            after_counts[t] for t in ("youths", "employers", "contacts", "offers")
        )
        states = {s for (s,) in connection.execute("SELECT DISTINCT status FROM applications")}
        assert states and states <= set(APPLICATION_STATUSES)
    connection.close()


def test_our_triggers_are_exactly_the_ones_a_fresh_base_holds(db_path):
    """The schema check accepts our own triggers only with their exact text."""
    from essdesk.db.schema_check import OWN_SQLITE_TRIGGERS

    open_database(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        found = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))
    connection.close()
    assert found == OWN_SQLITE_TRIGGERS
