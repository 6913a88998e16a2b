"""`essdesk schedule`: plan recruiter speed meetings from three CSV files, write the plan as JSON."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import click

from essdesk.cli import fail, main
from essdesk.domain.french import format_count, format_number
from essdesk.errors import EssDeskError, os_reason

_FILE = click.Path(dir_okay=False, path_type=Path)
MAX_TIME_LIMIT = 3600  # seconds: an hour of solving is already far past any event's needs
MAX_WEIGHT = 1_000_000  # a wish's weight; ranks give 1 to 100
_CLOCK = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?")


def _start_time(_ctx, _param, text: str) -> dt.time:
    """--debut: 14:00, 9:30, 14h, 14 h 30."""
    match = _CLOCK.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        return dt.time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:  # not a time at all, or 25:00 / 14:75
        raise click.BadParameter(
            f"heure « {text} » invalide (format HH:MM, par exemple 14:00)."
        ) from None


def schedule_to_json(instance, schedule) -> dict:
    """The JSON document of a plan: tables numbered across the room, per-candidate figures."""
    from essdesk.domain.scheduling.model import table_numbers
    from essdesk.domain.scheduling.scheduler import candidate_statistics

    numbers = table_numbers(instance.recruiters)
    stats = candidate_statistics(instance, schedule)
    return {
        "rounds": schedule.rounds,
        "objective": schedule.objective,
        "bound": schedule.bound,
        "gap": schedule.gap,
        "proven_optimal": schedule.proven_optimal,
        "method": schedule.method,
        "seconds": round(schedule.seconds, 3),
        "meetings": [
            {
                "round": m.round,
                "recruiter_id": m.recruiter_id,
                "candidate_id": m.candidate_id,
                "table": numbers[(m.recruiter_id, m.table)],
            }
            for m in schedule.meetings
        ],
        "candidates": {cid: figures.as_dict() for cid, figures in stats.items()},
        "messages": list(schedule.messages),
    }


@main.command("schedule")
@click.option(
    "--recruiters", "recruiters", type=_FILE, required=True, help="Fichier des recruteurs."
)
@click.option(
    "--candidates", "candidates", type=_FILE, required=True, help="Fichier des candidats."
)
@click.option("--wishes", "wishes", type=_FILE, required=True, help="Fichier des souhaits.")
@click.option("--rounds", "rounds", type=int, required=True, help="Nombre de tours.")
@click.option("--output", "output", type=_FILE, required=True, help="Plan produit (JSON).")
@click.option(
    "--min-meetings",
    "min_meetings",
    type=int,
    default=0,
    show_default=True,
    help="Nombre minimal de rencontres garanti à chaque candidat quand c'est possible.",
)
@click.option(
    "--time-limit",
    "time_limit",
    type=float,
    default=20.0,
    show_default=True,
    help="Temps de calcul maximal en secondes.",
)
@click.option(
    "--pdf",
    "pdf",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier où écrire les documents à imprimer (PDF).",
)
@click.option(
    "--debut",
    "start",
    default="14:00",
    show_default=True,
    metavar="HH:MM",
    callback=_start_time,
    help="Heure du premier tour, pour les horaires des documents imprimés.",
)
@click.option(
    "--duree",
    "minutes",
    type=int,
    default=10,
    show_default=True,
    metavar="MINUTES",
    help="Durée d'un tour en minutes.",
)
@click.option(
    "--battement",
    "changeover",
    type=int,
    default=2,
    show_default=True,
    metavar="MINUTES",
    help="Minutes entre deux tours, le temps de changer de table.",
)
def schedule_command(
    recruiters: Path,
    candidates: Path,
    wishes: Path,
    rounds: int,
    output: Path,
    min_meetings: int,
    time_limit: float,
    pdf: Path | None,
    start: dt.time,
    minutes: int,
    changeover: int,
) -> None:
    """Planifie les rencontres d'un speed meeting recruteurs à partir de trois fichiers CSV."""
    from essdesk.domain.scheduling.scheduler import schedule_meetings, validate_schedule
    from essdesk.exchange.speed_meeting_csv import read_instance

    if rounds < 1:
        fail(f"le nombre de tours doit être au moins 1 (reçu : {rounds}).")
    if min_meetings < 0:
        fail(f"le nombre minimal de rencontres ne peut pas être négatif (reçu : {min_meetings}).")
    if not 0 < time_limit <= MAX_TIME_LIMIT:  # written so that nan fails too
        shown = format_number(time_limit, 3) if math.isfinite(time_limit) else str(time_limit)
        fail(
            f"le temps de calcul doit être un nombre de secondes entre 0 et {MAX_TIME_LIMIT} "
            f"(reçu : {shown})."
        )
    timing = None
    if pdf is not None:
        # Checked before planning: a day past midnight is known without waiting for the solver.
        from essdesk.domain.scheduling.timing import RoundTiming

        try:
            timing = RoundTiming(start=start, minutes=minutes, changeover_minutes=changeover)
            timing.round_times(rounds)
        except ValueError as error:
            fail(str(error))
    try:
        instance = read_instance(recruiters, candidates, wishes, rounds)
        _check_weights(instance, wishes)
        schedule = schedule_meetings(instance, min_meetings=min_meetings, time_limit=time_limit)
    except EssDeskError as error:
        fail(error)
    violations = validate_schedule(instance, schedule)
    if violations:  # never expected: the solver's output is checked before anyone relies on it
        fail("plan incohérent : " + " ; ".join(violations[:5]))
    try:
        output.write_text(
            json.dumps(schedule_to_json(instance, schedule), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    except OSError as error:
        fail(f"impossible d'écrire « {output} » : {os_reason(error)}")
    _print_summary(instance, schedule, output)
    if pdf is not None:
        _write_pdf(instance, schedule, timing, pdf)


def _check_weights(instance, wishes: Path) -> None:
    """Weights the solver can scale to integers: 1e308 would overflow it."""
    for wish in instance.wishes:
        if wish.weight is not None and not wish.weight <= MAX_WEIGHT:
            raise EssDeskError(
                f"Fichier « {wishes.name} » : le poids du souhait {wish.candidate_id} → "
                f"{wish.recruiter_id} est trop grand (au plus {MAX_WEIGHT:,}).".replace(",", " ")
            )


def _print_summary(instance, schedule, output: Path) -> None:
    met = len({m.candidate_id for m in schedule.meetings})
    gap = format_number(schedule.gap * 100, 1)
    status = "optimal (prouvé)" if schedule.proven_optimal else f"écart {gap}\u00a0%"
    click.echo(
        f"{format_count(len(schedule.meetings), 'rencontre')} sur {format_count(schedule.rounds, 'tour')} "
        f"pour {format_count(met, 'candidat')} sur {len(instance.candidates)} et "
        f"{format_count(len(instance.recruiters), 'recruteur')}."
    )
    click.echo(
        f"Poids total : {format_number(schedule.objective, 3)} "
        f"(borne {format_number(schedule.bound, 3)}, {status}) "
        f"en {format_number(schedule.seconds, 2)} s."
    )
    for message in schedule.messages:
        click.echo(message)
    click.echo(f"Plan enregistré dans « {output} ».")


def _write_pdf(instance, schedule, timing, directory: Path) -> None:
    # Imported only when asked for: reportlab is not needed to plan.
    from essdesk.reports.speed_meetings.printouts import schedule_csv, write_printouts

    try:
        paths = write_printouts(instance, schedule, timing, directory)
        plan_csv = schedule_csv(instance, schedule, timing, directory / "planning.csv")
    except EssDeskError as error:
        fail(error)
    except ValueError as error:  # the domain's own French message, e.g. a round past midnight
        fail(str(error))
    except OSError as error:
        fail(f"impossible d'écrire les documents dans « {directory} » : {os_reason(error)}")
    click.echo(
        f"{format_count(len(paths), 'document PDF écrit', 'documents PDF écrits')} dans « {directory} », et {plan_csv.name}."
    )
