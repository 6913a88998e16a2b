"""PostgreSQL: the RQTH and the notes given per row by the server, as the app's rule decides.

Row-level security filters rows, not one column of some rows; hiding whole interviews would
hide their dates too. So the groups that read these tables get `SELECT` on every column but
these (`SENSITIVE_COLUMNS`), and each such column has a `SECURITY DEFINER` function,
`essdesk_<table>_<column>(id)`, that returns the value only to a user who may see it: the
rule of `domain.access.sees_sensitive`, with the scope the administrator set in
`base_settings`. The user is the connected login (`session_user`: the server checked its
password; inside a definer function `current_user` is the owner): the same login as
`write_guard.server_actor` reads, unless a session `SET ROLE`s, which only a member of the
other role can. The application's own `SELECT`s call these functions
(`db/models/sensitive.py`), so that it sees exactly what another tool would; triggers refuse
the writes that would reveal or take what is hidden.

The functions run as their owner: their names are resolved in `pg_catalog` only (tables
qualified with `public.`, values cast to `text`), so that nobody's operator or table can
stand in for the catalogue's.
"""

from __future__ import annotations

from sqlalchemy import Connection

from essdesk.domain.access import (
    ROLE_PERMISSIONS,
    SENSITIVE_COLUMNS,
    SENSITIVE_SCOPE_KEY,
    refusal,
)

# Definer functions resolve unqualified names in the catalogue only (pg_temp last, for tables).
_PATH = "SET search_path = pg_catalog, pg_temp"
_HEADER = f"STABLE SECURITY DEFINER {_PATH}"


def _roles(test) -> str:
    names = sorted(
        role for role, permissions in ROLE_PERMISSIONS.items() if test(role, permissions)
    )
    return "ARRAY[" + ", ".join(f"'{name}'" for name in names) + "]::text[]"


# The app's own refusal, as a SQL literal's text (its apostrophes doubled).
_REFUSAL = refusal("youth.sensitive").replace("'", "''")


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
        "(SELECT coalesce(u.role::text, CASE WHEN session_user = (SELECT pg_get_userbyid(datdba) "
        "FROM pg_database WHERE datname = current_database()) OR coalesce((SELECT rolsuper "
        "FROM pg_roles WHERE rolname = session_user), false) THEN 'administrator' "
        "ELSE 'read_only' END) AS role, u.counsellor_id FROM (SELECT 1) AS one "
        "LEFT JOIN public.users u ON u.login::text = session_user::text AND u.active) AS me"
    )

    def sees(referent: str) -> str:
        # Never NULL: a young person without a referent, or an account without a counsellor
        # record, is « not followed », not « unknown » (a NULL would let a trigger through).
        return (
            f"(me.role = ANY({every}) OR (me.role = ANY({scoped}) AND ((SELECT value::text "
            f"FROM public.base_settings WHERE key::text = '{SENSITIVE_SCOPE_KEY}'::text) IS "
            f"DISTINCT FROM 'followed'::text OR coalesce({referent} = me.counsellor_id, false))))"
        )

    bodies = {
        ("youths", "rqth"): f"SELECT y.rqth FROM public.youths y, {me} "
        f"WHERE y.id = row_id AND {sees('y.referent_id')}",
        ("interactions", "notes"): f"SELECT i.notes FROM public.interactions i "
        f"LEFT JOIN public.youths y ON y.id = i.youth_id, {me} WHERE i.id = row_id AND CASE "
        f"WHEN i.youth_id IS NULL THEN me.role = ANY({employer_log}) "
        f"ELSE {sees('y.referent_id')} END",
        ("follow_ups", "notes"): f"SELECT f.notes FROM public.follow_ups f "
        f"JOIN public.youths y ON y.id = f.youth_id, {me} "
        f"WHERE f.id = row_id AND {sees('y.referent_id')}",
    }
    assert set(bodies) == {(t, c) for t, cs in SENSITIVE_COLUMNS.items() for c in cs}
    for (table, column), body in bodies.items():
        kind = "boolean" if column == "rqth" else "text"
        run(
            f"CREATE OR REPLACE FUNCTION {function_name(table, column)}(row_id uuid) "
            f"RETURNS {kind} LANGUAGE sql {_HEADER} AS $$ {body} $$"
        )
    # The same rule for one referent (the triggers', and for whoever writes queries of their
    # own), and for one young person (NULL: the employers' log, not a young person's).
    run(
        f"CREATE OR REPLACE FUNCTION essdesk_sees_sensitive(referent uuid) RETURNS boolean "
        f"LANGUAGE sql {_HEADER} AS $$ SELECT {sees('referent')} FROM {me} $$"
    )
    run(
        f"CREATE OR REPLACE FUNCTION essdesk_sees_youth(youth uuid) RETURNS boolean "
        f"LANGUAGE sql {_HEADER} AS $$ SELECT youth IS NULL OR coalesce((SELECT "
        f"public.essdesk_sees_sensitive(y.referent_id) FROM public.youths y "
        f"WHERE y.id = youth), false) $$"
    )
    _guard_changes(connection)


