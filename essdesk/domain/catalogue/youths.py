"""The fields of a young person followed by the agency."""

from __future__ import annotations

from typing import Any

from essdesk.domain import nomenclatures as n
from essdesk.domain import values as v
from essdesk.domain.catalogue.fields import (
    Catalogue,
    Field,
    Widget,
    address_fields,
    choice,
    parse_past_date,
    show_choice,
    text,
)
from essdesk.domain.entities import EntityKind

GENDERS = {"F": "Femme", "M": "Homme"}
ASKED: dict[Any, str] = {
    True: "Oui",
    False: "Non",
}  # a consent: given, refused, or blank when not asked


def _read_level(record: Any) -> v.Qualification | None:
    new, old = record.qualification_level_new, record.qualification_level_old
    if new is not None:
        return v.Qualification(old or v.NEW_TO_OLD[new], new)
    if old:
        return v.Qualification(old, v.OLD_TO_NEW[old])
    return None


def _show_level(level: v.Qualification | None) -> str:
    # The 2019 level re-imports as is; its old counterpart is derived again on reading.
    return "" if level is None else str(level.new)


def _split_level(level: v.Qualification | None) -> dict[str, Any]:
    return {
        "qualification_level_old": level.old if level else None,
        "qualification_level_new": level.new if level else None,
    }


YOUTH = Catalogue(
    EntityKind.YOUTHS,
    "jeune",
    "jeunes",
    (
        Field("last_name", "Nom", text(80), required=True, listed=True, searchable=True),
        Field("first_name", "Prénom", text(80), required=True, listed=True, searchable=True),
        Field("birth_date", "Date de naissance", parse_past_date("date de naissance"),
              required=True, widget=Widget.DATE, listed=True),
        Field("gender", "Sexe", v.parse_gender, widget=Widget.CHOICE, choices=GENDERS,
              show=show_choice(GENDERS)),
        *address_fields(),
        Field("qualification_level", "Niveau de formation", v.parse_qualification,
              columns=("qualification_level_old", "qualification_level_new"),
              read=_read_level, show=_show_level, split=_split_level, listed=True,
              hint="1 à 8, ou ancien niveau VI à I"),
        Field("diploma_obtained", "Diplôme obtenu", v.parse_boolean, widget=Widget.BOOLEAN),
        Field("diploma_label", "Intitulé du diplôme", text(120)),
        Field("rqth", "RQTH", v.parse_boolean, widget=Widget.BOOLEAN, listed=True),
        Field("qpv", "QPV", v.parse_boolean, widget=Widget.BOOLEAN, listed=True),
        Field("qpv_list_version", "Liste QPV", text(10), hint="année de la liste, par exemple 2024"),
        Field("rural_zone", "ZRR / FRR", v.parse_boolean, widget=Widget.BOOLEAN),
        Field("job_search_start", "Début de recherche d'emploi", v.parse_date, widget=Widget.DATE),
        Field("consent_date", "Date du consentement", v.parse_date, widget=Widget.DATE),
        # Information given about the data (RGPD art. 13), and consents asked where consent is
        # the legal basis; an empty consent means « not asked », never « refused ».
        Field("information_date", "Date d'information RGPD", parse_past_date("date d'information"),
              widget=Widget.DATE),
        Field("information_form", "Forme de l'information", text(40),
              hint="entretien, notice remise, courriel…"),
        Field("photo_consent", "Consentement photos", v.parse_boolean, widget=Widget.CHOICE,
              choices=ASKED, show=show_choice(ASKED)),
        Field("newsletter_consent", "Consentement lettre d'information", v.parse_boolean,
              widget=Widget.CHOICE, choices=ASKED, show=show_choice(ASKED)),
        Field("status", "Situation", choice(n.YOUTH_STATUSES, "situation"), widget=Widget.CHOICE,
              choices=n.YOUTH_STATUSES, show=show_choice(n.YOUTH_STATUSES), listed=True),
    ),
)  # fmt: skip
