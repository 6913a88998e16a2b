"""The lists of each area (youths, employers, offers…): columns, search, filters and sort done in SQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, or_, select, true

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.engine import FOLD_FUNCTION
from essdesk.db.models.sensitive import shown as as_seen
from essdesk.domain import nomenclatures as n
from essdesk.domain.catalogue import EMPLOYER, OFFER, YOUTH, Catalogue, format_value
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.text import ACCENTED, LIGATURES, PLAIN, fold, table_fold
from essdesk.services import access, sensitive
from essdesk.services.dashboard import dashboard_counts  # noqa: F401 (its former home)
from essdesk.services.search import SEARCH_HINTS, search_condition


@dataclass(frozen=True)
class Column:
    """One column: its French header, the SQL expression, and how to show a value."""

    header: str
    expression: Any
    labels: dict[str, str] | None = None  # code → French label
    searchable: bool = False
    show: Callable[[Any], str] | None = None  # the catalogue's formatter, when it has one
    sensitive: bool = False  # health data (RQTH): shown as services/sensitive.py allows

    def display(self, value: Any) -> str:
        if value is None:
            return ""
        if self.show is not None:
            return self.show(value)
        if self.labels is not None:
            return self.labels.get(value, str(value))
        return format_value(value)


def folded(expression, dialect: str):
    """The SQL for folding a column: case, ligatures and accents ignored."""
    text = cast(expression, String)
    if dialect == "sqlite":
        return getattr(func, FOLD_FUNCTION)(text)  # domain.text.fold, registered on connect
    lowered = func.lower(text)
    for ligature, letters in LIGATURES.items():
        lowered = func.replace(lowered, ligature, letters)
    return func.translate(lowered, ACCENTED, PLAIN)  # the same as domain.text.table_fold


MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 10


def like_pattern(word: str, dialect: str) -> str:
    """`%word%`, folded the way the column is, with the user's own % and _ taken literally."""
    folded_word = fold(word) if dialect == "sqlite" else table_fold(word)
    escaped = folded_word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_words(search: str) -> list[str]:
    """The words a search looks for, within the caps (a pasted page is not a search)."""
    return search[:MAX_SEARCH_CHARS].split()[:MAX_SEARCH_WORDS]


def words_condition(expressions: Sequence[Any], search: str, dialect: str):
    """Every typed word must appear in one of `expressions` (case and accents ignored).

    Beyond MAX_SEARCH_CHARS characters and MAX_SEARCH_WORDS words the rest is ignored: 2,000
    words would make one SQL expression deeper than the database accepts.
    """
    conditions = [
        or_(
            *(
                folded(e, dialect).like(like_pattern(word, dialect), escape="\\")
                for e in expressions
            )
        )
        for word in search_words(search)
    ]
    return and_(true(), *conditions)


@dataclass(frozen=True)
class ListRow:
    """One row of a list: the record it opens, the version loaded, the display cells."""

    id: uuid.UUID
    version: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Filter:
    """A check box above a list: when ticked, `condition` no longer applies (or applies)."""

    key: str
    label: str
    condition: Any  # applied while the box is NOT ticked (e.g. « archivés » hidden)


