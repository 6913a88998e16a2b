"""The sensitive columns' SQL: through the server's gate on PostgreSQL, the plain column on SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import CompileError
from sqlalchemy.orm import aliased

from essdesk.db import models as m
from essdesk.db.models.sensitive import shown
from essdesk.domain.access import SENSITIVE_COLUMNS

MODELS = {"youths": m.Youth, "interactions": m.Interaction, "follow_ups": m.FollowUp}


def _sql(statement, dialect) -> str:
    return str(statement.compile(dialect=dialect.dialect()))


@pytest.mark.parametrize(
    ("table", "column"), [(t, c) for t, cs in SENSITIVE_COLUMNS.items() for c in cs]
)
def test_every_select_of_a_sensitive_column_names_the_gate(table, column):
    model, gate = MODELS[table], f"essdesk_{table}_{column}"
    for statement in (select(model), select(getattr(model, column)), select(model.__table__)):
        assert f"{gate}({table}.id) AS {column}" in _sql(statement, postgresql)
        assert gate not in _sql(statement, sqlite)
    other = aliased(model)
    assert f"{gate}({table}_1.id)" in _sql(select(other), postgresql)
    condition = select(model.id).where(shown(getattr(model, column)).is_not(None))
    assert f"WHERE {gate}({table}.id) IS NOT NULL" in _sql(condition, postgresql)
    assert f"WHERE {table}.{column} IS NOT NULL" in _sql(condition, sqlite)


def test_a_sensitive_column_out_of_a_subquery_is_refused_on_postgresql():
    # Its « id » could be another table's, and inside the subquery the raw column is refused.
    inner = select(m.Interaction.id, m.Interaction.notes).subquery()
    with pytest.raises(CompileError, match="sous-requête"):
        _sql(select(inner.c.notes), postgresql)
    assert "anon_1.notes" in _sql(select(inner.c.notes), sqlite)
