"""Public schemes (dispositifs) as data: validity, durations, aid rates and follow-up milestones."""

from __future__ import annotations

from datetime import date

# Aid rates are shares of the gross hourly SMIC × hours. Milestones are (label, months before the
# end of the aid or contract) — see DOMAIN.md for the legal basis of each figure.
SCHEMES: dict[str, dict] = {
    "EAV": {
        "name": "Emploi d'avenir",
        "valid_from": date(2012, 11, 1),
        "valid_to": date(2018, 1, 1),
        "rules": {
            "age_min": 16,
            "age_max": 25,
            "age_max_rqth": 30,
            "aid_rates": {"CUI-CAE": 75, "CUI-CIE": 35, "GEIQ": 47, "EI": 47},
            "aid_months_min": 12,
            "aid_months_max": 36,
            "aid_months_max_training": 60,
            "cdd_months": 36,
            "cdd_months_min": 12,
            "weekly_hours_min": 17.5,
            "milestones": [
                {"label": "Bilan avant la fin de l'aide", "months_before": 2, "of": "aid_end"},
                {
                    "label": "Attestation d'expérience professionnelle",
                    "months_before": 1,
                    "of": "contract_end",
                },
            ],
        },
    },
    "PEC": {
        "name": "Parcours emploi compétences",
        "valid_from": date(2018, 1, 1),
        "valid_to": None,
        "rules": {
            "aid_rate_min": 30,
            "aid_rate_max": 60,
            "aid_months_min": 9,
            "aid_months_max": 12,
            "milestones": [
                {"label": "Entretien de sortie", "months_before": 1, "of": "aid_end"},
            ],
        },
    },
    "PACEA": {
        "name": "Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie",
        "valid_from": date(2017, 1, 1),
        "valid_to": None,
        "rules": {"months_max": 24},
    },
    "GJ": {
        "name": "Garantie jeunes",
        "valid_from": date(2013, 10, 1),
        "valid_to": date(2022, 3, 1),
        "rules": {"months": 12},
    },
    "CEJ": {
        "name": "Contrat d'engagement jeune",
        "valid_from": date(2022, 3, 1),
        "valid_to": None,
        "rules": {
            "weekly_activity_hours_min": 15,
            "weekly_activity_hours_max": 20,
            "allowance_max_eur": 500,
            "meeting_every_days": 14,
        },
    },
    "APPR": {
        "name": "Apprentissage",
        "valid_from": None,
        "valid_to": None,
        "rules": {},
    },
}
