"""`essdesk schedule`: plan recruiter speed meetings from three CSV files, write the plan as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from essdesk.cli import fail, main
from essdesk.errors import EssDeskError

_FILE = click.Path(dir_okay=False, path_type=Path)


def schedule_to_json(instance, schedule) -> dict:
    """The JSON document of a plan: tables numbered across the room, per-candidate figures."""
    from essdesk.domain.scheduling import candidate_statistics
    from essdesk.domain.scheduling_model import table_numbers

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
def schedule_command(
    recruiters: Path,
    candidates: Path,
    wishes: Path,
    rounds: int,
    output: Path,
    min_meetings: int,
    time_limit: float,
    pdf: Path | None,
) -> None:
    """Planifie les rencontres d'un speed meeting recruteurs à partir de trois fichiers CSV."""
    from essdesk.domain.scheduling import schedule_meetings, validate_schedule
    from essdesk.exchange.speed_meeting_csv import read_instance

    if rounds < 1:
        fail(f"le nombre de tours doit être au moins 1 (reçu : {rounds}).")
    if min_meetings < 0:
        fail(f"le nombre minimal de rencontres ne peut pas être négatif (reçu : {min_meetings}).")
    if time_limit <= 0:
        fail(f"le temps de calcul doit être positif (reçu : {time_limit:g} s).")
    try:
        instance = read_instance(recruiters, candidates, wishes, rounds)
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
        fail(f"impossible d'écrire « {output} » : {error.strerror}")
    _print_summary(instance, schedule, output)
    if pdf is not None:
        _write_pdf(instance, schedule, pdf)


def _print_summary(instance, schedule, output: Path) -> None:
    met = len({m.candidate_id for m in schedule.meetings})
    status = "optimal (prouvé)" if schedule.proven_optimal else f"écart {schedule.gap:.1%}"
    click.echo(
        f"{len(schedule.meetings)} rencontres sur {schedule.rounds} tours pour {met} candidat(s)"
        f" sur {len(instance.candidates)} et {len(instance.recruiters)} recruteur(s)."
    )
    click.echo(
        f"Poids total : {schedule.objective:g} (borne {schedule.bound:g}, {status}) "
        f"en {schedule.seconds:.2f} s."
    )
    for message in schedule.messages:
        click.echo(message)
    click.echo(f"Plan enregistré dans « {output} ».")


def _write_pdf(instance, schedule, directory: Path) -> None:
    # Imported only when asked for: reportlab is not needed to plan.
    from essdesk.domain.speed_meeting_timing import RoundTiming
    from essdesk.reports.speed_meeting import schedule_csv, write_printouts

    try:
        paths = write_printouts(instance, schedule, RoundTiming(), directory)
        plan_csv = schedule_csv(instance, schedule, RoundTiming(), directory / "planning.csv")
    except EssDeskError as error:
        fail(error)
    except OSError as error:
        fail(f"impossible d'écrire les documents dans « {directory} » : {error.strerror}")
    click.echo(f"{len(paths)} document(s) PDF écrit(s) dans « {directory} », et {plan_csv.name}.")
