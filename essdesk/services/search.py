"""Finding records as people type: indexed prefix search, global search by kind, keyset pages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Select, false, intersect, select, true, tuple_

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.search_keys import KINDS
from essdesk.domain.access import TABLE_ACCESS, Actor
from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import OFFER_STATUSES
from essdesk.domain.search_keys import prefix_upper_bound, query_prefixes
from essdesk.services import access
from essdesk.services.lookup import GoneError

KIND_TITLES = {
    "youth": "Jeunes",
    "employer": "Employeurs",
    "contact": "Contacts",
    "offer": "Offres",
}
# What the search box of each list says it looks in.
SEARCH_HINTS = {
    "youth": "Rechercher un jeune : nom, prénom, e-mail ou téléphone",
    "employer": "Rechercher un employeur : nom, SIRET, e-mail ou téléphone",
    "contact": "Rechercher un contact : nom, prénom, e-mail ou téléphone",
    "offer": "Rechercher une offre : intitulé ou code ROME",
}


def matching_ids(kind: str, query: str) -> Select | CompoundSelect | None:
    """The ids of `kind` whose terms start with every typed word; None when nothing was typed.

    Each word is one range of the search_terms primary key (kind, term, record_id), so the
    lookup is an index range on SQLite and PostgreSQL alike, never a scan.
    """
    prefixes = query_prefixes(query)
    if not prefixes:
        return None
    term = m.SearchTerm
    selects = [
        select(term.record_id).where(
            term.kind == kind, term.term >= prefix, term.term < prefix_upper_bound(prefix)
        )
        for prefix in prefixes
    ]
    return selects[0] if len(selects) == 1 else intersect(*selects)


def search_condition(kind: str, query: str) -> ColumnElement[bool]:
    """A WHERE condition for a list query of `kind` (true when the box is empty).

    Typed punctuation is no wildcard: « % » alone matches nothing.
    """
    ids = matching_ids(kind, query)
    if ids is None:
        return true() if not query.strip() else false()
    model: Any = KINDS[kind].model
    return model.id.in_(ids)


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort key and id of its last row (keyset pagination)."""

    sort_key: str
    id: uuid.UUID


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    next: Cursor | None  # None on the last page


def keyset(query: Select, model, after: Cursor | None, limit: int) -> Select:
    """Order `query` by the model's French sort key and id, starting after `after`.

    The (sort_key, id) index serves both the order and the start, so page 500 costs what
    page 1 costs: no OFFSET.
    """
    if after is not None:
        query = query.where(tuple_(model.sort_key, model.id) > tuple_(after.sort_key, after.id))
    return query.order_by(model.sort_key, model.id).limit(limit + 1)


def page_of(rows: Sequence[Any], limit: int, model_of=lambda r: r) -> Page:
    """Cut the extra row fetched by `keyset` into the next cursor."""
    rows = list(rows)
    if len(rows) <= limit:
        return Page(rows, None)
    last = model_of(rows[limit - 1])
    return Page(rows[:limit], Cursor(last.sort_key, last.id))


def search(
    db: Database,
    kind: str,
    query: str,
    *,
    after: Cursor | None = None,
    limit: int = 50,
    where: Sequence[ColumnElement[bool]] = (),
) -> Page:
    """One page of records of `kind` matching `query`, in French order."""
    model: Any = KINDS[kind].model
    statement = select(model).where(search_condition(kind, query), *where)
    with db.session() as session:
        rows = session.scalars(keyset(statement, model, after, limit)).all()
        return page_of(rows, limit)


@dataclass(frozen=True)
class Hit:
    """One result of the global search: what it is, its name, one line to tell it apart."""

    kind: str
    id: uuid.UUID
    title: str
    detail: str


@dataclass(frozen=True)
class HitGroup:
    kind: str
    title: str
    hits: list[Hit]
    more: bool  # more results than shown: refine the search


def global_search(db: Database, query: str, *, per_kind: int = 6) -> list[HitGroup]:
    """Young people, employers, contacts and offers matching `query`, grouped by kind.

    Only the kinds the user may read are searched: reception finds no young person's name.
    """
    if not query_prefixes(query):
        return []
    groups: list[HitGroup] = []
    actor = access.current_actor(db)
    with db.session() as session:
        for kind, statement in _hit_queries().items():
            if not _may_find(actor, kind):
                continue  # kinds the role may not read are left out, as on the dashboard
            ids = matching_ids(kind, query)
            assert ids is not None  # the query has prefixes
            model: Any = KINDS[kind].model
            hits_ids = ids.subquery()
            rows = session.execute(
                statement.join(hits_ids, hits_ids.c[0] == model.id)
                .order_by(model.sort_key, model.id)
                .limit(per_kind + 1)
            ).all()
            if rows:
                hits = [_hit(kind, row) for row in rows[:per_kind]]
                groups.append(HitGroup(kind, KIND_TITLES[kind], hits, len(rows) > per_kind))
    return groups


def _may_find(actor: Actor, kind: str) -> bool:
    table = KINDS[kind].model.__tablename__
    if table == "youths":  # a hit shows the identity columns only
        return actor.may("youth.identity")
    read = TABLE_ACCESS.get(table, ("settings", "settings"))[0]
    return read is None or actor.may(read)


def _hit_queries() -> dict[str, Select]:
    return {
        "youth": select(
            m.Youth.id, m.Youth.first_name, m.Youth.last_name, m.Youth.birth_date, m.Youth.commune
        ),
        "employer": select(m.Employer.id, m.Employer.name, m.Employer.commune, m.Employer.siret),
        "contact": select(
            m.Contact.id, m.Contact.first_name, m.Contact.last_name, m.Contact.role, m.Employer.name
        ).join(m.Employer, m.Employer.id == m.Contact.employer_id),
        "offer": select(
            m.Offer.id, m.Offer.title, m.Employer.name, m.Offer.place, m.Offer.status
        ).join(m.Employer, m.Employer.id == m.Offer.employer_id),
    }


def _hit(kind: str, row) -> Hit:
    if kind == "youth":
        detail = f"né(e) le {format_date(row.birth_date)}" + (
            f" — {row.commune}" if row.commune else ""
        )
        return Hit(kind, row.id, f"{row.last_name.upper()} {row.first_name}", detail)
    if kind == "employer":
        parts = [row.commune or "", f"SIRET {row.siret}" if row.siret else ""]
        return Hit(kind, row.id, row.name, " — ".join(p for p in parts if p))
    if kind == "contact":
        name = " ".join(p for p in (row.first_name, row.last_name) if p)
        return Hit(kind, row.id, name, " — ".join(p for p in (row.role, row.name) if p))
    parts = [row.name, row.place or "", OFFER_STATUSES.get(row.status, row.status)]
    return Hit(kind, row.id, row.title, " — ".join(p for p in parts if p))


def record_to_open(db: Database, kind: str, record_id: uuid.UUID) -> tuple[str, uuid.UUID]:
    """The record a hit opens: itself, except a contact, which opens its employer's record."""
    if kind != "contact":
        return kind, record_id
    with db.session() as session:
        employer_id = session.scalar(select(m.Contact.employer_id).where(m.Contact.id == record_id))
    if employer_id is None:
        raise GoneError(
            "Ce contact n'existe plus : il a peut-être été supprimé sur un autre poste."
        )
    return "employer", employer_id
