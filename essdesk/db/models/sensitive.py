"""Columns of health data and notes: on PostgreSQL read through the server's own gate, per row.

The counsellors' group has no `SELECT` on these columns (`db/pg_sensitive.py`): the server
gives a value only through a function that decides, for the connected user, whether they may
see it (their role, the "followed only" setting, the young person's referent), so that the
rule holds for any tool that connects with their login. Every `SELECT` the application
emits names the function instead of the column, through the type's `column_expression`;
conditions and sort orders use `shown()`. On SQLite the expression is the column itself
(the services mask, there is no server between the user and the file).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Text
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Alias, TableClause
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator


class Shown(ColumnElement[Any]):
    """A sensitive column as the connected user may see it (None where they may not)."""

    inherit_cache = True
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("function", InternalTraversal.dp_string),
    ]

    def __init__(self, column: ColumnElement[Any], function: str) -> None:
        self.column = column
        self.function = function
        kind = column.type
        self.type = kind.impl_instance if isinstance(kind, TypeDecorator) else kind

    @property
    def _from_objects(self):
        return self.column._from_objects


@compiles(Shown)
def _as_stored(element: Shown, compiler, **kw) -> str:
    return compiler.process(element.column, **kw)


@compiles(Shown, "postgresql")
def _through_the_server(element: Shown, compiler, **kw) -> str:
    table = getattr(element.column, "table", None)
    base = table.element if isinstance(table, Alias) else table
    if not isinstance(base, TableClause) or "id" not in table.c:
        # A subquery's column: its « id » could be another table's (a join), and inside it
        # the raw column would be refused anyway. Select the column at the top, or shown().
        raise CompileError(
            f"{element.function} : valeur sensible lue dans une sous-requête, sans sa ligne."
        )
    key = table.c.id
    return f"{element.function}({compiler.process(key, **kw)})"


class _Sensitive(TypeDecorator):
    cache_ok = True

    def __init__(self, function: str) -> None:
        super().__init__()
        self.function = function

    def column_expression(self, column):
        return Shown(column, self.function)


class SensitiveFlag(_Sensitive):
    """A yes/no of health data (the RQTH)."""

    impl = Boolean
    cache_ok = True


class SensitiveText(_Sensitive):
    """A counsellor's free text about a young person (notes of an interview, of a follow-up)."""

    impl = Text
    cache_ok = True


def shown(column) -> ColumnElement[Any]:
    """The column as the user may see it, for a condition or a sort order."""
    return Shown(column, column.type.function)
