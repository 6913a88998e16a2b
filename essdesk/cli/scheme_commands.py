"""`essdesk eligibility`, `aid`, `deadlines`, `calendar`, `smic` and `report pathway`: hires under schemes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from essdesk.cli import CliState, fail, main
from essdesk.cli.database_commands import open_db
from essdesk.cli.report_commands import report
from essdesk.domain.french import format_count, format_date, format_money
from essdesk.domain.schemes.calendar import month_end
from essdesk.domain.values import ValueProblem, parse_date, parse_decimal
from essdesk.errors import EssDeskError

_OUTPUT_CSV = click.Path(dir_okay=False, path_type=Path)


def _day(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except ValueProblem as problem:
        # The hint once: most reasons already name the expected form.
        hint = "" if "jj/mm/aaaa" in problem.reason else " (forme attendue : jj/mm/aaaa)"
        fail(f"{option} : {problem.reason}{hint}.")
        raise AssertionError from None  # fail() exits


def _month(text: str, option: str) -> date:
    found = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{4})\s*", text)
    if not found or not 1 <= int(found.group(1)) <= 12:
        fail(f"{option} : mois « {text} » illisible (forme attendue : mm/aaaa, par ex. 01/2013).")
        raise AssertionError
    return date(int(found.group(2)), int(found.group(1)), 1)


def _check_output(output: Path, suffix: str) -> None:
    if output.suffix.lower() != suffix:
        fail(f"le fichier de sortie doit se terminer par {suffix} (reçu : {output.name}).")
    if not output.parent.is_dir():
        fail(f"le dossier {output.parent} n'existe pas.")


def _counsellor_id(db, name: str | None):
    if not name:
        return None
    from sqlalchemy import select

    from essdesk.db import models as m
    from essdesk.domain.text import fold

    wanted = sorted(fold(name).split())
    with db.session() as session:
        found = [
            c.id
            for c in session.scalars(select(m.Counsellor))
            if sorted(fold(f"{c.first_name} {c.last_name}").split()) == wanted
        ]
    if len(found) != 1:
        fail(
            f"aucun conseiller ne s'appelle « {name} »."
            if not found
            else f"plusieurs conseillers s'appellent « {name} »."
        )
    return found[0]


@main.command("eligibility")
@click.option(
    "--scheme",
    "scheme_text",
    required=True,
    metavar="DISPOSITIF",
    help="Code ou nom du dispositif : EAV, PEC, CEJ, PACEA, APPR, PRO…",
)
@click.option(
    "--date", "on", required=True, metavar="JJ/MM/AAAA", help="Date de signature envisagée."
)
@click.option("--output", required=True, type=_OUTPUT_CSV, help="Fichier CSV à écrire.")
@click.option(
    "--youth", metavar='"Nom Prénom"', help="Un seul jeune (sinon tous les jeunes suivis)."
)
@click.pass_obj
def eligibility_command(
    state: CliState, scheme_text: str, on: str, output: Path, youth: str | None
) -> None:
    """Éligibilité des jeunes suivis à un dispositif à une date, avec les motifs.

    Colonnes : Nom;Prénom;Date de naissance;Verdict;Motifs. Le verdict est « éligible »,
    « non éligible » ou « à compléter » (les motifs disent alors ce qui manque).
    """
    from essdesk.services.placements.common import scheme_by_text
    from essdesk.services.placements.eligibility import export_eligibility

    day = _day(on, "--date")
    _check_output(output, ".csv")
    db = open_db(state, daily_backup=False)
    try:
        scheme = scheme_by_text(scheme_text)
        counts = export_eligibility(db, scheme, day, output, youth_name=youth)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    total = sum(counts.values())
    detail = ", ".join(f"{verdict} : {n}" for verdict, n in sorted(counts.items()))
    click.echo(
        f"{scheme.name} au {format_date(day)} — {format_count(total, 'jeune')}"
        + (f" ({detail})" if detail else "")
        + f". Écrit : {output}"
    )


@main.command("aid")
@click.option("--from", "first", required=True, metavar="MM/AAAA", help="Premier mois.")
@click.option("--to", "last", required=True, metavar="MM/AAAA", help="Dernier mois.")
@click.option("--output", required=True, type=_OUTPUT_CSV, help="Fichier CSV à écrire.")
@click.pass_obj
def aid_command(state: CliState, first: str, last: str, output: Path) -> None:
    """Aide de l'État par contrat et par mois, au SMIC en vigueur chaque mois.

    Colonnes : Nom;Prénom;Employeur;Mois;Taux;Heures mensuelles;SMIC horaire;Montant.
    """
    from essdesk.services.placements.aid import export_aid

    start, end = _month(first, "--from"), month_end(_month(last, "--to"))
    if end < start:
        fail("--to précède --from.")
    _check_output(output, ".csv")
    db = open_db(state, daily_backup=False)
    try:
        count, total = export_aid(db, start, end, output)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(
        f"{format_count(count, 'ligne')} ; total de l'aide : {format_money(total)}. Écrit : {output}"
    )


@main.command("deadlines")
@click.option("--from", "first", required=True, metavar="JJ/MM/AAAA", help="Premier jour.")
@click.option("--to", "last", required=True, metavar="JJ/MM/AAAA", help="Dernier jour.")
@click.option("--output", required=True, type=_OUTPUT_CSV, help="Fichier CSV à écrire.")
@click.option(
    "--counsellor", metavar='"Prénom Nom"', help="Les jeunes d'un seul conseiller référent."
)
@click.option(
    "--today",
    "today",
    metavar="JJ/MM/AAAA",
    help="Jour de référence de l'état (par défaut : aujourd'hui).",
)
@click.pass_obj
def deadlines_command(
    state: CliState, first: str, last: str, output: Path, counsellor: str | None, today: str | None
) -> None:
    """Échéances des contrats (suivis, bilans, attestations, fins d'aide et de contrat).

    Colonnes : Nom;Prénom;Employeur;Échéance;Date;État (fait, à faire, en retard,
    non réalisée, à venir, passée).
    """
    from essdesk.services.deadlines import export_deadlines

    start, end = _day(first, "--from"), _day(last, "--to")
    reference = _day(today, "--today") if today else None
    if end < start:
        fail("--to précède --from.")
    _check_output(output, ".csv")
    db = open_db(state, daily_backup=False)
    try:
        counts = export_deadlines(
            db, start, end, output, today=reference, counsellor_id=_counsellor_id(db, counsellor)
        )
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    detail = ", ".join(f"{s} : {n}" for s, n in sorted(counts.items()))
    click.echo(
        f"{format_count(sum(counts.values()), 'échéance')}"
        + (f" ({detail})" if detail else "")
        + f". Écrit : {output}"
    )


@main.command("calendar")
@click.option("--counsellor", required=True, metavar='"Prénom Nom"', help="Le conseiller.")
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier .ics à écrire (Outlook, Thunderbird).",
)
@click.option("--since", metavar="JJ/MM/AAAA", help="Seulement les entretiens depuis ce jour.")
@click.pass_obj
def calendar_command(state: CliState, counsellor: str, output: Path, since: str | None) -> None:
    """Les entretiens de suivi d'un conseiller, en agenda .ics."""
    from essdesk.services.placements.follow_ups import export_calendar

    first = _day(since, "--since") if since else None
    _check_output(output, ".ics")
    db = open_db(state, daily_backup=False)
    try:
        count = export_calendar(db, _counsellor_id(db, counsellor), output, since=first)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"{format_count(count, 'entretien')} dans l'agenda. Écrit : {output}")