@dataclass(frozen=True)
class Listing:
    key: str
    title: str
    columns: Sequence[Column]
    base: Callable[[], Select]  # selects the columns' expressions from the joined tables
    row_id: Any  # the listed entity's id: what a row opens, and a stable order for paging
    row_version: Any
    kind: EntityKind | None = None  # the record kind a row opens, if it has an editor
    filters: Sequence[Filter] = ()
    # Searched through the indexed folded terms of services/search.py, and sorted on the first
    # column by the stored French sort key (« Édith » among the E), when set.
    search_kind: str | None = None
    sort_key: Any = None

    @property
    def search_hint(self) -> str:
        """« Rechercher : nom, prénom, commune… », naming this list's searchable columns."""
        if self.search_kind is not None:
            return SEARCH_HINTS[self.search_kind] + "…"
        names = [_lower_word(c.header) for c in self.columns if c.searchable]
        return "Rechercher : " + ", ".join(names) + "…" if names else "Rechercher…"

    def _query(
        self, search: str, dialect: str, shown: frozenset[str], where: Sequence[Any] = ()
    ) -> Select:
        if self.search_kind is not None:
            query = self.base().where(search_condition(self.search_kind, search))
        else:
            searchable = [c.expression for c in self.columns if c.searchable]
            query = self.base().where(words_condition(searchable, search, dialect))
        for item in self.filters:
            if item.key not in shown:
                query = query.where(item.condition)
        return query.where(*where) if where else query

    def count(
        self,
        db: Database,
        search: str = "",
        shown: frozenset[str] = frozenset(),
        where: Sequence[Any] = (),
    ) -> int:
        """`where`: the extra conditions of a list's filter bar (e.g. YouthFilters)."""
        access.require_read(db, self.key)
        with db.session() as session:
            inner = self._query(search, db.engine.dialect.name, shown, where).subquery()
            return session.scalar(select(func.count()).select_from(inner)) or 0

    def rows(
        self,
        db: Database,
        *,
        search: str = "",
        sort_column: int = 0,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        shown: frozenset[str] = frozenset(),
        where: Sequence[Any] = (),
    ) -> list[ListRow]:
        """One page of display-ready rows, each with the id and version of its record."""
        access.require_read(db, self.key)
        rights = sensitive.current(db) if any(c.sensitive for c in self.columns) else None
        hidden = rights is not None and not rights.sees_all
        # "followed only": a counsellor sees the RQTH of the young people they follow.
        per_row = hidden and rights is not None and not rights.sees_none
        if hidden and self.columns[sort_column].sensitive:
            sort_column = 0  # an order by RQTH would tell what the blank cells hide
        expression: ColumnElement = self.columns[sort_column].expression
        if sort_column == 0 and self.sort_key is not None:
            expression = self.sort_key
        order = [expression.desc() if descending else expression.asc(), self.row_id]
        query = self._query(search, db.engine.dialect.name, shown, where)
        query = query.add_columns(self.row_id, self.row_version).order_by(*order)
        if per_row:
            query = query.add_columns(m.Youth.referent_id)
        query = query.offset(offset).limit(limit)
        with db.session() as session:
            result = session.execute(query).all()
        width = len(self.columns)
        rows = []
        for row in result:
            masked = hidden and not (per_row and rights is not None and rights.allows(row[-1]))
            cells = tuple(
                "—" if masked and c.sensitive else c.display(v)
                for c, v in zip(self.columns, row[:width], strict=True)
            )
            rows.append(ListRow(row[width], row[width + 1], cells))
        return rows


def _lower_word(header: str) -> str:
    # « Raison sociale » → « raison sociale », but « SIRET » and « Code ROME » keep capitals.
    first, _, rest = header.partition(" ")
    if len(first) > 1 and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


# Health data (RGPD art. 9): hidden in the lists from roles without "youth.sensitive".
SENSITIVE_COLUMNS = frozenset({"rqth"})


def catalogue_columns(catalogue: Catalogue, model: type[m.Entity]) -> list[Column]:
    """The list columns a catalogue marks `listed`, shown as the editor shows them."""
    columns = []
    for item in catalogue.listed:
        if item.read is not None:  # a field over several columns: the last one is the sort key
            expression = getattr(model, item.model_columns[-1])
            shown = _level_text
        else:
            expression = getattr(model, item.name)
            shown = None if item.show is format_value else item.show
        secret = expression.key in SENSITIVE_COLUMNS
        columns.append(
            Column(
                item.label,
                # In the page, its count's subquery and its sort: as the server gives it.
                as_seen(expression) if secret else expression,
                searchable=item.searchable,
                show=shown,
                sensitive=secret,
            )
        )
    return columns


def _level_text(new: int | None) -> str:
    return "" if new is None else f"niveau {new}"


def _select(columns: Sequence[Column], *joins) -> Callable[[], Select]:
    def build() -> Select:
        query = select(*(c.expression for c in columns))
        for target, on in joins:
            query = query.join(target, on)
        return query

    return build


def _contact_day(moment) -> str:
    return format_date(moment.date())


