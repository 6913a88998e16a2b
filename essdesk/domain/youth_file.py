"""A young person's file: situations, interaction kinds and what is missing for eligibility and reports."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

INTERACTION_KINDS = {
    "call": "Appel",
    "interview": "Entretien",
    "email": "E-mail",
    "visit": "Visite",
    "note": "Note",
}

SITUATION_KINDS = {
    "schooling": "Scolarité",
    "jobseeker": "Demandeur d'emploi",
    "employment": "Emploi",
    "work_study": "Alternance",
    "training": "Formation",
    "immersion": "Immersion (PMSMP)",
    "civic_service": "Service civique",
    "inactive": "Sans activité",
    "other": "Autre",
}


@dataclass(frozen=True)
class YouthProfile:
    """What the rules of the desk read of a young person (plain values, no database)."""

    id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: dt.date
    postcode: str | None = None
    commune: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    qpv: bool = False
    qpv_list_version: str | None = None
    rural_zone: bool = False
    rqth: bool = False
    level_new: int | None = None
    level_old: str | None = None
    diploma_obtained: bool = False
    job_search_start: dt.date | None = None
    gender: str | None = None
    email: str | None = None
    phone: str | None = None
    referent_id: uuid.UUID | None = None
    consent_date: dt.date | None = None
    status: str = "active"
    wished_rome: str | None = None
    wished_contract_type: str | None = None
    wished_weekly_hours: Decimal | None = None
    mobility_km: int | None = None
    available_from: dt.date | None = None
    has_current_situation: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def overseas(self) -> bool:
        return self.postcode is not None and self.postcode[:2] in ("97", "98")


@dataclass(frozen=True)
class Missing:
    """One thing to fill in the file, and what it is needed for."""

    field: str
    label: str
    purpose: str  # "éligibilité" or "bilans"

    @property
    def text(self) -> str:
        return f"{self.label} ({self.purpose})"


def missing_information(youth: YouthProfile) -> list[Missing]:
    """What the file lacks: first what eligibility needs, then what the reports count."""
    missing: list[Missing] = []

    def need(field: str, label: str, purpose: str) -> None:
        missing.append(Missing(field, label, purpose))

    level = youth.level_new
    if level is None and youth.level_old is None:
        need("qualification_level_new", "Niveau de formation", "éligibilité")
    if not youth.postcode:
        need("postcode", "Code postal (QPV, ZRR/FRR, outre-mer)", "éligibilité")
    # The job-search duration decides Emploi d'avenir for a CAP/BEP holder and for the
    # exception (QPV, rural zone, overseas) up to bac+3; elsewhere it cannot change the verdict.
    cap_holder = level == 3 and youth.diploma_obtained
    zone = youth.qpv or youth.rural_zone or youth.overseas
    exception = zone and level is not None and level <= 6
    if youth.job_search_start is None and (cap_holder or exception):
        need("job_search_start", "Date de début de recherche d'emploi", "éligibilité")
    if youth.qpv and not youth.qpv_list_version:
        need("qpv_list_version", "Version de la liste QPV", "éligibilité")
    if not youth.gender:
        need("gender", "Sexe", "bilans")
    if youth.referent_id is None:
        need("referent_id", "Conseiller référent", "bilans")
    if youth.consent_date is None:
        need("consent_date", "Date du consentement au traitement des données", "bilans")
    if not youth.has_current_situation:
        need("situations", "Situation actuelle", "bilans")
    if not youth.email and not youth.phone:
        need("phone", "Un moyen de contact (e-mail ou téléphone)", "bilans")
    return missing


def check_situation(
    kind: str, start: dt.date, end: dt.date | None, today: dt.date
) -> list[tuple[str, str]]:
    """Problems of a situation as (field, French message); empty when it can be saved."""
    problems = []
    if kind not in SITUATION_KINDS:
        problems.append(("kind", f"Situation inconnue : « {kind} »."))
    if start > today:
        problems.append(("start_date", "Le début d'une situation ne peut pas être dans le futur."))
    if end is not None and end < start:
        problems.append(("end_date", "La fin de la situation précède son début."))
    return problems
