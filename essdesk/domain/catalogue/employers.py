"""The fields of an employer and of its contacts."""

from __future__ import annotations

from essdesk.domain import nomenclatures as n
from essdesk.domain import values as v
from essdesk.domain.catalogue.fields import (
    Catalogue,
    Field,
    Widget,
    address_fields,
    choice,
    parse_list,
    show_choice,
    text,
)
from essdesk.domain.entities import EntityKind

EMPLOYER = Catalogue(
    EntityKind.EMPLOYERS,
    "employeur",
    "employeurs",
    (
        Field("name", "Raison sociale", text(200), required=True, listed=True, searchable=True),
        Field("siret", "SIRET", v.parse_siret, required=True, listed=True, searchable=True,
              hint="14 chiffres, par exemple 732 829 320 00074"),
        Field("legal_form", "Forme juridique", v.parse_legal_form, widget=Widget.CHOICE,
              choices=n.LEGAL_FORMS, show=show_choice(n.LEGAL_FORMS), listed=True),
        Field("naf_code", "Code NAF", v.parse_naf, hint="par exemple 88.99B"),
        Field("sector", "Secteur", text(120), listed=True, searchable=True),
        Field("size_band", "Effectif", choice(n.SIZE_BANDS, "tranche d'effectif"),
              widget=Widget.CHOICE, choices=n.SIZE_BANDS, show=show_choice(n.SIZE_BANDS)),
        *address_fields(),
        Field("territory", "Type de territoire", choice(n.TERRITORIES, "type de territoire"),
              widget=Widget.CHOICE, choices=n.TERRITORIES, show=show_choice(n.TERRITORIES),
              listed=True),
        Field("ess_networks", "Réseaux ESS", parse_list, widget=Widget.LIST,
              hint="séparés par des virgules : Mouvement associatif, ESS France…"),
        Field("partnership_status", "Partenariat",
              choice(n.PARTNERSHIP_STATUSES, "statut de partenariat"), widget=Widget.CHOICE,
              choices=n.PARTNERSHIP_STATUSES, show=show_choice(n.PARTNERSHIP_STATUSES),
              listed=True),
        Field("notes", "Remarques", v.parse_long_text, widget=Widget.LONG_TEXT),
    ),
)  # fmt: skip

CONTACT = Catalogue(
    EntityKind.CONTACTS,
    "contact",
    "contacts",
    (
        Field("last_name", "Nom", text(80), required=True, listed=True, searchable=True),
        Field("first_name", "Prénom", text(80), listed=True, searchable=True),
        Field("role", "Fonction", text(120), listed=True),
        Field("phone", "Téléphone", v.parse_phone, show=v.format_phone, listed=True),
        Field("email", "Courriel", v.parse_email, listed=True),
        Field("is_tutor", "Tuteur", v.parse_boolean, widget=Widget.BOOLEAN, listed=True),
    ),
)  # fmt: skip