_YOUTH = [
    *catalogue_columns(YOUTH, m.Youth),
    Column("Dernier contact", m.Youth.last_contact_at, show=_contact_day),
]
_EMPLOYER = catalogue_columns(EMPLOYER, m.Employer)
_OFFER = [
    *catalogue_columns(OFFER, m.Offer)[:1],
    Column("Employeur", m.Employer.name, searchable=True),
    *catalogue_columns(OFFER, m.Offer)[1:],
]
_APPLICATION = [
    Column("Jeune", m.Youth.last_name, searchable=True),
    Column("Prénom", m.Youth.first_name, searchable=True),
    Column("Offre", m.Offer.title, searchable=True),
    Column("Proposée le", m.Application.proposed_on),
    Column("État", m.Application.status, labels=n.APPLICATION_STATUSES),
]
_PLACEMENT = [
    Column("Jeune", m.Youth.last_name, searchable=True),
    Column("Prénom", m.Youth.first_name, searchable=True),
    Column("Employeur", m.Employer.name, searchable=True),
    Column("Poste", m.Placement.job_title, searchable=True),
    Column("Dispositif", m.Scheme.name, searchable=True),
    Column("Début", m.Placement.start_date),
    Column("Fin", m.Placement.end_date),
    Column("Fin de l'aide", m.Placement.aid_end),
]
_PARTNERSHIP = [
    Column("Convention", m.Partnership.title, searchable=True),
    Column("Partenaire", m.Partnership.partner_name, searchable=True),
    Column("Début", m.Partnership.start_date),
    Column("Fin", m.Partnership.end_date),
    Column("Comités par an", m.Partnership.steering_per_year),
]
_EVENT_SESSIONS = (
    select(func.count(m.EventSession.id))
    .where(m.EventSession.event_id == m.Event.id)
    .correlate(m.Event)
    .scalar_subquery()
)
_EVENT = [
    Column("Événement", m.Event.title, searchable=True),
    Column("Type", m.Event.kind, labels=n.EVENT_KINDS),
    Column("Début", m.Event.start_date),
    Column("Fin", m.Event.end_date),
    Column("Lieu", m.Event.place, searchable=True),
    Column("Sessions", _EVENT_SESSIONS),
]

LISTINGS: dict[str, Listing] = {
    listing.key: listing
    for listing in (
        Listing(
            "youths",
            "Jeunes accompagnés",
            _YOUTH,
            _select(_YOUTH),
            m.Youth.id,
            m.Youth.version,
            kind=EntityKind.YOUTHS,
            search_kind="youth",
            sort_key=m.Youth.sort_key,
        ),
        Listing(
            "employers",
            "Employeurs",
            _EMPLOYER,
            _select(_EMPLOYER),
            m.Employer.id,
            m.Employer.version,
            kind=EntityKind.EMPLOYERS,
            filters=(Filter("archived", "Afficher les archivés", m.Employer.archived.is_(False)),),
            search_kind="employer",
            sort_key=m.Employer.sort_key,
        ),
        Listing(
            "offers",
            "Offres d'emploi",
            _OFFER,
            _select(_OFFER, (m.Employer, m.Offer.employer_id == m.Employer.id)),
            m.Offer.id,
            m.Offer.version,
            search_kind="offer",
            sort_key=m.Offer.sort_key,
        ),
        Listing(
            "applications",
            "Mises en relation",
            _APPLICATION,
            _select(
                _APPLICATION,
                (m.Youth, m.Application.youth_id == m.Youth.id),
                (m.Offer, m.Application.offer_id == m.Offer.id),
            ),
            m.Application.id,
            m.Application.version,
        ),
        Listing(
            "placements",
            "Contrats et dispositifs",
            _PLACEMENT,
            lambda: (
                select(*(c.expression for c in _PLACEMENT))
                .join(m.Youth, m.Placement.youth_id == m.Youth.id)
                .join(m.Employer, m.Placement.employer_id == m.Employer.id)
                .outerjoin(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
            ),
            m.Placement.id,
            m.Placement.version,
        ),
        Listing(
            "partnerships",
            "Partenariats",
            _PARTNERSHIP,
            _select(_PARTNERSHIP),
            m.Partnership.id,
            m.Partnership.version,
        ),
        Listing(
            "events",
            "Événements",
            _EVENT,
            _select(_EVENT),
            m.Event.id,
            m.Event.version,
            kind=EntityKind.EVENTS,
        ),
    )
}


def status_counts(db: Database) -> dict[tuple[str, str], int]:
    """The figures of the status bar: (singular, plural) → count (counted, never loaded).

    Young people only for who reads their files (reception has no right on the table).
    """
    youths = access.current_actor(db).may("youth.file")
    with db.session() as session:
        figures = (
            {
                ("jeune", "jeunes"): session.scalar(select(func.count()).select_from(m.Youth)) or 0,
            }
            if youths
            else {}
        )
        return figures | {
            ("employeur", "employeurs"): session.scalar(
                select(func.count()).select_from(m.Employer).where(m.Employer.archived.is_(False))
            )
            or 0,
            ("offre ouverte", "offres ouvertes"): session.scalar(
                select(func.count()).select_from(m.Offer).where(m.Offer.status == "open")
            )
            or 0,
        }
