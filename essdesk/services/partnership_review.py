"""Figures of a partnership review: partners, roadmap, governance, events, offers, hires, mentoring."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import extract, func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.governance import OPEN_ACTION_STATUSES, expected_meetings
from essdesk.domain.nomenclatures import (
    ACTION_STATUSES,
    CONTRACT_TYPES,
    GOVERNANCE_KINDS,
    GOVERNANCE_STATUSES,
    PARTNER_KINDS,
)
from essdesk.errors import EssDeskError
from essdesk.reports.partnerships.figures import (
    ActionLine,
    AxisLine,
    EventLine,
    GovernanceLine,
    MeetingLine,
    PairLine,
    PartnerLine,
    PartnershipReviewData,
    YearLine,
)


def review_period(
    partnership: m.Partnership, start: date | None, end: date | None, today: date
) -> tuple[date, date]:
    """The period asked for, else the agreement's own (up to today if it is still running)."""
    first = start or partnership.start_date or partnership.signed_on or date(today.year, 1, 1)
    last = end or min(partnership.end_date or today, max(today, first))
    if last < first:
        raise EssDeskError("La période demandée finit avant de commencer : vérifiez les dates.")
    return first, last


def partnership_review_data(
    db: Database,
    partnership_id: uuid.UUID,
    start: date | None = None,
    end: date | None = None,
    *,
    today: date | None = None,
) -> PartnershipReviewData:
    """Read one agreement's review over a period; the figures are counted in SQL."""
    today = today or date.today()
    with db.session() as session:
        p = session.get(m.Partnership, partnership_id)
        if p is None:
            raise EssDeskError("Cette convention n'existe pas (ou plus) dans la base.")
        first, last = review_period(p, start, end, today)
        employers = select(m.PartnershipEmployer.employer_id).where(
            m.PartnershipEmployer.partnership_id == p.id
        )
        covered = session.scalar(select(func.count()).select_from(employers.subquery())) or 0
        return PartnershipReviewData(
            title=p.title,
            partner_name=p.partner_name,
            signed_on=p.signed_on,
            start_date=p.start_date,
            end_date=p.end_date,
            description=p.description,
            period_start=first,
            period_end=last,
            partners=tuple(
                PartnerLine(x.name, PARTNER_KINDS.get(x.kind, x.kind), x.role or "")
                for x in p.partners
            ),
            axes=tuple(_axis(a, first, last, today) for a in p.axes),
            governance=_governance(p, first, last, today),
            meetings=tuple(
                MeetingLine(
                    x.held_on,
                    GOVERNANCE_KINDS.get(x.kind, x.kind),
                    GOVERNANCE_STATUSES.get(x.status, x.status),
                    x.attendees or "",
                    bool(x.minutes or x.minutes_file),
                )
                for x in p.meetings
                if first <= x.held_on <= last
            ),
            events=_events(session, p.id, first, last),
            employers=covered,
            years=_years(session, employers, first, last),
            placements_by_contract=_contracts(session, employers, first, last),
            pairs=_pairs(session, p.id, first, last),
            youths_placed=session.scalar(
                select(func.count(func.distinct(m.Placement.youth_id))).where(
                    m.Placement.employer_id.in_(employers),
                    m.Placement.start_date.between(first, last),
                )
            )
            or 0,
        )


def _axis(axis: m.PartnershipAxis, first: date, last: date, today: date) -> AxisLine:
    # An action belongs to the period by its due date, or by its year when it has no date.
    def in_period(a: m.PartnershipAction) -> bool:
        if a.due_date is not None:
            return first <= a.due_date <= last
        return a.year is None or first.year <= a.year <= last.year

    return AxisLine(
        axis.position,
        axis.title,
        tuple(
            ActionLine(
                title=a.title,
                year=a.year,
                target=a.target or "",
                indicator=a.indicator or "",
                owner=a.owner or "",
                due_date=a.due_date,
                status=a.status,
                status_label=ACTION_STATUSES.get(a.status, a.status),
                overdue=bool(
                    a.due_date and a.due_date < today and a.status in OPEN_ACTION_STATUSES
                ),
            )
            for a in axis.actions
            if in_period(a)
        ),
    )


