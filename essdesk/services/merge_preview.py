"""What a merge of two duplicate records would do, read before anything is written."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.catalogue import CATALOGUES
from essdesk.domain.entities import EntityKind
from essdesk.services.merge import links_to
from essdesk.services.records import load_record

# The French name of each kind of link a merge moves (a table added later shows its own name).
LINK_LABELS: dict[str, tuple[str, str]] = {
    "applications": ("mise en relation", "mises en relation"),
    "attendances": ("présence", "présences"),
    "follow_ups": ("suivi", "suivis"),
    "interactions": ("échange du journal", "échanges du journal"),
    "mentorships": ("parrainage", "parrainages"),
    "placements": ("contrat", "contrats"),
    "speed_meeting_candidates": ("speed meeting", "speed meetings"),
    "trainings": ("formation", "formations"),
    "youth_situations": ("situation", "situations"),
    "contacts": ("contact", "contacts"),
    "event_partners": ("événement", "événements"),
    "memberships": ("adhésion", "adhésions"),
    "offers": ("offre", "offres"),
    "partnership_employers": ("partenariat", "partenariats"),
    "partnership_partners": ("partenariat", "partenariats"),
    "partnerships": ("partenariat", "partenariats"),
    "speed_meeting_recruiters": ("speed meeting", "speed meetings"),
}
# Fields shown side by side besides the list's columns: those that tell two people apart.
_SHOWN = {"birth_date", "email", "phone", "address", "postcode", "commune", "siret"}
_MODELS = {EntityKind.YOUTHS: m.Youth, EntityKind.EMPLOYERS: m.Employer}


@dataclass(frozen=True)
class MergeSide:
    """One of the two records: its fields, what is linked to it, its open contracts."""

    id: uuid.UUID
    texts: dict[str, str]
    fields: list[tuple[str, str]]  # (French label, text) of the fields worth comparing
    links: dict[tuple[str, str], int]  # (singular, plural) in French → how many
    open_placements: list[tuple[uuid.UUID, str]]  # (id, « Valoriste chez … »)


@dataclass(frozen=True)
class MergePreview:
    kind: EntityKind
    sides: tuple[MergeSide, MergeSide]

    @property
    def needs_choice(self) -> bool:
        """Both have an open contract: the user says which stays open before the merge."""
        return all(side.open_placements for side in self.sides)

    def labels(self) -> dict[str, str]:
        """Field name → French label, for saying which empty fields the kept record takes."""
        return {f.name: f.label for f in CATALOGUES[self.kind].fields}


def merge_preview(
    db: Database, kind: EntityKind, first_id: uuid.UUID, second_id: uuid.UUID
) -> MergePreview:
    """Both records as the merge dialog compares them; nothing is written."""
    return MergePreview(kind, (_side(db, kind, first_id), _side(db, kind, second_id)))


def _side(db: Database, kind: EntityKind, record_id: uuid.UUID) -> MergeSide:
    record = load_record(db, kind, record_id)  # rights and masked health data as in the editor
    catalogue = CATALOGUES[kind]
    fields = [
        (f.label, record.texts.get(f.name, ""))
        for f in catalogue.fields
        if (f.listed or f.name in _SHOWN) and record.texts.get(f.name)
    ]
    links: dict[tuple[str, str], int] = {}
    with db.session() as session:
        for column in links_to(_MODELS[kind].__table__):
            count = session.scalar(select(func.count()).where(column == record_id)) or 0
            if count:
                name = column.table.name
                label = LINK_LABELS.get(name, (name, name))
                links[label] = links.get(label, 0) + count
        placements: list[tuple[uuid.UUID, str]] = []
        if kind is EntityKind.YOUTHS:
            rows = session.execute(
                select(m.Placement.id, m.Placement.job_title, m.Employer.name)
                .join(m.Employer, m.Employer.id == m.Placement.employer_id)
                .where(m.Placement.youth_id == record_id, m.Placement.status == "active")
                .order_by(m.Placement.start_date)
            ).all()
            placements = [(r.id, f"{r.job_title} chez {r.name}") for r in rows]
    return MergeSide(record_id, record.texts, fields, links, placements)
