"""The placements import: its French headers, parsers and natural key, registered beside the others.

Agencies' Emplois d'avenir history files name the scheme by its code or its name, the contract
form as CAE or CIE, the aid rate as « 75 » or « 75 % ». The rules themselves are checked later,
at the signature date, by the import's planner (services/placements/importing.py).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from essdesk.domain import values as v
from essdesk.domain.catalogue.fields import parse_past_date
from essdesk.domain.schemes import find_scheme
from essdesk.domain.schemes.catalogue import CAE, CATALOGUE, CIE
from essdesk.exchange import headers
from essdesk.exchange.schemas import SCHEMAS, FieldSpec, Schema

ENTITY = "placements"


def parse_scheme(text: str) -> str:
    """« EAV », « Emploi d'avenir », « PEC »… → the scheme's code."""
    found = find_scheme(text)
    if found is None:
        known = ", ".join(f"{s.code} ({s.name})" for s in CATALOGUE)
        raise v.ValueProblem(f"dispositif « {text.strip()} » inconnu (attendus : {known})")
    return found.code


_FORMS = {"cae": CAE, "cuicae": CAE, "cie": CIE, "cuicie": CIE}


def parse_contract_form(text: str) -> str:
    form = _FORMS.get(v.squash(text))
    if form is None:
        raise v.ValueProblem(f"forme du contrat « {text.strip()} » inconnue (CUI-CAE ou CUI-CIE)")
    return form


def parse_duration_type(text: str) -> str:
    """CDI or CDD: the scheme is given in its own column."""
    kind = v.parse_contract_type(text)
    if kind.value not in ("CDI", "CDD"):
        raise v.ValueProblem(f"type de contrat « {text.strip()} » : CDI ou CDD attendu")
    return kind.value


def parse_rate(text: str) -> Decimal:
    """« 75 », « 75 % », « 75,0 » or « 0,75 » → 75 (percent of the SMIC)."""
    value = v.parse_decimal(text.replace("%", ""))
    if 0 < value < 1:
        value *= 100
    if not 0 < value <= 100:
        raise v.ValueProblem(f"taux d'aide « {text.strip()} » impossible (de 1 à 100 %)")
    return value.normalize()


_TEXT = partial(v.parse_text, max_length=200)

PLACEMENT_SCHEMA = Schema(
    ENTITY,
    "contrats",
    {
        s.name: s
        for s in (
            FieldSpec("last_name", "Nom", partial(v.parse_text, max_length=80), required=True),
            FieldSpec("first_name", "Prénom", partial(v.parse_text, max_length=80), required=True),
            FieldSpec(
                "birth_date",
                "Date de naissance",
                parse_past_date("date de naissance"),
                required=True,
            ),
            FieldSpec("employer_siret", "SIRET de l'employeur", v.parse_siret, required=True),
            FieldSpec("scheme", "Dispositif", parse_scheme, required=True),
            FieldSpec("contract_form", "Forme du contrat", parse_contract_form),
            FieldSpec("contract_type", "Type de contrat", parse_duration_type),
            FieldSpec("start_date", "Date de début", v.parse_date, required=True),
            FieldSpec("end_date", "Date de fin", v.parse_date),
            FieldSpec("weekly_hours", "Durée hebdomadaire", v.parse_hours),
            FieldSpec("aid_rate", "Taux d'aide", parse_rate),
            FieldSpec("aid_start", "Début de l'aide", v.parse_date),
            FieldSpec("aid_end", "Fin de l'aide", v.parse_date),
            FieldSpec("job_title", "Intitulé du poste", _TEXT, required=True),
            FieldSpec("tutor", "Tuteur", _TEXT),
            FieldSpec("justification", "Justification", v.parse_long_text),
            FieldSpec(
                "part_time_agreement", "Accord du jeune pour le temps partiel", v.parse_boolean
            ),
            FieldSpec("search_waiver", "Dérogation du prescripteur", v.parse_boolean),
        )
    },
    key=lambda r: (
        v.squash(r["last_name"]),
        v.squash(r["first_name"]),
        r["birth_date"],
        r["employer_siret"],
        r["start_date"],
    ),
    key_label="même jeune, même employeur et même date de début",
    key_fields=("last_name", "first_name", "birth_date", "employer_siret", "start_date"),
)

# fmt: off
SYNONYMS: dict[str, tuple[str, ...]] = {
    "last_name": ("Nom", "Nom de famille", "Nom du jeune", "Nom d'usage"),
    "first_name": ("Prénom", "Prénom du jeune"),
    "birth_date": ("Date de naissance", "Né(e) le", "Naissance"),
    "employer_siret": ("SIRET de l'employeur", "SIRET", "N° SIRET", "SIRET employeur"),
    "scheme": ("Dispositif", "Mesure", "Type d'aide", "Scheme"),
    "contract_form": ("Forme du contrat", "Forme", "CUI", "Type de CUI"),
    "contract_type": ("Type de contrat", "Nature du contrat", "CDI/CDD"),
    "start_date": ("Date de début", "Début du contrat", "Date d'embauche", "Date de signature"),
    "end_date": ("Date de fin", "Fin du contrat", "Date de fin de contrat", "Fin prévue"),
    "weekly_hours": ("Durée hebdomadaire", "Durée hebdo", "Heures par semaine", "Temps de travail"),
    "aid_rate": ("Taux d'aide", "Taux de prise en charge", "Taux", "Taux de l'aide"),
    "aid_start": ("Début de l'aide", "Date de début de l'aide", "Début de prise en charge"),
    "aid_end": ("Fin de l'aide", "Date de fin de l'aide", "Fin de prise en charge"),
    "job_title": ("Intitulé du poste", "Poste", "Emploi", "Métier"),
    "tutor": ("Tuteur", "Tutrice", "Tuteur/tutrice", "Nom du tuteur"),
    "justification": ("Justification", "Dérogation motivée", "Motif de dérogation"),
    "part_time_agreement": ("Accord du jeune pour le temps partiel", "Accord temps partiel"),
    "search_waiver": ("Dérogation du prescripteur", "Dérogation durée de recherche"),
}
# fmt: on


def register() -> None:
    """Make « placements » known to header recognition and row validation, like the others."""
    SCHEMAS[ENTITY] = PLACEMENT_SCHEMA
    headers.SYNONYMS[ENTITY] = SYNONYMS
    headers._INDEX[ENTITY] = headers._index(ENTITY)  # noqa: SLF001 - the module's own index
    headers.ENTITIES = tuple(headers.SYNONYMS)


register()
