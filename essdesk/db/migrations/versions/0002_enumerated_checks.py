"""Check constraints on the enumerated columns of employers and youths.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

On SQLite this rebuilds `employers`, a parent table whose contacts cascade on delete: it must run
with foreign keys OFF (the migration runner does so), or every contact would be deleted.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copies of the code lists as they were at this revision: never import today's code here.
TERRITORIES = ("urban", "peri_urban", "rural")
PARTNERSHIP_STATUSES = ("none", "prospect", "partner", "former")
YOUTH_STATUSES = ("active", "in_job", "in_training", "exited")


def _one_of(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(code) for code in codes)})"


def upgrade() -> None:
    # Values typed before the constraint existed are brought into the lists, never dropped rows.
    op.execute(
        f"UPDATE employers SET territory = NULL WHERE NOT {_one_of('territory', TERRITORIES)}"
    )
    op.execute(
        "UPDATE employers SET partnership_status = 'none' "
        f"WHERE NOT {_one_of('partnership_status', PARTNERSHIP_STATUSES)}"
    )
    op.execute(f"UPDATE youths SET status = 'active' WHERE NOT {_one_of('status', YOUTH_STATUSES)}")
    op.execute(
        "UPDATE youths SET qualification_level_new = NULL "
        "WHERE qualification_level_new NOT BETWEEN 1 AND 8"
    )
    with op.batch_alter_table("employers") as batch:
        batch.create_check_constraint("territory", _one_of("territory", TERRITORIES))
        batch.create_check_constraint(
            "partnership_status", _one_of("partnership_status", PARTNERSHIP_STATUSES)
        )
    with op.batch_alter_table("youths") as batch:
        batch.create_check_constraint("status", _one_of("status", YOUTH_STATUSES))
        batch.create_check_constraint(
            "qualification_level_new", "qualification_level_new BETWEEN 1 AND 8"
        )


def downgrade() -> None:
    with op.batch_alter_table("youths") as batch:
        batch.drop_constraint("ck_youths_qualification_level_new", type_="check")
        batch.drop_constraint("ck_youths_status", type_="check")
    with op.batch_alter_table("employers") as batch:
        batch.drop_constraint("ck_employers_partnership_status", type_="check")
        batch.drop_constraint("ck_employers_territory", type_="check")
