"""Events and their sessions: creation, partners, offers shown, registrations and attendance."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import (
    ATTENDANCE_STATUSES,
    ATTENDEE_ROLES,
    SESSION_AUDIENCES,
    SESSION_FORMATS,
)
from essdesk.errors import EssDeskError
from essdesk.services import access


def _text(value: str | None, label: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise EssDeskError(f"Le champ « {label} » est obligatoire.")
    return text


def _get(session, model, record_id, what: str):
    record = session.get(model, record_id)
    if record is None:
        raise EssDeskError(f"{what} n'existe pas (ou plus) dans la base.")
    return record


def create_event(
    db: Database,
    title: str,
    start_date: date,
    end_date: date | None = None,
    *,
    place: str | None = None,
    description: str | None = None,
    kind: str = "week",
) -> uuid.UUID:
    """A new event over one or several days; returns its id."""
    if end_date and end_date < start_date:
        raise EssDeskError(
            f"La fin ({format_date(end_date)}) précède le début ({format_date(start_date)})."
        )
    access.require_write(db, "events")
    with db.transaction() as session:
        event = m.Event(
            title=_text(title, "Intitulé"), kind=kind, start_date=start_date,
            end_date=end_date, place=place, description=description,
        )  # fmt: skip
        session.add(event)
        session.flush()
        return event.id


def add_session(
    db: Database,
    event_id: uuid.UUID,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    *,
    format: str = "workshop",
    room: str | None = None,
    audience: str = "all",
    capacity: int | None = None,
    registration_deadline: date | None = None,
) -> uuid.UUID:
    """A session of the event, on one of its days."""
    if format not in SESSION_FORMATS:
        raise EssDeskError(f"Format de session inconnu : « {format} ».")
    if audience not in SESSION_AUDIENCES:
        raise EssDeskError(f"Public inconnu : « {audience} ».")
    if capacity is not None and capacity < 1:
        raise EssDeskError("La capacité d'une session est d'au moins une place.")
    if ends_at and ends_at <= starts_at:
        raise EssDeskError("La session doit finir après son début.")
    access.require_write(db, "event_sessions")
    with db.transaction() as session:
        event = _get(session, m.Event, event_id, "Cet événement")
        last = event.end_date or event.start_date
        if not event.start_date <= starts_at.date() <= last:
            raise EssDeskError(
                f"Le {format_date(starts_at.date())} n'est pas un jour de l'événement "
                f"(du {format_date(event.start_date)} au {format_date(last)})."
            )
        row = m.EventSession(
            event_id=event_id, title=_text(title, "Intitulé de la session"), format=format,
            starts_at=starts_at, ends_at=ends_at, room=room,
            audience=None if audience == "all" else audience, capacity=capacity,
            registration_deadline=registration_deadline,
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row.id


def add_event_partner(
    db: Database,
    event_id: uuid.UUID,
    name: str,
    *,
    employer_id: uuid.UUID | None = None,
    role: str | None = None,
) -> uuid.UUID:
    """A partner organisation of the event (co-organiser, network, exhibiting employer)."""
    access.require_write(db, "event_partners")
    with db.transaction() as session:
        _get(session, m.Event, event_id, "Cet événement")
        partner = m.EventPartner(
            event_id=event_id, name=_text(name, "Partenaire"), employer_id=employer_id, role=role
        )
        session.add(partner)
        session.flush()
        return partner.id


def present_offer(db: Database, session_id: uuid.UUID, offer_id: uuid.UUID) -> None:
    """An offer shown at a session (forum, speed meeting); twice changes nothing."""
    access.require_write(db, "session_offers")
    with db.transaction() as session:
        _get(session, m.EventSession, session_id, "Cette session")
        _get(session, m.Offer, offer_id, "Cette offre")
        exists = session.scalar(
            select(m.SessionOffer.id).where(
                m.SessionOffer.session_id == session_id, m.SessionOffer.offer_id == offer_id
            )
        )
        if exists is None:
            session.add(m.SessionOffer(session_id=session_id, offer_id=offer_id))


def register(
    db: Database,
    session_id: uuid.UUID,
    *,
    youth_id: uuid.UUID | None = None,
    name: str | None = None,
    role: str = "youth",
    organisation: str | None = None,
    today: date | None = None,
) -> tuple[uuid.UUID, str]:
    """Register someone for a session; returns the line's id and its registration status.

    A young person registering after the deadline, or once every place is taken, is recorded
    as « refusé » (the demand is kept for the review) and the status says so.
    """
    if role not in ATTENDEE_ROLES:
        raise EssDeskError(f"Rôle inconnu : « {role} ».")
    if youth_id is None and not (name or "").strip():
        raise EssDeskError("Indiquez le jeune inscrit ou le nom de la personne.")
    today = today or date.today()
    access.require_write(db, "attendances")
    with db.transaction() as s:
        row = _get(s, m.EventSession, session_id, "Cette session")
        if youth_id is not None:
            _get(s, m.Youth, youth_id, "Ce jeune")
            existing = s.scalar(
                select(m.Attendance).where(
                    m.Attendance.session_id == session_id, m.Attendance.youth_id == youth_id
                )
            )
            if existing is not None:
                if existing.registration == "registered":
                    raise EssDeskError(f"Ce jeune est déjà inscrit à « {row.title} ».")
                s.delete(existing)  # a new registration replaces a cancelled or refused one
                s.flush()
        registration = "registered"
        if role == "youth":
            taken = s.scalar(
                select(func.count(m.Attendance.id)).where(
                    m.Attendance.session_id == session_id,
                    m.Attendance.role == "youth",
                    m.Attendance.registration == "registered",
                )
            )
            late = row.registration_deadline is not None and today > row.registration_deadline
            full = row.capacity is not None and taken >= row.capacity
            registration = "refused" if late or full else "registered"
        line = m.Attendance(
            session_id=session_id, youth_id=youth_id,
            walk_in_name=None if youth_id else _text(name, "Nom"), status="registered",
            registration=registration, role=role, organisation=organisation,
        )  # fmt: skip
        s.add(line)
        s.flush()
        return line.id, registration


def cancel_registration(db: Database, attendance_id: uuid.UUID) -> None:
    """The person unregisters (désinscrit): the place is freed, the line kept for the review."""
    access.require_write(db, "attendances")
    with db.transaction() as session:
        line = _get(session, m.Attendance, attendance_id, "Cette inscription")
        line.registration = "cancelled"
        line.status = "registered"


def mark_attendance(db: Database, attendance_id: uuid.UUID, status: str) -> None:
    """Take presence: « present », « absent », or « registered » to undo."""
    if status not in ATTENDANCE_STATUSES:
        raise EssDeskError(f"Présence inconnue : « {status} ».")
    access.require_write(db, "attendances")
    with db.transaction() as session:
        line = _get(session, m.Attendance, attendance_id, "Cette inscription")
        if line.registration != "registered" and status == "present":
            line.registration = "registered"  # they came after all: they count as registered
        line.status = status


def record_walk_in(
    db: Database,
    session_id: uuid.UUID,
    *,
    youth_id: uuid.UUID | None = None,
    name: str | None = None,
    role: str = "youth",
    organisation: str | None = None,
) -> uuid.UUID:
    """Someone who came without registering: present at once, never refused."""
    if youth_id is None and not (name or "").strip():
        raise EssDeskError("Indiquez le jeune venu ou le nom de la personne.")
    if role not in ATTENDEE_ROLES:
        raise EssDeskError(f"Rôle inconnu : « {role} ».")
    access.require_write(db, "attendances")
    with db.transaction() as session:
        _get(session, m.EventSession, session_id, "Cette session")
        line = m.Attendance(
            session_id=session_id, youth_id=youth_id,
            walk_in_name=None if youth_id else _text(name, "Nom"), status="present",
            registration="registered", role=role, organisation=organisation,
        )  # fmt: skip
        session.add(line)
        session.flush()
        return line.id
