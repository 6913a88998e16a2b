"""The information given to a young person about their data, and consents where they are the basis."""

from __future__ import annotations

# How the person was informed (RGPD art. 13): stored code → French label.
INFORMATION_FORMS: dict[str, str] = {
    "interview": "Lors d'un entretien",
    "leaflet": "Notice remise en main propre",
    "email": "Par courriel",
    "letter": "Par courrier",
    "signed": "Formulaire signé",
}

# A consent (photos at events, newsletter): None is "not asked", which is not a yes.
CONSENT_CHOICES: dict[bool | None, str] = {None: "Non demandé", True: "Oui", False: "Non"}
