"""Commands about the database itself: check, demo data, backup and restore."""

from __future__ import annotations

from pathlib import Path

import click

from essdesk.cli import CliState, fail, main
from essdesk.errors import EssDeskError


def open_db(state: CliState, *, create: bool = False, **options):
    """Open the database named by --database (or the default); French error and exit 1 otherwise.

    A missing base is refused, naming the path (a mistyped --database must not become an empty
    base), unless `create`: then it is created and the user is told where.
    """
    from essdesk.db.database import open_database
    from essdesk.db.engine import resolve_target

    try:
        target = resolve_target(state.database)
        missing = target.sqlite_path is not None and not target.sqlite_path.exists()
        db = open_database(state.database, create=create, **options)
    except EssDeskError as error:
        fail(error)
    if missing:
        click.echo(f"Nouvelle base créée : {target.sqlite_path}", err=True)
    for warning in db.warnings:
        click.echo(f"Attention : {warning}", err=True)
    return db


@main.command()
@click.pass_obj
def init(state: CliState) -> None:
    """Crée la base (ou met à jour son schéma si elle existe déjà)."""
    db = open_db(state, create=True)
    try:
        click.echo(f"Base prête : {db.target.describe()} (schéma {db.schema_version()}).")
    finally:
        db.close()


@main.command()
@click.option("--full", is_flag=True, help="Vérification complète (plus lente) au lieu de rapide.")
@click.pass_obj
def check(state: CliState, full: bool) -> None:
    """Vérifie l'intégrité de la base et affiche la version du schéma."""
    db = open_db(state)
    try:
        problems = db.integrity_problems(full=full)
        click.echo(f"Base : {db.target.describe()}")
        click.echo(f"Version du schéma : {db.schema_version()}")
        if problems:
            for problem in problems:
                click.echo(f"  - {problem}", err=True)
            fail("la base a des problèmes d'intégrité (voir ci-dessus).", 2)
        click.echo("Intégrité : ok")
    finally:
        db.close()


@main.command()
@click.option("--youths", default=300, show_default=True, help="Nombre de jeunes à créer.")
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    help="Graine du générateur (mêmes données à chaque fois).",
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Ne rien faire (sans erreur) si la base contient déjà des données.",
)
@click.pass_obj
def demo(state: CliState, youths: int, seed: int, if_empty: bool) -> None:
    """Remplit la base avec des données de démonstration réalistes (région grenobloise)."""
    from essdesk.services.demo.dataset import fill_demo_data, has_data

    db = open_db(state, create=True)
    try:
        if if_empty and has_data(db):
            click.echo("La base contient déjà des données : rien n'a été ajouté.")
            return
        summary = fill_demo_data(db, youths=youths, seed=seed)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo("Données de démonstration créées :")
    for label, count in summary.items():
        click.echo(f"  {label} : {count}")


@main.command()
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier de destination (par défaut : le dossier des sauvegardes).",
)
@click.pass_obj
def backup(state: CliState, folder: Path | None) -> None:
    """Sauvegarde la base locale (copie vérifiée, sans arrêter le travail en cours)."""
    db = open_db(state, daily_backup=False)
    try:
        path = db.backup("manuelle", folder=folder)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Sauvegarde écrite : {path}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def restore(state: CliState, file: Path) -> None:
    """Remplace la base locale par la sauvegarde FILE (la base actuelle est mise de côté)."""
    from essdesk.services.backups import restore_backup

    try:
        aside = restore_backup(file, state.database)
    except EssDeskError as error:
        fail(error)
    click.echo(f"Base restaurée depuis {file}.")
    if aside:
        click.echo(f"L'ancienne base est conservée : {aside}")
    open_db(state, daily_backup=False).close()  # brings a backup of an older version up to date


@main.command("remember-password")
@click.pass_obj
def remember_password(state: CliState) -> None:
    """Garde le mot de passe du serveur PostgreSQL dans le coffre du système.

    L'URL donnée par --database (ou ESSDESK_DATABASE_URL) n'a alors plus besoin du mot de
    passe, qui n'apparaît plus dans la liste des processus. PGPASSFILE et ~/.pgpass restent
    possibles ; le chiffrement se règle dans l'URL (?sslmode=verify-full).
    """
    from essdesk.db.engine import store_password

    if not state.database or not state.database.startswith(("postgresql", "postgres:")):
        fail("indiquez le serveur avec --database postgresql://utilisateur@serveur/base.")
    password = click.prompt("Mot de passe", hide_input=True, err=True)
    try:
        account = store_password(state.database, password)
    except EssDeskError as error:
        fail(error)
    click.echo(f"Mot de passe gardé dans le coffre du système pour {account}.")
