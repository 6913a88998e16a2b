"""The person's right of access: everything held about one young person, as JSON or PDF."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.consent import INFORMATION_FORMS
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.audit_log import HEADERS, AuditFilter, entry_row
from essdesk.services.audit_words import (
    RecordNames,
    field_label,
    link_target,
    table_name,
    value_text,
)
from essdesk.services.listings import words_condition
from essdesk.services.records import update_record

TITLES = {
    "youths": "Identité et situation",
    "placements": "Contrats et dispositifs",
    "trainings": "Formations",
    "follow_ups": "Suivis et entretiens",
    "applications": "Mises en relation avec des offres",
    "application_events": "Étapes des mises en relation",
    "attendances": "Participation aux événements",
    "speed_meeting_candidates": "Inscriptions aux job datings",
    "speed_meeting_wishes": "Souhaits de rencontre",
    "speed_meeting_meetings": "Rencontres de job dating",
    "interactions": "Échanges avec la structure",
    "mentorships": "Parrainages",
    "youth_situations": "Situations successives",
    "placement_renewals": "Renouvellements des contrats",
    "audit_entries": "Journal : accès et modifications de votre dossier",
    "merges": "Fiches en double réunies dans ce dossier",
}
# Left out of the PDF (the JSON keeps every column): the person themselves on every row, the
# rows' own identifiers, bookkeeping and keys derived from the name; a merged duplicate is
# gone, its label says which it was.
NOT_PRINTED = frozenset(
    {"id", "youth_id", "version", "created_at", "updated_at", "match_key", "sort_key"}
)
NOT_PRINTED_IN = {"merges": frozenset({"merged_id"})}
# Tables that hold a young person's data under a plain id column, without a foreign key (the
# merged record is gone, the link must survive it): table → (id column, condition column, value).
UNLINKED = {"merges": ("kept_id", "entity", "youths")}


@dataclass
class PersonFile:
    youth_id: uuid.UUID
    name: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    history: list[list[Any]] = field(default_factory=list)


def youth_links(metadata: MetaData = m.Base.metadata) -> dict[str, tuple[str, str]]:
    """Every table holding data about a young person: table → (its link column, parent table).

    Found by following the foreign keys from `youths` (placements → trainings, candidates →
    wishes…), so a new table with a youth link is exported without anyone listing it here.
    """
    reached: dict[str, tuple[str, str]] = {}
    frontier = ["youths"]
    while frontier:
        found = []
        for table in metadata.sorted_tables:
            if table.name in reached or table.name == "youths":
                continue
            for key in table.foreign_keys:
                parent = key.column.table.name
                if parent in frontier:
                    reached[table.name] = (key.parent.name, parent)
                    found.append(table.name)
                    break
        frontier = found
    return reached


def find_youth(db: Database, name: str) -> tuple[uuid.UUID, str]:
    """The one young person whose last and first names contain every word of `name`."""
    # Control characters are no part of a name: without them an empty search would match all.
    words = " ".join("".join(c for c in name if c.isprintable()).split())
    if not words:
        raise EssDeskError("Indiquez le nom et le prénom du jeune.")
    access.require(db, "youth.identity", "youths")
    condition = words_condition(
        [m.Youth.last_name, m.Youth.first_name], words, db.engine.dialect.name
    )
    with db.session() as session:
        found = session.execute(
            select(m.Youth.id, m.Youth.last_name, m.Youth.first_name, m.Youth.birth_date)
            .where(condition, m.Youth.anonymised_at.is_(None))
            .limit(6)
        ).all()
    if not found:
        raise EssDeskError(f"Aucun jeune ne s'appelle « {words[:80]} ».")
    if len(found) > 1:
        listed = ", ".join(f"{r[1]} {r[2]} (né(e) le {r[3]:%d/%m/%Y})" for r in found[:5])
        raise EssDeskError(
            f"Plusieurs jeunes correspondent à « {words[:80]} » : {listed}. Précisez."
        )
    youth_id, last, first, _born = found[0]
    return youth_id, f"{last} {first}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def collect(db: Database, youth_id: uuid.UUID) -> PersonFile:
    """Everything held about `youth_id`; the collection itself is traced."""
    actor = access.require(db, "youth.export", "youths", youth_id)
    # Everything includes the RQTH and the notes: for who may read them (the referent only,
    # when the administrator chose "followed only").
    sensitive.require_for_youth(db, youth_id)
    metadata = m.Base.metadata
    person = PersonFile(youth_id, "")
    with db.session() as session:
        ids: dict[str, list[Any]] = {"youths": [youth_id]}
        rows = (
            session.execute(
                select(metadata.tables["youths"]).where(metadata.tables["youths"].c.id == youth_id)
            )
            .mappings()
            .all()
        )
        if not rows:
            raise EssDeskError("Ce jeune n'existe plus dans la base.")
        person.tables["youths"] = [{k: _plain(v) for k, v in r.items()} for r in rows]
        person.name = f"{rows[0]['last_name']} {rows[0]['first_name']}"
        for name, (column, parent) in youth_links(metadata).items():
            table: Table = metadata.tables[name]
            parents = ids.get(parent, [])
            found = (
                session.execute(select(table).where(table.c[column].in_(parents))).mappings().all()
                if parents
                else []
            )
            ids[name] = [r["id"] for r in found]
            person.tables[name] = [{k: _plain(v) for k, v in r.items()} for r in found]
        for name, (column, kind_column, kind) in UNLINKED.items():
            table = metadata.tables[name]
            found = (
                session.execute(
                    select(table).where(table.c[column] == youth_id, table.c[kind_column] == kind)
                )
                .mappings()
                .all()
            )
            person.tables[name] = [{k: _plain(v) for k, v in r.items()} for r in found]
        person.history = [
            entry_row(e) for e in session.scalars(AuditFilter(youth_id=youth_id).query())
        ]
    access.trace_now(
        db,
        actor,
        "export",
        "youths",
        youth_id,
        youth_id=youth_id,
        detail="droit d'accès : dossier complet",
    )
    return person


def export_person(db: Database, name: str, path: str | Path) -> Path:
    """`essdesk person export`: the file as JSON (machine-readable) or PDF (readable)."""
    path = Path(path)
    if path.suffix.lower() not in (".json", ".pdf"):
        raise EssDeskError(f"Format non pris en charge : {path.name} (choisissez .json ou .pdf).")
    youth_id, _name = find_youth(db, name)
    return write_person_file(db, youth_id, path)


def write_person_file(db: Database, youth_id: uuid.UUID, path: str | Path) -> Path:
    """The same from the young person's record: their file, by its id, as JSON or PDF."""
    path = Path(path)
    if path.suffix.lower() not in (".json", ".pdf"):
        raise EssDeskError(f"Format non pris en charge : {path.name} (choisissez .json ou .pdf).")
    person = collect(db, youth_id)
    if path.suffix.lower() == ".json":
        document = {
            "jeune": person.name,
            "identifiant": str(person.youth_id),
            "tables": person.tables,
            "journal": [dict(zip(HEADERS, row, strict=True)) for row in person.history],
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        from essdesk.reports.person_file import write_person_pdf

        write_person_pdf(
            person.name,
            str(person.youth_id),
            readable(db, person),
            person.history,
            path,
            TITLES["audit_entries"],
        )
    return path


Section = tuple[str, list[list[tuple[str, str]]]]


def readable(db: Database, person: PersonFile) -> list[Section]:
    """The file in words: French headings and field names, codes and linked records named."""
    with db.session() as session:
        names = RecordNames(session)
        names.learn(
            (link_target(table, column), value)
            for table, rows in person.tables.items()
            for row in rows
            for column, value in row.items()
            if link_target(table, column)
        )
        sections: list[Section] = []
        for table, rows in person.tables.items():
            hidden = NOT_PRINTED | NOT_PRINTED_IN.get(table, frozenset())
            printed = [
                [
                    (field_label(table, column), value_text(table, column, value, names))
                    for column, value in row.items()
                    if column not in hidden
                ]
                for row in rows
            ]
            sections.append((TITLES.get(table) or table_name(table).capitalize(), printed))
    return sections


@dataclass(frozen=True)
class Consent:
    """What the record shows of the information given and the consents asked."""

    version: int
    information_date: date | None
    information_form: str | None
    photo: bool | None
    newsletter: bool | None


def consent_of(db: Database, youth_id: uuid.UUID) -> Consent:
    access.require_read(db, "youths")
    y = m.Youth
    with db.session() as session:
        row = session.execute(
            select(
                y.version,
                y.information_date,
                y.information_form,
                y.photo_consent,
                y.newsletter_consent,
            ).where(y.id == youth_id)
        ).first()
    if row is None:
        raise EssDeskError("Ce jeune n'existe plus dans la base.")
    return Consent(*row)


def record_consent(db: Database, youth_id: uuid.UUID, consent: Consent) -> int:
    """Save the information and consents at the version read (traced like every edit)."""
    if consent.information_form not in (None, *INFORMATION_FORMS):
        raise EssDeskError("Forme d'information inconnue.")
    if consent.information_date is not None and consent.information_date > date.today():
        raise EssDeskError("La date d'information est dans le futur.")
    return update_record(
        db,
        m.Youth,
        youth_id,
        consent.version,
        information_date=consent.information_date,
        information_form=consent.information_form,
        photo_consent=consent.photo,
        newsletter_consent=consent.newsletter,
    )
