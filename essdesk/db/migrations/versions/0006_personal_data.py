"""Personal data: staff accounts, the append-only audit trail, retention policy, consent fields.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Adds `users`, `audit_entries`, `retention_policies` and, on `youths`, the information and
consent fields and `anonymised_at`. The trail is append-only: on SQLite, triggers refuse any
UPDATE or DELETE unless the purge unlocked its own connection; on PostgreSQL a trigger does the
same (the group roles' GRANTs are applied after every migration, see essdesk/db/pg_roles.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ROLES = ("administrator", "counsellor", "business_relations", "reception", "read_only")
REFUSAL = "Le journal d''audit ne se modifie pas et ne s''efface pas."


def _entity_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "users",
        *_entity_columns(),
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("display_name", sa.String(160), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("authorised_until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name=op.f("ck_users_role")
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellors.id"],
            name=op.f("fk_users_counsellor_id_counsellors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(63), nullable=False),
        sa.Column("workstation", sa.String(120), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(60), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=True),
        sa.Column("youth_id", sa.Uuid(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_at"), "audit_entries", ["at"])
    op.create_index(op.f("ix_audit_entries_record_id"), "audit_entries", ["record_id"])
    op.create_index(op.f("ix_audit_entries_youth_id"), "audit_entries", ["youth_id"])
    op.create_table(
        "retention_policies",
        *_entity_columns(),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("youth_age_limit", sa.Integer(), nullable=False),
        sa.Column("youth_extra_years", sa.Integer(), nullable=False),
        sa.Column("cej_years", sa.Integer(), nullable=False),
        sa.Column("programme_extra_months", sa.Integer(), nullable=False),
        sa.Column("staff_years", sa.Integer(), nullable=False),
        sa.Column("audit_years", sa.Integer(), nullable=False),
        sa.Column("warning_days", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_policies")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_retention_policies_valid_from")),
    )
    with op.batch_alter_table("youths") as batch:
        batch.add_column(sa.Column("information_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("information_form", sa.String(40), nullable=True))
        batch.add_column(sa.Column("photo_consent", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("newsletter_consent", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_context().dialect.name == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{operation.lower()} BEFORE {operation} "
                "ON audit_entries WHEN essdesk_audit_unlocked() IS NOT 1 "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION essdesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF coalesce(current_setting('essdesk.audit_unlocked', true), '') <> 'on' THEN "
            f"RAISE EXCEPTION '{REFUSAL}'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION essdesk_audit_append_only()"
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS essdesk_audit_append_only()")
    with op.batch_alter_table("youths") as batch:
        for name in (
            "anonymised_at",
            "newsletter_consent",
            "photo_consent",
            "information_form",
            "information_date",
        ):
            batch.drop_column(name)
    op.drop_table("retention_policies")
    op.drop_index(op.f("ix_audit_entries_youth_id"), table_name="audit_entries")
    op.drop_index(op.f("ix_audit_entries_record_id"), table_name="audit_entries")
    op.drop_index(op.f("ix_audit_entries_at"), table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_table("users")
