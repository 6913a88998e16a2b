"""Member employers and their fees, mentoring pairs, and the communes table of territory types."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity
from essdesk.db.models.people import Employer, Youth
from essdesk.domain.nomenclatures import TERRITORIES


class MembershipFee(Entity):
    """One line of the fee scale the user edits: a year's fee for a size band."""

    __tablename__ = "membership_fees"
    __table_args__ = (UniqueConstraint("year", "size_band"),)

    year: Mapped[int] = mapped_column(Integer)
    size_band: Mapped[str] = mapped_column(String(20))  # see SIZE_BANDS
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class Membership(Entity):
    """An employer's membership for a year, with the fee computed from the scale and its payment."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("employer_id", "year"),)

    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer, index=True)
    size_band: Mapped[str | None] = mapped_column(String(20))  # the band the fee was computed on
    fee: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_on: Mapped[date | None] = mapped_column(Date)

    employer: Mapped[Employer] = relationship()


class Mentorship(Entity):
    """A mentoring pair (parrainage): a volunteer from a partner company and a young person."""

    __tablename__ = "mentorships"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("youths.id", ondelete="CASCADE"), index=True
    )
    volunteer_name: Mapped[str] = mapped_column(String(160))
    volunteer_employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL"), index=True
    )
    volunteer_contact: Mapped[str | None] = mapped_column(String(200))  # phone or e-mail
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="SET NULL"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    meetings: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    youth: Mapped[Youth] = relationship()
    volunteer_employer: Mapped[Employer | None] = relationship()


def _territory_check() -> str:
    return "territory IN ({})".format(", ".join(f"'{code}'" for code in TERRITORIES))


class Commune(Entity):
    """A commune and its territory type, imported from a file: gives records their type."""

    __tablename__ = "communes"
    # One commune can have several postcodes and a postcode several communes: the pair is the key.
    __table_args__ = (
        UniqueConstraint("insee_code", "postcode"),
        CheckConstraint(_territory_check(), name="territory"),
    )

    insee_code: Mapped[str] = mapped_column(String(5))
    postcode: Mapped[str] = mapped_column(String(5), index=True)
    name: Mapped[str] = mapped_column(String(120))
    territory: Mapped[str] = mapped_column(String(20))  # see TERRITORIES
    rural_zone: Mapped[bool] = mapped_column(Boolean, default=False)  # ZRR, then FRR
    has_qpv: Mapped[bool] = mapped_column(Boolean, default=False)
