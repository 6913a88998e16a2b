"""Positioning young people on offers and moving positionings through their states, with history."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, Database
from essdesk.domain import positionings as rules
from essdesk.domain.french import format_date
from essdesk.errors import EssDeskError
from essdesk.services import access


@dataclass(frozen=True)
class Proposed:
    """What a proposal did: positionings created, and pairs skipped because they existed."""

    created: list[uuid.UUID]
    already: list[str]  # French descriptions of the pairs that were already positioned


@dataclass(frozen=True)
class Moved:
    """The result of a move: the new version and the positionings it made obsolete."""

    version: int
    obsoleted: list[uuid.UUID]
    propose_placement: bool  # « embauchée »: the screen offers to record the hire


@dataclass(frozen=True)
class Step:
    """One line of a positioning's history, as the record shows it."""

    on: dt.date | None
    at: dt.datetime
    from_status: str | None
    status: str
    reason: str | None
    note: str | None
    counsellor: str | None

    @property
    def text(self) -> str:
        parts = [format_date(self.on), rules.label(self.status)]
        if self.reason:
            parts.append(rules.REFUSAL_REASONS.get(self.reason, self.reason))
        if self.counsellor:
            parts.append(self.counsellor)
        if self.note:
            parts.append(self.note)
        return " — ".join(p for p in parts if p)


def propose_youths(
    db: Database,
    offer_id: uuid.UUID,
    youth_ids: Sequence[uuid.UUID],
    *,
    counsellor_id: uuid.UUID | None = None,
    on: dt.date | None = None,
    comment: str | None = None,
) -> Proposed:
    """Position young people on one offer (from the offer's screen)."""
    return _propose(db, [(y, offer_id) for y in youth_ids], counsellor_id, on, comment)


def propose_offers(
    db: Database,
    youth_id: uuid.UUID,
    offer_ids: Sequence[uuid.UUID],
    *,
    counsellor_id: uuid.UUID | None = None,
    on: dt.date | None = None,
    comment: str | None = None,
) -> Proposed:
    """Position one young person on offers (from the young person's screen)."""
    return _propose(db, [(youth_id, o) for o in offer_ids], counsellor_id, on, comment)


def _propose(db, pairs, counsellor_id, on, comment) -> Proposed:
    access.require_write(db, "applications")
    today = dt.date.today()
    on = on or today
    if on > today:
        raise EssDeskError(f"La date de mise en relation ({format_date(on)}) est dans le futur.")
    if not pairs:
        raise EssDeskError("Choisissez au moins un jeune et une offre.")
    created: list[uuid.UUID] = []
    already: list[str] = []
    with db.transaction() as session:
        youths = _by_id(session, m.Youth, {y for y, _ in pairs}, "Jeune")
        offers = _by_id(session, m.Offer, {o for _, o in pairs}, "Offre")
        for offer in offers.values():
            if offer.status != "open":
                raise EssDeskError(
                    f"L'offre « {offer.title} » n'est pas ouverte : on n'y positionne plus "
                    "personne. Rien n'a été enregistré."
                )
        existing = set(
            session.execute(
                select(m.Application.youth_id, m.Application.offer_id).where(
                    m.Application.youth_id.in_(list(youths)),
                    m.Application.offer_id.in_(list(offers)),
                )
            ).all()
        )
        for youth_id, offer_id in pairs:
            youth, offer = youths[youth_id], offers[offer_id]
            if (youth_id, offer_id) in existing:
                already.append(f"{youth.first_name} {youth.last_name} sur « {offer.title} »")
                continue
            application = m.Application(
                youth_id=youth_id,
                offer_id=offer_id,
                counsellor_id=counsellor_id,
                status="new",
                proposed_on=on,
                last_news_on=on,
            )
            application.history.append(
                m.ApplicationEvent(
                    status="new", on=on, counsellor_id=counsellor_id, note=_clean(comment)
                )
            )
            session.add(application)
            session.flush()
            created.append(application.id)
            offer.last_news_on = max(offer.last_news_on or on, on)
    return Proposed(created, already)


