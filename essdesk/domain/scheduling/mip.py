"""The joint model as an integer programme (CBC, bundled with OR-Tools) for events of moderate size."""

from __future__ import annotations

import math
import time

from ortools.linear_solver import pywraplp

from essdesk.domain.scheduling.cancel import Watch
from essdesk.domain.scheduling.cpsat import RoundsResult
from essdesk.domain.scheduling.flow import Scale
from essdesk.domain.scheduling.problem import PlanningProblem
from essdesk.domain.scheduling.timeindexed import time_indexed

# Above this many (pair, round) variables the LP solves get slow: CP-SAT alone goes on.
MAX_VARIABLES = 100_000
BACKENDS = ("CBC", "SCIP")


def solve_joint_mip(
    problem: PlanningProblem,
    scale: Scale,
    *,
    hint: dict[int, int],
    time_limit: float,
    keep: dict[int, tuple[int, int]] | None = None,
    watch: Watch | None = None,
) -> RoundsResult | None:
    """Time-indexed programme over every wished pair; None when too big or no solver.

    Windows make the flow bound loose where a candidate's rounds and a recruiter's collide; the
    LP relaxation of this model sees those collisions, so branch and bound closes such gaps in
    seconds where CP-SAT's search may not. Same objective as CP-SAT: fairness first, then weight
    (plus `keep` bonuses, as in `solve_rounds`). On cancel (`watch`) SCIP is interrupted; CBC
    cannot be, so it is left to end at its time limit while `SchedulingCancelled` is raised.
    """
    keep = keep or {}
    watch = watch or Watch()
    started = time.perf_counter()
    if sum(len(pair.rounds) for pair in problem.pairs) > MAX_VARIABLES:
        return None
    solver = next(
        (s for s in (pywraplp.Solver.CreateSolver(name) for name in BACKENDS) if s is not None),
        None,
    )
    if solver is None:
        return None
    solver.SuppressOutput()
    objective = solver.Objective()
    x = time_indexed(
        problem, scale, range(len(problem.pairs)), solver.BoolVar, keep=keep, watch=watch
    )
    variables = x.variables
    for var, gain in x.gains:
        objective.SetCoefficient(var, gain)
    for row in x.rows:
        solver.Add(solver.Sum(row) <= 1)
    for group in x.by_candidate_round.values():
        if len(group) > 1:
            solver.Add(solver.Sum(group) <= 1)
    for (recruiter, round_), group in x.by_recruiter_round.items():
        if len(group) > problem.capacity[recruiter][round_]:
            solver.Add(solver.Sum(group) <= problem.capacity[recruiter][round_])
    by_candidate = x.by_candidate
    for c, group in by_candidate.items():
        if len(group) > problem.candidate_cap[c]:
            solver.Add(solver.Sum(group) <= problem.candidate_cap[c])
        if problem.need[c] > 0:
            covered = solver.IntVar(0, problem.need[c], f"cov{c}")
            solver.Add(covered <= solver.Sum(group))
            objective.SetCoefficient(covered, scale.big)
    objective.SetMaximization()
    solver.SetHint(
        list(variables.values()),
        [1.0 if hint.get(index) == round_ else 0.0 for index, round_ in variables],
    )
    remaining = time_limit - (time.perf_counter() - started)
    solver.SetTimeLimit(max(100, int(1000 * remaining)))
    parameters = pywraplp.MPSolverParameters()
    # Weights are integers: stop only at a proven optimum, not at the default 0.01 % gap.
    parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 0.0)
    status = watch.solve("PLNE", lambda: solver.Solve(parameters), solver.InterruptSolve)
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    rounds = {
        index: round_ for (index, round_), var in variables.items() if var.solution_value() > 0.5
    }
    bound = objective.BestBound()
    return RoundsResult(
        rounds,
        round(objective.Value()),
        math.floor(bound + 1e-6) if math.isfinite(bound) else None,
        status == pywraplp.Solver.OPTIMAL,
    )
