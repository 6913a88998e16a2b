"""PostgreSQL: the RQTH and the notes given per row by the server, as the app's rule decides.

Row-level security filters rows, not one column of some rows; hiding whole interviews would
hide their dates too. So the groups that read these tables get `SELECT` on every column but
these (`SENSITIVE_COLUMNS`), and each such column has a `SECURITY DEFINER` function,
`essdesk_<table>_<column>(id)`, that returns the value only to a user who may see it: the
rule of `domain.access.sees_sensitive`, with the scope the administrator set in
`base_settings`. The connected login (`session_user`: the server checked its password) is the
user, as `write_guard.server_actor` reads it. The application's own `SELECT`s call these
functions (`db/models/sensitive.py`), so that it sees exactly what another tool would.
"""

from __future__ import annotations

from sqlalchemy import Connection

from essdesk.domain.access import (
    DEFAULT_SENSITIVE_SCOPE,
    ROLE_PERMISSIONS,
    SENSITIVE_COLUMNS,
    SENSITIVE_SCOPE_KEY,
)

# Definer functions resolve names in the catalogue, then the base's schema, never pg_temp first.
_HEADER = "STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"


def _roles(test) -> str:
    names = sorted(
        role for role, permissions in ROLE_PERMISSIONS.items() if test(role, permissions)
    )
    return "ARRAY[" + ", ".join(f"'{name}'" for name in names) + "]::text[]"


def function_name(table: str, column: str) -> str:
    return f"essdesk_{table}_{column}"


def create_functions(connection: Connection) -> None:
    """(Re)create the gate functions from the roles of `domain.access` (run with the GRANTs)."""
    run = connection.exec_driver_sql
    every = _roles(lambda r, p: "youth.sensitive" in p and r != "counsellor")
    scoped = _roles(lambda r, p: "youth.sensitive" in p and r == "counsellor")
    # The employers' log (interactions without a young person): whoever reads that table's
    # rows whole, and the roles row-level security lets keep it (`pg_roles._share_by_rows`).
    employer_log = _roles(lambda r, p: "youth.file" in p or "employer.write" in p)
    owner = "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())"
    run(
        f"""
        CREATE OR REPLACE FUNCTION essdesk_user_role() RETURNS text LANGUAGE sql {_HEADER} AS $$
          SELECT coalesce(
            (SELECT role FROM users WHERE login = session_user AND active),
            CASE WHEN session_user = {owner}
                   OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
                 THEN 'administrator' ELSE 'read_only' END)
        $$"""
    )
    run(
        f"""
        CREATE OR REPLACE FUNCTION essdesk_sees_sensitive(referent uuid) RETURNS boolean
        LANGUAGE sql {_HEADER} AS $$
          SELECT CASE
            WHEN essdesk_user_role() = ANY({every}) THEN true
            WHEN essdesk_user_role() = ANY({scoped}) THEN
              coalesce((SELECT value FROM base_settings WHERE key = '{SENSITIVE_SCOPE_KEY}'),
                       '{DEFAULT_SENSITIVE_SCOPE}') <> 'followed'
              OR (referent IS NOT NULL AND referent = (
                    SELECT counsellor_id FROM users WHERE login = session_user AND active))
            ELSE false
          END
        $$"""
    )
    bodies = {
        ("youths", "rqth"): "SELECT y.rqth FROM youths y "
        "WHERE y.id = row_id AND essdesk_sees_sensitive(y.referent_id)",
        ("interactions", "notes"): "SELECT i.notes FROM interactions i "
        "LEFT JOIN youths y ON y.id = i.youth_id WHERE i.id = row_id AND CASE "
        f"WHEN i.youth_id IS NULL THEN essdesk_user_role() = ANY({employer_log}) "
        "ELSE essdesk_sees_sensitive(y.referent_id) END",
        ("follow_ups", "notes"): "SELECT f.notes FROM follow_ups f "
        "JOIN youths y ON y.id = f.youth_id "
        "WHERE f.id = row_id AND essdesk_sees_sensitive(y.referent_id)",
    }
    assert set(bodies) == {(t, c) for t, cs in SENSITIVE_COLUMNS.items() for c in cs}
    for (table, column), body in bodies.items():
        kind = "boolean" if column == "rqth" else "text"
        run(
            f"CREATE OR REPLACE FUNCTION {function_name(table, column)}(row_id uuid) "
            f"RETURNS {kind} LANGUAGE sql {_HEADER} AS $$ {body} $$"
        )
