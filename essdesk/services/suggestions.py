"""Suggestions for an offer (young people) and for a young person (offers), and the ROME
proximity table that widens them. Candidates are pre-selected in SQL through indexes; the
scoring is domain/matching.py."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain import matching
from essdesk.domain.matching import Fit, OfferProfile, Proximity
from essdesk.domain.search_keys import prefix_upper_bound
from essdesk.domain.text import squash
from essdesk.domain.values import ValueProblem, parse_rome
from essdesk.domain.youth_file import YouthProfile
from essdesk.errors import DataFileError, EssDeskError
from essdesk.exchange.tabular import read_table
from essdesk.services import access, sensitive
from essdesk.services.youth_file import profile_of

# How many candidates the SQL pre-selection hands to the scoring, at most, per query.
CANDIDATES = 1500


def _as_seen(rights: sensitive.SensitiveAccess, youth: m.Youth) -> YouthProfile:
    """The profile the suggestions reason on: an RQTH the user may not see is unknown (the
    schemes a suggestion names would tell it, « éligible CEJ » at 28)."""
    profile = profile_of(youth)
    return profile if rights.allows(youth.referent_id) else replace(profile, rqth=None)


def suggest_youths(
    db: Database, offer_id: uuid.UUID, *, limit: int = 20, on: dt.date | None = None
) -> list[tuple[m.Youth, Fit]]:
    """The active young people who fit the offer best, not yet positioned on it."""
    on = on or dt.date.today()
    rights = sensitive.current(db)
    with db.session() as session:
        offer = session.get(m.Offer, offer_id)
        if offer is None:
            raise EssDeskError("Cette offre n'existe plus.")
        profile = _offer_profile(offer, offer.employer.name, offer.employer.postcode)
        near = _proximities(session, target=profile.rome_code)
        y = m.Youth
        not_positioned = ~exists().where(
            m.Application.youth_id == y.id, m.Application.offer_id == offer_id
        )
        base = select(y).where(y.status == "active", not_positioned)
        place = _postcode_range(y.postcode, profile.postcode)
        queries = []
        if profile.rome_code:
            wishes = [_prefix(y.wished_rome, profile.rome_code[0])]
            wishes += [y.wished_rome == s for s, _t in near]
            queries.append(base.where(or_(*wishes), *place))
        queries.append(base.where(y.wished_rome.is_(None), *place))
        youths = {}
        for query in queries:
            for youth in session.scalars(query.limit(CANDIDATES)):
                youths[youth.id] = youth
        fits = [
            matching.score(_as_seen(rights, youth), profile, on=on, proximities=near)
            for youth in youths.values()
        ]
        return [(youths[f.youth_id], f) for f in matching.rank(fits, limit)]


def suggest_offers(
    db: Database, youth_id: uuid.UUID, *, limit: int = 20, on: dt.date | None = None
) -> list[tuple[m.Offer, Fit]]:
    """The open offers that fit the young person best, not yet proposed to them."""
    on = on or dt.date.today()
    rights = sensitive.current(db)
    with db.session() as session:
        youth = session.get(m.Youth, youth_id)
        if youth is None:
            raise EssDeskError("Cette fiche de jeune n'existe plus.")
        profile = _as_seen(rights, youth)
        near = _proximities(session, source=profile.wished_rome)
        o = m.Offer
        not_positioned = ~exists().where(
            m.Application.offer_id == o.id, m.Application.youth_id == youth_id
        )
        # The employer's name and postcode come in the same query (no lazy load per offer).
        base = (
            select(o, m.Employer.name, m.Employer.postcode)
            .join(m.Employer, m.Employer.id == o.employer_id)
            .where(o.status == "open", not_positioned)
        )
        place = _postcode_range(o.postcode, profile.postcode)
        if profile.wished_rome:
            codes = [_prefix(o.rome_code, profile.wished_rome[0])]
            codes += [o.rome_code == t for _s, t in near]
            query = base.where(or_(*codes), *place)
        else:
            query = base.where(*place)
        offers, fits = {}, []
        for offer, employer, postcode in session.execute(query.limit(CANDIDATES)):
            offers[offer.id] = offer
            fits.append(
                matching.score(
                    profile, _offer_profile(offer, employer, postcode), on=on, proximities=near
                )
            )
        return [(offers[f.offer_id], f) for f in matching.rank(fits, limit)]


def _prefix(column, prefix: str):
    # A range, not LIKE: the B-tree index on the code serves it on both engines.
    return and_(column >= prefix, column < prefix_upper_bound(prefix))


def _postcode_range(column, postcode: str | None) -> list:
    dep = matching.department(postcode)
    return [_prefix(column, dep)] if dep else []


def _offer_profile(offer: m.Offer, employer: str, employer_postcode: str | None) -> OfferProfile:
    return OfferProfile(
        id=offer.id,
        title=offer.title,
        employer=employer,
        rome_code=offer.rome_code,
        contract_type=offer.contract_type,
        weekly_hours=offer.weekly_hours,
        postcode=offer.postcode or employer_postcode,
        latitude=offer.latitude,
        longitude=offer.longitude,
        start_date=offer.start_date,
    )


def _proximities(
    session: Session, *, source: str | None = None, target: str | None = None
) -> dict[tuple[str, str], Proximity]:
    p = m.RomeProximity
    if source is None and target is None:
        return {}
    condition = p.source_code == source if source is not None else p.target_code == target
    links = session.execute(select(p.source_code, p.target_code, p.label).where(condition)).all()
    codes: set[str] = {c for link in links for c in link[:2]}
    labels = dict(
        session.execute(
            select(m.RomeCode.code, m.RomeCode.label).where(m.RomeCode.code.in_(codes))
        ).all()
    )
    return {
        (s, t): Proximity(s, t, labels.get(s, s).lower(), labels.get(t, t).lower())
        for s, t, _label in links
    }


_HEADERS = {
    "source": ("codesource", "romesource", "coderomesource", "source", "codeoriginel", "origine"),
    "target": ("codecible", "romecible", "coderomecible", "cible", "destination"),
    "label": ("libelle", "commentaire", "description", "intitule"),
}


def import_proximities(db: Database, path: str | Path) -> int:
    """Replace the ROME proximity table by the pairs of a CSV/XLSX file (source; cible[; libellé]).

    Any bad line stops the import with its file, line and column; nothing is written then.
    """
    access.require_write(db, "rome_proximities")
    table = read_table(path)
    columns: dict[str, str | None] = {}
    for key, names in _HEADERS.items():
        columns[key] = next((h for h in table.headers if squash(h) in names), None)
    source, target = columns["source"], columns["target"]
    if source is None or target is None:
        raise DataFileError(
            "colonnes « code source » et « code cible » introuvables dans l'en-tête "
            f"(lu : {', '.join(table.headers)})",
            file=Path(path).name,
            line=1,
        )
    pairs: dict[tuple[str, str], str | None] = {}
    for row in table:
        codes = []
        for header in (source, target):
            try:
                codes.append(parse_rome(row.values[header]))
            except ValueProblem as problem:
                raise DataFileError(
                    str(problem), file=Path(path).name, line=row.line, column=header
                ) from problem
        if codes[0] == codes[1]:
            raise DataFileError(
                "un métier ne peut pas être proche de lui-même",
                file=Path(path).name,
                line=row.line,
                column=target,
            )
        label = row.values.get(columns["label"]) if columns["label"] else None
        pairs[(codes[0], codes[1])] = (label or "").strip() or None
    with db.transaction() as session:
        session.execute(delete(m.RomeProximity))
        session.add_all(
            m.RomeProximity(source_code=s, target_code=t, label=label)
            for (s, t), label in pairs.items()
        )
    return len(pairs)


def proximity_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(m.RomeProximity)) or 0
