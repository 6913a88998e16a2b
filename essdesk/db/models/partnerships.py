"""Partnership agreements: partners, axes, yearly roadmap actions, governance, linked events and employers."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Employer


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
    # Expected committees a year: the agreement says « au moins une fois par an », « deux fois ».
    steering_per_year: Mapped[int] = mapped_column(Integer, default=1)
    technical_per_year: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    description: Mapped[str | None] = mapped_column(Text)

    partners: Mapped[list[PartnershipPartner]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipPartner.name"
    )
    axes: Mapped[list[PartnershipAxis]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipAxis.position"
    )
    meetings: Mapped[list[PartnershipMeeting]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipMeeting.held_on"
    )


class PartnershipPartner(Entity):
    """A signatory or member of the agreement: an employer, a network or a public body."""

    __tablename__ = "partnership_partners"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="network")  # see PARTNER_KINDS
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL")
    )
    role: Mapped[str | None] = mapped_column(String(120))


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
        cascade="all, delete-orphan", passive_deletes=True, order_by="PartnershipAction.due_date"
    )


class PartnershipAction(Entity):
    """An action of an axis' yearly roadmap (feuille de route)."""

    __tablename__ = "partnership_actions"

    axis_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnership_axes.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[str | None] = mapped_column(String(200))  # « 3 journées découverte »
    indicator: Mapped[str | None] = mapped_column(String(200))  # « nombre de jeunes accueillis »
    owner: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")  # see ACTION_STATUSES


class PartnershipMeeting(Entity):
    """A governance meeting: comité de pilotage, comité technique or groupe de travail."""

    __tablename__ = "partnership_meetings"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="steering")  # see GOVERNANCE_KINDS
    held_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="held", server_default="held")
    attendees: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_file: Mapped[str | None] = mapped_column(String(500))  # path of the signed minutes


class PartnershipEvent(Entity):
    """An event co-organised under the agreement."""

    __tablename__ = "partnership_events"
    __table_args__ = (UniqueConstraint("partnership_id", "event_id"),)

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )


class PartnershipEmployer(Entity):
    """An employer covered by the agreement: its offers and hires count in the review."""

    __tablename__ = "partnership_employers"
    __table_args__ = (UniqueConstraint("partnership_id", "employer_id"),)

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )

    employer: Mapped[Employer] = relationship()
