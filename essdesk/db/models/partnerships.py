"""Partnership agreements (axes, actions, steering meetings) and events with sessions and attendance."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Youth


class Partnership(Entity):
    """A partnership agreement (convention de partenariat) with its lines of work."""

    __tablename__ = "partnerships"

    title: Mapped[str] = mapped_column(String(200))
    partner_name: Mapped[str] = mapped_column(String(200))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL")
    )
    signed_on: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    steering_per_year: Mapped[int] = mapped_column(Integer, default=1)

    axes: Mapped[list[PartnershipAxis]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipAxis.position"
    )
    meetings: Mapped[list[PartnershipMeeting]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipMeeting.held_on"
    )


class PartnershipAxis(Entity):
    """A line of work (axe, champ de coopération) of a partnership."""

    __tablename__ = "partnership_axes"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    actions: Mapped[list[PartnershipAction]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class PartnershipAction(Entity):
    """An action of an axis' roadmap (feuille de route)."""

    __tablename__ = "partnership_actions"

    axis_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnership_axes.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")


class PartnershipMeeting(Entity):
    """A steering (comité de pilotage) or technical committee meeting."""

    __tablename__ = "partnership_meetings"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="steering")
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[str | None] = mapped_column(Text)


class Event(Entity):
    """An event, possibly over several days (an ESS week)."""

    __tablename__ = "events"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), default="week")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    sessions: Mapped[list[EventSession]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EventSession.starts_at"
    )


class EventSession(Entity):
    """A session of an event: workshop, speed meeting, testimony, forum, visit."""

    __tablename__ = "event_sessions"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(30), default="workshop")
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # local wall-clock time of the event
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    room: Mapped[str | None] = mapped_column(String(120))
    capacity: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[str | None] = mapped_column(String(60))  # e.g. reserved for CEJ youths


class Attendance(Entity):
    """Who came to a session: a followed young person or a walk-in."""

    __tablename__ = "attendances"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    youth_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("youths.id", ondelete="SET NULL"))
    walk_in_name: Mapped[str | None] = mapped_column(String(160))
    status: Mapped[str] = mapped_column(String(20), default="registered")

    youth: Mapped[Youth | None] = relationship()
