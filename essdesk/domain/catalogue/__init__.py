"""Each kind of record's fields, declared once (editor, list, import and export derive from them)."""

from essdesk.domain.catalogue.employers import CONTACT, EMPLOYER
from essdesk.domain.catalogue.fields import Catalogue, Field, Widget, format_value
from essdesk.domain.catalogue.offers import OFFER
from essdesk.domain.catalogue.youths import YOUTH
from essdesk.domain.entities import EntityKind

CATALOGUES: dict[EntityKind, Catalogue] = {c.kind: c for c in (EMPLOYER, CONTACT, OFFER, YOUTH)}

__all__ = [
    "CATALOGUES",
    "CONTACT",
    "EMPLOYER",
    "OFFER",
    "YOUTH",
    "Catalogue",
    "Field",
    "Widget",
    "format_value",
]
