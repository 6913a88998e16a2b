"""`essdesk report partnership|event|territory|offers`: the partners' reports, unattended."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from essdesk.cli import CliState, fail
from essdesk.cli.database_commands import open_db
from essdesk.cli.report_commands import report
from essdesk.errors import EssDeskError

HELP_SUBJECT = {
    "partnership": "CONVENTION : identifiant ou (partie du) titre ; sans elle, la plus récente.",
    "event": "ÉVÉNEMENT : identifiant ou (partie du) titre ; sans lui, le dernier événement.",
    "territory": "Porte sur toute la base ; la période par défaut est l'année en cours.",
    "offers": "ÉVÉNEMENT (facultatif) : seulement les offres présentées à cet événement.",
}
SUMMARY = {
    "partnership": "Bilan de partenariat : axes, actions, comités, offres, embauches, parrainages.",
    "event": "Rapport d'événement : inscriptions, présences, profil des jeunes, suites.",
    "territory": "Activité par type de territoire : urbain, périurbain, rural.",
    "offers": "Offres à la une : une offre ouverte par page, en gros caractères.",
}
METAVAR = {"partnership": "[CONVENTION]", "event": "[ÉVÉNEMENT]", "offers": "[ÉVÉNEMENT]"}


class FrenchDate(click.ParamType):
    """jj/mm/aaaa (or aaaa-mm-jj), with a French message otherwise."""

    name = "jj/mm/aaaa"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        from essdesk.domain.values import ValueProblem, parse_date

        try:
            return parse_date(value)
        except ValueProblem as error:
            self.fail(f"date « {value} » illisible : {error.reason}", param, ctx)


def _command(kind: str) -> None:
    @report.command(kind, help=f"{SUMMARY[kind]}\n\n{HELP_SUBJECT[kind]}")
    @click.argument("subject", metavar=METAVAR.get(kind, ""), required=False)
    @click.option("--from", "start", type=FrenchDate(), help="Début de la période (jj/mm/aaaa).")
    @click.option("--to", "end", type=FrenchDate(), help="Fin de la période (jj/mm/aaaa).")
    @click.option(
        "--output",
        "output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help="Fichier à écrire : .pdf, .xlsx ou .csv.",
    )
    @click.option(
        "--agency",
        "agency",
        default="",
        metavar="NOM",
        help="Nom de la structure (sinon : paramètres).",
    )
    @click.pass_obj
    def command(
        state: CliState,
        subject: str | None,
        start: date | None,
        end: date | None,
        output: Path,
        agency: str,
    ) -> None:
        from essdesk.services.partner_reports import check_output, write_report

        try:
            check_output(output)
        except EssDeskError as error:
            fail(error)
        db = open_db(state, daily_backup=False)
        try:
            written = write_report(
                db, kind, output, subject=subject, start=start, end=end, agency=agency or None
            )
        except EssDeskError as error:
            fail(error)
        finally:
            db.close()
        click.echo(f"{written.title} — écrit : {output}")

    command.__name__ = f"{kind}_command"


for _kind in ("partnership", "event", "territory", "offers"):
    _command(_kind)
