"""Member employers: the fee scale by size band, yearly memberships, payments, who may publish."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_money
from essdesk.domain.nomenclatures import SIZE_BANDS
from essdesk.errors import EssDeskError
from essdesk.services import access


@dataclass(frozen=True)
class Member:
    """One membership as the members list shows it."""

    membership_id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str
    year: int
    size_band: str | None
    fee: Decimal
    paid: bool
    paid_on: date | None

    @property
    def size_label(self) -> str:
        return SIZE_BANDS.get(self.size_band or "", "Taille non renseignée")


def _amount(value: Decimal | int | str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation as error:
        raise EssDeskError(f"Montant de cotisation illisible : « {value} ».") from error
    if amount < 0:
        raise EssDeskError("Une cotisation ne peut pas être négative.")
    return amount.quantize(Decimal("0.01"))


def set_fee(db: Database, year: int, size_band: str, amount: Decimal | int | str) -> None:
    """Set (or change) the year's fee for a size band; existing memberships keep their fee."""
    if size_band not in SIZE_BANDS:
        raise EssDeskError(f"Tranche d'effectif inconnue : « {size_band} ».")
    value = _amount(amount)
    access.require(db, "settings", "membership_fees")
    with db.transaction() as session:
        fee = session.scalar(
            select(m.MembershipFee).where(
                m.MembershipFee.year == year, m.MembershipFee.size_band == size_band
            )
        )
        if fee is None:
            session.add(m.MembershipFee(year=year, size_band=size_band, amount=value))
        else:
            fee.amount = value


def fee_scale(db: Database, year: int) -> dict[str, Decimal]:
    """The year's fees by size band (bands without a fee are absent)."""
    with db.session() as session:
        rows = session.execute(
            select(m.MembershipFee.size_band, m.MembershipFee.amount).where(
                m.MembershipFee.year == year
            )
        )
        return {band: Decimal(amount) for band, amount in rows}


def enrol_member(
    db: Database, employer_id: uuid.UUID, year: int, *, fee: Decimal | int | str | None = None
) -> uuid.UUID:
    """Make an employer a member for `year`, its fee taken from the scale by its size band.

    An explicit `fee` overrides the scale (a negotiated amount). Enrolling twice is refused.
    """
    access.require_write(db, "memberships")
    with db.transaction() as session:
        employer = session.get(m.Employer, employer_id)
        if employer is None:
            raise EssDeskError("Cet employeur n'existe pas (ou plus) dans la base.")
        if session.scalar(
            select(m.Membership.id).where(
                m.Membership.employer_id == employer_id, m.Membership.year == year
            )
        ):
            raise EssDeskError(f"« {employer.name} » est déjà adhérent pour {year}.")
        if fee is None:
            if not employer.size_band:
                raise EssDeskError(
                    f"La tranche d'effectif de « {employer.name} » n'est pas renseignée : "
                    "complétez sa fiche ou indiquez le montant de la cotisation."
                )
            amount = session.scalar(
                select(m.MembershipFee.amount).where(
                    m.MembershipFee.year == year, m.MembershipFee.size_band == employer.size_band
                )
            )
            if amount is None:
                band = SIZE_BANDS.get(employer.size_band, employer.size_band)
                raise EssDeskError(
                    f"Le barème {year} n'a pas de cotisation pour la tranche « {band} » : "
                    "complétez le barème."
                )
            value = Decimal(amount)
        else:
            value = _amount(fee)
        membership = m.Membership(
            employer_id=employer_id, year=year, size_band=employer.size_band, fee=value, paid=False
        )
        session.add(membership)
        session.flush()
        return membership.id


def record_payment(
    db: Database, membership_id: uuid.UUID, paid_on: date | None = None, *, paid: bool = True
) -> None:
    """Mark a membership paid (on `paid_on`, today by default) or unpaid again."""
    access.require_write(db, "memberships")
    with db.transaction() as session:
        membership = session.get(m.Membership, membership_id)
        if membership is None:
            raise EssDeskError("Cette adhésion n'existe pas (ou plus) dans la base.")
        membership.paid = paid
        membership.paid_on = (paid_on or date.today()) if paid else None


def list_members(db: Database, year: int, *, paid_only: bool = False) -> list[Member]:
    """The year's members by name; `paid_only` gives those who may publish offers."""
    query = (
        select(m.Membership, m.Employer.name)
        .join(m.Employer, m.Membership.employer_id == m.Employer.id)
        .where(m.Membership.year == year)
        .order_by(m.Employer.name)
    )
    if paid_only:
        query = query.where(m.Membership.paid.is_(True))
    with db.session() as session:
        return [
            Member(
                x.id, x.employer_id, name, x.year, x.size_band, Decimal(x.fee), x.paid, x.paid_on
            )
            for x, name in session.execute(query)
        ]


def publishing_members(db: Database, year: int) -> list[Member]:
    """Members whose fee for `year` is paid: they may publish offers."""
    return list_members(db, year, paid_only=True)


def fees_summary(members: list[Member]) -> str:
    """« 12 adhérents, 18 400,00 € appelés, 15 200,00 € encaissés »."""
    called = sum((x.fee for x in members), Decimal(0))
    paid = sum((x.fee for x in members if x.paid), Decimal(0))
    count = len(members)
    return (
        f"{count} adhérent{'s' if count > 1 else ''}, {format_money(called)} appelés, "
        f"{format_money(paid)} encaissés"
    )
