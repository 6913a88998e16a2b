"""What the pickers of the forms offer as one types: employers, ROME job sheets, youths, offers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import OFFER_STATUSES, ROME_DOMAINS
from essdesk.domain.search_keys import prefix_upper_bound
from essdesk.domain.text import fold
from essdesk.services import access
from essdesk.services.search import search

LIMIT = 12  # a picker shows a short list: typing more narrows it


@dataclass(frozen=True)
class Choice:
    """One line of a picker: the value it stores, its name, and a detail to tell it apart."""

    value: str
    label: str
    detail: str = ""

    @property
    def text(self) -> str:
        return f"{self.label} — {self.detail}" if self.detail else self.label


def _employer(e: m.Employer) -> Choice:
    parts = [e.commune or "", f"SIRET {e.siret}" if e.siret else ""]
    return Choice(str(e.id), e.name, " — ".join(p for p in parts if p))


def find_employers(db: Database, text: str, limit: int = LIMIT) -> list[Choice]:
    """Employers whose name words or SIRET start with what was typed (the indexed terms)."""
    access.require_read(db, "employers")
    page = search(db, "employer", text, limit=limit, where=[m.Employer.archived.is_(False)])
    return [_employer(e) for e in page.rows]


def employer_choice(db: Database, value: str) -> Choice | None:
    with db.session() as session:
        employer = session.get(m.Employer, uuid.UUID(value))
        return _employer(employer) if employer else None


def find_rome(db: Database, text: str, limit: int = LIMIT) -> list[Choice]:
    """Job sheets of the imported ROME by code (« K12 ») or by words of their label."""
    typed = text.strip()
    r = m.RomeCode
    query = select(r.code, r.label)
    code = typed.replace(" ", "").upper()
    if code[:1].isalpha() and code[1:].isdigit():
        query = query.where(r.code >= code, r.code < prefix_upper_bound(code))
    elif typed:
        # The nomenclature has a few hundred sheets: their labels are folded here, not scanned
        # row by row in SQL with a function the index cannot serve.
        words = fold(typed).split()
        with db.session() as session:
            rows = session.execute(query.order_by(r.code)).all()
        found = [row for row in rows if all(w in fold(row.label) for w in words)]
        return [Choice(c, label, c) for c, label in found if len(c) == 5][:limit]
    with db.session() as session:
        rows = session.execute(query.order_by(r.code).limit(limit * 3)).all()
    return [Choice(c, label, c) for c, label in rows if len(c) == 5][:limit]


def rome_choice(db: Database, value: str) -> Choice | None:
    with db.session() as session:
        label = session.scalar(select(m.RomeCode.label).where(m.RomeCode.code == value))
    if label:
        return Choice(value, label, value)
    # A sheet not in the imported nomenclature: its domain still says what it is about.
    domain = ROME_DOMAINS.get(value[:1])
    return Choice(value, value, f"domaine {value[:1]} : {domain}" if domain else "")


def find_youths(db: Database, text: str, limit: int = LIMIT) -> list[Choice]:
    access.require_read(db, "youths")
    page = search(db, "youth", text, limit=limit)
    return [_youth(y) for y in page.rows]


def _youth(y: m.Youth) -> Choice:
    detail = f"né(e) le {format_date(y.birth_date)}" + (f" — {y.commune}" if y.commune else "")
    return Choice(str(y.id), f"{y.last_name.upper()} {y.first_name}", detail)


def youth_choice(db: Database, value: str) -> Choice | None:
    with db.session() as session:
        youth = session.get(m.Youth, uuid.UUID(value))
        return _youth(youth) if youth else None


def find_offers(db: Database, text: str, limit: int = LIMIT) -> list[Choice]:
    access.require_read(db, "offers")
    page = search(db, "offer", text, limit=limit)
    with db.session() as session:
        names = dict(
            session.execute(
                select(m.Employer.id, m.Employer.name).where(
                    m.Employer.id.in_({o.employer_id for o in page.rows})
                )
            ).all()
        )
    return [_offer(o, names.get(o.employer_id, "")) for o in page.rows]


def _offer(o: m.Offer, employer: str) -> Choice:
    parts = [employer, OFFER_STATUSES.get(o.status, o.status)]
    return Choice(str(o.id), o.title, " — ".join(p for p in parts if p))


def offer_choice(db: Database, value: str) -> Choice | None:
    with db.session() as session:
        offer = session.get(m.Offer, uuid.UUID(value))
        return _offer(offer, offer.employer.name) if offer else None
