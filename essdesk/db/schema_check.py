"""Does a base hold ESS Desk's schema and nothing else? (no foreign trigger, view or table)

A restored file that passes SQLite's integrity check may still carry a trigger that rewrites
every young person's e-mail at the next import, or lack the tables the exports read. The
schema a revision should have is built once per process by migrating an empty file to it.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, text

from essdesk.db.pg_sensitive import GUARDED, guard_name
from essdesk.domain.access import SENSITIVE_COLUMNS

DUPLICATE_MARK = "|doublon-"  # revision 0005: a key kept apart for a pre-existing duplicate
KEYED_TABLES = {"youths": "jeunes", "contacts": "contacts", "offers": "offres"}
MAX_LISTED = 5


_AUDIT_REFUSAL = "Le journal d''audit ne se modifie pas et ne s''efface pas."
# The triggers ESS Desk's own migrations create (revision 0006: the audit trail is append-only),
# with their exact text; a test checks a fresh base holds exactly these. Any other trigger, or
# one of these names with another body, is someone else's code and is refused.
OWN_SQLITE_TRIGGERS = {
    f"audit_entries_no_{operation.lower()}": (
        f"CREATE TRIGGER audit_entries_no_{operation.lower()} BEFORE {operation} "
        "ON audit_entries WHEN essdesk_audit_unlocked() IS NOT 1 "
        f"BEGIN SELECT RAISE(ABORT, '{_AUDIT_REFUSAL}'); END"
    )
    for operation in ("UPDATE", "DELETE")
}
OWN_POSTGRES_TRIGGERS = {
    "audit_entries_append_only": "CREATE TRIGGER audit_entries_append_only BEFORE DELETE OR "
    "UPDATE ON audit_entries FOR EACH ROW EXECUTE FUNCTION essdesk_audit_append_only()",
    # db/pg_sensitive.py: a change of an RQTH or a note the user may not read is refused.
    **{
        guard_name(table, column): f"CREATE TRIGGER {guard_name(table, column)} BEFORE UPDATE "
        f"OF {column} ON {table} FOR EACH ROW "
        + ("" if argument == "value" else f"WHEN ((old.{column} IS DISTINCT FROM new.{column})) ")
        + f"EXECUTE FUNCTION essdesk_guard_sensitive('{argument}')"
        for table, column, argument in GUARDED
    },
}
_QUALIFIED = re.compile(
    r"\b\w+\.(audit_entries|essdesk_audit_append_only|essdesk_guard_sensitive|"
    + "|".join(SENSITIVE_COLUMNS)
    + r")\b"
)


def _unqualified(definition: str) -> str:
    """pg_get_triggerdef names the schema (« ON public.audit_entries »): compare without it."""
    return _QUALIFIED.sub(r"\1", definition)


def sqlite_objects(connection: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(type, name) → table of every table, index, trigger and view SQLite's own ones aside.

    A trigger of our own is listed only when its text is exactly ours.
    """
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        (t, n): tbl
        for t, n, tbl, sql in rows
        if not n.startswith("sqlite_")
        and not (t == "trigger" and OWN_SQLITE_TRIGGERS.get(n) == sql)
    }


def sqlite_columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


@cache
def expected_sqlite_schema(revision: str) -> tuple[dict, dict]:
    """The objects and columns a base at `revision` has, from a fresh file migrated to it."""
    from essdesk.db import migrate
    from essdesk.db.engine import DatabaseTarget, create_engine_for

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = create_engine_for(DatabaseTarget(f"sqlite:///{path}", path))
        try:
            migrate.upgrade(engine, revision)
        finally:
            engine.dispose()
        connection = sqlite3.connect(path)
        try:
            objects = sqlite_objects(connection)
            columns = {n: sqlite_columns(connection, n) for (t, n) in objects if t == "table"}
        finally:
            connection.close()
    return objects, columns


