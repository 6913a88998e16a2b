"""What the placement services share: the stored schemes, youth and placement facts, lookups."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.domain.french import format_date
from essdesk.domain.schemes import BY_CODE, SCHEMES, Scheme, find_scheme
from essdesk.domain.schemes.catalogue import employer_kind
from essdesk.domain.schemes.eligibility import YouthFacts
from essdesk.domain.schemes.placement_rules import PlacementFacts, Renewal, SchemePeriod
from essdesk.domain.text import fold
from essdesk.errors import EssDeskError
from essdesk.services.import_plans import IN_CHUNK, chunks
from essdesk.services.listings import words_condition


def scheme_rows(session: Session) -> dict[str, m.Scheme]:
    """The `schemes` rows by code, creating those of the catalogue the base lacks."""
    rows = {s.code: s for s in session.scalars(select(m.Scheme))}
    for code, data in SCHEMES.items():
        if code not in rows:
            row = m.Scheme(code=code, **data)
            session.add(row)
            rows[code] = row
    session.flush()
    return rows


def domain_scheme(row: m.Scheme | None) -> Scheme:
    """The catalogue's scheme of a stored row; a placement without a scheme is « sans dispositif »."""
    if row is None:
        return BY_CODE["AUCUN"]
    found = BY_CODE.get(row.code) or find_scheme(row.name)
    return found or BY_CODE["AUCUN"]


def scheme_by_text(text: str) -> Scheme:
    found = find_scheme(text)
    if found is None:
        known = ", ".join(f"{s.code} ({s.name})" for s in BY_CODE.values())
        raise EssDeskError(f"Dispositif « {text} » inconnu. Dispositifs : {known}.")
    return found


def youth_facts(youth: m.Youth, *, search_waiver: bool | None = None) -> YouthFacts:
    return YouthFacts(
        birth_date=youth.birth_date,
        rqth=youth.rqth,
        diploma_obtained=youth.diploma_obtained,
        qualification_new=youth.qualification_level_new,
        qualification_old=youth.qualification_level_old,
        job_search_start=youth.job_search_start,
        qpv=youth.qpv,
        rural_zone=youth.rural_zone,
        postcode=youth.postcode,
        search_waiver=bool(search_waiver),
    )


def placement_facts(
    p: m.Placement, employer: m.Employer, others: tuple[SchemePeriod, ...] = ()
) -> PlacementFacts:
    return PlacementFacts(
        start=p.start_date,
        end=p.end_date,
        contract_type=p.contract_type,
        contract_form=p.contract_form,
        weekly_hours=p.weekly_hours,
        aid_rate=p.aid_rate,
        aid_start=p.aid_start,
        aid_end=p.aid_end,
        employer_legal_form=employer.legal_form,
        employer_kind=employer_kind(employer.legal_form),
        part_time_agreement=p.part_time_agreement,
        aid_extension_for_training=p.aid_extension_for_training,
        has_tutor=p.tutor_id is not None,
        renewals=tuple(Renewal(r.start_date, r.end_date, r.aid_end) for r in p.renewals),
        actual_end=p.actual_end_date,
        others=others,
    )


def other_periods(session: Session, p: m.Placement) -> tuple[SchemePeriod, ...]:
    """The young person's other placements under a scheme (a PACEA and a CEJ exclude each other)."""
    query = select(m.Placement).join(m.Scheme).where(m.Placement.youth_id == p.youth_id)
    if p.id is not None:
        query = query.where(m.Placement.id != p.id)
    with session.no_autoflush:  # `p` may be an unsaved preview
        return tuple(
            SchemePeriod(o.scheme.code, o.start_date, o.actual_end_date or contract_end(o))
            for o in session.scalars(query)
        )


@dataclass(frozen=True, slots=True)
class StoredPeriod:
    """A stored placement under a scheme, as the exclusion rules see it."""

    youth_id: uuid.UUID
    employer_id: uuid.UUID
    period: SchemePeriod


def excluded_codes(schemes: Iterable[Scheme]) -> set[str]:
    """The schemes that any version of `schemes` may not run alongside (PACEA ↔ CEJ)."""
    return {code for s in schemes for rules in s.versions for code in rules.not_with}


