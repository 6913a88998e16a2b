"""Events over one or several days: sessions, registrations and attendance, partners, offers shown."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Youth


class Event(Entity):
    """An event, possibly over several days (an ESS week)."""

    __tablename__ = "events"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), default="week")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    sessions: Mapped[list[EventSession]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EventSession.starts_at"
    )
    partners: Mapped[list[EventPartner]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EventPartner.name"
    )


class EventPartner(Entity):
    """A partner organisation of an event (co-organiser, network, exhibiting employer)."""

    __tablename__ = "event_partners"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL")
    )
    role: Mapped[str | None] = mapped_column(String(120))


class EventSession(Entity):
    """A session of an event: atelier, speed meeting, témoignage, forum, animation…"""

    __tablename__ = "event_sessions"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(30), default="workshop")  # see SESSION_FORMATS
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # local wall-clock time of the event
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    room: Mapped[str | None] = mapped_column(String(120))
    capacity: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[str | None] = mapped_column(String(60))  # see SESSION_AUDIENCES; None: all
    registration_deadline: Mapped[date | None] = mapped_column(Date)


class Attendance(Entity):
    """One line of a session's sheet: a registration and, once taken, the presence."""

    __tablename__ = "attendances"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    youth_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("youths.id", ondelete="SET NULL"), index=True
    )
    walk_in_name: Mapped[str | None] = mapped_column(String(160))
    # Presence: registered (not yet taken), present, absent. See ATTENDANCE_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="registered")
    registration: Mapped[str] = mapped_column(
        String(20), default="registered", server_default="registered"
    )  # registered, cancelled (désinscrit), refused
    role: Mapped[str] = mapped_column(String(20), default="youth", server_default="youth")
    organisation: Mapped[str | None] = mapped_column(String(200))  # of a professional, recruiter

    youth: Mapped[Youth | None] = relationship()


class SessionOffer(Entity):
    """A job offer presented at a session (forum d'offres, speed meeting)."""

    __tablename__ = "session_offers"
    __table_args__ = (UniqueConstraint("session_id", "offer_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
