"""Mentoring (parrainage): volunteers from partner companies paired with young people."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.errors import EssDeskError
from essdesk.services import access


@dataclass(frozen=True)
class Pair:
    """A mentoring pair as the young person's, the employer's and the partnership's lists show it."""

    id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    volunteer_name: str
    volunteer_employer: str | None
    start_date: date
    end_date: date | None
    meetings: int
    outcome: str | None

    @property
    def period(self) -> str:
        if self.end_date:
            return f"du {format_date(self.start_date)} au {format_date(self.end_date)}"
        return f"depuis le {format_date(self.start_date)}"


def start_mentorship(
    db: Database,
    youth_id: uuid.UUID,
    volunteer_name: str,
    start_date: date,
    *,
    volunteer_employer_id: uuid.UUID | None = None,
    volunteer_contact: str | None = None,
    partnership_id: uuid.UUID | None = None,
    notes: str | None = None,
) -> uuid.UUID:
    """Pair a young person with a volunteer mentor; returns the pair's id."""
    name = " ".join((volunteer_name or "").split())
    if not name:
        raise EssDeskError("Le nom du parrain ou de la marraine est obligatoire.")
    access.require_write(db, "mentorships")
    with db.transaction() as session:
        if session.get(m.Youth, youth_id) is None:
            raise EssDeskError("Ce jeune n'existe pas (ou plus) dans la base.")
        pair = m.Mentorship(
            youth_id=youth_id,
            volunteer_name=name,
            volunteer_employer_id=volunteer_employer_id,
            volunteer_contact=volunteer_contact,
            partnership_id=partnership_id,
            start_date=start_date,
            meetings=0,
            notes=notes,
        )
        session.add(pair)
        session.flush()
        return pair.id


def _pair(session, pair_id: uuid.UUID) -> m.Mentorship:
    pair = session.get(m.Mentorship, pair_id)
    if pair is None:
        raise EssDeskError("Ce parrainage n'existe pas (ou plus) dans la base.")
    return pair


def record_mentoring_meeting(db: Database, pair_id: uuid.UUID) -> int:
    """One more meeting between mentor and young person; returns the count."""
    access.require_write(db, "mentorships")
    with db.transaction() as session:
        pair = _pair(session, pair_id)
        pair.meetings += 1
        return pair.meetings


def end_mentorship(db: Database, pair_id: uuid.UUID, end_date: date, outcome: str) -> None:
    """Close the pair with its outcome (« CDI chez le parrain », « entrée en formation »…)."""
    access.require_write(db, "mentorships")
    with db.transaction() as session:
        pair = _pair(session, pair_id)
        if end_date < pair.start_date:
            raise EssDeskError(
                f"La fin ({format_date(end_date)}) précède le début du parrainage "
                f"({format_date(pair.start_date)})."
            )
        pair.end_date = end_date
        pair.outcome = " ".join(outcome.split()) or None


def list_pairs(
    db: Database,
    *,
    youth_id: uuid.UUID | None = None,
    employer_id: uuid.UUID | None = None,
    partnership_id: uuid.UUID | None = None,
) -> list[Pair]:
    """Pairs of a young person, of a company's volunteers, or under a partnership."""
    query = (
        select(m.Mentorship, m.Youth.first_name, m.Youth.last_name, m.Employer.name)
        .join(m.Youth, m.Mentorship.youth_id == m.Youth.id)
        .outerjoin(m.Employer, m.Mentorship.volunteer_employer_id == m.Employer.id)
        .order_by(m.Mentorship.start_date.desc())
    )
    if youth_id is not None:
        query = query.where(m.Mentorship.youth_id == youth_id)
    if employer_id is not None:
        query = query.where(m.Mentorship.volunteer_employer_id == employer_id)
    if partnership_id is not None:
        query = query.where(m.Mentorship.partnership_id == partnership_id)
    with db.session() as session:
        return [
            Pair(
                x.id,
                x.youth_id,
                f"{first} {last}",
                x.volunteer_name,
                company,
                x.start_date,
                x.end_date,
                x.meetings,
                x.outcome,
            )  # fmt: skip
            for x, first, last, company in session.execute(query)
        ]
