"""`essdesk doctor`: whether this installation has every file it needs, before anyone relies on it."""

from __future__ import annotations

import click

from essdesk.cli import fail, main
from essdesk.domain.french import format_count


@main.command()
def doctor() -> None:
    """Vérifie que l'installation a tous ses fichiers (migrations, polices, guide, traductions…)."""
    from essdesk.resources import RESOURCES, check_resources, describe

    for line in describe():
        click.echo(line)
    missing = check_resources()
    if missing:
        click.echo("Fichiers manquants ou inutilisables :", err=True)
        for line in missing:
            click.echo(f"  - {line}", err=True)
        fail(
            f"installation incomplète ({format_count(len(missing), 'problème')}) : réinstallez ESS Desk.",
            2,
        )
    click.echo(f"Fichiers de l'application : {len(RESOURCES)} présents, migrations complètes : ok")
