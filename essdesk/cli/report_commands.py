"""`essdesk report`: the PDF reports for partners and funders, from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from essdesk.cli import CliState, fail, main
from essdesk.cli.database_commands import open_db
from essdesk.errors import EssDeskError


@main.group("report")
def report() -> None:
    """Rapports PDF pour les partenaires et les financeurs."""


@report.command("event")
@click.argument("event", metavar="[ÉVÉNEMENT]", required=False)
@click.option(
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Fichier PDF à écrire.",
)
@click.option("--agency", "agency", default="", help="Nom de la structure, en pied de page.")
@click.pass_obj
def event_command(state: CliState, event: str | None, output: Path, agency: str) -> None:
    """Rapport d'événement : sessions, participants, résultats du speed meeting.

    ÉVÉNEMENT est l'identifiant ou (une partie du) titre de l'événement ; sans lui, le
    rapport porte sur le dernier événement.
    """
    from essdesk.services.events.review import find_event
    from essdesk.services.report_files import write_event_report

    if output.suffix.lower() != ".pdf":
        fail(f"le fichier de sortie doit se terminer par .pdf (reçu : {output.name}).")
    if not output.parent.is_dir():
        fail(f"le dossier {output.parent} n'existe pas.")
    db = open_db(state, daily_backup=False)
    try:
        summary = find_event(db, event)
        write_event_report(db, summary.id, output, agency=agency)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Rapport de « {summary.title} » écrit : {output}")
