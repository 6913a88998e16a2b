"""Live mode columns: the speed meeting's next round and a late young person's arrival round.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Existing speed meetings resume at round 1; nobody is marked as arriving late. The upgrade only
adds columns; the downgrade rebuilds `speed_meetings`, a parent table whose children cascade on
delete, so it must run with foreign keys OFF like every migration of the runner.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The server default fills the existing rows, which a NOT NULL column requires.
    with op.batch_alter_table("speed_meetings") as batch:
        batch.add_column(
            sa.Column("current_round", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("speed_meeting_candidates") as batch:
        batch.add_column(sa.Column("arrival_round", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("speed_meeting_candidates") as batch:
        batch.drop_column("arrival_round")
    with op.batch_alter_table("speed_meetings") as batch:
        batch.drop_column("current_round")
