"""Suggestions, explained: how well a young person fits an offer, as a score and French reasons.

The score is documented in docs/matching.md. Candidates are pre-selected in SQL by the
services (ROME and place, through indexes); this module only scores what it is given.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from essdesk.domain.french import format_date, format_number
from essdesk.domain.nomenclatures import CONTRACT_TYPES, ROME_DOMAINS
from essdesk.domain.youth_file import YouthProfile

# Contract types whose aid depends on the young person's eligibility.
SCHEME_CONTRACTS = {"emploi_avenir": "EAV", "CUI-CAE": "PEC", "PEC": "PEC", "CUI-CIE": "PEC"}


@dataclass(frozen=True)
class OfferProfile:
    """What the suggestions read of an offer."""

    id: uuid.UUID
    title: str
    employer: str
    rome_code: str | None = None
    contract_type: str | None = None
    weekly_hours: Decimal | None = None
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    start_date: dt.date | None = None


@dataclass(frozen=True)
class Proximity:
    """An imported mobility link: a young person wishing `source` may fit a job of `target`."""

    source: str
    target: str
    source_label: str
    target_label: str


@dataclass(frozen=True)
class Fit:
    """One suggestion: who or what, the score (0–100) and why."""

    youth_id: uuid.UUID
    offer_id: uuid.UUID
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ; ".join(self.reasons)


def eligible_schemes(youth: YouthProfile, on: dt.date) -> list[str]:
    """The schemes the young person looks eligible to, by a simple age and level check.

    A first approximation kept behind this one function: the full rules of each scheme
    (job-search durations, waivers, validity dates) belong to the scheme engine.
    """
    age = _age(youth.birth_date, on)
    age_limit = 30 if youth.rqth else 26
    if not 16 <= age < age_limit:
        return []
    schemes = ["CEJ"]
    level = youth.level_new
    no_diploma = not youth.diploma_obtained or level is None or level <= 2
    cap = level == 3
    exception = (youth.qpv or youth.rural_zone or youth.overseas) and (level or 0) <= 6
    if no_diploma or cap or exception:
        schemes.insert(0, "EAV")
    return schemes


SCHEME_NAMES = {"EAV": "Emploi d'avenir", "CEJ": "Contrat d'engagement jeune", "PEC": "PEC"}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def department(postcode: str | None) -> str | None:
    """The département of a postcode: 38, 2A/2B count as 20, overseas 971–976 on 3 digits."""
    if not postcode or len(postcode) < 2:
        return None
    return postcode[:3] if postcode.startswith("97") else postcode[:2]


def score(
    youth: YouthProfile,
    offer: OfferProfile,
    *,
    on: dt.date,
    proximities: dict[tuple[str, str], Proximity] | None = None,
) -> Fit:
    """Score `youth` for `offer`: the points of docs/matching.md, each with its reason."""
    points, reasons = 0, []

    def add(value: int, reason: str) -> None:
        nonlocal points
        points += value
        reasons.append(reason)

    _rome(youth, offer, proximities or {}, add)
    _place(youth, offer, add)
    if youth.wished_contract_type and youth.wished_contract_type == offer.contract_type:
        add(
            10, f"contrat souhaité ({CONTRACT_TYPES.get(offer.contract_type, offer.contract_type)})"
        )
    wished, hours = youth.wished_weekly_hours, offer.weekly_hours
    if wished is not None and hours is not None and abs(wished - hours) <= 4:
        add(5, f"{format_number(hours)} h par semaine comme souhaité")
    _eligibility(youth, offer, on, add)
    if youth.available_from and offer.start_date:
        if youth.available_from <= offer.start_date:
            add(5, "disponible à la date de début")
        else:
            add(-10, f"disponible seulement à partir du {format_date(youth.available_from)}")
    return Fit(youth.id, offer.id, max(0, min(100, points)), reasons)


def _rome(youth, offer, proximities, add) -> None:
    wish, code = youth.wished_rome, offer.rome_code
    if not wish or not code:
        return
    if wish == code:
        add(35, f"métier souhaité ({code})")
    elif (wish, code) in proximities:
        p = proximities[(wish, code)]
        add(25, f"métier proche : {p.source_label} → {p.target_label}")
    elif wish[:3] == code[:3]:
        add(25, f"même domaine professionnel ROME {code[:3]}")
    elif wish[0] == code[0]:
        domain = ROME_DOMAINS.get(code[0], "").split(",")[0].lower()
        add(15, f"même domaine ROME {code[0]} — {domain}")


def _place(youth, offer, add) -> None:
    if None not in (youth.latitude, youth.longitude, offer.latitude, offer.longitude):
        km = distance_km((youth.latitude, youth.longitude), (offer.latitude, offer.longitude))
        rounded = round(km)
        for limit, value in ((5, 25), (10, 20), (20, 14), (40, 6)):
            if km <= limit:
                add(value, f"à {rounded} km")
                break
        else:
            add(0, f"à {rounded} km")
        if youth.mobility_km is not None and km > youth.mobility_km:
            add(-10, f"au-delà de sa mobilité ({youth.mobility_km} km)")
        return
    if youth.postcode and youth.postcode == offer.postcode:
        add(20, f"même commune ({offer.postcode})")
    elif department(youth.postcode) and department(youth.postcode) == department(offer.postcode):
        add(10, f"même département ({department(offer.postcode)})")


def _eligibility(youth, offer, on, add) -> None:
    schemes = eligible_schemes(youth, on)
    needed = SCHEME_CONTRACTS.get(offer.contract_type or "")
    if needed == "EAV":
        if "EAV" in schemes:
            add(10, "éligible Emploi d'avenir")
        else:
            add(-20, "pas éligible à l'Emploi d'avenir (âge ou diplôme)")
    elif "EAV" in schemes:
        add(5, "éligible Emploi d'avenir")
    elif "CEJ" in schemes:
        add(3, "éligible CEJ")


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def rank(fits: list[Fit], limit: int) -> list[Fit]:
    """Best first; equal scores keep a stable order (by id) so the list does not jump."""
    return sorted(fits, key=lambda f: (-f.score, str(f.youth_id), str(f.offer_id)))[:limit]
