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
from essdesk.domain.catalogue import CATALOGUES
from essdesk.domain.french import format_datetime
from essdesk.exchange.writers import write_table
from essdesk.services import access

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
# The tables and columns the trail names, in the words of the screens (the rest stays as is).
TABLES = {
    "youths": "jeunes", "employers": "employeurs", "contacts": "contacts", "offers": "offres",
    "applications": "mises en relation", "placements": "contrats", "trainings": "formations",
    "follow_ups": "suivis", "counsellors": "conseillers", "events": "événements",
    "event_sessions": "sessions d'événement", "attendances": "présences",
    "partnerships": "partenariats", "memberships": "adhésions", "mentorships": "parrainages",
    "speed_meetings": "speed meetings", "users": "utilisateurs", "communes": "communes",
}  # fmt: skip
COLUMNS = {
    "id": "identifiant", "version": "version", "active": "actif", "archived": "archivé",
    "name": "nom", "first_name": "prénom", "last_name": "nom", "email": "courriel",
    "phone": "téléphone", "role": "rôle", "address": "adresse", "employer_id": "employeur",
    "youth_id": "jeune", "offer_id": "offre", "is_tutor": "tuteur", "notes": "notes",
    "created_at": "créé le", "updated_at": "modifié le", "status": "état",
    "start_date": "début", "end_date": "fin", "title": "intitulé",
    "qualification_level_new": "niveau de formation", "qualification_level_old": "ancien niveau",
    "referent_id": "référent",
}  # fmt: skip


def column_label(entity: str, name: str) -> str:
    """A column as the screens name it: the record's declared label, else a common word."""
    catalogue = next((c for c in CATALOGUES.values() if c.kind.value == entity), None)
    if catalogue is not None and name in catalogue.by_name():
        label = catalogue.field(name).label
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]  # SIRET stays
    return COLUMNS.get(name, name)


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


def _changes_text(changes: dict | None, entity: str = "") -> str:
    if not changes:
        return ""
    if set(changes) <= {"champs", "ids"}:
        text = ", ".join(column_label(entity, name) for name in changes.get("champs", []))
        ids = changes.get("ids")
        return f"{text} ({len(ids)} fiche(s))" if ids else text
    return "; ".join(
        f"{column_label(entity, name)} : {json.dumps(values.get('avant'), ensure_ascii=False)} → "
        f"{json.dumps(values.get('après'), ensure_ascii=False)}"
        for name, values in changes.items()
        if isinstance(values, dict)
    )


def entry_row(entry: m.AuditEntry) -> list[Any]:
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return [
        format_datetime(at.astimezone()),
        entry.actor,
        entry.workstation,
        ACTIONS.get(entry.action, entry.action),
        TABLES.get(entry.entity, entry.entity),
        entry.record_id or "",
        str(entry.youth_id) if entry.youth_id else "",
        _changes_text(entry.changes, entry.entity),
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
    with db.session() as session:
        return [entry_row(e) for e in session.scalars(AuditFilter(youth_id=youth_id).query())]


def export_audit(db: Database, path: str | Path, where: AuditFilter = AuditFilter()) -> int:
    """The trail (or the part `where` selects) to a CSV or XLSX file; the export is traced."""
    actor = access.require(db, "audit.read", "audit_entries")

    def rows(session) -> Iterator[list[Any]]:
        result = session.scalars(where.query().execution_options(yield_per=_STREAM))
        for entry in result:
            yield entry_row(entry)

    with db.session() as session:
        count = write_table(path, HEADERS, rows(session))
    access.trace_now(db, actor, "export", "audit_entries", detail=f"{count} entrée(s)")
    return count
