"""Reading the audit trail: filtered pages for the administrator, a CSV export, a record's history."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, and_, cast, or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.access import SENSITIVE_COLUMNS
from essdesk.domain.french import format_count, format_datetime
from essdesk.exchange.writers import write_table
from essdesk.services import access, sensitive
from essdesk.services.audit_words import choices_of, field_word, table_name

ACTIONS = {
    "insert": "création",
    "update": "modification",
    "delete": "suppression",
    "import": "import",
    "export": "export",
    "merge": "fusion",
    "purge": "anonymisation",
    "erase": "effacement sur demande",
    "report": "document édité",
    "refused": "accès refusé",
    "login": "connexion",
    "login_failed": "connexion refusée",
}
HEADERS = ["Date", "Utilisateur", "Poste", "Action", "Table", "Fiche", "Jeune", "Champs", "Détail"]
_STREAM = 1000


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None  # inclusive
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    youth_id: uuid.UUID | None = None

    def query(self) -> Select:
        query = select(m.AuditEntry)
        if self.start:
            query = query.where(m.AuditEntry.at >= datetime.combine(self.start, time(), UTC))
        if self.end:
            end = datetime.combine(self.end + timedelta(days=1), time(), UTC)
            query = query.where(m.AuditEntry.at < end)
        for column, value in (
            (m.AuditEntry.actor, self.actor),
            (m.AuditEntry.action, self.action),
            (m.AuditEntry.entity, self.entity),
        ):
            if value:
                query = query.where(column == value)
        if self.youth_id:
            # Bulk inserts (imports) are one entry per batch listing the ids, record_id empty.
            query = query.where(
                or_(
                    m.AuditEntry.youth_id == self.youth_id,
                    m.AuditEntry.record_id == str(self.youth_id),
                    and_(
                        m.AuditEntry.record_id.is_(None),
                        cast(m.AuditEntry.changes, String).contains(str(self.youth_id)),
                    ),
                )
            )
        return query.order_by(m.AuditEntry.at, m.AuditEntry.id)


def _changes_text(changes: dict | None, entity: str = "", *, masked: bool = False) -> str:
    """`masked`: the RQTH and notes of the change shown as « (réservé) » (« followed only »)."""
    if not changes:
        return ""
    if set(changes) <= {"champs", "ids"}:
        text = ", ".join(field_word(entity, name) for name in changes.get("champs", []))
        ids = changes.get("ids")
        return f"{text} ({format_count(len(ids), 'fiche')})" if ids else text
    hidden = set(SENSITIVE_COLUMNS.get(entity, ())) if masked else set()

    def shown(name: str, value: Any) -> str:
        return RESERVED if name in hidden else _value(entity, name, value)

    return "; ".join(
        f"{field_word(entity, name)} : {shown(name, values.get('avant'))} → "
        f"{shown(name, values.get('après'))}"
        for name, values in changes.items()
        if isinstance(values, dict)
    )


def _value(entity: str, column: str, value: Any) -> str:
    """A value of the trail, quoted as stored; a code in its French words (« En emploi »).

    Links stay ids: the trail and its exports name nobody (a young person's name would
    survive the purge in every exported copy).
    """
    choices = choices_of(entity, column)
    if choices and isinstance(value, str | int) and not isinstance(value, bool):
        value = choices.get(value, value)
    return json.dumps(value, ensure_ascii=False)


RESERVED = "(réservé au référent du jeune)"


def entry_row(entry: m.AuditEntry, *, masked: bool = False) -> list[Any]:
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return [
        format_datetime(at.astimezone()),
        entry.actor,
        entry.workstation,
        ACTIONS.get(entry.action, entry.action),
        table_name(entry.entity),
        entry.record_id or "",
        str(entry.youth_id) if entry.youth_id else "",
        _changes_text(entry.changes, entry.entity, masked=masked),
        entry.detail or "",
    ]


def entries(db: Database, where: AuditFilter, *, offset: int = 0, limit: int = 200) -> list[list]:
    """One page of the trail for the administrator's viewer (display-ready rows)."""
    access.require(db, "audit.read", "audit_entries")
    with db.session() as session:
        page = session.scalars(where.query().offset(offset).limit(limit)).all()
        return [entry_row(e) for e in page]


def record_history(db: Database, youth_id: uuid.UUID) -> list[list]:
    """Everything the trail holds about one young person's file, oldest first."""
    access.require(db, "youth.file", "youths", youth_id)
    # The RQTH and the notes changed in the file: for whoever may see them (not read only).
    rights = sensitive.current(db)
    masked = not rights.allows(None if rights.sees_all else sensitive.referent_of(db, youth_id))
    with db.session() as session:
        query = AuditFilter(youth_id=youth_id).query()
        return [entry_row(e, masked=masked) for e in session.scalars(query)]


def export_audit(db: Database, path: str | Path, where: AuditFilter = AuditFilter()) -> int:
    """The trail (or the part `where` selects) to a CSV or XLSX file; the export is traced."""
    actor = access.require(db, "audit.read", "audit_entries")

    def rows(session) -> Iterator[list[Any]]:
        result = session.scalars(where.query().execution_options(yield_per=_STREAM))
        for entry in result:
            yield entry_row(entry)

    with db.session() as session:
        count = write_table(path, HEADERS, rows(session))
    access.trace_now(db, actor, "export", "audit_entries", detail=format_count(count, "entrée"))
    return count
