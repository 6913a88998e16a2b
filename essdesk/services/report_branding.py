"""The agency's report branding, read from the user's settings (name, logo file, colour)."""

from __future__ import annotations

from pathlib import Path

from essdesk.reports.branding import Branding
from essdesk.settings import load_settings

AGENCY_NAME = "agency_name"
AGENCY_LOGO = "agency_logo"
REPORT_COLOUR = "report_colour"


def load_branding(agency: str | None = None) -> Branding:
    """The settings' branding; an `agency` given (e.g. on the command line) wins over the name."""
    settings = load_settings()
    logo = settings.get(AGENCY_LOGO)
    return Branding(
        agency=agency or str(settings.get(AGENCY_NAME) or ""),
        logo=Path(logo) if logo else None,
        colour=settings.get(REPORT_COLOUR) or None,
    )
