"""Read-only lists of each area (youths, employers, offers…): columns, search and sort done in SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, or_, select, true

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.engine import FOLD_FUNCTION
from essdesk.domain import nomenclatures as n
from essdesk.domain.text import ACCENTED, LIGATURES, PLAIN, fold, table_fold
from essdesk.services import access


@dataclass(frozen=True)
class Column:
    """One column: its French header, the SQL expression, and how to show a value."""

    header: str
    expression: Any
    labels: dict[str, str] | None = None  # code → French label
    searchable: bool = False
    sensitive: bool = False  # health data (RQTH): shown only to roles with "youth.sensitive"

    def display(self, value: Any) -> str:
        if value is None:
            return ""
        if self.labels is not None:
            return self.labels.get(value, str(value))
        if isinstance(value, bool):
            return "Oui" if value else "Non"
        if isinstance(value, datetime):
            return value.strftime("%d/%m/%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, Decimal):
            return f"{value:g}".replace(".", ",")
        return str(value)


def folded(expression, dialect: str):
    """The SQL for folding a column: case, ligatures and accents ignored."""
    text = cast(expression, String)
    if dialect == "sqlite":
        return getattr(func, FOLD_FUNCTION)(text)  # domain.text.fold, registered on connect
    lowered = func.lower(text)
    for ligature, letters in LIGATURES.items():
        lowered = func.replace(lowered, ligature, letters)
    return func.translate(lowered, ACCENTED, PLAIN)  # the same as domain.text.table_fold


def like_pattern(word: str, dialect: str) -> str:
    """`%word%`, folded the way the column is, with the user's own % and _ taken literally."""
    folded_word = fold(word) if dialect == "sqlite" else table_fold(word)
    escaped = folded_word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def words_condition(expressions: Sequence[Any], search: str, dialect: str):
    """Every typed word must appear in one of `expressions` (case and accents ignored)."""
    conditions = [
        or_(
            *(
                folded(e, dialect).like(like_pattern(word, dialect), escape="\\")
                for e in expressions
            )
        )
        for word in search.split()
    ]
    return and_(true(), *conditions)


@dataclass(frozen=True)
class Listing:
    key: str
    title: str
    columns: Sequence[Column]
    base: Callable[[], Select]
    row_id: Any = None  # the listed entity's key: a stable order for paging when values tie

    def _query(self, search: str, dialect: str) -> Select:
        searchable = [c.expression for c in self.columns if c.searchable]
        return self.base().where(words_condition(searchable, search, dialect))

    def count(self, db: Database, search: str = "") -> int:
        access.require_read(db, self.key)
        with db.session() as session:
            inner = self._query(search, db.engine.dialect.name).subquery()
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
    ) -> list[tuple[str, ...]]:
        """One page of display-ready rows."""
        actor = access.require_read(db, self.key)
        hidden = not actor.may("youth.sensitive")
        if hidden and self.columns[sort_column].sensitive:
            sort_column = 0  # an order by RQTH would tell what the blank cells hide
        expression: ColumnElement = self.columns[sort_column].expression
        order = [expression.desc() if descending else expression.asc()]
        if self.row_id is not None:
            order.append(self.row_id)
        query = self._query(search, db.engine.dialect.name).order_by(*order)
        query = query.offset(offset).limit(limit)
        with db.session() as session:
            result = session.execute(query).all()
        return [
            tuple(
                "—" if hidden and c.sensitive else c.display(v)
                for c, v in zip(self.columns, row, strict=False)
            )
            for row in result
        ]


def _select(columns: Sequence[Column], *joins) -> Callable[[], Select]:
    def build() -> Select:
        query = select(*(c.expression for c in columns))
        for target, on in joins:
            query = query.outerjoin(target, on)
        return query

    return build


