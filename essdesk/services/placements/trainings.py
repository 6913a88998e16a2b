"""A young person's training actions, and how far they meet the employer's commitments."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.schemes.pathway import DONE_STATUSES, TRAINING_KINDS, TRAINING_STATUSES
from essdesk.domain.text import fold
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.placements.common import get

_RNCP = re.compile(r"RNCP\s?(\d{3,6})", re.IGNORECASE)


@dataclass
class TrainingInput:
    youth_id: uuid.UUID
    title: str
    kind: str | None = None  # TRAINING_KINDS
    placement_id: uuid.UUID | None = None
    organisation: str | None = None
    funder: str | None = None  # OPCA until 2019, then OPCO
    hours: int | None = None
    cost: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    status: str = "planned"  # TRAINING_STATUSES
    certifying: bool = False
    certification: str | None = None
    rncp_code: str | None = None  # « RNCP34567 » or « 34567 »
    commitment: str | None = None  # the employer's commitment it meets


@dataclass(frozen=True)
class CommitmentsMet:
    commitments: list[str]
    met: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Share of the commitments met (0–1); None when the employer made none."""
        return len(self.met) / len(self.commitments) if self.commitments else None


def normalize_rncp(text: str | None) -> str | None:
    """« rncp 34567 », « 34567 » → « RNCP34567 »; anything else is refused."""
    if not text or not text.strip():
        return None
    value = text.strip()
    found = _RNCP.fullmatch(value) or re.fullmatch(r"(\d{3,6})", value)
    if not found:
        raise EssDeskError(f"Code RNCP « {value} » illisible (forme attendue : RNCP34567).")
    return f"RNCP{found.group(1)}"


def save_training(
    db: Database, data: TrainingInput, training_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Create (or update, with `training_id`) a training action, after checking it."""
    access.require_write(db, "trainings")
    if not data.title.strip():
        raise EssDeskError("Indiquez l'intitulé de la formation.")
    if data.kind is not None and data.kind not in TRAINING_KINDS:
        raise EssDeskError(f"Type de formation « {data.kind} » inconnu.")
    if data.status not in TRAINING_STATUSES:
        raise EssDeskError(f"Statut de formation « {data.status} » inconnu.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise EssDeskError("La fin de la formation précède son début.")
    if data.hours is not None and data.hours < 0 or data.cost is not None and data.cost < 0:
        raise EssDeskError("Les heures et le coût d'une formation ne peuvent pas être négatifs.")
    with db.transaction() as session:
        get(session, m.Youth, data.youth_id, "Jeune")
        if data.placement_id is not None:
            placement = get(session, m.Placement, data.placement_id, "Contrat")
            if placement.youth_id != data.youth_id:
                raise EssDeskError("Ce contrat est celui d'un autre jeune.")
            if data.commitment and fold(data.commitment) not in {
                fold(c) for c in placement.commitments
            }:
                raise EssDeskError(
                    f"« {data.commitment} » n'est pas un engagement de l'employeur sur ce contrat."
                )
        training = (
            get(session, m.Training, training_id, "Formation") if training_id else m.Training()
        )
        for f in fields(TrainingInput):
            setattr(training, f.name, getattr(data, f.name))
        training.rncp_code = normalize_rncp(data.rncp_code)
        if training_id is None:
            session.add(training)
        session.flush()
        return training.id


def trainings_of_youth(db: Database, youth_id: uuid.UUID) -> list[m.Training]:
    access.require_read(db, "trainings")
    with db.session() as session:
        found = list(
            session.scalars(
                select(m.Training)
                .where(m.Training.youth_id == youth_id)
                .order_by(m.Training.start_date.is_(None), m.Training.start_date)
            )
        )
        session.expunge_all()
        return found


def commitments_met(db: Database, placement_id: uuid.UUID) -> CommitmentsMet:
    """Which of the employer's commitments a finished training meets (by its `commitment`)."""
    with db.session() as session:
        placement = get(session, m.Placement, placement_id, "Contrat")
        done = {
            fold(t.commitment)
            for t in placement.trainings
            if t.commitment and t.status in DONE_STATUSES
        }
        commitments = list(placement.commitments or [])
        return CommitmentsMet(commitments, [c for c in commitments if fold(c) in done])
