"""The `essdesk` command line: the same services as the app, without Qt."""

from __future__ import annotations

import os
import sys

import click

from essdesk import __version__
from essdesk.cli import french
from essdesk.config import restrict_new_files
from essdesk.errors import EssDeskError

french.install()  # before the decorators below, which look their help texts up


class CliState:
    """What the global options say, handed to every subcommand through click's context."""

    def __init__(self, database: str | None, user: str | None = None) -> None:
        self.database = database
        self.user = user  # who works on a local base with accounts (see essdesk.services.access)


def fail(error: EssDeskError | str, code: int = 1) -> None:
    """Print a French error message on stderr and leave with a non-zero code.

    Only the message is printed: an error's technical detail (a database's own words, which
    may quote a row) goes to the log file.
    """
    from essdesk.log import shorten_message, user_message

    text = user_message(error) if isinstance(error, EssDeskError) else shorten_message(error)
    click.echo(f"Erreur : {text}", err=True)
    sys.exit(code)


# The exit code of a program a closed pipe stops (128 + SIGPIPE), as the shell reports it.
READER_GONE = 141


def _reader_gone() -> None:
    """The reader of our output left (`essdesk purge --dry-run | head -1`): stop quietly.

    Python ignores SIGPIPE, so the write raises instead; stdout is pointed at devnull so that
    the flush at exit does not raise a second time (Python's "Note on SIGPIPE").
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.exit(READER_GONE)


class _Commands(click.Group):
    """The top-level group: every error a command lets escape becomes one French line on stderr,
    its trace going to the log file only (a traceback would print young people's data)."""

    def main(self, *args, **kwargs):
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                # Output still in the buffer meets the closed pipe here, not at exit.
                sys.stdout.flush()
        except BrokenPipeError:
            _reader_gone()

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _reader_gone()
        except EssDeskError as error:
            fail(error)
        except KeyboardInterrupt:
            fail("interrompu ; une opération en cours a été annulée entièrement.", 130)
        except Exception as error:  # noqa: BLE001 - the point: nothing escapes unexplained
            from essdesk.log import user_message

            click.echo(f"Erreur : {user_message(error)}", err=True)
            sys.exit(1)


@click.group(
    cls=_Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", "-V", prog_name="essdesk", message="%(prog)s %(version)s"
)
@click.option(
    "--database",
    "database",
    metavar="CHEMIN|URL",
    envvar="ESSDESK_DATABASE_URL",
    help="Fichier SQLite ou URL PostgreSQL (par défaut : la base locale de l'utilisateur).",
)
@click.option(
    "--user",
    "user",
    metavar="IDENTIFIANT",
    envvar="ESSDESK_USER",
    help="Utilisateur d'une base locale à comptes (mot de passe : ESSDESK_PASSWORD ou demandé).",
)
@click.option(
    "--smoke-test",
    "smoke_test",
    is_flag=True,
    help="Ouvre l'application sur la base --database, affiche chaque écran puis quitte "
    "(vérification d'une installation ; code de sortie 0 si tout va bien).",
)
@click.pass_context
def main(ctx: click.Context, database: str | None, user: str | None, smoke_test: bool) -> None:
    """ESS Desk : sans commande, ouvre l'application."""
    from essdesk.log import setup_logging

    restrict_new_files()
    setup_logging()
    ctx.obj = CliState(database, user)
    if smoke_test and ctx.invoked_subcommand is not None:
        fail(
            "--smoke-test s'emploie seul, sans commande (essdesk --database FICHIER --smoke-test)."
        )
    if ctx.invoked_subcommand is None:
        # Qt is imported only when the window is wanted.
        if smoke_test:
            from essdesk.ui.smoke import run_smoke_test

            sys.exit(run_smoke_test(database))
        from essdesk.ui.app import run_app

        sys.exit(run_app(database))


def _register() -> None:
    # Each area keeps its commands in its own module; importing it adds them to `main`.
    from essdesk.cli import (  # noqa: F401
        database_commands,
        doctor_command,
        exchange_commands,
        partner_report_commands,
        privacy_commands,
        report_commands,
        schedule,
        scheme_commands,
    )


_register()
