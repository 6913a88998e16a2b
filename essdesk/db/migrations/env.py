"""Alembic environment: always run from the app with an open connection, never from an ini file."""

from __future__ import annotations

from alembic import context

from essdesk.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded: offline SQL generation is not supported
    raise RuntimeError("Les migrations ESS Desk s'exécutent depuis l'application (essdesk check).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table (with foreign keys OFF).
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
