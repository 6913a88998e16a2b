"""Nomenclatures of the field: codes stored in the base and their French labels."""

from __future__ import annotations

# Territory types of the territorial studies: urban, peri-urban, rural revitalisation zone.
TERRITORIES = {
    "urban": "Urbain",
    "peri_urban": "Périurbain",
    "rural": "Rural (ZRR puis FRR)",
}

PARTNERSHIP_STATUSES = {
    "none": "Aucun",
    "prospect": "À démarcher",
    "partner": "Partenaire",
    "former": "Ancien partenaire",
}

YOUTH_STATUSES = {
    "active": "En accompagnement",
    "dormant": "En veille",  # still on file, not actively followed for now
    "in_job": "En emploi",
    "in_training": "En formation",
    "exited": "Sorti du dispositif",
}

LEGAL_FORMS = {
    "association": "Association loi 1901",
    "scop": "SCOP",
    "scic": "SCIC",
    "cooperative": "Coopérative",
    "mutuelle": "Mutuelle",
    "fondation": "Fondation",
    "esus": "Entreprise agréée ESUS",
    "insertion": "Structure d'insertion (SIAE)",
    "geiq": "GEIQ",
    "collectivite": "Collectivité territoriale",
    "public": "Établissement public",
    "entreprise": "Entreprise privée",
    "autre": "Autre",
}
# The ESS families: what makes an employer part of the social and solidarity economy.
ESS_LEGAL_FORMS = {"association", "scop", "scic", "cooperative", "mutuelle", "fondation", "esus"}

SIZE_BANDS = {
    "0": "0 salarié",
    "1-9": "1 à 9",
    "10-49": "10 à 49",
    "50-249": "50 à 249",
    "250+": "250 et plus",
}

CONTRACT_TYPES = {
    "CDI": "CDI",
    "CDD": "CDD",
    "interim": "Intérim",
    "apprentissage": "Apprentissage",
    "professionnalisation": "Contrat de professionnalisation",
    "CUI-CAE": "CUI-CAE",
    "CUI-CIE": "CUI-CIE",
    "emploi_avenir": "Emploi d'avenir",
    "PEC": "Parcours emploi compétences",
    "service_civique": "Service civique",
    "stage": "Stage / PMSMP (immersion)",
    "IAE": "Insertion par l'activité économique",
}

OFFER_STATUSES = {
    "open": "Ouverte",
    "filled": "Pourvue",
    "cancelled": "Annulée",
    "expired": "Expirée",
}

# The positioning states of the national inclusion platform: see domain/positionings.py.
APPLICATION_STATUSES = {
    "new": "Nouvelle",
    "processing": "À l'étude",
    "postponed": "En attente",
    "prior_to_hire": "Action préalable à l'embauche",
    "accepted": "Embauchée",
    "refused": "Refusée",
    "cancelled": "Annulée",
    "obsolete": "Obsolète",
    "pool": "Vivier",
}

# Old (1969) and new (2019) qualification levels: V→3, IV→4, III→5, II→6, I→7 (or 8).
OLD_TO_NEW_LEVEL = {"VI": 1, "Vbis": 2, "V": 3, "IV": 4, "III": 5, "II": 6, "I": 7}

# The 14 "grands domaines" of the ROME; the full list is imported from a file the user provides.
ROME_DOMAINS = {
    "A": "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
    "B": "Arts et façonnage d'ouvrages d'art",
    "C": "Banque, assurance, immobilier",
    "D": "Commerce, vente et grande distribution",
    "E": "Communication, média et multimédia",
    "F": "Construction, bâtiment et travaux publics",
    "G": "Hôtellerie-restauration, tourisme, loisirs et animation",
    "H": "Industrie",
    "I": "Installation et maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et logistique",
}

MEETING_OUTCOMES = {
    "interested": "Intéressé",
    "second_interview": "Second entretien",
    "hired": "Embauche",
    "none": "Sans suite",
}

# Partnerships: who signs, where an action stands, which bodies govern the agreement.
PARTNER_KINDS = {
    "employer": "Employeur",
    "network": "Réseau",
    "public_body": "Organisme public",
}
ACTION_STATUSES = {
    "planned": "Prévue",
    "in_progress": "En cours",
    "done": "Réalisée",
    "postponed": "Reportée",
    "cancelled": "Abandonnée",
}
GOVERNANCE_KINDS = {
    "steering": "Comité de pilotage",
    "technical": "Comité technique",
    "working_group": "Groupe de travail",
}
GOVERNANCE_STATUSES = {"planned": "Prévue", "held": "Tenue", "cancelled": "Annulée"}

# Events: kinds, session formats, audiences, registration and attendance.
EVENT_KINDS = {
    "week": "Semaine thématique",
    "day": "Journée",
    "forum": "Forum",
    "job_dating": "Job dating",
    "other": "Autre",
}
SESSION_FORMATS = {
    "workshop": "Atelier",
    "speed_meeting": "Speed meeting",
    "testimony": "Témoignage d'entreprise",
    "forum": "Forum d'offres",
    "animation": "Animation",
    "professionals": "Session réservée aux professionnels",
    "visit": "Visite",
}
SESSION_AUDIENCES = {
    "all": "Tous publics",
    "CEJ": "CEJ / Garantie jeunes",
    "staff": "Professionnels",
}
REGISTRATION_STATUSES = {"registered": "Inscrit", "cancelled": "Désinscrit", "refused": "Refusé"}
ATTENDANCE_STATUSES = {"registered": "Non pointé", "present": "Présent", "absent": "Absent"}
ATTENDEE_ROLES = {"youth": "Jeune", "professional": "Professionnel", "recruiter": "Recruteur"}

# Exits that count as positive in the reports (CDI, CDD of 6 months or more, qualifying training).
POSITIVE_EXITS = {
    "cdi": "CDI",
    "cdd_6_months": "CDD de 6 mois ou plus",
    "training": "Formation qualifiante",
    "business_creation": "Création d'activité",
}
