"""Employers and their contacts: SIRET kept unique, archive instead of delete once there is history."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.entities import EntityKind
from essdesk.errors import EssDeskError
from essdesk.services.records import (
    VALIDATORS,
    LoadedRecord,
    check_version,
    create_record,
    get_or_gone,
    loaded,
    references,
)

# What a table is, in the French a refusal names it with.
_HISTORY_LABELS = {
    "offers": "offre(s)",
    "placements": "contrat(s)",
    "applications": "mise(s) en relation",
    "speed_meeting_recruiters": "participation(s) à un speed meeting",
    "follow_ups": "suivi(s)",
    "partnerships": "convention(s)",
}


def _siret_unique(session: Session, record_id: uuid.UUID | None, columns: dict[str, Any]):
    siret = columns.get("siret")
    if not siret:
        return {}
    other = session.execute(
        select(m.Employer.id, m.Employer.name).where(m.Employer.siret == siret)
    ).first()
    if other is None or other.id == record_id:
        return {}
    return {"siret": f"SIRET déjà enregistré pour « {other.name} »"}


VALIDATORS.setdefault(EntityKind.EMPLOYERS, []).append(_siret_unique)


def set_archived(
    db: Database, employer_id: uuid.UUID, expected_version: int, archived: bool
) -> LoadedRecord:
    """Archive (hidden from the list, history kept) or restore an employer."""
    with db.transaction() as session:
        employer = get_or_gone(session, m.Employer, employer_id, "Cet employeur")
        check_version(employer, expected_version)
        employer.archived = archived
        session.flush()
        return loaded(EntityKind.EMPLOYERS, employer)


def history_of(session: Session, employer_id: uuid.UUID) -> dict[str, int]:
    """What points at this employer or its contacts, besides the contacts themselves."""
    counts = references(session, "employers", [employer_id], ignore=frozenset({"contacts"}))
    contact_ids = list(
        session.scalars(select(m.Contact.id).where(m.Contact.employer_id == employer_id))
    )
    for table, found in references(session, "contacts", contact_ids).items():
        counts[table] = counts.get(table, 0) + found
    return counts


def describe_history(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {_HISTORY_LABELS.get(table, table)}" for table, n in counts.items())


def can_delete(db: Database, employer_id: uuid.UUID) -> str:
    """Empty when the employer may be deleted; otherwise the French reason it must be archived."""
    with db.session() as session:
        counts = history_of(session, employer_id)
    if not counts:
        return ""
    return f"Cet employeur a un historique ({describe_history(counts)}) : archivez-le plutôt."


def delete_employer(db: Database, employer_id: uuid.UUID, expected_version: int) -> None:
    """Delete an employer without history (its contacts with it); refuse otherwise."""
    with db.transaction() as session:
        employer = get_or_gone(session, m.Employer, employer_id, "Cet employeur")
        check_version(employer, expected_version)
        counts = history_of(session, employer_id)
        if counts:
            raise EssDeskError(
                f"Cet employeur ne peut pas être supprimé : il a un historique "
                f"({describe_history(counts)}). Archivez-le : il sera masqué de la liste "
                "sans rien perdre."
            )
        session.delete(employer)


def list_contacts(db: Database, employer_id: uuid.UUID) -> list[LoadedRecord]:
    with db.session() as session:
        rows = session.scalars(
            select(m.Contact)
            .where(m.Contact.employer_id == employer_id)
            .order_by(m.Contact.last_name, m.Contact.first_name, m.Contact.id)
        )
        return [loaded(EntityKind.CONTACTS, contact) for contact in rows]


def add_contact(db: Database, employer_id: uuid.UUID, texts: dict[str, str]) -> LoadedRecord:
    with db.session() as session:
        get_or_gone(session, m.Employer, employer_id, "Cet employeur")
    return create_record(db, EntityKind.CONTACTS, texts, employer_id=employer_id)


def remove_contact(db: Database, contact_id: uuid.UUID, expected_version: int) -> None:
    """Remove a contact nobody refers to (a tutor of a contract stays)."""
    with db.transaction() as session:
        contact = get_or_gone(session, m.Contact, contact_id, "Ce contact")
        check_version(contact, expected_version)
        counts = references(session, "contacts", [contact_id])
        if counts:
            raise EssDeskError(
                f"Ce contact ne peut pas être retiré : {describe_history(counts)} le "
                "mentionnent (par exemple comme tuteur)."
            )
        session.delete(contact)
