"""Schemes (dispositifs) as data, hires (placements), their training and follow-up meetings."""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Contact, Counsellor, Employer, Youth
from essdesk.db.models.sensitive import SensitiveText


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
    end_date: Mapped[date | None] = mapped_column(Date, index=True)  # None for a CDI
    weekly_hours: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("35"))
    aid_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # % of the SMIC
    aid_start: Mapped[date | None] = mapped_column(Date)
    aid_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    exit_outcome: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    actual_end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(40))  # rupture, fin de contrat…
    # Facts the rules ask for; None = not known (old files rarely hold them).
    part_time_agreement: Mapped[bool | None] = mapped_column(Boolean)
    search_waiver: Mapped[bool | None] = mapped_column(Boolean)
    # Server defaults: migration 0007 added these columns to existing rows without a rebuild.
    aid_extension_for_training: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # A placement saved although it breaks rules: the written reason, and which rules.
    override_justification: Mapped[str | None] = mapped_column(Text)
    overridden_rules: Mapped[list[dict]] = mapped_column(JSON, default=list, server_default="[]")
    to_complete: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # The employer's commitments: training actions promised, and the qualification targeted.
    commitments: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    qualification_target: Mapped[str | None] = mapped_column(String(200))

    youth: Mapped[Youth] = relationship()
    employer: Mapped[Employer] = relationship()
    scheme: Mapped[Scheme | None] = relationship()
    tutor: Mapped[Contact | None] = relationship()
    trainings: Mapped[list[Training]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", passive_deletes=True
    )
    renewals: Mapped[list[PlacementRenewal]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PlacementRenewal.start_date",
    )


class PlacementRenewal(Entity):
    """A renewal of a placement's contract: its own dates, and how far it extends the aid."""

    __tablename__ = "placement_renewals"

    placement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    aid_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class Training(Entity):
    """A training action of a young person's pathway, linked to a placement when there is one."""

    __tablename__ = "trainings"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="CASCADE"), index=True
    )
    placement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str | None] = mapped_column(String(30))  # adaptation, remise à niveau… VAE
    cost: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    rncp_code: Mapped[str | None] = mapped_column(String(20))
    commitment: Mapped[str | None] = mapped_column(String(200))  # which commitment it meets
    title: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    funder: Mapped[str | None] = mapped_column(String(120))  # OPCA until 2019, then OPCO
    hours: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    certifying: Mapped[bool] = mapped_column(Boolean, default=False)
    certification: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="planned")

    youth: Mapped[Youth] = relationship()
    placement: Mapped[Placement | None] = relationship(back_populates="trainings")


class FollowUp(Entity):
    """A follow-up meeting or review (bilan) with a young person."""

    __tablename__ = "follow_ups"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="CASCADE"), index=True
    )
    placement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("placements.id", ondelete="SET NULL"), index=True
    )
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30), default="suivi")
    notes: Mapped[str | None] = mapped_column(SensitiveText("essdesk_follow_ups_notes"))
    milestone_code: Mapped[str | None] = mapped_column(String(40))  # the milestone it meets
    start_time: Mapped[time | None] = mapped_column(Time)  # for the calendar export
    duration_minutes: Mapped[int | None] = mapped_column(Integer)

    youth: Mapped[Youth] = relationship()
    placement: Mapped[Placement | None] = relationship()
    counsellor: Mapped[Counsellor | None] = relationship()


class SmicRate(Entity):
    """A gross hourly SMIC rate added by the user, beyond (or correcting) the shipped table."""

    __tablename__ = "smic_rates"

    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    hourly: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    note: Mapped[str | None] = mapped_column(String(200))


class LocalAidRate(Entity):
    """An aid rate set locally (the regional prefect's order for the PEC), in force from a date."""

    __tablename__ = "local_aid_rates"
    __table_args__ = (UniqueConstraint("scheme_code", "valid_from"),)

    scheme_code: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))  # % of the gross SMIC
    note: Mapped[str | None] = mapped_column(String(200))  # the order's reference