def scheme_periods(
    session: Session,
    codes: Iterable[str],
    *,
    youth_ids: Iterable[uuid.UUID] | None = None,
    on: date | None = None,
) -> Iterator[StoredPeriod]:
    """The placements under `codes` of `youth_ids` (by chunks), or of everyone, running on `on`.

    A period's last day is the actual end once recorded, else the planned end after renewals,
    worked out in SQL so that a batch costs one query, not one per placement.
    """
    codes = sorted(set(codes))
    if not codes:
        return
    renewed = (
        select(func.max(m.PlacementRenewal.end_date))
        .where(m.PlacementRenewal.placement_id == m.Placement.id)
        .scalar_subquery()
    )
    last_day = func.coalesce(m.Placement.actual_end_date, renewed, m.Placement.end_date)
    query = (
        select(m.Placement.youth_id, m.Placement.employer_id, m.Scheme.code, m.Placement.start_date)
        .add_columns(last_day.label("last_day"))
        .join(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
        .where(m.Scheme.code.in_(codes))
    )
    if on is not None:
        query = query.where(m.Placement.start_date <= on, or_(last_day.is_(None), last_day >= on))
    batches = (
        [query]
        if youth_ids is None
        else [
            query.where(m.Placement.youth_id.in_(chunk))
            for chunk in chunks(list(dict.fromkeys(youth_ids)), IN_CHUNK)
        ]
    )
    for batch in batches:
        for youth_id, employer_id, code, start, last in session.execute(batch):
            yield StoredPeriod(youth_id, employer_id, SchemePeriod(code, start, last))


@dataclass(frozen=True, slots=True)
class SchemeView:
    """A scheme row's code and name, for the lists that read plain columns."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class RenewalView:
    start_date: date
    end_date: date
    aid_end: date | None


def renewals_by_placement(
    session: Session, placement_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[RenewalView]]:
    """The renewals of a batch of placements, in date order, as plain values."""
    found: dict[uuid.UUID, list[RenewalView]] = {}
    query = (
        select(
            m.PlacementRenewal.placement_id,
            m.PlacementRenewal.start_date,
            m.PlacementRenewal.end_date,
            m.PlacementRenewal.aid_end,
        )
        .where(m.PlacementRenewal.placement_id.in_(placement_ids))
        .order_by(m.PlacementRenewal.start_date)
    )
    for placement_id, start, end, aid in session.execute(query):
        found.setdefault(placement_id, []).append(RenewalView(start, end, aid))
    return found


def contract_end(p: m.Placement) -> date | None:
    """The planned end after the last renewal."""
    return max((r.end_date for r in p.renewals), default=p.end_date) if p.renewals else p.end_date


def aid_end(p: m.Placement) -> date | None:
    ends = [r.aid_end for r in p.renewals if r.aid_end is not None]
    if p.aid_end is not None:
        ends.append(p.aid_end)
    return max(ends) if ends else None


def find_youth(session: Session, name: str) -> m.Youth:
    """A young person by « Nom Prénom » (or « Prénom Nom »), accents and case ignored."""
    wanted = sorted(fold(name).split())
    if not wanted:
        raise EssDeskError("Indiquez le nom et le prénom du jeune.")
    dialect = session.get_bind().dialect.name
    condition = words_condition([m.Youth.last_name, m.Youth.first_name], name, dialect)
    candidates = session.scalars(select(m.Youth).where(condition).limit(50)).all()
    found = [
        y for y in candidates if sorted(fold(f"{y.last_name} {y.first_name}").split()) == wanted
    ]
    if not found:
        raise EssDeskError(f"Aucun jeune ne s'appelle « {name} ».")
    if len(found) > 1:
        births = ", ".join(format_date(y.birth_date) for y in found)
        raise EssDeskError(f"Plusieurs jeunes s'appellent « {name} » (nés le {births}).")
    return found[0]


def get(session: Session, model: type[m.Entity], record_id: uuid.UUID, what: str):
    record = session.get(model, record_id)
    if record is None:
        raise EssDeskError(f"{what} introuvable : la fiche a peut-être été supprimée.")
    return record
