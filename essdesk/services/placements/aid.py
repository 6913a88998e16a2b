"""State aid of the placements: per month from the SMIC table, totals per placement, employer, period."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import (
    format_amount,
    format_count,
    format_date,
    format_month,
    format_number,
)
from essdesk.domain.schemes.aid import AidMonth, SmicTable, aid_by_month
from essdesk.domain.schemes.calendar import add_months
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.placements.common import (
    RenewalView,
    SchemeView,
    aid_end,
    contract_end,
    domain_scheme,
    get,
    renewals_by_placement,
)
from essdesk.services.placements.csv_files import write_csv_atomically

AID_COLUMNS = (
    "Nom",
    "Prénom",
    "Employeur",
    "Mois",
    "Taux",
    "Heures mensuelles",
    "SMIC horaire",
    "Montant",
)
_BATCH = 500


def smic_table(db: Database) -> SmicTable:
    """The shipped SMIC table with the rates the user added (theirs win on the same date)."""
    with db.session() as session:
        extra = [(r.valid_from, r.hourly) for r in session.scalars(select(m.SmicRate))]
    return SmicTable.shipped(extra)


def add_smic_rate(db: Database, valid_from: date, hourly: Decimal, note: str | None = None) -> None:
    """Add (or correct) the gross hourly SMIC in force from `valid_from` (the settings screen)."""
    if valid_from.day != 1:
        raise EssDeskError(
            f"Le SMIC change un 1er du mois : {format_date(valid_from)} n'en est pas un."
        )
    if not Decimal(5) <= hourly <= Decimal(50):
        raise EssDeskError(f"SMIC horaire de {format_number(hourly)} € invraisemblable.")
    access.require(db, "settings", "smic_rates")
    with db.transaction() as session:
        row = session.scalar(select(m.SmicRate).where(m.SmicRate.valid_from == valid_from))
        if row is None:
            session.add(m.SmicRate(valid_from=valid_from, hourly=hourly, note=note))
        else:
            row.hourly, row.note = hourly, note


@dataclass(frozen=True)
class AidRow:
    placement_id: uuid.UUID
    last_name: str
    first_name: str
    employer_id: uuid.UUID
    employer: str
    month: AidMonth


def aid_period(placement) -> tuple[date, date] | None:
    """First and last day of aid: its own dates, renewals, never past the actual end."""
    if placement.aid_rate is None:
        return None
    start = placement.aid_start or placement.start_date
    end = aid_end(placement) or contract_end(placement)
    if end is None:  # a CDI without an aid end: the scheme's longest aid
        rules = domain_scheme(placement.scheme).rules_on(placement.start_date)
        if rules is None or rules.aid_months_max is None:
            return None
        end = add_months(start, rules.aid_months_max) - timedelta(days=1)
    if placement.actual_end_date is not None:
        end = min(end, placement.actual_end_date)
    return (start, end) if start <= end else None


@dataclass(frozen=True, slots=True)
class _PlacementView:
    """The columns of a placement its aid needs (duck-types m.Placement for aid_period)."""

    id: uuid.UUID
    start_date: date
    end_date: date | None
    aid_rate: Decimal | None
    aid_start: date | None
    aid_end: date | None
    actual_end_date: date | None
    weekly_hours: Decimal
    scheme: SchemeView | None
    renewals: list[RenewalView]


def aid_rows(db: Database, first: date, last: date) -> Iterator[AidRow]:
    """One row per placement and month of aid between `first` and `last`, by name then month."""
    smic = smic_table(db)
    # Plain columns, not ORM objects: a period can cover tens of thousands of placements.
    query = (
        select(
            m.Placement.id,
            m.Placement.start_date,
            m.Placement.end_date,
            m.Placement.aid_rate,
            m.Placement.aid_start,
            m.Placement.aid_end,
            m.Placement.actual_end_date,
            m.Placement.weekly_hours,
            m.Scheme.code,
            m.Scheme.name,
            m.Youth.last_name,
            m.Youth.first_name,
            m.Employer.id,
            m.Employer.name,
        )
        .join(m.Youth, m.Placement.youth_id == m.Youth.id)
        .join(m.Employer, m.Placement.employer_id == m.Employer.id)
        .outerjoin(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
        .where(
            m.Placement.aid_rate.is_not(None),
            m.Placement.start_date <= last,
            or_(m.Placement.aid_start.is_(None), m.Placement.aid_start <= last),
            # A placement whose aid ended before the window may have been renewed.
            or_(
                m.Placement.aid_end.is_(None),
                m.Placement.aid_end >= first,
                m.Placement.renewals.any(),
            ),
        )
        .order_by(m.Youth.last_name, m.Youth.first_name, m.Placement.start_date, m.Placement.id)
        .execution_options(yield_per=_BATCH)
    )
    with db.session() as session:
        for batch in session.execute(query).partitions():
            renewals = renewals_by_placement(session, [row[0] for row in batch])
            for row in batch:
                placement = _PlacementView(
                    *row[:8],
                    SchemeView(row[8], row[9]) if row[8] else None,
                    renewals.get(row[0], []),
                )
                period = aid_period(placement)
                if period is None or period[1] < first:
                    continue
                assert placement.aid_rate is not None
                months = aid_by_month(
                    *period,
                    weekly_hours=placement.weekly_hours,
                    rate=placement.aid_rate,
                    smic=smic,
                    window=(first, last),
                )
                for month in _months_or_error(months):
                    yield AidRow(placement.id, row[10], row[11], row[12], row[13], month)


def _months_or_error(months: Iterator[AidMonth]) -> Iterator[AidMonth]:
    try:
        yield from months
    except LookupError as error:
        raise EssDeskError(str(error)) from error


def aid_of_placement(db: Database, placement_id: uuid.UUID) -> list[AidMonth]:
    """Every month of aid of one placement (the placement's screen shows them and their total)."""
    access.require_read(db, "placements")
    smic = smic_table(db)
    with db.session() as session:
        placement = get(session, m.Placement, placement_id, "Contrat")
        period = aid_period(placement)
        if period is None:
            return []
        assert placement.aid_rate is not None
        return list(
            _months_or_error(
                aid_by_month(
                    *period,
                    weekly_hours=placement.weekly_hours,
                    rate=placement.aid_rate,
                    smic=smic,
                )
            )
        )


@dataclass
class EmployerAid:
    """One employer's aid over the period: its name, how many contracts, the amount."""

    name: str
    contracts: int = 0
    amount: Decimal = Decimal(0)


@dataclass
class AidTotals:
    by_placement: dict[uuid.UUID, Decimal]
    # Keyed by the employer's record: two associations of one name are two employers.
    by_employer: dict[uuid.UUID, EmployerAid]
    by_month: dict[date, Decimal]
    total: Decimal


class AidCancelled(EssDeskError):
    """The user stopped the computation: nothing was written."""


def aid_totals(
    db: Database, first: date, last: date, *, cancelled: Callable[[], bool] | None = None
) -> AidTotals:
    """Aid over a period, summed per placement, per employer and per month.

    `cancelled()` is asked every thousand months of aid: a long period can cover tens of
    thousands of contracts.
    """
    access.require_read(db, "placements")
    totals = AidTotals({}, {}, {}, Decimal(0))
    for count, row in enumerate(aid_rows(db, first, last), start=1):
        if cancelled is not None and count % 1000 == 1 and cancelled():
            raise AidCancelled("Calcul des aides annulé.")
        amount = row.month.amount
        employer = totals.by_employer.setdefault(row.employer_id, EmployerAid(row.employer))
        if row.placement_id not in totals.by_placement:
            employer.contracts += 1
        totals.by_placement[row.placement_id] = (
            totals.by_placement.get(row.placement_id, 0) + amount
        )
        employer.amount += amount
        totals.by_month[row.month.month] = totals.by_month.get(row.month.month, 0) + amount
        totals.total += amount
    return totals


def export_aid(db: Database, first: date, last: date, path: str | Path) -> tuple[int, Decimal]:
    """Write the aid CSV (one row per placement and month); the row count and the total."""
    actor = access.require(db, "youth.export", "placements")  # one line per young person: traced
    total = Decimal(0)
    # Rates, hours and SMIC repeat over thousands of rows: format each value once.
    number = functools.lru_cache(maxsize=1024)(format_number)
    money = functools.lru_cache(maxsize=256)(format_amount)

    def rows():
        nonlocal total
        for row in aid_rows(db, first, last):
            month = row.month
            total += month.amount
            yield (
                row.last_name,
                row.first_name,
                row.employer,
                format_month(month.month),
                number(month.rate),
                number(month.monthly_hours),
                money(month.smic),
                format_amount(month.amount),
            )

    count = write_csv_atomically(path, AID_COLUMNS, rows())
    access.trace_now(
        db,
        actor,
        "export",
        "placements",
        detail=f"aides : {format_count(count, 'ligne')} vers {Path(path).name}",
    )
    return count, total
