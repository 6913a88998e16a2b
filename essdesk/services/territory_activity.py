"""Activity by territory type (urbain, périurbain, rural): who was followed and hired where."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, select, union

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.nomenclatures import POSITIVE_EXITS, TERRITORIES
from essdesk.errors import EssDeskError
from essdesk.reports.territory_figures import UNKNOWN, UNKNOWN_LABEL, TerritoryData, TerritoryRow
from essdesk.services.communes import TerritoryResolver


def default_period(today: date) -> tuple[date, date]:
    """The calendar year so far: what a territorial study asks for by default."""
    return date(today.year, 1, 1), today


def territory_activity(
    db: Database, start: date | None = None, end: date | None = None, *, today: date | None = None
) -> TerritoryData:
    """Count, for each territory type, the period's followed youths, employers, offers, etc.

    A young person's type comes from the communes table (postcode and commune of residence);
    an employer's is the type recorded on its file, else the communes table. Youths followed =
    with a follow-up, a positioning or a contract running in the period.
    """
    today = today or date.today()
    first, last = (start, end) if start and end else default_period(today)
    first, last = start or first, end or last
    if last < first:
        raise EssDeskError("La période demandée finit avant de commencer : vérifiez les dates.")
    with db.session() as session:
        resolver = TerritoryResolver.load(session)
        communes = session.scalar(select(func.count(m.Commune.id))) or 0
        running = (m.Placement.start_date <= last) & (
            m.Placement.end_date.is_(None) | (m.Placement.end_date >= first)
        )
        followed = union(
            select(m.FollowUp.youth_id).where(m.FollowUp.on.between(first, last)),
            select(m.Application.youth_id).where(m.Application.proposed_on.between(first, last)),
            select(m.Placement.youth_id).where(running),
        ).subquery()
        youth_type = {
            yid: resolver.territory(postcode, commune) or UNKNOWN
            for yid, postcode, commune in session.execute(
                select(m.Youth.id, m.Youth.postcode, m.Youth.commune).where(
                    m.Youth.id.in_(select(followed.c[0]))
                )
            )
        }
        counts: dict[str, Counter] = {}

        def add(measure: str, territory: str | None, n: int = 1) -> None:
            counts.setdefault(measure, Counter())[territory or UNKNOWN] += n

        for territory in youth_type.values():
            add("youths", territory)
        # Counted per person and per employer in SQL: 300,000 positionings stay in the base.
        in_period = m.Application.proposed_on.between(first, last)
        offer_rows = session.execute(
            select(m.Offer.employer_id, func.count(m.Offer.id))
            .where(m.Offer.publication_date.between(first, last))
            .group_by(m.Offer.employer_id)
        ).all()
        positionings = session.execute(
            select(m.Application.youth_id, func.count(m.Application.id))
            .where(in_period)
            .group_by(m.Application.youth_id)
        ).all()
        positioning_employers = session.scalars(
            select(m.Offer.employer_id)
            .join(m.Application, m.Application.offer_id == m.Offer.id)
            .where(in_period)
            .distinct()
        ).all()
        placements = session.execute(
            select(
                m.Placement.youth_id,
                m.Placement.employer_id,
                m.Placement.start_date,
                m.Placement.end_date,
                m.Placement.exit_outcome,
            ).where(running)  # fmt: skip
        ).all()
        active = {e for e, _ in offer_rows} | set(positioning_employers)
        active |= {p[1] for p in placements}
        employer_type = {}
        for ids in _chunks(sorted(active), 500):
            for eid, recorded, postcode, commune in session.execute(
                select(
                    m.Employer.id, m.Employer.territory, m.Employer.postcode, m.Employer.commune
                ).where(m.Employer.id.in_(ids))
            ):
                employer_type[eid] = recorded or resolver.territory(postcode, commune) or UNKNOWN
        for territory in employer_type.values():
            add("employers", territory)
        for eid, n in offer_rows:
            add("offers", employer_type.get(eid), n)
        for yid, n in positionings:
            add("positionings", youth_type.get(yid), n)
        for yid, _, started, ended, outcome in placements:
            if first <= started <= last:
                add("placements", youth_type.get(yid))
            if ended and first <= ended <= last and outcome in POSITIVE_EXITS:
                add("positive_exits", youth_type.get(yid))
    labels = {**TERRITORIES, UNKNOWN: UNKNOWN_LABEL}
    rows = tuple(
        TerritoryRow(code, label, **{k: c[code] for k, c in counts.items()})
        for code, label in labels.items()
        if code != UNKNOWN or any(c[UNKNOWN] for c in counts.values())
    )
    return TerritoryData(first, last, rows, communes)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
