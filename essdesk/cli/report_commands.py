"""`essdesk report`: the PDF reports for partners and funders, from the command line."""

from __future__ import annotations

from essdesk.cli import main


@main.group("report")
def report() -> None:
    """Rapports pour les partenaires et les financeurs (PDF, XLSX ou CSV)."""
