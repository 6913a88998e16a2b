"""Aid rates set locally (the regional PEC rate of the prefect's order), dated, within the law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date, format_number
from essdesk.domain.schemes import BY_CODE
from essdesk.errors import EssDeskError
from essdesk.services import access

# Schemes whose rate the law leaves to a local order (a range in the catalogue, no fixed rate).
LOCAL_RATE_SCHEMES = ("PEC",)


@dataclass(frozen=True)
class LocalRate:
    scheme_code: str
    valid_from: date
    rate: Decimal
    note: str


def allowed_range(scheme_code: str, day: date) -> tuple[Decimal, Decimal]:
    """The range the law allows on `day` (PEC: 30 to 60 %)."""
    rules = BY_CODE[scheme_code].rules_on(day) if scheme_code in BY_CODE else None
    if rules is None or rules.aid_rate_min is None or rules.aid_rate_max is None:
        raise EssDeskError(f"Le dispositif {scheme_code} n'a pas de taux fixé localement.")
    return rules.aid_rate_min, rules.aid_rate_max


def set_local_rate(
    db: Database, scheme_code: str, valid_from: date, rate: Decimal, note: str = ""
) -> None:
    """Record (or correct) the local rate in force from `valid_from`; earlier ones stay dated."""
    if scheme_code not in LOCAL_RATE_SCHEMES:
        raise EssDeskError(f"Le dispositif {scheme_code} n'a pas de taux fixé localement.")
    low, high = allowed_range(scheme_code, valid_from)
    if not low <= rate <= high:
        raise EssDeskError(
            f"Taux de {format_number(rate)} % hors de la fourchette légale au "
            f"{format_date(valid_from)} ({format_number(low)} à {format_number(high)} %)."
        )
    access.require(db, "settings", "local_aid_rates")
    with db.transaction() as session:
        row = session.scalar(
            select(m.LocalAidRate).where(
                m.LocalAidRate.scheme_code == scheme_code, m.LocalAidRate.valid_from == valid_from
            )
        )
        if row is None:
            session.add(
                m.LocalAidRate(
                    scheme_code=scheme_code, valid_from=valid_from, rate=rate, note=note or None
                )
            )
        else:
            row.rate, row.note = rate, note or None


def local_rates(db: Database, scheme_code: str) -> list[LocalRate]:
    """Every local rate of a scheme, the newest first (a few a year at most)."""
    with db.session() as session:
        rows = session.scalars(
            select(m.LocalAidRate)
            .where(m.LocalAidRate.scheme_code == scheme_code)
            .order_by(m.LocalAidRate.valid_from.desc())
        )
        return [LocalRate(r.scheme_code, r.valid_from, r.rate, r.note or "") for r in rows]


def local_rate_on(session: Session, scheme_code: str, day: date) -> Decimal | None:
    """The local rate in force on `day`, or None when the agency set none."""
    return session.scalar(
        select(m.LocalAidRate.rate)
        .where(m.LocalAidRate.scheme_code == scheme_code, m.LocalAidRate.valid_from <= day)
        .order_by(m.LocalAidRate.valid_from.desc())
        .limit(1)
    )
