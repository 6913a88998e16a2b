"""PostgreSQL group roles, GRANTs and row-level security matching the app's permissions."""

from __future__ import annotations

from sqlalchemy import Connection, inspect

from essdesk.db.pg_sensitive import create_functions, grant_execute
from essdesk.domain.access import (
    GROUP_ROLES,
    ROLE_PERMISSIONS,
    SENSITIVE_COLUMNS,
    TABLE_ACCESS,
    YOUTH_IDENTITY_COLUMNS,
)

ADMIN_GROUP = GROUP_ROLES["administrator"]


def apply_grants(connection: Connection) -> None:
    """Create the group roles if needed and grant each exactly what its role may do.

    Run after every migration, so that a new table is granted as soon as it exists; tables
    the access map does not know stay the administrator's alone.
    """
    run = connection.exec_driver_sql
    # The application reads the sensitive columns through these, whoever connects.
    create_functions(connection)
    existing = {
        name
        for (name,) in run("SELECT rolname FROM pg_roles WHERE starts_with(rolname, 'essdesk_')")
    }
    may_create = run(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).scalar_one()
    for group in GROUP_ROLES.values():
        # Roles belong to the whole server (several bases may share it): created once, by a
        # role allowed to; a base migrated by a plain owner grants to the groups that exist.
        if group not in existing and may_create:
            run(f"CREATE ROLE {group} NOLOGIN")
            existing.add(group)
    groups = {role: group for role, group in GROUP_ROLES.items() if group in existing}
    # Bases made before PostgreSQL 15 let every login create objects in `public` (a trap for
    # code running as another role): only the owner creates there.
    run("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    grant_execute(connection, list(groups.values()))
    if not groups:
        return
    run(f"GRANT USAGE ON SCHEMA public TO {', '.join(groups.values())}")
    tables = [t for t in inspect(connection).get_table_names() if t != "audit_entries"]
    for role, group in groups.items():
        permissions = ROLE_PERMISSIONS[role]
        for table in tables:
            run(f'REVOKE ALL ON "{table}" FROM {group}')
            read, write = TABLE_ACCESS.get(table, ("settings", "settings"))
            if role == "administrator":
                run(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO {group}')
                continue
            if read is None or read in permissions:
                columns = _readable_columns(connection, table)
                run(f'GRANT SELECT {columns} ON "{table}" TO {group}')
            elif table == "youths" and "youth.identity" in permissions:
                run(f"GRANT SELECT ({', '.join(YOUTH_IDENTITY_COLUMNS)}) ON youths TO {group}")
            if write in permissions:
                run(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {group}')
    _protect_audit(connection, groups)
    if "search_terms" in tables and "interactions" in tables:
        _share_by_rows(connection, groups)


def _share_by_rows(connection: Connection, groups: dict[str, str]) -> None:
    """Tables a role may reach only in part: row-level security draws the line.

    The folded words of the offers, employers and contacts serve every search, those of the
    young people only roles who may see identities; the employers' log is kept by the business
    relations role too, the young people's log only by those who may read youth files.
    """
    run = connection.exec_driver_sql
    rules = (
        ("search_terms", "youth.identity", "kind <> 'youth'", "SELECT", "employer.read"),
        ("interactions", "youth.file", "youth_id IS NULL", "ALL", "employer.write"),
    )
    for table, whole, part, verbs, partial_permission in rules:
        full = [
            g for r, g in groups.items() if r == "administrator" or whole in ROLE_PERMISSIONS[r]
        ]
        partial = [
            g
            for r, g in groups.items()
            if g not in full and partial_permission in ROLE_PERMISSIONS[r]
        ]
        run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name in (f"{table}_whole", f"{table}_part"):
            run(f"DROP POLICY IF EXISTS {name} ON {table}")
        if full:
            run(f"CREATE POLICY {table}_whole ON {table} TO {', '.join(full)} USING (true)")
        if partial:
            targets = ", ".join(partial)
            grant = "SELECT, INSERT, UPDATE, DELETE" if verbs == "ALL" else verbs
            run(f"GRANT {grant} ON {table} TO {targets}")
            check = f" WITH CHECK ({part})" if verbs == "ALL" else ""
            run(
                f"CREATE POLICY {table}_part ON {table} FOR {verbs} TO {targets} "
                f"USING ({part}){check}"
            )


def _readable_columns(connection: Connection, table: str) -> str:
    # Password hashes are for the administrator's eyes only (the server checks passwords);
    # the RQTH and the notes are given per row by the gate functions (db/pg_sensitive.py).
    hidden = {"users": ("password_hash",), **SENSITIVE_COLUMNS}.get(table)
    if hidden is None:
        return ""
    names = [c["name"] for c in inspect(connection).get_columns(table)]
    return "(" + ", ".join(f'"{n}"' for n in names if n not in hidden) + ")"


def _protect_audit(connection: Connection, groups: dict[str, str]) -> None:
    """Everyone appends in their own name; each reads their own entries, the admin all."""
    run = connection.exec_driver_sql
    everyone = ", ".join(groups.values())
    run(f"REVOKE ALL ON audit_entries FROM {everyone}")
    run(f"GRANT SELECT, INSERT ON audit_entries TO {everyone}")
    if ADMIN_GROUP in groups.values():
        run(f"GRANT UPDATE, DELETE ON audit_entries TO {ADMIN_GROUP}")  # the purge, trigger-gated
    run("ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY")
    admin = f"pg_has_role(current_user, '{ADMIN_GROUP}', 'MEMBER')"
    for name, clause in (
        ("audit_append", "FOR INSERT WITH CHECK (actor = current_user)"),
        ("audit_read", f"FOR SELECT USING (actor = current_user OR {admin})"),
        ("audit_purge_update", f"FOR UPDATE USING ({admin})"),
        ("audit_purge_delete", f"FOR DELETE USING ({admin})"),
    ):
        run(f"DROP POLICY IF EXISTS {name} ON audit_entries")
        run(f"CREATE POLICY {name} ON audit_entries {clause}")
