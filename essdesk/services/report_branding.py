"""The agency's report branding, as the settings describe it (name, address, logo, colours)."""

from __future__ import annotations

import dataclasses

from essdesk.reports.branding import Branding, agency_branding


def load_branding(agency: str | None = None) -> Branding:
    """The settings' branding; an `agency` given (e.g. on the command line) wins over the name."""
    branding = agency_branding()
    return dataclasses.replace(branding, agency=agency) if agency else branding
