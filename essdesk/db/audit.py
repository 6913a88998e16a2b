"""The audit trail, written by session events in the transaction of every change."""

from __future__ import annotations

import datetime as dt
import json
import socket
import uuid
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, select
from sqlalchemy.orm import Session, attributes, sessionmaker

from essdesk.db.models.base import utcnow
from essdesk.db.models.privacy import AuditEntry
from essdesk.domain.access import Actor

AUDIT_TABLE = AuditEntry.__table__
# Never copied into the trail, even as "old value": a hash is a secret too.
SECRET_COLUMNS = frozenset({"password_hash"})
# Bookkeeping columns whose change says nothing about the person, keys derived from the
# other columns (their change is already traced through the column they come from), and the
# failed-login counters (each attempt is its own `login`/`login_failed` entry).
QUIET_COLUMNS = frozenset(
    {
        "version", "updated_at", "created_at", "match_key", "search_terms", "sort_key",
        "failed_attempts", "last_failed_at",
    }
)  # fmt: skip
# The trail itself, and derived rows (folded search words) rewritten with the record they
# come from: that record's change is traced already.
NOT_TRACED = frozenset({"audit_entries", "alembic_version", "search_terms"})
# Set on a connection's info by the purge alone: the SQLite triggers (and the PostgreSQL
# trigger, through a transaction-local setting) refuse any UPDATE or DELETE of the trail else.
UNLOCK_KEY = "essdesk_audit_unlocked"
UNLOCK_FUNCTION = "essdesk_audit_unlocked"

Who = Callable[[], Actor | None]


@lru_cache(maxsize=1)
def workstation() -> str:
    return socket.gethostname()[:120] or "poste inconnu"


def install(db, *factories: sessionmaker) -> None:
    """Trace the writes of `db`'s sessions in the name of `db.actor`; lock the trail on SQLite."""
    for factory in factories:
        trace_changes(factory, lambda: db.actor)
    if db.engine.dialect.name == "sqlite":
        allow_sqlite_unlock(db.engine)


def trace_changes(factory: sessionmaker, who: Who) -> None:
    """Trace every insert, update and delete made through sessions of `factory`."""
    event.listen(factory, "after_flush", lambda session, _context: _after_flush(session, who))
    event.listen(factory, "do_orm_execute", lambda state: _bulk_statement(state, who))


def allow_sqlite_unlock(engine: Engine) -> None:
    """Register on each SQLite connection the function the append-only triggers ask."""

    @event.listens_for(engine, "connect")
    def _register(dbapi_connection, record) -> None:
        info = record.info
        dbapi_connection.create_function(
            UNLOCK_FUNCTION, 0, lambda: 1 if info.get(UNLOCK_KEY) else 0
        )


def entry(
    actor: Actor | None,
    action: str,
    entity: str,
    record_id: Any = None,
    *,
    youth_id: uuid.UUID | None = None,
    changes: dict | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """One row of `audit_entries`, ready to insert."""
    return {
        "id": uuid.uuid4(),
        "at": utcnow(),
        "actor": actor.login if actor else None,
        "workstation": workstation(),
        "action": action,
        "entity": entity,
        "record_id": None if record_id is None else str(record_id),
        "youth_id": youth_id,
        "changes": changes,
        "detail": detail,
    }


def write(connection: Connection | Session, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if rows:
        target = connection.connection() if isinstance(connection, Session) else connection
        if any(row["actor"] is None for row in rows):
            # Nobody logged in through the app: on a server, the login role is who it is (the
            # row-level security checks it); a local base without accounts has its local user.
            fallback = (
                "local"
                if target.dialect.name == "sqlite"
                else target.exec_driver_sql("SELECT current_user").scalar_one()
            )
            for row in rows:
                row["actor"] = row["actor"] or fallback
        target.execute(AUDIT_TABLE.insert(), rows)


def _plain(value: Any) -> Any:
    """A JSON-storable form of a column value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dict | list | tuple):
        return json.loads(json.dumps(value, default=str))
    return str(value)  # Decimal, UUID…


def _youth_of(table_name: str, values: dict[str, Any] | Any) -> uuid.UUID | None:
    get = values.get if isinstance(values, dict) else lambda key: getattr(values, key, None)
    found = get("id") if table_name == "youths" else get("youth_id")
    return found if isinstance(found, uuid.UUID) else None


def _after_flush(session: Session, who: Who) -> None:
    actor = who()
    rows = []
    for obj in session.new:
        table = inspect(obj).mapper.local_table.name
        if table in NOT_TRACED:
            continue
        fields = sorted(
            column.key
            for column in inspect(obj).mapper.column_attrs
            if column.key not in QUIET_COLUMNS and getattr(obj, column.key) is not None
        )
        rows.append(
            entry(
                actor,
                "insert",
                table,
                obj.id,
                youth_id=_youth_of(table, obj),
                changes={"champs": fields},
            )
        )
    for obj in session.dirty:
        state = inspect(obj)
        table = state.mapper.local_table.name
        if table in NOT_TRACED or state.deleted:
            continue
        changes = {}
        for column in state.mapper.column_attrs:
            if column.key in QUIET_COLUMNS:
                continue
            history = attributes.get_history(
                obj, column.key, passive=attributes.PASSIVE_NO_INITIALIZE
            )
            if not history.added:
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0]
            if old == new:
                continue
            secret = column.key in SECRET_COLUMNS
            changes[column.key] = {
                "avant": "***" if secret else _plain(old),
                "après": "***" if secret else _plain(new),
            }
        if changes:
            rows.append(
                entry(
                    actor, "update", table, obj.id, youth_id=_youth_of(table, obj), changes=changes
                )
            )
    for obj in session.deleted:
        table = inspect(obj).mapper.local_table.name
        if table not in NOT_TRACED:
            rows.append(entry(actor, "delete", table, obj.id, youth_id=_youth_of(table, obj)))
    write(session, rows)


def _bulk_statement(state, who: Who) -> None:
    """Core INSERT / UPDATE / DELETE run through a session: one entry per affected row."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name is None or name in NOT_TRACED:
        return
    actor = who()
    if state.is_insert:
        params = state.parameters
        batch = params if isinstance(params, list) else [params or {}]
        fields = sorted(k for k in batch[0] if k not in QUIET_COLUMNS) if batch else []
        # One entry per batch listing the ids (the person's history finds its own id there):
        # an entry per row would nearly double the time of an import of young people.
        ids = [str(row["id"]) for row in batch if row.get("id") is not None]
        rows = [entry(actor, "insert", name, changes={"champs": fields, "ids": ids})]
    else:
        # The ids are read before the statement runs, in the same transaction.
        where = state.statement.whereclause
        query = select(table.c.id) if where is None else select(table.c.id).where(where)
        ids = state.session.connection().execute(query).scalars().all()
        values = getattr(state.statement, "_values", None) or {}
        fields = sorted(getattr(key, "key", str(key)) for key in values)
        action = "update" if state.is_update else "delete"
        rows = [
            entry(actor, action, name, record_id, changes={"champs": fields} if fields else None)
            for record_id in ids
        ]
    write(state.session, rows)
