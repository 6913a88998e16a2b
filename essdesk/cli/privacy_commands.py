"""`essdesk audit`, `user`, `purge`, `person` and `encrypt`: personal data from the command line."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from essdesk.cli import CliState, fail, main
from essdesk.cli.database_commands import open_db
from essdesk.domain.access import ROLES
from essdesk.domain.french import format_count
from essdesk.domain.values import ValueProblem, parse_date
from essdesk.errors import EssDeskError


class FrenchDate(click.ParamType):
    name = "JJ/MM/AAAA"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except ValueProblem as problem:
            self.fail(problem.reason, param, ctx)


DATE = FrenchDate()


def log_in(db, login: str) -> None:
    """Identify the command line's user: password from ESSDESK_PASSWORD, else asked."""
    from essdesk.services import access

    password = os.environ.get("ESSDESK_PASSWORD")
    if password is None:
        password = click.prompt(
            f"Mot de passe de {login}", hide_input=True, default="", show_default=False
        )
    try:
        access.log_in(db, login, password)
    except EssDeskError as error:
        db.close()
        fail(error)


@main.command("audit")
@click.option("--from", "start", type=DATE, help="Depuis ce jour (inclus).")
@click.option("--to", "end", type=DATE, help="Jusqu'à ce jour (inclus).")
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier .csv ou .xlsx à écrire.",
)
@click.pass_obj
def audit_command(state: CliState, start: date | None, end: date | None, output: Path) -> None:
    """Exporte le journal des accès et modifications (tout, sans dates)."""
    from essdesk.services.audit_log import AuditFilter, export_audit

    db = open_db(state)
    try:
        count = export_audit(db, output, AuditFilter(start=start, end=end))
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    written = format_count(count, "entrée du journal écrite", "entrées du journal écrites")
    click.echo(f"{written} dans {output}.")


@main.group("user")
def user() -> None:
    """Utilisateurs de la base et leurs rôles."""


@user.command("add")
@click.argument("login")
@click.option("--name", "display_name", default="", help="Nom affiché.")
@click.option("--role", type=click.Choice(list(ROLES)), required=True, help="Rôle.")
@click.option(
    "--password",
    "ask_password",
    is_flag=True,
    help="Demande un mot de passe (ou ESSDESK_NEW_PASSWORD).",
)
@click.option("--counsellor", default="", help="Sa fiche conseiller (« Prénom Nom »).")
@click.pass_obj
def user_add(
    state: CliState, login: str, display_name: str, role: str, ask_password: bool, counsellor: str
) -> None:
    """Crée un utilisateur (sur PostgreSQL, un rôle de connexion)."""
    from essdesk.services.access import create_user
    from essdesk.services.counsellors import list_counsellors

    password = os.environ.get("ESSDESK_NEW_PASSWORD")
    if ask_password and password is None:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    db = open_db(state)
    try:
        counsellor_id = None
        if counsellor.strip():
            wanted = " ".join(counsellor.lower().split())
            found = [
                c.id
                for c in list_counsellors(db)
                if wanted in (c.name.lower(), f"{c.last_name} {c.first_name}".lower())
            ]
            if len(found) != 1:
                raise EssDeskError(f"Fiche conseiller introuvable ou ambiguë : {counsellor[:80]}.")
            counsellor_id = found[0]
        create_user(db, login, display_name, role, password, counsellor_id=counsellor_id)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Utilisateur {login} créé ({ROLES[role]}).")


@user.command("sensitive")
@click.argument("scope", required=False, type=click.Choice(["all", "followed"]))
@click.pass_obj
def user_sensitive(state: CliState, scope: str | None) -> None:
    """RQTH et notes : vues par les conseillers pour tous les jeunes (all) ou ceux qu'ils suivent."""
    from essdesk.domain.access import SENSITIVE_SCOPES
    from essdesk.services import sensitive

    db = open_db(state)
    try:
        if scope is not None:
            sensitive.set_scope(db, scope)
        current = sensitive.scope(db)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Les conseillers voient la RQTH et les notes {SENSITIVE_SCOPES[current]}.")


