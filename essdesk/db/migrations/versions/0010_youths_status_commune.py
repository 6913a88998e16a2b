"""Young people: the status « en veille », and an index on the commune for the list's filter.

Revision ID: 0010_youths
Revises: 0009
Create Date: 2026-12-02

On SQLite the check constraint is changed by rebuilding `youths`, a parent table whose
situations, interactions and positionings cascade on delete: it runs with foreign keys OFF
(the migration runner does so), as 0002 did.
"""

from alembic import op

revision = "0010_youths"
down_revision = "0009"
branch_labels = None
depends_on = None

# Frozen copies of the code lists as they are at this revision: never import today's code here.
BEFORE = ("active", "in_job", "in_training", "exited")
AFTER = ("active", "dormant", "in_job", "in_training", "exited")


def _one_of(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(code) for code in codes)})"


def upgrade() -> None:
    with op.batch_alter_table("youths") as batch:
        batch.drop_constraint(op.f("ck_youths_status"), type_="check")
        batch.create_check_constraint("status", _one_of("status", AFTER))
        batch.create_index("ix_youths_commune", ["commune"], unique=False)


def downgrade() -> None:
    op.execute("UPDATE youths SET status = 'active' WHERE status = 'dormant'")
    with op.batch_alter_table("youths") as batch:
        batch.drop_index("ix_youths_commune")
        batch.drop_constraint(op.f("ck_youths_status"), type_="check")
        batch.create_check_constraint("status", _one_of("status", BEFORE))
