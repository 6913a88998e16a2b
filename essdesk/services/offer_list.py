"""The offers list with its filters (status, contract, ROME domain, commune, employer, dates) and
the « sans nouvelles » flag; the conditions are built here so that the screen holds plain values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, case

from essdesk.db import models as m
from essdesk.domain import positionings as rules
from essdesk.domain.entities import EntityKind
from essdesk.domain.search_keys import prefix_upper_bound
from essdesk.services.listings import LISTINGS, Column, Listing, words_condition


@dataclass(frozen=True)
class OfferCriteria:
    """What the filter bar of the offers asks for; empty values filter nothing."""

    status: str = ""  # a code of OFFER_STATUSES
    contract_type: str = ""
    rome_domain: str = ""  # a letter of ROME_DOMAINS
    commune: str = ""  # a postcode (or its start) or words of the place
    employer_id: uuid.UUID | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    without_news: bool = False  # open offers with no news for 60 days only


def news_text(last_news_on: dt.date | None, today: dt.date | None = None) -> str:
    """« ⚠ sans nouvelles depuis 75 j » for a record quiet for 60 days, else nothing."""
    today = today or dt.date.today()
    if not rules.without_news(last_news_on, today):
        return ""
    assert last_news_on is not None
    days = (today - last_news_on).days
    return f"⚠ sans nouvelles depuis {days} j"


# Only an open offer can be « sans nouvelles »: the others show nothing in the column.
NEWS_COLUMN = Column(
    "Nouvelles",
    case((m.Offer.status == "open", m.Offer.last_news_on), else_=None),
    show=news_text,
)


def _conditions(criteria: OfferCriteria, dialect: str) -> list:
    o = m.Offer
    found: list = []
    if criteria.status:
        found.append(o.status == criteria.status)
    if criteria.contract_type:
        found.append(o.contract_type == criteria.contract_type)
    if criteria.rome_domain:
        letter = criteria.rome_domain[:1].upper()
        found.append(and_(o.rome_code >= letter, o.rome_code < prefix_upper_bound(letter)))
    commune = criteria.commune.strip()
    if commune.isdigit():
        found.append(and_(o.postcode >= commune, o.postcode < prefix_upper_bound(commune)))
    elif commune:
        found.append(words_condition([o.place], commune, dialect))
    if criteria.employer_id is not None:
        found.append(o.employer_id == criteria.employer_id)
    if criteria.published_from is not None:
        found.append(o.publication_date >= criteria.published_from)
    if criteria.published_to is not None:
        found.append(o.publication_date <= criteria.published_to)
    if criteria.without_news:
        limit_day = rules.no_news_since(dt.date.today())
        found.append(and_(o.status == "open", o.last_news_on <= limit_day))
    return found


def offer_listing(criteria: OfferCriteria = OfferCriteria(), dialect: str = "sqlite") -> Listing:
    """The offers listing of services/listings.py, with the news column and these filters."""
    plain = LISTINGS["offers"]
    # The flag comes right after the title, where the eye is (the list is wide).
    columns = [plain.columns[0], NEWS_COLUMN, *plain.columns[1:]]
    conditions = _conditions(criteria, dialect)

    def base():
        query = plain.base().with_only_columns(*(c.expression for c in columns))
        return query.where(*conditions)

    return dataclasses.replace(plain, columns=columns, base=base, kind=EntityKind.OFFERS)
