"""`essdesk import` and `essdesk export`: spreadsheets in and out, with the app's own checks."""

from __future__ import annotations

from pathlib import Path

import click

from essdesk.cli import CliState, fail, main
from essdesk.cli.database_commands import open_db
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError, os_reason

IMPORTABLE = ("employers", "offers", "youths", "contacts", "rome", "placements", "communes")
EXPORTABLE = ("employers", "offers", "youths", "placements")
# Exit code when invalid rows stopped the import: distinct from 1 (file or base unusable)
# and from 2 (click: bad command line).
EXIT_INVALID_ROWS = 3


@main.command("import")
@click.argument("entity", type=click.Choice(IMPORTABLE))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Montre ce qui serait créé ou mis à jour, sans rien écrire."
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Importe les lignes valides et écrit les lignes rejetées dans un rapport CSV.",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar='"Colonne=champ"',
    help='Associe une colonne du fichier à un champ (répétable) ; "Colonne=" l\'ignore.',
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rapport des lignes rejetées (par défaut : FICHIER-rejets.csv à côté du fichier).",
)
@click.option("--sheet", metavar="FEUILLE", help="Feuille à lire dans un classeur .xlsx.")
@click.option(
    "--forget-map",
    is_flag=True,
    help="Oublie la correspondance de colonnes mémorisée pour ce modèle de fichier.",
)
@click.pass_obj
def import_command(
    state: CliState,
    entity: str,
    file: Path,
    dry_run: bool,
    skip_invalid: bool,
    mappings: tuple[str, ...],
    rejects: Path | None,
    sheet: str | None,
    forget_map: bool,
) -> None:
    """Importe un fichier CSV ou XLSX (employers, offers, youths, contacts, rome, placements ou communes).

    Tout le fichier est vérifié avant d'écrire : s'il a des lignes invalides, rien n'est
    enregistré (sauf avec --skip-invalid). Réimporter le même fichier ne crée pas de doublon.
    Dates au format jj/mm/aaaa ; la forme ISO aaaa-mm-jj est aussi acceptée ; un jour et un
    mois ne sont jamais inversés (12/31/2003 est refusé).

    Une correspondance donnée avec --map est mémorisée pour ce modèle de fichier (mêmes
    colonnes) et reprise quand il revient sans --map ; --forget-map l'oublie.
    """
    from essdesk.services.imports import ImportRejected, import_file

    if entity == "communes":  # its own columns and checks: see cli/commune_commands.py
        from essdesk.cli.commune_commands import import_communes_command

        import_communes_command(state, file, dry_run=dry_run, sheet=sheet)
        return
    db = open_db(state, create=not dry_run)
    try:
        click.echo(f"Lecture et vérification de {file.name}…", err=True)
        layout = _MappingMemory(entity, file, sheet, mappings, forget_map)
        result = import_file(
            db,
            entity,
            file,
            mapping=layout.mapping,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            reject_report=rejects,
            sheet=sheet,
            progress=_Announcer(),
        )
    except ImportRejected as error:
        layout.remember()  # the columns were understood; only some rows were wrong
        click.echo(f"Erreur : {error.message}", err=True)
        click.echo(error.detail, err=True)
        raise SystemExit(EXIT_INVALID_ROWS) from None
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    layout.remember()
    if dry_run:
        click.echo("Simulation : rien n'a été enregistré.")
    click.echo(result.summary())
    if dry_run and result.problems:
        for problem in result.problems[:20]:
            click.echo(f"  - {problem}")
        if len(result.problems) > 20:
            click.echo(
                f"  … et {format_count(len(result.problems) - 20, 'autre problème', 'autres problèmes')}."
            )
        if not skip_invalid:
            raise SystemExit(EXIT_INVALID_ROWS)
    if not dry_run:
        click.echo("Import terminé.")


class _MappingMemory:
    """The mapping of one import: the one given with --map, or the one remembered for the layout.

    Messages go to stdout, where the import's own account is written, before the import runs.
    """

    def __init__(
        self,
        entity: str,
        file: Path,
        sheet: str | None,
        mappings: tuple[str, ...],
        forget: bool,
    ) -> None:
        from essdesk.exchange.headers import parse_mapping
        from essdesk.exchange.tabular import read_table
        from essdesk.services import import_mappings as memory

        self._memory = memory
        self.entity = entity
        self.given = parse_mapping(list(mappings), entity) if mappings else None
        self.headers = read_table(file, sheet=sheet).headers
        if forget:
            if memory.forget_mapping(entity, self.headers):
                click.echo(
                    "Correspondance de colonnes mémorisée oubliée pour ce modèle de fichier."
                )
            else:
                click.echo("Aucune correspondance de colonnes mémorisée pour ce modèle de fichier.")
        self.mapping = self.given
        if self.given is None and not forget:
            self.mapping = memory.remembered_mapping(entity, self.headers)
            if self.mapping:
                click.echo(
                    "Correspondance de colonnes mémorisée réutilisée : "
                    f"{memory.describe_mapping(self.mapping)} (--forget-map pour l'oublier)."
                )

    def remember(self) -> None:
        """Keep a mapping given on the command line once the file's columns have accepted it."""
        if not self.given:
            return
        try:
            self._memory.remember_mapping(self.entity, self.headers, self.given)
        except OSError as error:  # the import itself went through: only warn
            click.echo(f"Attention : correspondance non mémorisée ({os_reason(error)}).", err=True)


class _Announcer:
    """Says once on stderr when writing starts (scripts and the crash test watch for it)."""

    def __init__(self) -> None:
        self.writing = False

    def __call__(self, done: int, total: int) -> None:
        if total and not self.writing:
            self.writing = True
            click.echo(f"Enregistrement de {format_count(total, 'fiche')}…", err=True)


@main.command("export")
@click.argument("entity", type=click.Choice(EXPORTABLE))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def export_command(state: CliState, entity: str, file: Path) -> None:
    """Exporte vers FILE.csv (Excel, « ; », UTF-8) ou FILE.xlsx.

    Le fichier est écrit à côté puis mis en place à la fin : une erreur ou un Ctrl-C laisse
    intact le fichier existant.
    """
    from essdesk.services.exports import export_to

    db = open_db(state, daily_backup=False)
    try:
        db.check_output(file, what="L'export")
        count = export_to(db, entity, file)
    except EssDeskError as error:
        fail(error)
    except KeyboardInterrupt:
        fail(f"export interrompu : « {file} » n'a pas été modifié.", 130)
    finally:
        db.close()
    click.echo(f"{format_count(count, 'ligne exportée', 'lignes exportées')} dans {file}.")
