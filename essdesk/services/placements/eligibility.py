"""Eligibility of the young people followed to a scheme on a date, with the reasons in French."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.domain.schemes import Scheme
from essdesk.domain.schemes.eligibility import Eligibility, SchemePeriod, YouthFacts, assess
from essdesk.services import access, sensitive
from essdesk.services.placements.common import (
    excluded_codes,
    find_youth,
    get,
    scheme_periods,
    youth_facts,
)
from essdesk.services.placements.csv_files import write_csv_atomically

ELIGIBILITY_COLUMNS = ("Nom", "Prénom", "Date de naissance", "Verdict", "Motifs")
FOLLOWED = ("active", "in_job", "in_training")  # youth statuses still followed by the agency
_BATCH = 1000


@dataclass(frozen=True)
class YouthEligibility:
    youth_id: uuid.UUID
    last_name: str
    first_name: str
    birth_date: date
    result: Eligibility


def eligibility_of(db: Database, youth_id: uuid.UUID, scheme: Scheme, on: date) -> Eligibility:
    """The verdict for one young person (the eligibility panel of the youth record)."""
    access.require_read(db, "youths")
    rights = sensitive.current(db)
    with db.session() as session:
        facts = _as_seen(rights, get(session, m.Youth, youth_id, "Jeune"))
        return assess(scheme, facts, on, _running(session, [scheme], on, youth_id))


def _as_seen(rights: sensitive.SensitiveAccess, youth: m.Youth) -> YouthFacts:
    """The facts the user may reason on: an RQTH they may not see is unknown, not « non »."""
    return rights.facts(youth_facts(youth), youth.referent_id)


def _running(
    session: Session, schemes: list[Scheme], on: date, youth_id: uuid.UUID
) -> list[SchemePeriod]:
    """The young person's placements on `on` under a scheme that one of `schemes` excludes."""
    codes = excluded_codes(schemes)
    return [s.period for s in scheme_periods(session, codes, youth_ids=[youth_id], on=on)]


def eligibility_of_all(
    db: Database, scheme: Scheme, on: date, *, youth_name: str | None = None
) -> Iterator[YouthEligibility]:
    """Every young person followed (or the one named « Nom Prénom »), streamed by name."""
    access.require_read(db, "youths")
    rights = sensitive.current(db)
    with db.session() as session:
        if youth_name:
            youth = find_youth(session, youth_name)
            others = _running(session, [scheme], on, youth.id)
            yield YouthEligibility(
                youth.id,
                youth.last_name,
                youth.first_name,
                youth.birth_date,
                assess(scheme, _as_seen(rights, youth), on, others),
            )
            return
        # The placements running on the day under an excluded scheme, in one query before the
        # stream: they are few (those in a CEJ or a PACEA that day), the young people many.
        running: dict[uuid.UUID, list[SchemePeriod]] = {}
        for stored in scheme_periods(session, excluded_codes([scheme]), on=on):
            running.setdefault(stored.youth_id, []).append(stored.period)
        # Plain columns, not ORM objects: 100,000 young people go through here.
        query = (
            select(m.Youth.id, m.Youth.last_name, m.Youth.first_name, *_FACT_COLUMNS)
            .add_columns(m.Youth.referent_id)
            .where(m.Youth.status.in_(FOLLOWED))
            .order_by(m.Youth.last_name, m.Youth.first_name, m.Youth.id)
            .execution_options(yield_per=_BATCH)
        )
        for row in session.execute(query):
            facts = rights.facts(YouthFacts(*row[3:-1]), row[-1])
            verdict = assess(scheme, facts, on, running.get(row[0], ()))
            yield YouthEligibility(row[0], row[1], row[2], facts.birth_date, verdict)


# In the order of YouthFacts' fields.
_FACT_COLUMNS = (
    m.Youth.birth_date,
    m.Youth.rqth,
    m.Youth.diploma_obtained,
    m.Youth.qualification_level_new,
    m.Youth.qualification_level_old,
    m.Youth.job_search_start,
    m.Youth.qpv,
    m.Youth.rural_zone,
    m.Youth.postcode,
)


def export_eligibility(
    db: Database, scheme: Scheme, on: date, path: str | Path, *, youth_name: str | None = None
) -> dict[str, int]:
    """Write the CSV `Nom;Prénom;Date de naissance;Verdict;Motifs`; the count of each verdict."""
    actor = access.require(db, "youth.export", "youths")  # names and birth dates: traced
    counts: dict[str, int] = {}

    def rows():
        for found in eligibility_of_all(db, scheme, on, youth_name=youth_name):
            counts[found.result.verdict] = counts.get(found.result.verdict, 0) + 1
            yield (
                found.last_name,
                found.first_name,
                found.birth_date,
                found.result.verdict,
                found.result.explanation(),
            )

    count = write_csv_atomically(path, ELIGIBILITY_COLUMNS, rows())
    access.trace_now(
        db, actor, "export", "youths",
        detail=f"éligibilité {scheme.code} : {format_count(count, 'ligne')} vers {Path(path).name}",
    )  # fmt: skip
    return counts


def eligibility_panel(
    db: Database, youth_id: uuid.UUID, on: date
) -> list[tuple[Scheme, Eligibility]]:
    """The verdict of every scheme open to new entries on `on` (the youth record's panel)."""
    from essdesk.domain.schemes import CATALOGUE

    access.require_read(db, "youths")
    open_schemes = [s for s in CATALOGUE if s.rules_on(on) is not None]
    rights = sensitive.current(db)
    with db.session() as session:
        facts = _as_seen(rights, get(session, m.Youth, youth_id, "Jeune"))
        others = _running(session, open_schemes, on, youth_id)
    return [(s, assess(s, facts, on, others)) for s in open_schemes]