def sqlite_file_problems(connection: sqlite3.Connection, revision: str) -> list[str]:
    """French descriptions of how the open file differs from the schema of `revision`."""
    objects = sqlite_objects(connection)
    problems = foreign_objects(objects)
    expected, expected_columns = expected_sqlite_schema(revision)
    tables = {n for (t, n) in objects if t == "table"}
    wanted = {n for (t, n) in expected if t == "table"}
    if unknown := sorted(tables - wanted):
        problems.append(f"table(s) inconnue(s) : {_listed(unknown)}")
    if missing := sorted(wanted - tables):
        problems.append(f"table(s) manquante(s) : {_listed(missing)}")
    for table in sorted(tables & wanted):
        if sorted(sqlite_columns(connection, table)) != sorted(expected_columns[table]):
            problems.append(f"les colonnes de la table {table} ne sont pas celles attendues")
    indexes = {n for (t, n) in objects if t == "index"}
    if unknown := sorted(indexes - {n for (t, n) in expected if t == "index"}):
        problems.append(f"index inconnu(s) : {_listed(unknown)}")
    if "alembic_version" in tables:
        count = connection.execute("SELECT COUNT(*) FROM alembic_version").fetchone()[0]
        if count != 1:
            problems.append("la version du schéma est illisible")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(f"{len(broken)} lien(s) cassé(s) entre fiches (table {broken[0][0]})")
    return problems


def foreign_objects(objects: dict[tuple[str, str], str]) -> list[str]:
    """Triggers and views other than ours: someone else's code in the base."""
    problems = []
    for kind, label in (("trigger", "déclencheur(s)"), ("view", "vue(s)")):
        names = sorted(n for (t, n) in objects if t == kind)
        if names:
            problems.append(f"{label} étranger(s) à ESS Desk : {_listed(names)}")
    return problems


def postgres_problems(connection: Connection, metadata) -> list[str]:
    """The full check of a server base: schema, foreign objects, unchecked constraints."""
    problems = []
    tables = set(
        connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        )
    )
    wanted = set(metadata.tables) | {"alembic_version"}
    if unknown := sorted(tables - wanted):
        problems.append(f"Table(s) inconnue(s) : {_listed(unknown)}.")
    if missing := sorted(wanted - tables):
        problems.append(f"Table(s) manquante(s) : {_listed(missing)}.")
    columns: dict[str, set[str]] = {}
    for table, column in connection.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
    ):
        columns.setdefault(table, set()).add(column)
    for name in sorted(tables & set(metadata.tables)):
        if columns.get(name, set()) != {c.name for c in metadata.tables[name].columns}:
            problems.append(f"Les colonnes de la table {name} ne sont pas celles attendues.")
    triggers = [
        name
        for name, definition in connection.execute(
            text(
                "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
            )
        )
        if OWN_POSTGRES_TRIGGERS.get(name) != _unqualified(definition)
    ]
    if triggers:
        problems.append(f"Déclencheur(s) étranger(s) à ESS Desk : {_listed(sorted(triggers))}.")
    views = list(
        connection.scalars(
            text("SELECT viewname FROM pg_views WHERE schemaname = current_schema()")
        )
    )
    if views:
        problems.append(f"Vue(s) étrangère(s) à ESS Desk : {_listed(sorted(views))}.")
    sequences = list(
        connection.scalars(
            text(
                "SELECT sequence_name FROM information_schema.sequences "
                "WHERE sequence_schema = current_schema()"
            )
        )
    )
    if sequences:  # every key is a UUID: a sequence was added by someone else
        problems.append(f"Séquence(s) inattendue(s) : {_listed(sorted(sequences))}.")
    unchecked = list(
        connection.execute(
            text(
                "SELECT c.conname, r.relname FROM pg_constraint c JOIN pg_class r "
                "ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                "WHERE NOT c.convalidated AND n.nspname = current_schema()"
            )
        )
    )
    if unchecked:
        names = [f"{name} ({table})" for name, table in unchecked]
        problems.append(f"Contrainte(s) jamais vérifiée(s) sur les données : {_listed(names)}.")
    return problems


def duplicate_problems(connection: Connection) -> list[str]:
    """Rows revision 0005 found already doubled: to merge by hand, never merged silently."""
    problems = []
    for table, label in KEYED_TABLES.items():
        count = connection.execute(
            text(f"SELECT COUNT(*) FROM {table} WHERE match_key LIKE :mark"),
            {"mark": f"%{DUPLICATE_MARK}%"},
        ).scalar_one()
        if count:
            problems.append(
                f"{count} fiche(s) en double parmi les {label} (même nom à la casse et aux accents "
                "près) : fusionnez-les à la main."
            )
    return problems


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" et {len(names) - MAX_LISTED} autre(s)" if len(names) > MAX_LISTED else "")
