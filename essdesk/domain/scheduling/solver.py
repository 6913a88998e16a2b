"""The planning pipeline: flow bound, then rounds by colouring, greedy, CP-SAT list colouring, joint model."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from essdesk.domain.scheduling.cancel import Watch
from essdesk.domain.scheduling.colouring import colour_uniform
from essdesk.domain.scheduling.cpsat import greedy_rounds, objective_value, solve_rounds
from essdesk.domain.scheduling.flow import FlowResult, Scale, choose_meetings, make_scale
from essdesk.domain.scheduling.mip import solve_joint_mip
from essdesk.domain.scheduling.problem import PlanningProblem
from essdesk.domain.scheduling.repair import fill_rounds, repair_rounds


@dataclass
class Plan:
    """Round and table of each held pair, and how good the plan provably is (weight units)."""

    placed: dict[int, tuple[int, int]]  # pair index → (round, table)
    objective: float
    bound: float
    proven_optimal: bool
    method: str
    covered: int  # fairness meetings reached
    flow_covered: int  # fairness meetings the flow relaxation reaches (an upper bound)
    scale: Scale
    by_round: bool  # whether the flow had one recruiter node per round (windows)


def assign_tables(
    problem: PlanningProblem, rounds: dict[int, int], preferred: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """Give each placed meeting a free table of its recruiter, its announced one when free."""
    by_slot: dict[tuple[int, int], list[int]] = {}
    for index, round_ in sorted(rounds.items()):
        by_slot.setdefault((problem.pairs[index].recruiter, round_), []).append(index)
    placed = {}
    for (recruiter, round_), indices in by_slot.items():
        free = problem.free_tables(recruiter, round_)
        pending = []
        for index in indices:
            wanted = preferred.get(index)
            if wanted is not None and wanted[0] == round_ and wanted[1] in free:
                free.remove(wanted[1])
                placed[index] = (round_, wanted[1])
            else:
                pending.append(index)
        for index, table in zip(pending, free, strict=False):
            placed[index] = (round_, table)
    return placed


def solve_problem(
    problem: PlanningProblem,
    *,
    time_limit: float,
    preferred: dict[int, tuple[int, int]] | None = None,
    keep_bonus: float = 0.0,
    watch: Watch | None = None,
) -> Plan:
    """Plan the problem's rounds; `preferred` pairs (announced before) earn `keep_bonus` if kept.

    The flow's value bounds every plan. Without windows the edge colouring places every chosen
    meeting, so the plan reaches the bound. With windows a greedy list colouring comes first,
    then CP-SAT on the chosen meetings, and only if meetings still drop the joint CP-SAT model
    over all wished pairs, seeded with the best plan so far: as an integer programme (CBC) when
    small enough, then CP-SAT if that did not prove optimality. `watch` is checked between
    phases and stops running solvers (`SchedulingCancelled`); it is told each phase.
    """
    start = time.perf_counter()
    watch = watch or Watch()
    watch.phase("Choix des rencontres…")
    preferred = preferred or {}
    bonuses_float = [keep_bonus if i in preferred else 0.0 for i in range(len(problem.pairs))]
    scale = make_scale(problem, [keep_bonus] if preferred and keep_bonus else [])
    pair_bonus = (
        [round(b * scale.factor) for b in bonuses_float] if preferred and keep_bonus else None
    )
    uniform = problem.is_uniform()
    flow = choose_meetings(problem, scale, bonuses=pair_bonus, by_round=not uniform)
    # The bound must not count bonuses: a second flow without them when they were used.
    plain = choose_meetings(problem, scale, by_round=not uniform) if pair_bonus else flow
    chosen = flow.chosen
    watch.phase("Répartition des rencontres entre les tours…")
    round_bonus = round(keep_bonus * scale.factor)
    keep = {i: (preferred[i][0], round_bonus) for i in preferred} if round_bonus else {}

    def bonus(index: int, round_: int) -> int:
        return keep[index][1] if index in keep and keep[index][0] == round_ else 0

    if uniform:
        placed = colour_uniform(problem, chosen, preferred)
        return _finish(
            problem, scale, placed, plain, None, "flot + coloration d'arêtes", True, watch
        )

    # Announced rounds first, else the round the per-round flow routed the meeting through.
    suggested = {**flow.suggested, **{i: r for i, (r, _) in preferred.items()}}
    rounds = greedy_rounds(problem, chosen, suggested)
    method = "flot + coloration gloutonne"

    def complete(assignment: dict[int, int]) -> bool:
        return all(index in assignment for index in chosen)

    def better(candidate: dict[int, int], incumbent: dict[int, int]) -> dict[int, int]:
        gain = objective_value(problem, scale, candidate, bonus)
        return candidate if gain > objective_value(problem, scale, incumbent, bonus) else incumbent

    def remaining() -> float:
        return time_limit - (time.perf_counter() - start)

    if not complete(rounds):
        budget = max(0.05, min(1.0, 0.2 * remaining()))
        rounds = repair_rounds(problem, chosen, rounds, seconds=budget, check=watch.check)
        method = "flot + coloration gloutonne et réparation"
    cpsat_bound = None
    if not complete(rounds):
        watch.phase("Répartition entre les tours (CP-SAT)…")
        listed = solve_rounds(
            problem,
            scale,
            chosen,
            hint=rounds,
            time_limit=0.2 * remaining(),
            keep=keep,
            upper=flow.value,
            watch=watch,
        )
        rounds = better(listed.rounds, rounds)
        method = "flot + coloration par listes (CP-SAT)"
    if not complete(rounds):
        # Rounds the chosen meetings cannot use may still host other wishes.
        budget = max(0.05, min(1.0, 0.1 * remaining()))
        filled = fill_rounds(problem, rounds, seconds=budget, check=watch.check)
        rounds = better(filled, rounds)
        watch.phase("Modèle joint (PLNE)…")
        bounds = []
        # An integer programme first where it is small enough: its LP sees window collisions.
        mip = solve_joint_mip(
            problem, scale, hint=rounds, time_limit=0.5 * remaining(), keep=keep, watch=watch
        )
        if mip is not None:
            rounds = better(mip.rounds, rounds)
            bounds.append(mip.bound)
            method = "flot + modèle joint (PLNE)"
        if mip is None or not mip.optimal:
            watch.phase("Modèle joint (CP-SAT)…")
            joint = solve_rounds(
                problem,
                scale,
                list(range(len(problem.pairs))),
                hint=rounds,
                time_limit=remaining(),
                keep=keep,
                with_caps=True,
                upper=flow.value,
                watch=watch,
            )
            rounds = better(joint.rounds, rounds)
            bounds.append(joint.bound)
            method = "flot + modèle joint (CP-SAT)"
        known = [b for b in bounds if b is not None]
        if not keep and known:  # with bonuses the models' bounds are not weight bounds
            cpsat_bound = min(known)
    placed = assign_tables(problem, rounds, preferred)
    return _finish(problem, scale, placed, plain, cpsat_bound, method, False, watch)


def _finish(
    problem: PlanningProblem,
    scale: Scale,
    placed: dict[int, tuple[int, int]],
    flow: FlowResult,
    cpsat_bound: int | None,
    method: str,
    uniform: bool,
    watch: Watch,
) -> Plan:
    """Objective, coverage and the tightest valid bound of a finished plan."""
    watch.phase("Calcul de la borne…")
    per_candidate = [0] * len(problem.instance.candidates)
    for index in placed:
        per_candidate[problem.pairs[index].candidate] += 1
    covered = sum(min(n, need) for n, need in zip(per_candidate, problem.need, strict=True))
    objective = sum(problem.pairs[i].weight for i in placed)
    scaled = sum(scale.weights[i] for i in placed)
    # Any plan at least as fair as this one (covered ≥ ours) has weight ≤ value − BIG × covered.
    bounds = [flow.value - scale.big * covered]
    if cpsat_bound is not None:
        bounds.append(cpsat_bound - scale.big * covered)
    if any(problem.need):
        relaxed = _without_need(problem)
        bounds.append(choose_meetings(relaxed, scale, by_round=not uniform).value)
    watch.check()
    best = min(bounds)
    proven = scaled >= best
    bound = objective if proven else max(objective, scale.unscale(best))
    return Plan(placed, objective, bound, proven, method, covered, flow.covered, scale, not uniform)


def _without_need(problem: PlanningProblem) -> PlanningProblem:
    return replace(problem, need=[0] * len(problem.need))
