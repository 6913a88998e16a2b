"""Rounds under availability windows: greedy list colouring, then CP-SAT where greed falls short."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from essdesk.domain.scheduling.cancel import Watch
from essdesk.domain.scheduling.flow import Scale
from essdesk.domain.scheduling.problem import PlanningProblem
from essdesk.domain.scheduling.timeindexed import time_indexed

# The machine this runs on has two cores; four workers still give CP-SAT a useful portfolio.
WORKERS = 4
SEED = 20240611


@dataclass
class RoundsResult:
    """Round of each held pair, the scaled objective reached and CP-SAT's proven bound."""

    rounds: dict[int, int]  # pair index → round
    value: int
    bound: int | None  # None when CP-SAT did not run or proved nothing
    optimal: bool


def objective_value(
    problem: PlanningProblem, scale: Scale, rounds: dict[int, int], bonus=None
) -> int:
    """BIG × fairness meetings + scaled weight (+ bonuses) of an assignment."""
    per_candidate = [0] * len(problem.instance.candidates)
    value = 0
    for index, round_ in rounds.items():
        per_candidate[problem.pairs[index].candidate] += 1
        value += scale.weights[index]
        if bonus:
            value += bonus(index, round_)
    covered = sum(min(n, need) for n, need in zip(per_candidate, problem.need, strict=True))
    return value + covered * scale.big


def greedy_rounds(
    problem: PlanningProblem, chosen: list[int], preferred: dict[int, int] | None = None
) -> dict[int, int]:
    """List-colour the chosen meetings greedily, most constrained first; may leave some out."""
    preferred = preferred or {}
    free_tables = [dict(capacity) for capacity in problem.capacity]
    busy: set[tuple[int, int]] = set()
    result: dict[int, int] = {}
    for index in chosen:  # announced rounds first: they are what keeps the plan stable
        pair = problem.pairs[index]
        round_ = preferred.get(index)
        if (
            round_ in pair.rounds
            and (pair.candidate, round_) not in busy
            and free_tables[pair.recruiter].get(round_, 0) > 0
        ):
            free_tables[pair.recruiter][round_] -= 1
            busy.add((pair.candidate, round_))
            result[index] = round_
    order = sorted(
        (i for i in chosen if i not in result), key=lambda i: (len(problem.pairs[i].rounds), i)
    )
    for index in order:
        pair = problem.pairs[index]
        options = [
            round_
            for round_ in pair.rounds
            if (pair.candidate, round_) not in busy
            and free_tables[pair.recruiter].get(round_, 0) > 0
        ]
        if not options:
            continue
        # The round where the recruiter has most room left keeps later choices open.
        round_ = max(options, key=lambda x: (free_tables[pair.recruiter][x], -x))
        free_tables[pair.recruiter][round_] -= 1
        busy.add((pair.candidate, round_))
        result[index] = round_
    return result


def solve_rounds(
    problem: PlanningProblem,
    scale: Scale,
    pairs: list[int],
    *,
    hint: dict[int, int],
    time_limit: float,
    keep: dict[int, tuple[int, int]] | None = None,
    with_caps: bool = False,
    upper: int | None = None,
    watch: Watch | None = None,
) -> RoundsResult:
    """CP-SAT over x[pair, round]: each candidate once per round, tables per round, pairs once.

    Used both as a list colouring (only the flow's meetings, all optional) and as the joint
    model (every wished pair, `with_caps` adding the candidates' caps). `keep` maps a pair to
    (round it was announced in, scaled bonus for keeping it there); `upper` is a known bound on
    the objective (the flow's value). `time_limit` includes the
    time spent building the model, which is not small for the joint model of a large event.
    `watch` may cancel the building and stop the search (`SchedulingCancelled`).
    """
    started = time.perf_counter()
    watch = watch or Watch()
    model = cp_model.CpModel()
    keep = keep or {}
    n_candidates = len(problem.instance.candidates)
    x = time_indexed(problem, scale, pairs, model.new_bool_var, keep=keep, watch=watch)
    variables = x.variables
    terms = [gain * var for var, gain in x.gains]
    for row in x.rows:
        model.add_at_most_one(row)
    for group in x.by_candidate_round.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for (recruiter, round_), group in x.by_recruiter_round.items():
        if len(group) > problem.capacity[recruiter][round_]:
            model.add(sum(group) <= problem.capacity[recruiter][round_])
    by_candidate = [x.by_candidate.get(c, []) for c in range(n_candidates)]
    for c in range(n_candidates):
        if with_caps and len(by_candidate[c]) > problem.candidate_cap[c]:
            model.add(sum(by_candidate[c]) <= problem.candidate_cap[c])
        if problem.need[c] > 0 and by_candidate[c]:
            covered = model.new_int_var(0, problem.need[c], f"cov{c}")
            model.add(covered <= sum(by_candidate[c]))
            terms.append(scale.big * covered)
    if upper is not None:
        # The flow's value bounds the objective: CP-SAT can stop as soon as it reaches it.
        model.add(sum(terms) <= upper)
    model.maximize(sum(terms))
    for (index, round_), var in variables.items():
        model.add_hint(var, hint.get(index) == round_)

    solver = cp_model.CpSolver()
    spent = time.perf_counter() - started
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - spent)
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = SEED

    def stop() -> bool:
        solver.stop_search()
        return True

    status = watch.solve("CP-SAT", lambda: solver.solve(model), stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return RoundsResult(dict(hint), -1, None, False)
    rounds = {
        index: round_ for (index, round_), var in variables.items() if solver.boolean_value(var)
    }
    return RoundsResult(
        rounds,
        round(solver.objective_value),
        int(solver.best_objective_bound + 1e-6),
        status == cp_model.OPTIMAL,
    )
