"""The fields of a job offer."""

from __future__ import annotations

from essdesk.domain import nomenclatures as n
from essdesk.domain import values as v
from essdesk.domain.catalogue.fields import (
    Catalogue,
    Field,
    Widget,
    bounded_integer,
    choice,
    parse_record_id,
    show_choice,
    text,
)
from essdesk.domain.entities import EntityKind


def _contract_type(text_: str) -> str:
    return v.parse_contract_type(text_).value


OFFER = Catalogue(
    EntityKind.OFFERS,
    "offre",
    "offres",
    (
        # The employer is chosen in the form; imports and exports name it by SIRET and name.
        Field("employer_id", "Employeur", parse_record_id("un employeur"), required=True,
              widget=Widget.PICKER, picks="employer", exported=False, importable=False,
              show=lambda value: "" if value is None else str(value),
              hint="nom ou SIRET de l'employeur"),
        Field("title", "Intitulé du poste", text(200), required=True, listed=True, searchable=True),
        Field("contract_type", "Type de contrat", _contract_type, widget=Widget.CHOICE,
              choices=n.CONTRACT_TYPES, show=show_choice(n.CONTRACT_TYPES), listed=True),
        Field("weekly_hours", "Durée hebdomadaire", v.parse_hours, widget=Widget.NUMBER,
              listed=True, hint="en heures, par exemple 35 ou 17,5"),
        Field("duration_months", "Durée du contrat (mois)",
              bounded_integer(1, 120, "durée en mois"), widget=Widget.NUMBER),
        Field("place", "Lieu de travail", text(120), listed=True, searchable=True),
        Field("publication_date", "Date de publication", v.parse_date, widget=Widget.DATE,
              listed=True),
        Field("start_date", "Date de début", v.parse_date, widget=Widget.DATE),
        Field("end_date", "Date de fin", v.parse_date, widget=Widget.DATE),
        Field("positions", "Nombre de postes", bounded_integer(1, 1000, "nombre de postes"),
              widget=Widget.NUMBER),
        Field("rome_code", "Code ROME", v.parse_rome, listed=True, searchable=True,
              widget=Widget.PICKER, picks="rome",
              hint="code ou métier, par exemple K1207 ou aide à domicile"),
        Field("status", "Statut de l'offre", choice(n.OFFER_STATUSES, "statut d'offre"),
              widget=Widget.CHOICE, choices=n.OFFER_STATUSES, show=show_choice(n.OFFER_STATUSES),
              listed=True),
        Field("source", "Source", text(120)),
        Field("description", "Description", v.parse_long_text, widget=Widget.LONG_TEXT),
    ),
)  # fmt: skip
