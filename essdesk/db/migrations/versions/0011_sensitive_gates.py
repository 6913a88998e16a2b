"""PostgreSQL: the RQTH and the notes read through the server's per-row gate functions.

No table changes, and nothing to do on SQLite. On PostgreSQL the gate functions and the
column GRANTs are made by `pg_roles.apply_grants`, which runs after every migration to head
(from today's roles: the functions follow `domain.access`); this revision is what makes an
existing shared base run it once when this version opens it. Its downgrade gives the columns
back to the groups and drops the functions, as the version before expects.

Revision ID: 0011
Revises: 0010_privacy
Create Date: 2026-12-04
"""

from alembic import op

revision = "0011"
down_revision = "0010_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # see the docstring: apply_grants does the work after the migration


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # The version before reads the columns themselves: give them back to the groups that
    # read the rest of the table whole (created_at: never among the identity-only columns).
    groups = [
        g
        for (g,) in bind.exec_driver_sql(
            "SELECT rolname FROM pg_roles WHERE starts_with(rolname, 'essdesk_')"
        )
    ]
    for table, column in (("youths", "rqth"), ("interactions", "notes"), ("follow_ups", "notes")):
        for group in groups:
            reads = bind.exec_driver_sql(
                f"SELECT has_column_privilege('{group}', '{table}', 'created_at', 'SELECT')"
            ).scalar_one()
            if reads:
                op.execute(f"GRANT SELECT ({column}) ON {table} TO {group}")
        op.execute(f"DROP FUNCTION IF EXISTS essdesk_{table}_{column}(uuid)")
        op.execute(f"DROP TRIGGER IF EXISTS essdesk_guard_{table}_{column} ON {table}")
    for table, column in (
        ("youths", "referent_id"),
        ("interactions", "youth_id"),
        ("follow_ups", "youth_id"),
        ("youths", "id"),
        ("interactions", "id"),
        ("follow_ups", "id"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS essdesk_guard_{table}_{column} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS essdesk_guard_sensitive()")
    op.execute("DROP FUNCTION IF EXISTS essdesk_sees_youth(uuid)")
    op.execute("DROP FUNCTION IF EXISTS essdesk_sees_sensitive(uuid)")
