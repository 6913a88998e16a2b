"""Keeping derived data in step with every write: sort keys, search terms, offers' last news.

ORM writes are followed by a flush listener; bulk Core inserts (imports, benchmarks) call
`index_rows` with the rows they inserted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, event, insert, inspect
from sqlalchemy.orm import Session

from essdesk.db.models.desk import SearchTerm
from essdesk.db.models.offers import Offer
from essdesk.db.models.people import Contact, Employer, Youth
from essdesk.domain.search_keys import record_terms, sort_key


@dataclass(frozen=True)
class SearchedKind:
    """Which columns of a model give its terms and its sort order."""

    kind: str
    model: type
    names: tuple[str, ...]
    sort: tuple[str, ...]
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def columns(self) -> set[str]:
        return {*self.names, *self.sort, *self.emails, *self.phones, *self.codes}

    def terms(self, values: Mapping[str, Any]) -> set[str]:
        return record_terms(
            names=[values.get(c) for c in self.names],
            emails=[values.get(c) for c in self.emails],
            phones=[values.get(c) for c in self.phones],
            codes=[values.get(c) for c in self.codes],
        )

    def sort_key(self, values: Mapping[str, Any]) -> str:
        return sort_key(*(values.get(c) for c in self.sort))


KINDS = {
    k.kind: k
    for k in (
        SearchedKind(
            "youth",
            Youth,
            ("first_name", "last_name"),
            ("last_name", "first_name"),
            ("email",),
            ("phone",),
        ),
        SearchedKind(
            "employer", Employer, ("name",), ("name",), ("email",), ("phone",), ("siret",)
        ),
        SearchedKind(
            "contact",
            Contact,
            ("first_name", "last_name"),
            ("last_name", "first_name"),
            ("email",),
            ("phone",),
        ),
        SearchedKind("offer", Offer, ("title",), ("title",), codes=("rome_code",)),
    )
}
_BY_MODEL = {k.model: k for k in KINDS.values()}


def kind_of(model: type) -> str | None:
    """The search kind of a model ("youth", "employer"…), None when it is not searched."""
    searched = _BY_MODEL.get(model)
    return searched.kind if searched else None


def index_rows(connection: Connection | Session, kind: str, rows: Iterable[Mapping[str, Any]]):
    """Store the terms of rows just inserted in bulk (each row has its `id` and columns)."""
    searched = KINDS[kind]
    batch = [
        {"kind": kind, "term": term, "record_id": row["id"]}
        for row in rows
        for term in searched.terms(row)
    ]
    if batch:
        connection.execute(insert(SearchTerm), batch)


def with_sort_key(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row to bulk-insert, with its sort key computed the way the ORM listener does."""
    row["sort_key"] = KINDS[kind].sort_key(row)
    return row


def forget_records(connection: Connection | Session, record_ids: Iterable[uuid.UUID]) -> None:
    ids = list(record_ids)
    if ids:
        connection.execute(delete(SearchTerm).where(SearchTerm.record_id.in_(ids)))


def _values(obj: Any, searched: SearchedKind) -> dict[str, Any]:
    return {c: getattr(obj, c) for c in searched.columns}


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    pending: list[tuple[SearchedKind, Any]] = session.info.setdefault("search_pending", [])
    gone: list[uuid.UUID] = session.info.setdefault("search_gone", [])
    for obj in [*session.new, *session.dirty]:
        searched = _BY_MODEL.get(type(obj))
        if searched is None:
            continue
        state = inspect(obj)
        if obj in session.new or any(
            state.attrs[c].history.has_changes() for c in searched.columns
        ):
            obj.sort_key = searched.sort_key(_values(obj, searched))
            pending.append((searched, obj))
    for obj in session.deleted:
        if type(obj) in _BY_MODEL:
            gone.append(obj.id)
    _offer_news(session)


def _offer_news(session: Session) -> None:
    # Creating or editing an offer is news of it (the 60-day flag starts again), unless the
    # writer set the date itself (an import of old offers, the demonstration data).
    today = date.today()
    for obj in [*session.new, *session.dirty]:
        if not isinstance(obj, Offer):
            continue
        news = inspect(obj).attrs["last_news_on"].history
        if obj in session.new and obj.last_news_on is None:
            obj.last_news_on = obj.publication_date or today
        elif obj not in session.new and not news.has_changes() and session.is_modified(obj):
            obj.last_news_on = today


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop("search_pending", [])
    gone = session.info.pop("search_gone", [])
    if not pending and not gone:
        return
    connection = session.connection()
    forget_records(connection, [*gone, *(obj.id for _s, obj in pending)])
    for searched, obj in pending:
        index_rows(connection, searched.kind, [{"id": obj.id, **_values(obj, searched)}])