def _guard_changes(connection: Connection) -> None:
    """What one may not read, one may not change, move, test, nor take (a counsellor's `UPDATE`).

    Writing a new note on anyone's file stays open (an interview with a young person one does
    not follow is still logged). Refused: any `UPDATE` that sets a hidden RQTH or note, even to
    the value it holds (whether it fails would tell that value); moving an interview or a
    follow-up from or to a young person whose notes one may not read (the notes would follow);
    taking a young person from the colleague who follows them.
    """
    run = connection.exec_driver_sql
    run(
        f"""
        CREATE OR REPLACE FUNCTION essdesk_guard_sensitive() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
        DECLARE allowed boolean;
        BEGIN
          -- Nested tests: a record of another table has no referent_id, and PL/pgSQL does
          -- not promise to stop at the first false of an AND.
          IF TG_ARGV[0] = 'rekey' THEN
            -- A new id for a colleague's young person, then one's own row under the old id,
            -- would hand over their notes: ids never change (the app never changes one).
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
              MESSAGE = 'Accès refusé : l''identifiant d''une fiche ne se modifie pas.';
          END IF;
          IF TG_ARGV[0] = 'handover' THEN
            IF OLD.referent_id IS NULL THEN
              RETURN NEW;  -- a young person nobody follows may be taken
            END IF;
            allowed := public.essdesk_sees_sensitive(OLD.referent_id);
          ELSIF TG_ARGV[0] = 'move' THEN
            allowed := public.essdesk_sees_youth(OLD.youth_id)
                       AND public.essdesk_sees_youth(NEW.youth_id);
          ELSIF TG_TABLE_NAME = 'youths' THEN
            allowed := public.essdesk_sees_sensitive(OLD.referent_id);
          ELSE
            allowed := public.essdesk_sees_youth(OLD.youth_id);
          END IF;
          IF NOT coalesce(allowed, false) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
              MESSAGE = '{_REFUSAL}';
          END IF;
          RETURN NEW;
        END $$"""
    )
    for table, column, argument in GUARDED:
        # The values: whenever the statement sets the column; the links: when they change.
        when = "" if argument == "value" else f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) "
        run(
            f"CREATE OR REPLACE TRIGGER {guard_name(table, column)} BEFORE UPDATE OF "
            f"{column} ON {table} FOR EACH ROW {when}"
            f"EXECUTE FUNCTION essdesk_guard_sensitive('{argument}')"
        )


# The guarded columns and what their trigger checks: the value itself; the young person a
# note belongs to; the referent of a young person (changed by an administrator only when a
# colleague follows them, services/sensitive.require_handover, or « followed only » would
# mean nothing); the ids these hang on.
GUARDED = (
    *((t, c, "value") for t, columns in SENSITIVE_COLUMNS.items() for c in columns),
    ("interactions", "youth_id", "move"),
    ("follow_ups", "youth_id", "move"),
    ("youths", "referent_id", "handover"),
    *((t, "id", "rekey") for t in SENSITIVE_COLUMNS),
)
GATE_FUNCTIONS = (
    *(f"{function_name(t, c)}(uuid)" for t, columns in SENSITIVE_COLUMNS.items() for c in columns),
    "essdesk_sees_sensitive(uuid)",
    "essdesk_sees_youth(uuid)",
)


def grant_execute(connection: Connection, groups: list[str]) -> None:
    """Only ESS Desk's groups call the gates (they check the user anyway: defence in depth)."""
    run = connection.exec_driver_sql
    for function in GATE_FUNCTIONS:
        run(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC")
        if groups:
            run(f"GRANT EXECUTE ON FUNCTION {function} TO {', '.join(groups)}")


def guard_name(table: str, column: str) -> str:
    return f"essdesk_guard_{table}_{column}"