@user.command("disable")
@click.argument("login")
@click.pass_obj
def user_disable(state: CliState, login: str) -> None:
    """Retire à un utilisateur le droit de se connecter."""
    from essdesk.services.access import disable_user

    db = open_db(state)
    try:
        disable_user(db, login)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Utilisateur {login} désactivé.")


@main.command("purge")
@click.option("--dry-run", is_flag=True, help="Liste ce qui serait anonymisé, sans rien changer.")
@click.option("--yes", is_flag=True, help="Anonymise vraiment (sans autre confirmation).")
@click.option("--as-of", "as_of", type=DATE, help="Applique les règles comme à cette date.")
@click.pass_obj
def purge_command(state: CliState, dry_run: bool, yes: bool, as_of: date | None) -> None:
    """Anonymise les dossiers arrivés au terme de leur durée de conservation."""
    from essdesk.services import retention

    if dry_run == yes:
        fail("Choisissez --dry-run (voir) ou --yes (anonymiser).", code=2)
    db = open_db(state)
    try:
        if dry_run:
            due, accounts = retention.due_files(db, as_of), retention.expired_accounts(db, as_of)
        else:
            due, accounts = retention.purge(db, as_of), retention.purge_accounts(db, as_of)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    for item in [*due, *accounts]:
        click.echo(item.line())
    many = len(due) > 1
    verb = ("seraient" if many else "serait") + " " if dry_run else ""
    click.echo(f"{format_count(len(due), 'dossier')} {verb}anonymisé{'s' if many else ''}.")
    if accounts:
        verb = ("seraient" if len(accounts) > 1 else "serait") + " " if dry_run else ""
        click.echo(f"{format_count(len(accounts), 'compte')} du personnel {verb}clos.")


@main.group("person")
def person() -> None:
    """Droits de la personne : accès à son dossier, effacement."""


@person.command("export")
@click.argument("name", metavar='"NOM PRÉNOM"')
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier .pdf (lisible) ou .json (exploitable).",
)
@click.pass_obj
def person_export(state: CliState, name: str, output: Path) -> None:
    """Écrit tout ce que la base contient sur un jeune."""
    from essdesk.services.person_file import export_person

    db = open_db(state)
    try:
        export_person(db, name, output)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Dossier écrit dans {output}.")


@person.command("erase")
@click.argument("name", metavar='"NOM PRÉNOM"')
@click.option("--reason", required=True, help="Motif (demande de la personne, date, moyen).")
@click.pass_obj
def person_erase(state: CliState, name: str, reason: str) -> None:
    """Anonymise dès maintenant le dossier d'un jeune qui l'a demandé."""
    from essdesk.services.person_file import find_youth
    from essdesk.services.retention import erase_on_request

    db = open_db(state)
    try:
        youth_id, found = find_youth(db, name)
        erase_on_request(db, youth_id, reason)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Dossier de {found} anonymisé.")


@main.command("encrypt")
@click.option("--decrypt", is_flag=True, help="Remet la base en clair (clé requise).")
@click.pass_obj
def encrypt_command(state: CliState, decrypt: bool) -> None:
    """Chiffre la base locale (nouvelle ou existante) et ses sauvegardes, ou les remet en clair."""
    from essdesk.services.encryption import decrypt_base, encrypt_base

    try:
        if decrypt:
            done = decrypt_base(state.database)
            click.echo(
                f"Base remise en clair ({format_count(done, 'fichier')}, sauvegardes comprises)."
            )
            return
        result = encrypt_base(state.database)
    except EssDeskError as error:
        fail(error)
    click.echo(
        f"Base chiffrée : {result.path} ({format_count(result.files, 'fichier')}, sauvegardes comprises)."
    )
    if result.in_keyring:
        click.echo("La clé est conservée dans le trousseau du système.")
    elif not result.from_environment:
        click.echo("Aucun trousseau sur ce système : la clé sera demandée (variable ESSDESK_KEY).")
    if not result.from_environment:
        click.echo("")
        click.echo("CLÉ DE SECOURS — notez-la et gardez-la sous clé, elle ne sera plus affichée :")
        click.echo(f"    {result.key}")
