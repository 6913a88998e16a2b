"""Settings of the structure kept in the base: who among the counsellors sees the RQTH and notes.

Revision ID: 0010_privacy
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_privacy"
down_revision = "0010_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "base_settings",
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_base_settings")),
        sa.UniqueConstraint("key", name=op.f("uq_base_settings_key")),
    )


def downgrade() -> None:
    op.drop_table("base_settings")
