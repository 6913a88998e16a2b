"""Placements under schemes: renewals, overrides, facts to complete, trainings, SMIC rates.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01

Adds to `placements` the actual end and its reason, the facts the rules ask for (agreement to
part time, prescriber's waiver, aid extension to finish a training), the written justification
of a placement saved although it breaks rules and which rules, the facts left to complete, the
employer's commitments and the qualification targeted. `placement_renewals` dates each renewal.
Trainings now belong to a young person (filled from their placement), a placement being
optional, with their kind, cost, RNCP code and the commitment they meet. Follow-ups say which
milestone they meet and, for the calendar, their time and length. `smic_rates` keeps the SMIC
rates the user adds to the shipped table. `placements` is a parent table: only columns are
added to it (their server defaults fill the existing rows), so it is never rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("placements") as batch:
        batch.add_column(sa.Column("actual_end_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("part_time_agreement", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("search_waiver", sa.Boolean(), nullable=True))
        batch.add_column(
            sa.Column(
                "aid_extension_for_training",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
        batch.add_column(sa.Column("override_justification", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("overridden_rules", sa.JSON(), nullable=False, server_default="[]")
        )
        batch.add_column(sa.Column("to_complete", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("commitments", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("qualification_target", sa.String(length=200), nullable=True))
        batch.create_index("ix_placements_end_date", ["end_date"], unique=False)
    op.create_table(
        "placement_renewals",
        sa.Column("placement_id", sa.Uuid(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("aid_end", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placements.id"],
            name=op.f("fk_placement_renewals_placement_id_placements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement_renewals")),
    )
    with op.batch_alter_table("placement_renewals") as batch:
        batch.create_index("ix_placement_renewals_placement_id", ["placement_id"], unique=False)

    op.create_table(
        "smic_rates",
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("hourly", sa.Numeric(precision=6, scale=3), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smic_rates")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_smic_rates_valid_from")),
    )

    with op.batch_alter_table("trainings") as batch:
        batch.add_column(sa.Column("youth_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("cost", sa.Numeric(precision=10, scale=2), nullable=True))
        batch.add_column(sa.Column("rncp_code", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("commitment", sa.String(length=200), nullable=True))
    op.execute(
        "UPDATE trainings SET youth_id = "
        "(SELECT placements.youth_id FROM placements WHERE placements.id = trainings.placement_id)"
    )
    # trainings has no children: rebuilding it on SQLite cascades nothing.
    with op.batch_alter_table("trainings") as batch:
        batch.alter_column("youth_id", existing_type=sa.Uuid(), nullable=False)
        batch.alter_column("placement_id", existing_type=sa.Uuid(), nullable=True)
        batch.create_foreign_key(
            "fk_trainings_youth_id_youths", "youths", ["youth_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_trainings_youth_id", ["youth_id"], unique=False)

    with op.batch_alter_table("follow_ups") as batch:
        batch.add_column(sa.Column("milestone_code", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
        batch.create_index("ix_follow_ups_placement_id", ["placement_id"], unique=False)
        batch.create_index("ix_follow_ups_counsellor_id", ["counsellor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_ups") as batch:
        batch.drop_index("ix_follow_ups_counsellor_id")
        batch.drop_index("ix_follow_ups_placement_id")
        batch.drop_column("duration_minutes")
        batch.drop_column("start_time")
        batch.drop_column("milestone_code")
    # Trainings without a placement cannot go back to a schema where one is required.
    op.execute("DELETE FROM trainings WHERE placement_id IS NULL")
    with op.batch_alter_table("trainings") as batch:
        batch.drop_index("ix_trainings_youth_id")
        batch.drop_constraint("fk_trainings_youth_id_youths", type_="foreignkey")
        batch.alter_column("placement_id", existing_type=sa.Uuid(), nullable=False)
        batch.drop_column("commitment")
        batch.drop_column("rncp_code")
        batch.drop_column("cost")
        batch.drop_column("kind")
        batch.drop_column("youth_id")
    op.drop_table("smic_rates")
    with op.batch_alter_table("placement_renewals") as batch:
        batch.drop_index("ix_placement_renewals_placement_id")
    op.drop_table("placement_renewals")
    with op.batch_alter_table("placements") as batch:
        batch.drop_index("ix_placements_end_date")
        for name in (
            "qualification_target",
            "commitments",
            "to_complete",
            "overridden_rules",
            "override_justification",
            "aid_extension_for_training",
            "search_waiver",
            "part_time_agreement",
            "end_reason",
            "actual_end_date",
        ):
            batch.drop_column(name)
