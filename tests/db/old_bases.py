"""Frozen bases at old schemas, kept as SQL text: load one into a file, or freeze a new one.

A dump is written once, when its revision is the newest, and never regenerated: the test that
upgrades it to head then catches an old migration edited afterwards. To freeze revision N (the
current head), run: python -m tests.db.old_bases N   (see docs/data.md).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine

from essdesk.db import migrate
from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data

BASES = Path(__file__).resolve().parents[1] / "data" / "bases"
DEMO_TODAY = date(2026, 11, 22)

# Rows typed before the enumerated checks of 0002 existed: the upgrade must bring them into
# the lists, never drop them. Fixed ids, so that the test can find them again.
OUT_OF_LIST_EMPLOYER = "0000000000000000000000000000e001"
OUT_OF_LIST_YOUTH = "0000000000000000000000000000a001"


def dump_path(revision: str) -> Path:
    return BASES / f"schema_{revision}.sql"


def load_dump(revision: str, path: Path) -> Path:
    """A fresh SQLite file at `path` holding the frozen base of `revision`."""
    with sqlite3.connect(path) as connection:
        connection.executescript(dump_path(revision).read_text(encoding="utf-8"))
    connection.close()
    return path


def freeze(revision: str) -> Path:
    """Write the dump of `revision`: the demo data set, copied into a base at that schema."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ESSDESK_DATA_DIR"] = folder  # the demo's base leaves nothing in the user's
        demo_path, old_path = Path(folder) / "demo.sqlite3", Path(folder) / "old.sqlite3"
        demo = open_database(str(demo_path))
        fill_demo_data(demo, youths=20, seed=7, today=DEMO_TODAY)
        demo.close()
        engine = create_engine(f"sqlite:///{old_path}")
        migrate.upgrade(engine, revision)
        engine.dispose()
        with sqlite3.connect(old_path) as old:
            old.execute("PRAGMA foreign_keys=OFF")
            old.execute("ATTACH DATABASE ? AS demo", (str(demo_path),))
            for table in _tables(old, "main"):
                shared = [
                    c for c in _columns(old, "main", table) if c in _columns(old, "demo", table)
                ]
                names = ", ".join(f'"{column}"' for column in shared)
                old.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM demo.{table}")
            if revision == "0001":
                _add_out_of_list_rows(old)
            old.commit()
            old.execute("DETACH DATABASE demo")
            text = "\n".join(old.iterdump()) + "\n"
        old.close()
    path = dump_path(revision)
    path.write_text(text, encoding="utf-8")
    return path


def _tables(connection: sqlite3.Connection, schema: str) -> list[str]:
    rows = connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
    )
    return [name for (name,) in rows]


def _columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA {schema}.table_info({table})")]


def _add_out_of_list_rows(old: sqlite3.Connection) -> None:
    old.execute(
        "INSERT INTO employers (id, name, ess_networks, partnership_status, archived, territory, "
        "created_at, updated_at, version) VALUES (?, 'Ressourcerie du Vercors', '[]', "
        "'partenaire', 0, 'montagne', '2024-03-01 09:00:00', '2024-03-01 09:00:00', 1)",
        (OUT_OF_LIST_EMPLOYER,),
    )
    old.execute(
        "INSERT INTO youths (id, last_name, first_name, birth_date, qpv, rural_zone, rqth, "
        "diploma_obtained, status, qualification_level_new, created_at, updated_at, version) "
        "VALUES (?, 'Chevalier', 'Maël', '2005-06-30', 0, 1, 0, 0, 'suivi', 9, "
        "'2024-03-01 09:00:00', '2024-03-01 09:00:00', 1)",
        (OUT_OF_LIST_YOUTH,),
    )


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(freeze(name))
