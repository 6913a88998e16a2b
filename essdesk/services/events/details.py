"""One event as its editor shows it: sessions, their sheets, partners, offers; and its edits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import SESSION_AUDIENCES, SESSION_FORMATS
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.listings import words_condition
from essdesk.services.lookup import get_or_gone
from essdesk.services.speed_meetings.sessions import Choice

MAX_LINES = 2000  # one session's sheet: a forum's crowd, never the whole base


@dataclass(frozen=True)
class SheetLine:
    """One line of a session's sheet: who, their role, registration and presence."""

    id: uuid.UUID
    name: str
    role: str
    organisation: str
    registration: str
    status: str


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    title: str
    format: str
    starts_at: datetime
    ends_at: datetime | None
    room: str
    audience: str
    capacity: int | None
    registration_deadline: date | None
    speed_meeting_id: uuid.UUID | None
    offers: tuple[str, ...]


@dataclass(frozen=True)
class EventDetail:
    id: uuid.UUID
    version: int
    title: str
    kind: str
    start_date: date
    end_date: date | None
    place: str
    description: str
    sessions: tuple[SessionRow, ...]
    partners: tuple[tuple[uuid.UUID, str, str], ...]  # (id, name, role)


def load_event(db: Database, event_id: uuid.UUID) -> EventDetail:
    access.require_read(db, "events")
    with db.session() as session:
        event = get_or_gone(session, m.Event, event_id, "Cet événement")
        ids = [s.id for s in event.sessions]
        speeds = dict(
            session.execute(
                select(m.SpeedMeeting.event_session_id, m.SpeedMeeting.id).where(
                    m.SpeedMeeting.event_session_id.in_(ids)
                )
            ).all()
        )
        offers: dict[uuid.UUID, list[str]] = {}
        for session_id, title, employer in session.execute(
            select(m.SessionOffer.session_id, m.Offer.title, m.Employer.name)
            .join(m.Offer, m.SessionOffer.offer_id == m.Offer.id)
            .join(m.Employer, m.Offer.employer_id == m.Employer.id)
            .where(m.SessionOffer.session_id.in_(ids))
            .order_by(m.Offer.title)
        ):
            offers.setdefault(session_id, []).append(f"{title} ({employer})")
        sessions = tuple(
            SessionRow(
                s.id,
                s.title,
                s.format,
                s.starts_at,
                s.ends_at,
                s.room or "",
                s.audience or "all",
                s.capacity,
                s.registration_deadline,
                speeds.get(s.id),
                tuple(offers.get(s.id, ())),
            )  # fmt: skip
            for s in event.sessions
        )
        return EventDetail(
            event.id, event.version, event.title, event.kind, event.start_date, event.end_date,
            event.place or "", event.description or "", sessions,
            tuple((p.id, p.name, p.role or "") for p in event.partners),
        )  # fmt: skip


def session_sheet(db: Database, session_id: uuid.UUID) -> list[SheetLine]:
    """The registrations and presences of a session, young people by name first."""
    access.require_read(db, "attendances")
    query = (
        select(m.Attendance, m.Youth.first_name, m.Youth.last_name)
        .outerjoin(m.Youth, m.Attendance.youth_id == m.Youth.id)
        .where(m.Attendance.session_id == session_id)
        .order_by(
            m.Attendance.role != "youth",
            m.Attendance.role,
            m.Youth.last_name,
            m.Attendance.walk_in_name,
        )  # young people first
        .limit(MAX_LINES)
    )
    with db.session() as session:
        return [
            SheetLine(
                a.id,
                f"{first} {last}" if last else (a.walk_in_name or "?"),
                a.role,
                a.organisation or "",
                a.registration,
                a.status,
            )
            for a, first, last in session.execute(query)
        ]