@main.group("smic")
def smic() -> None:
    """Le barème du SMIC horaire brut qui sert au calcul de l'aide."""


@smic.command("list")
@click.pass_obj
def smic_list(state: CliState) -> None:
    """Affiche le barème (livré avec ESS Desk et complété par vous)."""
    from essdesk.services.placements.aid import smic_table

    db = open_db(state, daily_backup=False)
    try:
        for day, rate in smic_table(db).entries():
            click.echo(f"{format_date(day)}  {format_money(rate)}")
    finally:
        db.close()


@smic.command("add")
@click.argument("valid_from", metavar="JJ/MM/AAAA")
@click.argument("hourly", metavar="MONTANT")
@click.pass_obj
def smic_add(state: CliState, valid_from: str, hourly: str) -> None:
    """Ajoute (ou corrige) le SMIC horaire brut en vigueur à partir d'un 1er du mois."""
    from essdesk.services.placements.aid import add_smic_rate

    day = _day(valid_from, "date")
    try:
        amount = parse_decimal(hourly)
    except ValueProblem as problem:
        fail(f"montant : {problem.reason}.")
    db = open_db(state)
    try:
        add_smic_rate(db, day, amount)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"SMIC horaire de {format_money(amount)} à partir du {format_date(day)} enregistré.")


@report.command("pathway")
@click.argument("youth", metavar='"NOM PRÉNOM"')
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier PDF à écrire.",
)
@click.option("--agency", "agency", default="", help="Nom de la structure, en pied de page.")
@click.pass_obj
def pathway_command(state: CliState, youth: str, output: Path, agency: str) -> None:
    """Fiche parcours d'un jeune pour la rencontre tripartite avec l'employeur."""
    from essdesk.reports.pathway import write_pathway
    from essdesk.services.placements.pathway import pathway_of

    _check_output(output, ".pdf")
    db = open_db(state, daily_backup=False)
    try:
        sheet = pathway_of(db, youth)
        write_pathway(sheet, output, agency=agency)
    except EssDeskError as error:
        fail(error)
    finally:
        db.close()
    click.echo(f"Fiche parcours de {sheet.name} écrite : {output}")
