"""The agency's name, logo and colour on every partner report, with a plain note when one is missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

from essdesk.reports import theme


@dataclass(frozen=True)
class Branding:
    """What the settings say about the agency; every field may be empty."""

    agency: str = ""
    logo: Path | None = None
    colour: str | None = None  # "#1F5F5B": the header band
    address: str = ""  # printed in the footer beside the name
    accent: str | None = None  # "#D9822B": the stripe under the band

    @property
    def logo_found(self) -> bool:
        """The logo file exists and is an image reportlab can draw (PNG, JPEG…)."""
        if self.logo is None or not self.logo.is_file():
            return False
        try:
            ImageReader(str(self.logo)).getSize()
        except Exception:  # noqa: BLE001 - any unreadable file: the report goes without the logo
            return False
        return True

    def band_colour(self):
        return _colour(self.colour)

    def accent_colour(self):
        return _colour(self.accent)

    def document(self) -> dict:
        """Keyword arguments of theme.build_document."""
        return {
            "agency": self.agency,
            "logo": self.logo if self.logo_found else None,
            "band_colour": self.band_colour(),
            "accent": self.accent_colour(),
            "address": self.address,
        }


def _colour(text: str | None):
    if not text:
        return None
    try:
        return colors.HexColor(text)
    except ValueError:
        return None


def agency_branding() -> Branding:
    """The agency as the settings describe it: the one reader of those settings."""
    from essdesk import settings

    chosen = settings.load()
    return Branding(
        agency=chosen.agency_name.strip(),
        logo=Path(chosen.agency_logo) if chosen.agency_logo else None,
        colour=chosen.report_colour or None,
        address=" ".join(chosen.agency_address.split()),  # one footer line
        accent=chosen.report_accent or None,
    )


def branding_notes(branding: Branding) -> list[Flowable]:
    """A line at the end of the report when the logo or the colour set in the settings is unusable."""
    notes = []
    if branding.logo is not None and not branding.logo_found:
        notes.append(
            f"Logo introuvable ou illisible (« {branding.logo} ») : le rapport est édité sans logo ; "
            "indiquez un autre fichier dans les paramètres."
        )
    if branding.colour and branding.band_colour() is None:
        notes.append(
            f"Couleur « {branding.colour} » illisible : la couleur habituelle est utilisée."
        )
    style = theme.style("Small", spaceBefore=8)
    return [Paragraph(escape(n), style) for n in notes]
