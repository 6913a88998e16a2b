"""`essdesk import communes FILE`: the communes table of territory types, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from essdesk.cli import CliState, fail
from essdesk.cli.database_commands import open_db
from essdesk.errors import EssDeskError

EXIT_INVALID_ROWS = 3  # as the other imports: invalid rows stopped the import


def import_communes_command(
    state: CliState, file: Path, *, dry_run: bool = False, sheet: str | None = None
) -> None:
    """Read and check the whole file, then write its communes in one transaction."""
    from essdesk.services.communes import import_communes
    from essdesk.services.imports import ImportRejected

    db = open_db(state)
    try:
        click.echo(f"Lecture et vérification de {file.name}…", err=True)
        result = import_communes(db, file, dry_run=dry_run, sheet=sheet)
    except ImportRejected as error:
        click.echo(f"Erreur : {error.message}", err=True)
        click.echo(error.detail, err=True)
        raise SystemExit(EXIT_INVALID_ROWS) from None
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    if dry_run:
        click.echo("Simulation : rien n'a été enregistré.")
    click.echo(result.summary())
    if not dry_run:
        click.echo("Import terminé.")