def _governance(
    p: m.Partnership, first: date, last: date, today: date
) -> tuple[GovernanceLine, ...]:
    lines = []
    # Committees are expected only while the agreement runs, and only up to today.
    running_from = max(first, p.start_date or first)
    running_to = min(last, p.end_date or last, today)
    frequency = {"steering": p.steering_per_year, "technical": p.technical_per_year}
    for kind, label in GOVERNANCE_KINDS.items():
        meetings = [x for x in p.meetings if x.kind == kind and first <= x.held_on <= last]
        per_year = frequency.get(kind)
        held = [x.held_on for x in meetings if x.status == "held"]
        planned = sum(1 for x in meetings if x.status == "planned")
        if not meetings and not per_year:
            continue
        expected = expected_meetings(per_year, running_from, running_to) if per_year else None
        lines.append(
            GovernanceLine(kind, label, expected, len(held), planned, max(held, default=None))
        )
    return tuple(lines)


def _events(session, partnership_id, first: date, last: date) -> tuple[EventLine, ...]:
    present = (
        select(func.count(m.Attendance.id))
        .join(m.EventSession, m.Attendance.session_id == m.EventSession.id)
        .where(m.EventSession.event_id == m.Event.id, m.Attendance.status == "present")
        .scalar_subquery()
    )
    sessions = (
        select(func.count(m.EventSession.id))
        .where(m.EventSession.event_id == m.Event.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(m.Event.title, m.Event.start_date, m.Event.end_date, sessions, present)
        .join(m.PartnershipEvent, m.PartnershipEvent.event_id == m.Event.id)
        .where(m.PartnershipEvent.partnership_id == partnership_id)
        .where(m.Event.start_date.between(first, last))
        .order_by(m.Event.start_date)
    )
    return tuple(EventLine(*row) for row in rows)


def _years(session, employers, first: date, last: date) -> tuple[YearLine, ...]:
    offer_year = extract("year", m.Offer.publication_date)
    offers = dict(
        (int(y), (n, positions or 0))
        for y, n, positions in session.execute(
            select(offer_year, func.count(m.Offer.id), func.sum(m.Offer.positions))
            .where(m.Offer.employer_id.in_(employers))
            .where(m.Offer.publication_date.between(first, last))
            .group_by(offer_year)
        )
    )
    hire_year = extract("year", m.Placement.start_date)
    hires = {
        int(y): (n, youths)
        for y, n, youths in session.execute(
            select(
                hire_year,
                func.count(m.Placement.id),
                func.count(func.distinct(m.Placement.youth_id)),
            )
            .where(m.Placement.employer_id.in_(employers))
            .where(m.Placement.start_date.between(first, last))
            .group_by(hire_year)
        )
    }
    return tuple(
        YearLine(
            year,
            offers.get(year, (0, 0))[0],
            int(offers.get(year, (0, 0))[1]),
            hires.get(year, (0, 0))[0],
            hires.get(year, (0, 0))[1],
        )
        for year in range(first.year, last.year + 1)
    )


def _contracts(session, employers, first: date, last: date) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        select(m.Placement.contract_type, func.count(m.Placement.id))
        .where(m.Placement.employer_id.in_(employers))
        .where(m.Placement.start_date.between(first, last))
        .group_by(m.Placement.contract_type)
    )
    counted = [(CONTRACT_TYPES.get(code, code or "Non renseigné"), n) for code, n in rows]
    return tuple(sorted(counted, key=lambda item: (-item[1], item[0])))


def _pairs(session, partnership_id, first: date, last: date) -> tuple[PairLine, ...]:
    # The review goes to a steering committee: it counts pairs, it never names the people.
    rows = session.execute(
        select(m.Mentorship, m.Employer.name)
        .outerjoin(m.Employer, m.Mentorship.volunteer_employer_id == m.Employer.id)
        .where(m.Mentorship.partnership_id == partnership_id)
        .where(m.Mentorship.start_date <= last)
        .where((m.Mentorship.end_date.is_(None)) | (m.Mentorship.end_date >= first))
        .order_by(m.Mentorship.start_date)
    )
    return tuple(
        PairLine(company or "", x.start_date, x.end_date, x.meetings, x.outcome or "")
        for x, company in rows
    )
