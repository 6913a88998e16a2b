"""Roles and their permissions, as data: who may see and change what (checked by the services)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

# Permissions, each with the French words used in a refusal ("Vous n'avez pas le droit de …").
PERMISSIONS: dict[str, str] = {
    "youth.identity": "voir l'identité des jeunes",
    "youth.file": "consulter les dossiers des jeunes",
    "youth.sensitive": "voir la RQTH et les notes des jeunes",
    "youth.write": "modifier les dossiers des jeunes",
    "youth.export": "exporter des données personnelles de jeunes",
    "employer.read": "consulter les employeurs",
    "employer.write": "modifier les employeurs et partenariats",
    "offer.read": "consulter les offres",
    "offer.write": "modifier les offres",
    "event.read": "consulter les événements",
    "event.write": "gérer les événements, inscriptions et job datings",
    "import": "importer des fichiers",
    "report.personal": "éditer des documents contenant des données personnelles",
    "users.manage": "gérer les utilisateurs",
    "settings": "modifier les réglages de la structure",
    "purge": "anonymiser ou effacer des dossiers",
    "audit.read": "consulter le journal des accès et modifications",
}

ROLES: dict[str, str] = {
    "administrator": "Administrateur",
    "counsellor": "Conseiller",
    "business_relations": "Chargé de relations entreprises",
    "reception": "Accueil",
    "read_only": "Lecture seule",
}

_COMPANY = {"employer.read", "employer.write", "offer.read", "offer.write", "event.read"}
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "administrator": frozenset(PERMISSIONS),
    "counsellor": frozenset(
        _COMPANY
        | {"youth.identity", "youth.file", "youth.sensitive", "youth.write", "youth.export"}
        | {"event.write", "import", "report.personal"}
    ),
    # Employers, offers, events, speed meetings; of the young people, their identity only.
    "business_relations": frozenset(_COMPANY | {"youth.identity", "event.write", "import"}),
    # The offers board, events and registrations; no youth file.
    "reception": frozenset({"offer.read", "event.read", "event.write", "employer.read"}),
    "read_only": frozenset(
        {"youth.identity", "youth.file", "employer.read", "offer.read", "event.read"}
    ),
}

# The PostgreSQL group role of each application role (users are login roles members of one).
GROUP_ROLES: dict[str, str] = {
    "administrator": "essdesk_admin",
    "counsellor": "essdesk_counsellor",
    "business_relations": "essdesk_business",
    "reception": "essdesk_reception",
    "read_only": "essdesk_readonly",
}


# What reading and writing each table requires (None: every role may read it). Tables not
# listed are the administrator's alone; the PostgreSQL GRANTs are derived from this too.
TABLE_ACCESS: dict[str, tuple[str | None, str]] = {
    **dict.fromkeys(
        ("youths", "placements", "trainings", "follow_ups", "applications", "application_events"),
        ("youth.file", "youth.write"),
    ),
    **dict.fromkeys(
        ("employers", "contacts", "partnerships", "partnership_axes", "partnership_actions"),
        ("employer.read", "employer.write"),
    ),
    "partnership_meetings": ("employer.read", "employer.write"),
    "offers": ("offer.read", "offer.write"),
    "rome_codes": (None, "offer.write"),
    **dict.fromkeys(
        ("events", "event_sessions", "attendances", "speed_meetings", "speed_meeting_recruiters"),
        ("event.read", "event.write"),
    ),
    **dict.fromkeys(
        ("speed_meeting_candidates", "speed_meeting_wishes", "speed_meeting_meetings"),
        ("event.read", "event.write"),
    ),
    **dict.fromkeys(
        ("placement_renewals", "mentorships", "interactions", "youth_situations", "merges"),
        ("youth.file", "youth.write"),
    ),
    **dict.fromkeys(
        ("partnership_partners", "partnership_employers", "partnership_events", "memberships"),
        ("employer.read", "employer.write"),
    ),
    **dict.fromkeys(("event_partners", "session_offers"), ("event.read", "event.write")),
    # Folded words of names: reading them is reading identities; every editor of a youth,
    # an employer or an offer rewrites them.
    "search_terms": ("youth.identity", "offer.write"),
    "rome_proximities": (None, "offer.write"),
    **dict.fromkeys(
        ("smic_rates", "local_aid_rates", "membership_fees", "communes"), (None, "settings")
    ),
    "schemes": (None, "settings"),
    "counsellors": (None, "users.manage"),
    "users": (None, "users.manage"),
    "retention_policies": (None, "settings"),
    "base_settings": (None, "settings"),
    "alembic_version": (None, "settings"),
}
# Who among the counsellors sees the RQTH and the notes, as the administrator sets (stored in
# base_settings under SENSITIVE_SCOPE_KEY): of every young person, or of those they follow.
SENSITIVE_SCOPE_KEY = "counsellor_sensitive_scope"
SENSITIVE_SCOPES: dict[str, str] = {
    "all": "de tous les jeunes",
    "followed": "des jeunes dont ils sont le référent",
}
DEFAULT_SENSITIVE_SCOPE = "all"
# The columns that scope covers: health data (RGPD art. 9) and what counsellors write about
# a young person. On PostgreSQL the server gives them per row (db/pg_sensitive.py).
SENSITIVE_COLUMNS: dict[str, tuple[str, ...]] = {
    "youths": ("rqth",),
    "interactions": ("notes",),
    "follow_ups": ("notes",),
}

# The columns of a young person a role with "youth.identity" alone may read.
YOUTH_IDENTITY_COLUMNS = ("id", "last_name", "first_name", "birth_date", "commune", "version")


@dataclass(frozen=True)
class Actor:
    """Who is working: the current user of a Database, whose permissions the services check."""

    login: str
    display_name: str
    role: str
    user_id: uuid.UUID | None = None
    counsellor_id: uuid.UUID | None = None
    permissions: frozenset[str] = field(default=frozenset())

    def may(self, permission: str) -> bool:
        return permission in self.permissions


def actor_for(
    login: str,
    display_name: str,
    role: str,
    *,
    user_id: uuid.UUID | None = None,
    counsellor_id: uuid.UUID | None = None,
) -> Actor:
    return Actor(
        login, display_name, role, user_id, counsellor_id, ROLE_PERMISSIONS.get(role, frozenset())
    )


# A base without any account is a single-user local base: its user administers it.
LOCAL_USER = actor_for("local", "Utilisateur local", "administrator")


def refusal(permission: str) -> str:
    """The French message of a refused action."""
    what = PERMISSIONS.get(permission, permission)
    of = "d'" if what[:1] in "aeéèêiou" else "de "
    return (
        f"Accès refusé : votre rôle ne permet pas {of}{what}. Rien n'a été lu ni modifié ; "
        "demandez à un administrateur si vous en avez besoin."
    )


def sees_sensitive(actor: Actor, referent_id: uuid.UUID | None, scope: str) -> bool:
    """Whether `actor` may see the RQTH and notes of a young person whose referent is given.

    Only the counsellors are bound by the scope: an administrator sees everything, and roles
    without "youth.sensitive" see none of it. A counsellor with no counsellor record follows
    nobody, so with the "followed" scope they see no one's.
    """
    if not actor.may("youth.sensitive"):
        return False
    if sees_every_sensitive(actor, scope):
        return True
    return actor.counsellor_id is not None and referent_id == actor.counsellor_id


def sees_every_sensitive(actor: Actor, scope: str) -> bool:
    """Whether `actor` sees the RQTH and notes of every young person (no check per file)."""
    return actor.may("youth.sensitive") and (actor.role != "counsellor" or scope != "followed")
