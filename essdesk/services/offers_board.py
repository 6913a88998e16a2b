"""The open offers shown at reception during an event: one card per offer, in large print."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.nomenclatures import CONTRACT_TYPES
from essdesk.reports.offers_board import BOARD_LIMIT, OfferCard, OffersBoardData


def offers_board_data(
    db: Database,
    event_id: uuid.UUID | None = None,
    start: date | None = None,
    end: date | None = None,
    *,
    limit: int = BOARD_LIMIT,
) -> OffersBoardData:
    """Open offers (those presented at `event_id` when given), the most recent first."""
    query = (
        select(m.Offer, m.Employer.name, m.Employer.commune)
        .join(m.Employer, m.Offer.employer_id == m.Employer.id)
        .where(m.Offer.status == "open")
    )
    subject = ""
    with db.session() as session:
        if event_id is not None:
            event = session.get(m.Event, event_id)
            subject = event.title if event else ""
            shown = (
                select(m.SessionOffer.offer_id)
                .join(m.EventSession, m.SessionOffer.session_id == m.EventSession.id)
                .where(m.EventSession.event_id == event_id)
            )
            query = query.where(m.Offer.id.in_(shown))
        if start is not None:
            query = query.where(m.Offer.publication_date >= start)
        if end is not None:
            query = query.where(m.Offer.publication_date <= end)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.execute(
            query.order_by(m.Offer.publication_date.desc().nulls_last(), m.Offer.title).limit(limit)
        )
        cards = tuple(
            OfferCard(
                title=o.title,
                employer=name,
                place=o.place or commune or "",
                contract=CONTRACT_TYPES.get(o.contract_type or "", o.contract_type or ""),
                weekly_hours=o.weekly_hours,
                duration_months=o.duration_months,
                positions=o.positions,
                start_date=o.start_date,
                publication_date=o.publication_date,
                description=o.description or "",
            )
            for o, name, commune in rows
        )
    return OffersBoardData(subject=subject, cards=cards, total=total, start=start, end=end)