def update_event(
    db: Database,
    event_id: uuid.UUID,
    expected_version: int,
    *,
    title: str,
    start_date: date,
    end_date: date | None,
    place: str | None,
    description: str | None,
) -> int:
    """Save the event's own fields; a session outside the new days is refused."""
    title = " ".join((title or "").split())
    if not title:
        raise EssDeskError("Le champ « Intitulé » est obligatoire.")
    last = end_date or start_date
    if last < start_date:
        raise EssDeskError(
            f"La fin ({format_date(end_date)}) précède le début ({format_date(start_date)})."
        )
    access.require_write(db, "events", event_id)
    with db.transaction() as session:
        event = get_or_gone(session, m.Event, event_id, "Cet événement")
        if event.version != expected_version:
            raise EssDeskError(
                "Cet événement a été modifié entre-temps depuis un autre poste : rechargez-le."
            )
        outside = [s for s in event.sessions if not start_date <= s.starts_at.date() <= last]
        if outside:
            raise EssDeskError(
                f"La session « {outside[0].title} » du {format_date(outside[0].starts_at.date())} "
                "tomberait hors des nouvelles dates : déplacez-la ou supprimez-la d'abord."
            )
        event.title, event.start_date, event.end_date = title, start_date, end_date
        event.place, event.description = place or None, description or None
        session.flush()
        return event.version


def update_session(db: Database, session_id: uuid.UUID, **changes) -> None:
    """Change a session's format, times, place, audience, capacity or deadline."""
    allowed = {"title", "format", "starts_at", "ends_at", "room", "audience", "capacity",
               "registration_deadline"}  # fmt: skip
    if set(changes) - allowed:
        raise EssDeskError(f"Champ inconnu : {', '.join(sorted(set(changes) - allowed))}.")
    if changes.get("format", "workshop") not in SESSION_FORMATS:
        raise EssDeskError(f"Format de session inconnu : « {changes['format']} ».")
    if changes.get("audience", "all") not in SESSION_AUDIENCES:
        raise EssDeskError(f"Public inconnu : « {changes['audience']} ».")
    if changes.get("capacity") is not None and changes["capacity"] < 1:
        raise EssDeskError("La capacité d'une session est d'au moins une place.")
    access.require_write(db, "event_sessions", session_id)
    with db.transaction() as session:
        row = get_or_gone(session, m.EventSession, session_id, "Cette session")
        for name, value in changes.items():
            if name == "audience":
                value = None if value == "all" else value
            setattr(row, name, value)
        if row.ends_at is not None and row.ends_at <= row.starts_at:
            raise EssDeskError("La session doit finir après son début.")


def delete_session(db: Database, session_id: uuid.UUID) -> None:
    """Remove a session with its sheet; refused once a speed meeting was built on it."""
    access.require_write(db, "event_sessions", session_id)
    with db.transaction() as session:
        row = get_or_gone(session, m.EventSession, session_id, "Cette session")
        if session.scalar(
            select(m.SpeedMeeting.id).where(m.SpeedMeeting.event_session_id == session_id)
        ):
            raise EssDeskError(
                f"Un speed meeting est rattaché à « {row.title} » : la session est gardée."
            )
        session.delete(row)


def remove_event_partner(db: Database, partner_id: uuid.UUID) -> None:
    access.require_write(db, "event_partners", partner_id)
    with db.transaction() as session:
        session.delete(get_or_gone(session, m.EventPartner, partner_id, "Ce partenaire"))


def search_open_offers(db: Database, text: str = "", limit: int = 50) -> list[Choice]:
    """Open offers whose title or employer contains `text`: what a session may present."""
    access.require_read(db, "offers")
    columns = [m.Offer.title, m.Employer.name]
    query = (
        select(m.Offer.id, m.Offer.title, m.Employer.name)
        .join(m.Employer, m.Offer.employer_id == m.Employer.id)
        .where(m.Offer.status == "open", words_condition(columns, text, db.engine.dialect.name))
        .order_by(m.Offer.title)
        .limit(limit)
    )
    with db.session() as session:
        return [Choice(i, f"{t} ({e})") for i, t, e in session.execute(query)]
