"""Schemes (dispositifs) as data, hires (placements), their training and follow-up meetings."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Contact, Counsellor, Employer, Youth


class Scheme(Entity):
    """A public scheme (Emploi d'avenir, PEC, CEJ…): its rules are data, not code."""

    __tablename__ = "schemes"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)  # no new entries after this date
    rules: Mapped[dict] = mapped_column(JSON, default=dict)  # aid rates, durations, milestones


class Placement(Entity):
    """A hire of a young person, possibly under a scheme, with its aid and tutor."""

    __tablename__ = "placements"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="RESTRICT"), index=True
    )
    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employers.id", ondelete="RESTRICT"), index=True
    )
    offer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    scheme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schemes.id", ondelete="RESTRICT")
    )
    tutor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    job_title: Mapped[str] = mapped_column(String(200))
    rome_code: Mapped[str | None] = mapped_column(String(5))
    contract_type: Mapped[str] = mapped_column(String(40))
    contract_form: Mapped[str | None] = mapped_column(String(10))  # CUI-CAE / CUI-CIE
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # None for a CDI
    weekly_hours: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("35"))
    aid_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # % of the SMIC
    aid_start: Mapped[date | None] = mapped_column(Date)
    aid_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    exit_outcome: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)

    youth: Mapped[Youth] = relationship()
    employer: Mapped[Employer] = relationship()
    scheme: Mapped[Scheme | None] = relationship()
    tutor: Mapped[Contact | None] = relationship()
    trainings: Mapped[list[Training]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Training(Entity):
    """A training action of a placement's pathway (hours, organisation, funder, certification)."""

    __tablename__ = "trainings"

    placement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    funder: Mapped[str | None] = mapped_column(String(120))  # OPCA until 2019, then OPCO
    hours: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    certifying: Mapped[bool] = mapped_column(Boolean, default=False)
    certification: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="planned")


class FollowUp(Entity):
    """A follow-up meeting or review (bilan) with a young person."""

    __tablename__ = "follow_ups"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="CASCADE"), index=True
    )
    placement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("placements.id", ondelete="SET NULL")
    )
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL")
    )
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30), default="suivi")
    notes: Mapped[str | None] = mapped_column(Text)

    youth: Mapped[Youth] = relationship()
    placement: Mapped[Placement | None] = relationship()
    counsellor: Mapped[Counsellor | None] = relationship()
