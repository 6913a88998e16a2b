"""The « Mises en relation » list: newest first, filtered by state, counsellor, offer or employer,
young person and date; the conditions are built here so that the screen holds plain values."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, case, select

from essdesk.db import models as m
from essdesk.domain import positionings as rules
from essdesk.domain.entities import EntityKind
from essdesk.domain.nomenclatures import APPLICATION_STATUSES
from essdesk.services.listings import Column, Listing
from essdesk.services.offer_list import news_text


@dataclass(frozen=True)
class PositioningCriteria:
    """What the filter bar asks for; empty values filter nothing."""

    status: str = ""
    counsellor_id: uuid.UUID | None = None
    offer_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = None
    youth_id: uuid.UUID | None = None
    proposed_from: dt.date | None = None
    proposed_to: dt.date | None = None
    without_news: bool = False  # pending, no news for 60 days


a, y, o, e, c = m.Application, m.Youth, m.Offer, m.Employer, m.Counsellor

COLUMNS = [
    Column("Proposée le", a.proposed_on),
    Column("Jeune", y.last_name, searchable=True),
    Column("Prénom", y.first_name, searchable=True),
    Column("Offre", o.title, searchable=True),
    Column("Employeur", e.name, searchable=True),
    Column("Conseiller", c.last_name),
    Column("État", a.status, labels=APPLICATION_STATUSES),
    # Only a pending positioning waits for news: the others show nothing.
    Column(
        "Nouvelles",
        case((a.status.in_(sorted(rules.PENDING)), a.last_news_on), else_=None),
        show=news_text,
    ),
]


def _conditions(criteria: PositioningCriteria) -> list:
    found: list = []
    if criteria.status:
        found.append(a.status == criteria.status)
    if criteria.counsellor_id is not None:
        found.append(a.counsellor_id == criteria.counsellor_id)
    if criteria.offer_id is not None:
        found.append(a.offer_id == criteria.offer_id)
    if criteria.employer_id is not None:
        found.append(o.employer_id == criteria.employer_id)
    if criteria.youth_id is not None:
        found.append(a.youth_id == criteria.youth_id)
    if criteria.proposed_from is not None:
        found.append(a.proposed_on >= criteria.proposed_from)
    if criteria.proposed_to is not None:
        found.append(a.proposed_on <= criteria.proposed_to)
    if criteria.without_news:
        limit_day = rules.no_news_since(dt.date.today())
        found.append(and_(a.status.in_(sorted(rules.PENDING)), a.last_news_on <= limit_day))
    return found


def positioning_listing(criteria: PositioningCriteria = PositioningCriteria()) -> Listing:
    conditions = _conditions(criteria)

    def base():
        return (
            select(*(column.expression for column in COLUMNS))
            .select_from(a)
            .join(y, a.youth_id == y.id)
            .join(o, a.offer_id == o.id)
            .join(e, o.employer_id == e.id)
            .outerjoin(c, a.counsellor_id == c.id)
            .where(*conditions)
        )

    return Listing(
        "applications",
        "Mises en relation",
        COLUMNS,
        base,
        a.id,
        a.version,
        kind=EntityKind.APPLICATIONS,
    )
