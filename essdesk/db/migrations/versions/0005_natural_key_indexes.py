"""Natural keys held by the database: a folded `match_key` with a unique index.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01

Youths (folded last name, first name, birth date), contacts (employer + folded name) and offers
(employer + folded title + publication date) get a `match_key` column filled from their rows
and a unique index on it, so that two imports at once can no longer create the same person
twice. Rows that are already duplicates are never merged nor dropped: the oldest keeps the
plain key, each later one gets its key followed by « |doublon-<id> » so that the index can be
built; `essdesk check` lists those rows for a counsellor to merge by hand.
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

DUPLICATE_MARK = "|doublon-"
# Frozen copy of the folding of this revision (domain.text.squash): never import today's code.
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


def _squash(text):
    folded = (text or "").casefold()
    for ligature, letters in LIGATURES.items():
        folded = folded.replace(ligature, letters)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isalnum())


def _day(value):
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


TABLES = {
    # table: (columns read, key of a row, columns of the unique index)
    "youths": (
        ("last_name", "first_name", "birth_date"),
        lambda r: f"{_squash(r[0])}|{_squash(r[1])}|{_day(r[2])}",
        ("match_key",),
    ),
    "contacts": (
        ("last_name", "first_name", "employer_id"),
        lambda r: f"{_squash(r[0])}|{_squash(r[1])}",
        ("employer_id", "match_key"),
    ),
    "offers": (
        ("title", "publication_date", "employer_id"),
        lambda r: f"{_squash(r[0])}|{_day(r[1])}",
        ("employer_id", "match_key"),
    ),
}
INDEX_NAMES = {
    "youths": "ux_youths_match_key",
    "contacts": "ux_contacts_employer_match_key",
    "offers": "ux_offers_employer_match_key",
}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (columns, key_of, index_columns) in TABLES.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("match_key", sa.String(400), nullable=True))
        _fill_keys(connection, table, columns, key_of, scoped=len(index_columns) == 2)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("match_key", existing_type=sa.String(400), nullable=False)
            batch.create_index(INDEX_NAMES[table], list(index_columns), unique=True)


def _fill_keys(connection, table, columns, key_of, *, scoped) -> None:
    rows = connection.execute(
        sa.text(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY created_at, id")
    ).fetchall()
    seen = set()
    updates = []
    for row in rows:
        key = key_of(row[1:])
        scope = (row[3], key) if scoped else key
        if scope in seen:
            key = f"{key}{DUPLICATE_MARK}{row[0]}"
        else:
            seen.add(scope)
        updates.append({"id": row[0], "key": key})
    statement = sa.text(f"UPDATE {table} SET match_key = :key WHERE id = :id")
    for start in range(0, len(updates), 2000):
        connection.execute(statement, updates[start : start + 2000])


def downgrade() -> None:
    for table in ("offers", "contacts", "youths"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(INDEX_NAMES[table])
            batch.drop_column("match_key")
