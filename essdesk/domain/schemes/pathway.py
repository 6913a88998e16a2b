"""Codes and French labels of a hire's pathway: end reasons, exit outcomes, trainings, follow-ups."""

from __future__ import annotations

from datetime import date

END_REASONS = {
    "fin_contrat": "Fin de contrat",
    "rupture_employeur": "Rupture à l'initiative de l'employeur",
    "rupture_salarie": "Rupture à l'initiative du jeune",
    "rupture_commun": "Rupture d'un commun accord",
    "periode_essai": "Fin pendant la période d'essai",
    "embauche_cdi": "Embauche en CDI",
    "autre_emploi": "Départ pour un autre emploi",
    "formation": "Départ en formation",
    "autre": "Autre",
}

# Positive exits (sorties positives) as the funders count them.
EXIT_OUTCOMES = {
    "cdi": "CDI",
    "cdd_6_mois": "CDD de 6 mois ou plus",
    "cdd_court": "CDD de moins de 6 mois",
    "formation_qualifiante": "Formation qualifiante",
    "creation": "Création d'entreprise",
    "demandeur_emploi": "Demandeur d'emploi",
    "inactif": "Inactivité",
    "inconnu": "Situation inconnue",
}
POSITIVE_EXITS = frozenset({"cdi", "cdd_6_mois", "formation_qualifiante", "creation"})

TRAINING_KINDS = {
    "adaptation": "Adaptation au poste",
    "remise_a_niveau": "Remise à niveau",
    "pre_qualifiante": "Pré-qualifiante",
    "qualifiante": "Qualifiante",
    "vae": "VAE",
}
TRAINING_STATUSES = {
    "planned": "Prévue",
    "in_progress": "En cours",
    "done": "Terminée",
    "certified": "Certifiée",
    "abandoned": "Abandonnée",
}
DONE_STATUSES = frozenset({"done", "certified"})

# Training funders: OPCA until 31/12/2018, then the OPCO (loi n° 2018-771, from 01/04/2019).
FUNDERS_OPCA = ("Uniformation", "Unifaf", "AGEFOS PME", "OPCALIA", "FAFSEA", "Habitat Formation")
FUNDERS_OPCO = (
    "Uniformation",
    "OPCO Santé",
    "AKTO",
    "OPCO EP",
    "Afdas",
    "Atlas",
    "OCAPIAT",
    "Constructys",
    "OPCO 2i",
    "OPCO Mobilités",
    "OPCO Commerce",
)

OPCO_FROM = date(2019, 4, 1)


def funders_on(day: date | None) -> tuple[str, ...]:
    """The training funders to offer for a training starting on `day` (OPCA, then OPCO)."""
    return FUNDERS_OPCA if day is not None and day < OPCO_FROM else FUNDERS_OPCO


FOLLOW_UP_KINDS = {
    "suivi": "Entretien de suivi",
    "tripartite": "Rencontre tripartite (jeune, employeur, conseiller)",
    "bilan": "Bilan",
    "attestation": "Attestation d'expérience professionnelle",
    "entree": "Entretien d'entrée",
    "sortie": "Entretien de sortie",
    "telephone": "Contact téléphonique",
}
