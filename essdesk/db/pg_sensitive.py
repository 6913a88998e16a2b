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


# The words of domain.access.refusal("youth.sensitive"), without its quotes (SQL text).
_REFUSAL = "votre rôle ne permet pas de voir la RQTH et les notes de ce jeune."


def function_name(table: str, column: str) -> str:
    return f"essdesk_{table}_{column}"


def create_functions(connection: Connection) -> None:
    """(Re)create the gate functions from the roles of `domain.access` (run with the GRANTs).

    Each gate is one SQL statement (no nested function, three index lookups): it runs once per
    row read, 100,000 times in an eligibility export.
    """
    run = connection.exec_driver_sql
    every = _roles(lambda r, p: "youth.sensitive" in p and r != "counsellor")
    scoped = _roles(lambda r, p: "youth.sensitive" in p and r == "counsellor")
    # The employers' log (interactions without a young person): whoever reads that table's
    # rows whole, and the roles row-level security lets keep it (`pg_roles._share_by_rows`).
    employer_log = _roles(lambda r, p: "youth.file" in p or "employer.write" in p)
    # The user: their account, else the base's owner or a superuser (administrators), else
    # nobody the app knows (read only), as write_guard.server_actor decides.
    me = (
        "(SELECT coalesce(u.role, CASE WHEN session_user = (SELECT pg_get_userbyid(datdba) "
        "FROM pg_database WHERE datname = current_database()) OR coalesce((SELECT rolsuper "
        "FROM pg_roles WHERE rolname = session_user), false) THEN 'administrator' "
        "ELSE 'read_only' END) AS role, u.counsellor_id "
        "FROM (SELECT 1) AS one LEFT JOIN users u ON u.login = session_user AND u.active) AS me"
    )

    def sees(referent: str) -> str:
        return (
            f"(me.role = ANY({every}) OR (me.role = ANY({scoped}) AND ((SELECT value FROM "
            f"base_settings WHERE key = '{SENSITIVE_SCOPE_KEY}') IS DISTINCT FROM 'followed' "
            f"OR {referent} = me.counsellor_id)))"
        )

    bodies = {
        ("youths", "rqth"): f"SELECT y.rqth FROM youths y, {me} "
        f"WHERE y.id = row_id AND {sees('y.referent_id')}",
        ("interactions", "notes"): f"SELECT i.notes FROM interactions i "
        f"LEFT JOIN youths y ON y.id = i.youth_id, {me} WHERE i.id = row_id AND CASE "
        f"WHEN i.youth_id IS NULL THEN me.role = ANY({employer_log}) "
        f"ELSE {sees('y.referent_id')} END",
        ("follow_ups", "notes"): f"SELECT f.notes FROM follow_ups f "
        f"JOIN youths y ON y.id = f.youth_id, {me} "
        f"WHERE f.id = row_id AND {sees('y.referent_id')}",
    }
    assert set(bodies) == {(t, c) for t, cs in SENSITIVE_COLUMNS.items() for c in cs}
    for (table, column), body in bodies.items():
        kind = "boolean" if column == "rqth" else "text"
        run(
            f"CREATE OR REPLACE FUNCTION {function_name(table, column)}(row_id uuid) "
            f"RETURNS {kind} LANGUAGE sql {_HEADER} AS $$ {body} $$"
        )
    # The same rule for one referent, for whoever writes queries of their own.
    run(
        f"CREATE OR REPLACE FUNCTION essdesk_sees_sensitive(referent uuid) RETURNS boolean "
        f"LANGUAGE sql {_HEADER} AS $$ SELECT {sees('referent')} FROM {me} $$"
    )
    _guard_changes(connection)


def _guard_changes(connection: Connection) -> None:
    """A value one may not read, one may not change either (a counsellor's `UPDATE`).

    Writing a new note on anyone's file stays open (an interview with a young person one does
    not follow is still logged); changing a stored RQTH or note of theirs is refused, and so
    is taking them from their referent.
    """
    run = connection.exec_driver_sql
    run(
        f"""
        CREATE OR REPLACE FUNCTION essdesk_guard_sensitive() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE referent uuid;
        BEGIN
          IF TG_NARGS > 0 THEN  -- the referent: nested, OLD of other tables has none
            IF OLD.referent_id IS NULL THEN
              RETURN NEW;  -- a young person nobody follows may be taken
            END IF;
          END IF;
          IF TG_TABLE_NAME = 'youths' THEN
            referent := OLD.referent_id;
          ELSIF OLD.youth_id IS NULL THEN
            RETURN NEW;  -- the employers' log: the GRANTs and row-level security decide
          ELSE
            SELECT referent_id INTO referent FROM youths WHERE id = OLD.youth_id;
          END IF;
          IF NOT essdesk_sees_sensitive(referent) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
              MESSAGE = 'Accès refusé : {_REFUSAL}';
          END IF;
          RETURN NEW;
        END $$"""
    )
    for table, column, argument in GUARDED:
        run(
            f"CREATE OR REPLACE TRIGGER {guard_name(table, column)} BEFORE UPDATE OF "
            f"{column} ON {table} FOR EACH ROW WHEN (OLD.{column} IS DISTINCT FROM "
            f"NEW.{column}) EXECUTE FUNCTION essdesk_guard_sensitive({argument})"
        )


# The guarded columns, and the argument of their trigger: the referent of a young person a
# colleague follows is changed by an administrator only (services/sensitive.require_handover),
# or « followed only » would mean nothing.
GUARDED = (
    *((t, c, "") for t, columns in SENSITIVE_COLUMNS.items() for c in columns),
    ("youths", "referent_id", "'handover'"),
)


def guard_name(table: str, column: str) -> str:
    return f"essdesk_guard_{table}_{column}"
