"""Job offers, the ROME nomenclature, and applications (mises en relation) with their history."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import SORT_KEY, Entity, utcnow
from essdesk.db.models.keys import keep_keys_current
from essdesk.db.models.people import Employer, Youth


class RomeCode(Entity):
    """One entry of France Travail's ROME: a domain (K), a field (K12) or a job sheet (K1207)."""

    __tablename__ = "rome_codes"

    code: Mapped[str] = mapped_column(String(5), unique=True)
    label: Mapped[str] = mapped_column(String(250))


class Offer(Entity):
    """A job offer of an employer."""

    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("employer_id", "title", "publication_date"),
        Index("ix_offers_sort_key_id", "sort_key", "id"),
        Index("ix_offers_status_rome", "status", "rome_code"),
        Index("ix_offers_status_last_news", "status", "last_news_on"),
        Index("ux_offers_employer_match_key", "employer_id", "match_key", unique=True),
    )

    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employers.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    # Folded title and publication date (keys.offer_key), unique per employer.
    match_key: Mapped[str] = mapped_column(String(400))
    rome_code: Mapped[str | None] = mapped_column(String(5))
    contract_type: Mapped[str | None] = mapped_column(String(40))
    weekly_hours: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    duration_months: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(String(120))
    publication_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="open")
    source: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(5))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Derived, kept by the services: French sort order; last creation, edit or positioning move.
    sort_key: Mapped[str] = mapped_column(SORT_KEY, default="", server_default="")
    last_news_on: Mapped[date | None] = mapped_column(Date)

    employer: Mapped[Employer] = relationship()


class Application(Entity):
    """A young person proposed for an offer (mise en relation) and where it stands."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("youth_id", "offer_id"),
        Index("ix_applications_status_last_news", "status", "last_news_on"),
    )

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(20), default="new")
    proposed_on: Mapped[date] = mapped_column(Date)
    refusal_reason: Mapped[str | None] = mapped_column(String(30))
    last_news_on: Mapped[date | None] = mapped_column(Date)

    youth: Mapped[Youth] = relationship()
    offer: Mapped[Offer] = relationship()
    history: Mapped[list[ApplicationEvent]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApplicationEvent.at"
    )


class ApplicationEvent(Entity):
    """One step of an application's status history."""

    __tablename__ = "application_events"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    from_status: Mapped[str | None] = mapped_column(String(20))
    on: Mapped[date | None] = mapped_column(Date)  # the date the step happened, as entered
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL")
    )
    reason: Mapped[str | None] = mapped_column(String(30))  # refusal reason code


keep_keys_current(Offer)
