"""Local aid rates: the scheme rates an agency sets itself (the regional PEC rates), dated.

Revision ID: 0010_settings
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_settings"
down_revision = "0010_youths"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_aid_rates",
        sa.Column("scheme_code", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_aid_rates")),
        sa.UniqueConstraint(
            "scheme_code", "valid_from", name=op.f("uq_local_aid_rates_scheme_code")
        ),
    )


def downgrade() -> None:
    op.drop_table("local_aid_rates")