_YOUTH = [
    Column("Nom", m.Youth.last_name, searchable=True),
    Column("Prénom", m.Youth.first_name, searchable=True),
    Column("Naissance", m.Youth.birth_date),
    Column("Commune", m.Youth.commune, searchable=True),
    Column("Niveau", m.Youth.qualification_level_old),
    Column("QPV", m.Youth.qpv),
    Column("RQTH", m.Youth.rqth, sensitive=True),
    Column("Situation", m.Youth.status, labels=n.YOUTH_STATUSES),
]
_EMPLOYER = [
    Column("Raison sociale", m.Employer.name, searchable=True),
    Column("Forme juridique", m.Employer.legal_form, labels=n.LEGAL_FORMS),
    Column("SIRET", m.Employer.siret, searchable=True),
    Column("Secteur", m.Employer.sector, searchable=True),
    Column("Commune", m.Employer.commune, searchable=True),
    Column("Territoire", m.Employer.territory, labels=n.TERRITORIES),
    Column("Partenariat", m.Employer.partnership_status, labels=n.PARTNERSHIP_STATUSES),
]
_OFFER = [
    Column("Intitulé", m.Offer.title, searchable=True),
    Column("Employeur", m.Employer.name, searchable=True),
    Column("Contrat", m.Offer.contract_type, labels=n.CONTRACT_TYPES),
    Column("Heures/sem.", m.Offer.weekly_hours),
    Column("Lieu", m.Offer.place, searchable=True),
    Column("Publiée le", m.Offer.publication_date),
    Column("Code ROME", m.Offer.rome_code, searchable=True),
    Column("État", m.Offer.status, labels=n.OFFER_STATUSES),
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
_EVENT = [
    Column("Événement", m.Event.title, searchable=True),
    Column("Session", m.EventSession.title, searchable=True),
    Column("Format", m.EventSession.format),
    Column("Début", m.EventSession.starts_at),
    Column("Salle", m.EventSession.room, searchable=True),
    Column("Places", m.EventSession.capacity),
]

LISTINGS: dict[str, Listing] = {
    listing.key: listing
    for listing in (
        Listing("youths", "Jeunes accompagnés", _YOUTH, _select(_YOUTH), m.Youth.id),
        Listing(
            "employers",
            "Employeurs",
            _EMPLOYER,
            lambda: select(*(c.expression for c in _EMPLOYER)).where(
                m.Employer.archived.is_(False)
            ),
            m.Employer.id,
        ),
        Listing(
            "offers",
            "Offres d'emploi",
            _OFFER,
            lambda: select(*(c.expression for c in _OFFER)).join(
                m.Employer, m.Offer.employer_id == m.Employer.id
            ),
            m.Offer.id,
        ),
        Listing(
            "applications",
            "Mises en relation",
            _APPLICATION,
            lambda: (
                select(*(c.expression for c in _APPLICATION))
                .join(m.Youth, m.Application.youth_id == m.Youth.id)
                .join(m.Offer, m.Application.offer_id == m.Offer.id)
            ),
            m.Application.id,
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
        ),
        Listing(
            "partnerships", "Partenariats", _PARTNERSHIP, _select(_PARTNERSHIP), m.Partnership.id
        ),
        Listing(
            "events",
            "Événements",
            _EVENT,
            lambda: select(*(c.expression for c in _EVENT)).join(
                m.Event, m.EventSession.event_id == m.Event.id
            ),
            m.EventSession.id,
        ),
    )
}


def dashboard_counts(db: Database) -> dict[str, int]:
    """The figures of the home screen."""
    today = date.today()
    with db.session() as session:

        def count(query) -> int:
            return session.scalar(query) or 0

        return {
            "Jeunes en accompagnement": count(
                select(func.count()).select_from(m.Youth).where(m.Youth.status == "active")
            ),
            "Employeurs": count(
                select(func.count()).select_from(m.Employer).where(m.Employer.archived.is_(False))
            ),
            "Offres ouvertes": count(
                select(func.count()).select_from(m.Offer).where(m.Offer.status == "open")
            ),
            "Contrats en cours": count(
                select(func.count())
                .select_from(m.Placement)
                .where(or_(m.Placement.end_date.is_(None), m.Placement.end_date >= today))
            ),
            "Partenariats": count(select(func.count()).select_from(m.Partnership)),
            "Événements": count(select(func.count()).select_from(m.Event)),
        }
