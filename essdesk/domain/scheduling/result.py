"""Turning a solved plan into a `Schedule`: meetings by id, objective, bound, French notes."""

from __future__ import annotations

import time
from collections.abc import Iterable

from essdesk.domain.scheduling.flow import extra_tables_needed
from essdesk.domain.scheduling.model import Instance, Meeting, Schedule
from essdesk.domain.scheduling.problem import PlanningProblem, wish_weight
from essdesk.domain.scheduling.solver import Plan


def to_schedule(
    problem: PlanningProblem, plan: Plan, fixed: list[Meeting], min_meetings: int, start: float
) -> Schedule:
    """Turn a plan back into meetings by id, adding the fixed ones and the organiser's notes."""
    instance = problem.instance
    recruiter_ids = problem.recruiter_ids
    candidate_ids = problem.candidate_ids
    meetings = list(fixed)
    for index, (round_, table) in plan.placed.items():
        pair = problem.pairs[index]
        meetings.append(
            Meeting(round_, recruiter_ids[pair.recruiter], candidate_ids[pair.candidate], table)
        )
    meetings.sort()
    fixed_weight = _weight_of(instance, fixed)
    messages = fairness_messages(problem, plan, min_meetings) if min_meetings > 0 else []
    if not plan.proven_optimal:
        gap = 0.0 if plan.bound <= 0 else (plan.bound - plan.objective) / plan.bound
        messages.append(
            f"Plan non prouvé optimal : poids {plan.objective:g} pour une borne de "
            f"{plan.bound:g} (écart {gap:.1%})."
        )
    return Schedule(
        rounds=instance.rounds,
        meetings=meetings,
        objective=plan.objective + fixed_weight,
        bound=plan.bound + fixed_weight,
        proven_optimal=plan.proven_optimal,
        method=plan.method,
        seconds=time.perf_counter() - start,
        messages=messages,
    )


def _weight_of(instance: Instance, meetings: Iterable[Meeting]) -> float:
    weights: dict[tuple[str, str], float] = {}
    for wish in instance.wishes:
        key = (wish.candidate_id, wish.recruiter_id)
        weights[key] = max(weights.get(key, 0.0), wish_weight(wish))
    return sum(weights.get((m.candidate_id, m.recruiter_id), 0.0) for m in meetings)


def fairness_messages(problem: PlanningProblem, plan: Plan, min_meetings: int) -> list[str]:
    """French notes on the fairness floor: reached, impossible (and how many tables), capped."""
    messages = []
    capped = problem.below_floor
    wanted = sum(problem.need)
    if plan.covered >= wanted:
        messages.append(
            f"Chaque candidat a au moins {min_meetings} rencontre(s), ou toutes celles que "
            "ses souhaits, son plafond et sa présence permettent."
        )
    else:
        short = _short_candidates(problem, plan)
        if plan.flow_covered < wanted:
            reason = f"Impossible de garantir {min_meetings} rencontre(s) à chaque candidat"
        else:
            reason = (
                f"Minimum de {min_meetings} rencontre(s) non atteint dans le temps imparti "
                "(la répartition en tours ne l'a pas permis)"
            )
        messages.append(
            f"{reason} : {len(short)} candidat(s) en ont moins ({', '.join(short[:10])}"
            f"{'…' if len(short) > 10 else ''})."
        )
        needed = extra_tables_needed(problem, plan.scale, by_round=plan.by_round)
        if needed:
            ids = problem.recruiter_ids
            detail = ", ".join(f"{ids[r]} (+{n})" for r, n in sorted(needed.items()))
            total = sum(needed.values())
            if plan.by_round:  # windows: the flow relaxes who sits where in each round
                messages.append(
                    f"Il faudrait environ {total} table(s) supplémentaire(s) (estimation : les "
                    f"horaires de présence peuvent en demander davantage) : {detail}."
                )
            else:
                messages.append(
                    f"Avec {total} table(s) supplémentaire(s) le minimum deviendrait atteignable"
                    f" : {detail}."
                )
    if capped:
        messages.append(
            f"{capped} candidat(s) ne peuvent pas avoir {min_meetings} rencontre(s) "
            "(trop peu de souhaits, plafond ou présence trop courte)."
        )
    return messages


def _short_candidates(problem: PlanningProblem, plan: Plan) -> list[str]:
    counts = [0] * len(problem.instance.candidates)
    for index in plan.placed:
        counts[problem.pairs[index].candidate] += 1
    return [problem.candidate_ids[c] for c, need in enumerate(problem.need) if counts[c] < need]