def move(
    db: Database,
    application_id: uuid.UUID,
    target: str,
    *,
    on: dt.date | None = None,
    counsellor_id: uuid.UUID | None = None,
    comment: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Moved:
    """Move a positioning to `target`, logged with its date, counsellor and comment.

    A hire (« embauchée ») makes the young person's other pending positionings « obsolète » in
    the same transaction. A move the rules refuse raises TransitionRefused and writes nothing.
    """
    access.require_write(db, "applications", application_id)
    today = dt.date.today()
    on = on or today
    with db.transaction() as session:
        application = session.get(m.Application, application_id)
        if application is None:
            raise EssDeskError("Cette mise en relation n'existe plus.")
        if expected_version is not None and application.version != expected_version:
            raise ConcurrentEditError(
                "Cette mise en relation a été modifiée entre-temps depuis un autre poste : rien "
                "n'a été enregistré. Rechargez-la, puis refaites le changement."
            )
        rules.check_transition(
            application.status,
            target,
            on=on,
            today=today,
            proposed_on=application.proposed_on,
            reason=reason,
            comment=comment,
        )
        _log(session, application, target, on, counsellor_id, _clean(comment), reason)
        application.refusal_reason = reason if target == "refused" else None
        application.offer.last_news_on = max(application.offer.last_news_on or on, on)
        obsoleted: list[uuid.UUID] = []
        if target == "accepted":
            obsoleted = _obsolete_others(session, application, on, counsellor_id)
        session.flush()
        return Moved(application.version, obsoleted, target == "accepted")


def _obsolete_others(session: Session, hired: m.Application, on, counsellor_id) -> list:
    others = session.scalars(
        select(m.Application).where(
            m.Application.youth_id == hired.youth_id,
            m.Application.id != hired.id,
            m.Application.status.in_(rules.PENDING),
        )
    ).all()
    note = f"Embauché(e) sur une autre offre : « {hired.offer.title} »"
    for other in others:
        _log(session, other, "obsolete", on, counsellor_id, note, None)
    return [o.id for o in others]


def _log(session, application, target, on, counsellor_id, note, reason) -> None:
    session.add(
        m.ApplicationEvent(
            application_id=application.id,
            from_status=application.status,
            status=target,
            on=on,
            counsellor_id=counsellor_id,
            note=note,
            reason=reason,
        )
    )
    application.status = target
    application.last_news_on = on


def history(db: Database, application_id: uuid.UUID) -> list[Step]:
    """The positioning's steps, oldest first."""
    access.require_read(db, "application_events")
    with db.session() as session:
        rows = session.execute(
            select(m.ApplicationEvent, m.Counsellor)
            .outerjoin(m.Counsellor, m.Counsellor.id == m.ApplicationEvent.counsellor_id)
            .where(m.ApplicationEvent.application_id == application_id)
            .order_by(m.ApplicationEvent.at, m.ApplicationEvent.id)
        ).all()
        return [
            Step(
                e.on,
                e.at,
                e.from_status,
                e.status,
                e.reason,
                e.note,
                f"{c.first_name} {c.last_name}" if c else None,
            )
            for e, c in rows
        ]


@dataclass(frozen=True)
class PositioningRow:
    id: uuid.UUID
    version: int
    youth_id: uuid.UUID
    youth: str
    offer_id: uuid.UUID
    offer: str
    employer: str
    status: str
    proposed_on: dt.date
    last_news_on: dt.date | None
    without_news: bool

    @property
    def status_label(self) -> str:
        return rules.label(self.status)


def of_offer(db: Database, offer_id: uuid.UUID) -> list[PositioningRow]:
    return _rows(db, m.Application.offer_id == offer_id)


def of_youth(db: Database, youth_id: uuid.UUID) -> list[PositioningRow]:
    return _rows(db, m.Application.youth_id == youth_id)


def without_news(db: Database, *, limit: int = 200, today: dt.date | None = None):
    """Pending positionings with no news for 60 days, oldest news first.

    One indexed range of (status, last_news_on) per pending state, each cut at `limit`, merged
    here: a single IN over the states would make the base sort every old positioning first.
    """
    limit_day = rules.no_news_since(today or dt.date.today())
    a = m.Application
    oldest: list[tuple[dt.date, uuid.UUID]] = []
    with db.session() as session:
        for state in sorted(rules.PENDING):
            oldest += session.execute(
                select(a.last_news_on, a.id)
                .where(a.status == state, a.last_news_on <= limit_day)
                .order_by(a.last_news_on, a.id)
                .limit(limit)
            ).all()
    ids = [i for _day, i in sorted(oldest, key=lambda r: (r[0], str(r[1])))[:limit]]
    if not ids:
        return []
    return _rows(db, a.id.in_(ids), order=a.last_news_on, limit=limit, today=today)


def offers_without_news(db: Database, *, limit: int = 200, today: dt.date | None = None):
    """Open offers with no news (creation, edit or positioning move) for 60 days."""
    limit_day = rules.no_news_since(today or dt.date.today())
    with db.session() as session:
        return session.execute(
            select(m.Offer.id, m.Offer.title, m.Offer.last_news_on)
            .where(m.Offer.status == "open", m.Offer.last_news_on <= limit_day)
            .order_by(m.Offer.last_news_on, m.Offer.id)
            .limit(limit)
        ).all()


def _rows(db, condition, *, order=None, limit: int | None = None, today=None):
    access.require_read(db, "applications")
    today = today or dt.date.today()
    query = (
        select(
            m.Application,
            m.Youth.first_name,
            m.Youth.last_name,
            m.Offer.title,
            m.Employer.name,
        )
        .join(m.Youth, m.Youth.id == m.Application.youth_id)
        .join(m.Offer, m.Offer.id == m.Application.offer_id)
        .join(m.Employer, m.Employer.id == m.Offer.employer_id)
        .where(condition)
        .order_by(
            order if order is not None else m.Application.proposed_on.desc(), m.Application.id
        )
        .limit(limit)
    )
    with db.session() as session:
        return [
            PositioningRow(
                a.id,
                a.version,
                a.youth_id,
                f"{first} {last}",
                a.offer_id,
                title,
                employer,
                a.status,
                a.proposed_on,
                a.last_news_on,
                a.status in rules.PENDING and rules.without_news(a.last_news_on, today),
            )
            for a, first, last, title, employer in session.execute(query)
        ]


def _by_id(session: Session, model, ids: Iterable[uuid.UUID], what: str) -> dict:
    ids = set(ids)
    found = {r.id: r for r in session.scalars(select(model).where(model.id.in_(list(ids))))}
    if len(found) != len(ids):
        raise EssDeskError(f"{what} introuvable : la fiche a été supprimée entre-temps.")
    return found


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


def get(db: Database, application_id: uuid.UUID) -> PositioningRow:
    """One positioning as the lists show it; an error in French when it was deleted meanwhile."""
    rows = _rows(db, m.Application.id == application_id)
    if not rows:
        raise EssDeskError("Cette mise en relation n'existe plus.")
    return rows[0]
