"""Flagging likely duplicates when a young person or an employer is created or imported."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.duplicates import employer_key, same_person, similar_employers
from essdesk.domain.french import format_date
from essdesk.domain.search_keys import prefix_upper_bound, sort_key
from essdesk.services import access


@dataclass(frozen=True)
class Duplicate:
    """An existing record that looks like the one being entered, and why."""

    id: uuid.UUID
    label: str
    reason: str

    @property
    def text(self) -> str:
        return f"Doublon probable : {self.label} ({self.reason})."


def youth_duplicates(
    db: Database,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    *,
    exclude: uuid.UUID | None = None,
) -> list[Duplicate]:
    """Young people born the same day whose names match once folded (index on birth date)."""
    access.require(db, "youth.identity", "youths")
    with db.session() as session:
        rows = session.execute(
            select(m.Youth.id, m.Youth.first_name, m.Youth.last_name, m.Youth.birth_date).where(
                m.Youth.birth_date == birth_date
            )
        ).all()
    return [
        Duplicate(
            r.id,
            f"{r.first_name} {r.last_name}, né(e) le {format_date(r.birth_date)}",
            "même date de naissance, même nom",
        )
        for r in rows
        if r.id != exclude
        and same_person(
            (first_name, last_name, birth_date), (r.first_name, r.last_name, r.birth_date)
        )
    ]


def employer_duplicates(
    db: Database,
    name: str,
    *,
    siret: str | None = None,
    commune: str | None = None,
    postcode: str | None = None,
    exclude: uuid.UUID | None = None,
) -> list[Duplicate]:
    """Employers with the same SIRET, or a nearly identical name in the same commune."""
    e = m.Employer
    found: dict[uuid.UUID, Duplicate] = {}
    with db.session() as session:
        if siret:
            for r in session.execute(select(e.id, e.name).where(e.siret == siret)):
                found[r.id] = Duplicate(r.id, r.name, f"même SIRET {siret}")
        # Candidates share a word start with the name (search terms, by index) or the postcode.
        starts = [w[:4] for w in employer_key(name).split()[:3]]
        places: list[ColumnElement[bool]] = []
        if starts:
            places.append(e.id.in_(_term_starts("employer", starts)))
        if postcode:
            places.append(e.postcode == postcode)
        if places:
            nearby = session.execute(
                select(e.id, e.name, e.commune, e.postcode).where(or_(*places))
            ).all()
            for near in nearby:
                same_place = (
                    commune and near.commune and sort_key(near.commune) == sort_key(commune)
                ) or (postcode and near.postcode == postcode)
                if near.id not in found and same_place and similar_employers(name, near.name):
                    where = near.commune or near.postcode
                    found[near.id] = Duplicate(
                        near.id, near.name, f"nom presque identique à {where}"
                    )
    return [d for d in found.values() if d.id != exclude]


def _term_starts(kind: str, starts: list[str]):
    t = m.SearchTerm
    return select(t.record_id).where(
        t.kind == kind,
        or_(*(and_(t.term >= p, t.term < prefix_upper_bound(p)) for p in starts)),
    )


def flag_import_rows(
    db: Database, entity: str, rows: Iterable[tuple[int, dict]]
) -> dict[int, list[str]]:
    """For an import preview: line → the likely duplicates of that row already in the base."""
    flags: dict[int, list[str]] = {}
    for line, values in rows:
        if entity == "youths":
            if not (values.get("birth_date") and values.get("last_name")):
                continue
            found = youth_duplicates(
                db, values.get("first_name") or "", values["last_name"], values["birth_date"]
            )
        elif entity == "employers":
            if not values.get("name"):
                continue
            found = employer_duplicates(
                db,
                values["name"],
                siret=values.get("siret"),
                commune=values.get("commune"),
                postcode=values.get("postcode"),
            )
        else:
            continue
        if found:
            flags[line] = [d.text for d in found]
    return flags


def youth_duplicates_of(db: Database, youth_id: uuid.UUID) -> list[Duplicate]:
    """The likely duplicates of a young person just created or saved (the editor's banner)."""
    with db.session() as session:
        youth = session.get(m.Youth, youth_id)
        if youth is None or youth.birth_date is None:
            return []
        names = (youth.first_name or "", youth.last_name or "", youth.birth_date)
    return youth_duplicates(db, *names, exclude=youth_id)


def employer_duplicates_of(db: Database, employer_id: uuid.UUID) -> list[Duplicate]:
    """The likely duplicates of an employer just created or saved (the editor's banner)."""
    with db.session() as session:
        employer = session.get(m.Employer, employer_id)
        if employer is None:
            return []
        name, siret = employer.name, employer.siret
        commune, postcode = employer.commune, employer.postcode
    return employer_duplicates(
        db, name, siret=siret, commune=commune, postcode=postcode, exclude=employer_id
    )
