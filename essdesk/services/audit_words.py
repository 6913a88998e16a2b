"""French words for the tables, fields, codes and linked records the trail and the person's file name."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain import nomenclatures as n
from essdesk.domain.access import ROLES
from essdesk.domain.catalogue import CATALOGUES
from essdesk.domain.consent import INFORMATION_FORMS
from essdesk.domain.french import format_date, format_datetime, format_number
from essdesk.domain.schemes import pathway
from essdesk.domain.youth_file import INTERACTION_KINDS, SITUATION_KINDS

# One word per table, in the words of the screens: the trail's « Table » column, the headings
# of the person's file, the fields' fallback.
TABLE_NAMES = {
    "youths": "jeunes", "employers": "employeurs", "contacts": "contacts", "offers": "offres",
    "applications": "mises en relation", "application_events": "étapes des mises en relation",
    "placements": "contrats", "placement_renewals": "renouvellements de contrat",
    "trainings": "formations", "follow_ups": "suivis", "counsellors": "conseillers",
    "events": "événements", "event_sessions": "séances d'événement",
    "event_partners": "partenaires d'événement", "session_offers": "offres d'une séance",
    "attendances": "présences", "interactions": "échanges", "youth_situations": "situations",
    "partnerships": "partenariats", "partnership_axes": "axes de partenariat",
    "partnership_actions": "actions de partenariat",
    "partnership_employers": "employeurs d'un partenariat",
    "partnership_events": "événements d'un partenariat",
    "partnership_meetings": "instances de partenariat",
    "partnership_partners": "signataires d'un partenariat", "memberships": "adhésions",
    "membership_fees": "barème des cotisations", "mentorships": "parrainages",
    "speed_meetings": "speed meetings", "speed_meeting_candidates": "candidats de speed meeting",
    "speed_meeting_recruiters": "recruteurs de speed meeting",
    "speed_meeting_meetings": "rencontres de speed meeting",
    "speed_meeting_wishes": "souhaits de rencontre", "users": "utilisateurs",
    "communes": "communes", "schemes": "dispositifs", "smic_rates": "barème du SMIC",
    "local_aid_rates": "taux d'aide locaux", "rome_codes": "codes ROME",
    "rome_proximities": "métiers proches", "merges": "fusions de doublons",
    "retention_policies": "durées de conservation", "base_settings": "réglages de la base",
    "audit_entries": "journal", "search_terms": "mots de recherche",
}  # fmt: skip

# Column names shared by several tables; a table's own meaning overrides them in BY_TABLE.
COLUMNS = {
    "id": "Identifiant", "version": "Version", "created_at": "Créé le",
    "updated_at": "Modifié le", "youth_id": "Jeune", "employer_id": "Employeur",
    "offer_id": "Offre", "scheme_id": "Dispositif", "tutor_id": "Tuteur",
    "referent_id": "Conseiller référent", "counsellor_id": "Conseiller",
    "contact_id": "Contact", "placement_id": "Contrat", "application_id": "Mise en relation",
    "session_id": "Séance", "event_session_id": "Séance", "event_id": "Événement",
    "speed_meeting_id": "Speed meeting", "candidate_id": "Candidat",
    "recruiter_id": "Recruteur", "partnership_id": "Partenariat", "axis_id": "Axe",
    "volunteer_employer_id": "Entreprise du parrain", "name": "Nom", "first_name": "Prénom",
    "last_name": "Nom", "title": "Intitulé", "status": "Statut", "kind": "Type",
    "notes": "Notes", "note": "Note", "on": "Date", "at": "Date et heure",
    "start_date": "Début", "end_date": "Fin", "email": "Courriel", "phone": "Téléphone",
    "address": "Adresse", "postcode": "Code postal", "commune": "Commune", "role": "Rôle",
    "active": "Actif", "archived": "Archivé", "match_key": "Clé de doublon",
    "sort_key": "Clé de tri", "latitude": "Latitude", "longitude": "Longitude",
    "last_contact_at": "Dernier contact", "last_news_on": "Dernières nouvelles le",
    "outcome": "Suite donnée", "available_from": "Disponible à partir de",
    "available_to": "Disponible jusqu'à", "start_time": "Heure de début",
    "position": "Rang", "year": "Année", "description": "Description", "place": "Lieu",
    "rome_code": "Code ROME", "contract_type": "Type de contrat",
    "weekly_hours": "Durée hebdomadaire", "organisation": "Organisme",
    "valid_from": "Valable à partir du", "valid_to": "Valable jusqu'au", "code": "Code",
    "label": "Libellé", "territory": "Type de territoire", "reason": "Motif",
    "record_id": "Fiche", "size_band": "Tranche d'effectif", "rural_zone": "ZRR / FRR",
    "amount": "Montant", "rate": "Taux", "minutes": "Compte rendu",
}  # fmt: skip
BY_TABLE = {
    "youths": {
        "qualification_level_old": "Niveau de formation (ancienne nomenclature)",
        "qualification_level_new": "Niveau de formation", "wished_rome": "Métier recherché",
        "wished_contract_type": "Contrat recherché",
        "wished_weekly_hours": "Durée hebdomadaire souhaitée",
        "mobility_km": "Mobilité (km)", "consent_date": "Date du consentement",
        "information_date": "Information donnée le",
        "information_form": "Forme de l'information",
        "photo_consent": "Accord pour les photos",
        "newsletter_consent": "Accord pour la lettre d'information",
        "anonymised_at": "Anonymisé le", "status": "Situation",
    },
    "placements": {
        "job_title": "Poste", "contract_form": "Forme du contrat (CAE/CIE)",
        "aid_rate": "Taux d'aide (% du SMIC)", "aid_start": "Début de l'aide",
        "aid_end": "Fin de l'aide", "exit_outcome": "Situation à la sortie",
        "actual_end_date": "Fin réelle", "end_reason": "Motif de fin",
        "part_time_agreement": "Accord pour le temps partiel",
        "search_waiver": "Dispense de recherche", "to_complete": "À compléter",
        "aid_extension_for_training": "Prolongation de l'aide pour formation",
        "override_justification": "Justification de la dérogation",
        "overridden_rules": "Règles dérogées", "commitments": "Engagements de l'employeur",
        "qualification_target": "Qualification visée",
    },
    "placement_renewals": {"aid_end": "Fin de l'aide"},
    "trainings": {
        "cost": "Coût", "rncp_code": "Code RNCP", "commitment": "Engagement",
        "funder": "Financeur", "hours": "Heures", "certifying": "Certifiante",
        "certification": "Certification",
    },
    "follow_ups": {"milestone_code": "Échéance", "duration_minutes": "Durée (minutes)"},
    "applications": {"proposed_on": "Proposé le", "refusal_reason": "Motif du refus"},
    "application_events": {"from_status": "Statut précédent", "status": "Nouveau statut"},
    "attendances": {
        "walk_in_name": "Nom (sans inscription)", "status": "Présence",
        "registration": "Inscription", "role": "Venu comme",
    },
    "interactions": {"occurred_at": "Date et heure"},
    "mentorships": {
        "volunteer_name": "Parrain ou marraine", "volunteer_contact": "Contact du parrain",
        "meetings": "Rencontres",
    },
    "speed_meeting_candidates": {
        "walk_in": "Venu sans inscription", "max_meetings": "Rencontres au plus",
        "attendance": "Présence", "arrival_round": "Arrivé au tour",
    },
    "speed_meeting_meetings": {
        "round": "Tour", "table": "Table", "locked": "Fixée", "announced": "Annoncée",
    },
    "speed_meeting_wishes": {"rank": "Rang", "weight": "Poids"},
    "merges": {
        "entity": "Type de fiche", "kept_id": "Fiche gardée", "merged_id": "Fiche réunie",
        "merged_label": "Fiche réunie (libellé)", "moved": "Liens déplacés",
        "merged_at": "Réunies le",
    },
    "audit_entries": {
        "at": "Date et heure", "actor": "Utilisateur", "workstation": "Poste",
        "action": "Action", "entity": "Table", "changes": "Champs", "detail": "Détail",
    },
    "base_settings": {"key": "Réglage", "value": "Valeur"},
    "communes": {"insee_code": "Code INSEE", "has_qpv": "Compte un QPV"},
    "event_sessions": {
        "format": "Format", "starts_at": "Début", "ends_at": "Fin", "room": "Salle",
        "capacity": "Places", "audience": "Public", "registration_deadline": "Inscriptions jusqu'au",
    },
    "local_aid_rates": {"scheme_code": "Dispositif"},
    "memberships": {"fee": "Cotisation", "paid": "Payée", "paid_on": "Payée le"},
    "partnerships": {
        "partner_name": "Partenaire", "signed_on": "Signé le",
        "steering_per_year": "Comités de pilotage par an",
        "technical_per_year": "Comités techniques par an",
    },
    "partnership_actions": {
        "due_date": "Échéance", "indicator": "Indicateur", "owner": "Pilote", "target": "Cible",
    },
    "partnership_meetings": {
        "held_on": "Tenue le", "attendees": "Participants", "minutes_file": "Fichier du compte rendu",
    },
    "retention_policies": {
        "youth_age_limit": "Âge limite des jeunes", "youth_extra_years": "Années après l'âge limite",
        "cej_years": "Années après un CEJ", "programme_extra_months": "Mois après un programme",
        "staff_years": "Années après un compte clos", "audit_years": "Années du journal",
        "warning_days": "Jours de préavis",
    },
    "rome_proximities": {"source_code": "Code ROME", "target_code": "Code ROME proche"},
    "schemes": {"rules": "Règles"},
    "search_terms": {"term": "Mot"},
    "smic_rates": {"hourly": "SMIC horaire brut"},
    "speed_meetings": {
        "rounds": "Tours", "round_minutes": "Minutes par tour",
        "changeover_minutes": "Minutes entre deux tours", "breaks": "Pauses",
        "min_meetings": "Rencontres au moins", "objective": "Objectif", "bound": "Limite",
        "current_round": "Tour en cours",
    },
    "speed_meeting_recruiters": {"tables": "Tables", "present": "Présent"},
    "users": {
        "login": "Identifiant de connexion", "display_name": "Nom affiché",
        "password_hash": "Mot de passe", "failed_attempts": "Échecs de connexion",
        "last_failed_at": "Dernier échec", "authorised_until": "Autorisé jusqu'au",
    },
}  # fmt: skip

PLACEMENT_STATUSES = {"active": "En cours", "ended": "Terminé"}
YES_NO = {True: "Oui", False: "Non"}
# Stored codes and their words; a table's own field choices (the catalogues) come first.
CHOICES: dict[tuple[str, str], dict] = {
    ("placements", "status"): PLACEMENT_STATUSES,
    ("placements", "contract_type"): n.CONTRACT_TYPES,
    ("placements", "exit_outcome"): pathway.EXIT_OUTCOMES,
    ("placements", "end_reason"): pathway.END_REASONS,
    ("trainings", "kind"): pathway.TRAINING_KINDS,
    ("trainings", "status"): pathway.TRAINING_STATUSES,
    ("follow_ups", "kind"): pathway.FOLLOW_UP_KINDS,
    ("applications", "status"): n.APPLICATION_STATUSES,
    ("application_events", "status"): n.APPLICATION_STATUSES,
    ("application_events", "from_status"): n.APPLICATION_STATUSES,
    ("attendances", "status"): n.ATTENDANCE_STATUSES,
    ("attendances", "registration"): n.REGISTRATION_STATUSES,
    ("attendances", "role"): n.ATTENDEE_ROLES,
    ("interactions", "kind"): INTERACTION_KINDS,
    ("youth_situations", "kind"): SITUATION_KINDS,
    ("speed_meeting_meetings", "outcome"): n.MEETING_OUTCOMES,
    ("speed_meeting_candidates", "attendance"): {
        "expected": "Attendu",
        "present": "Présent",
        "no_show": "Absent",
    },
    ("youths", "information_form"): dict(INFORMATION_FORMS),
    ("merges", "entity"): TABLE_NAMES,
    ("users", "role"): ROLES,
}


def table_name(table: str) -> str:
    return TABLE_NAMES.get(table, table)


def _catalogue_field(table: str, column: str):
    catalogue = next((c for c in CATALOGUES.values() if c.kind.value == table), None)
    return None if catalogue is None else catalogue.by_name().get(column)


def field_label(table: str, column: str) -> str:
    """« Date de naissance »: a table's own word, the record's declared label, a common word."""
    own = BY_TABLE.get(table, {}).get(column)
    if own:
        return own
    declared = _catalogue_field(table, column)
    if declared is not None:
        return declared.label
    return COLUMNS.get(column, column)


def field_word(table: str, column: str) -> str:
    """The same inside a list (« date de naissance, courriel »): SIRET and RQTH keep capitals."""
    label = field_label(table, column)
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def choices_of(table: str, column: str) -> dict | None:
    declared = _catalogue_field(table, column)
    if declared is not None and declared.choices:
        return dict(declared.choices)
    return CHOICES.get((table, column))


# The record a link column names, and how it reads: table → (columns, words from them).
_NAMED: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {
    "youths": (("last_name", "first_name"), lambda last, first: f"{last} {first}"),
    "counsellors": (("first_name", "last_name"), lambda first, last: f"{first} {last}"),
    "contacts": (("first_name", "last_name"), lambda first, last: f"{first} {last}"),
    "employers": (("name",), str),
    "offers": (("title",), str),
    "schemes": (("code", "name"), lambda code, name: f"{code} — {name}"),
    "events": (("title",), str),
    "event_sessions": (
        ("title", "starts_at"),
        lambda title, at: f"{title} ({format_datetime(at)})" if at else title,
    ),
    "placements": (
        ("job_title", "start_date"),
        lambda job, start: f"{job} (depuis le {format_date(start)})",
    ),
    "speed_meetings": (("title",), str),
    "speed_meeting_candidates": (("name",), str),
    "speed_meeting_recruiters": (("name",), str),
    "partnerships": (("title",), str),
    "users": (("display_name", "login"), lambda name, login: f"{name} ({login})"),
    "communes": (("name", "postcode"), lambda name, postcode: f"{name} ({postcode})"),
}
_CHUNK = 500
DECIMAL = re.compile(r"^-?\d+\.\d+$")


def link_target(table: str, column: str) -> str | None:
    """The table a link column points to (`referent_id` of youths → counsellors)."""
    source = m.Base.metadata.tables.get(table)
    if source is None or column not in source.c:
        return "youths" if column == "youth_id" else None
    keys = list(source.c[column].foreign_keys)
    if keys:
        return keys[0].column.table.name
    return {("merges", "kept_id"): "youths"}.get((table, column))


class RecordNames:
    """The words of linked records (« Alice Martin » for a referent id), read in batches."""

    def __init__(self, session) -> None:
        self._session = session
        self._known: dict[tuple[str, str], str] = {}

    def learn(self, wanted: Iterable[tuple[str, Any]]) -> None:
        by_table: dict[str, set[uuid.UUID]] = {}
        for table, value in wanted:
            key = _as_uuid(value)
            if table in _NAMED and key is not None and (table, str(key)) not in self._known:
                by_table.setdefault(table, set()).add(key)
        for table, ids in by_table.items():
            columns, words = _NAMED[table]
            source = m.Base.metadata.tables[table]
            ordered = sorted(ids)
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                query = select(source.c.id, *(source.c[c] for c in columns)).where(
                    source.c.id.in_(chunk)
                )
                for row_id, *parts in self._session.execute(query):
                    self._known[(table, str(row_id))] = words(*parts)

    def name(self, table: str | None, value: Any) -> str | None:
        key = _as_uuid(value)
        return None if table is None or key is None else self._known.get((table, str(key)))


def _as_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def value_text(table: str, column: str, value: Any, names: RecordNames | None = None) -> str:
    """A stored value as a person reads it: words for codes, links and dates; « — » if empty."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return YES_NO[value]
    choices = choices_of(table, column)
    if choices and isinstance(value, str | int) and value in choices:
        return str(choices[value])
    linked = link_target(table, column)
    if linked is not None:
        named = names.name(linked, value) if names is not None else None
        return named or f"fiche {str(value)[:8]} (introuvable)"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal | float | int):
        return format_number(value)
    if isinstance(value, str) and DECIMAL.match(value):  # a Decimal, as the JSON keeps it
        return format_number(Decimal(value))
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_date(parsed.date()) if len(value) == 10 else format_datetime(parsed)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key} : {item}" for key, item in value.items())
    return str(value)
