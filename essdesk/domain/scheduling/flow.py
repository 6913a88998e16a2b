"""Which meetings to hold, ignoring rounds: a maximum-weight b-matching by min-cost flow."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ortools.graph.python import min_cost_flow

from essdesk.domain.scheduling.problem import PlanningProblem


@dataclass
class FlowResult:
    """The chosen pairs and the flow's value in scaled units (an upper bound on any plan)."""

    chosen: list[int]  # indices into problem.pairs
    value: int  # BIG × covered + scaled weight (+ bonuses)
    covered: int  # meetings counted towards the fairness floor
    extra_units: dict[tuple[int, int | None], int]  # (recruiter, round) → seats over capacity
    suggested: dict[int, int]  # pair index → round the per-round flow used


@dataclass
class Scale:
    """Integer versions of the weights: flows and CP-SAT need integer costs."""

    factor: int
    weights: list[int]
    big: int  # worth of one meeting towards the fairness floor: beats any weight change

    def unscale(self, value: int | float) -> float:
        return value / self.factor


def make_scale(problem: PlanningProblem, bonuses: list[float] | None = None) -> Scale:
    """Scale by 1 when weights (and bonuses) are integers, else by 1000 (3 decimals kept)."""
    values = [pair.weight for pair in problem.pairs] + list(bonuses or [])
    factor = 1 if all(float(v).is_integer() for v in values) else 1000
    weights = [round(pair.weight * factor) for pair in problem.pairs]
    bonus_total = sum(round(b * factor) for b in bonuses or [])
    big = sum(weights) + bonus_total + 1
    return Scale(factor, weights, big)


def choose_meetings(
    problem: PlanningProblem,
    scale: Scale,
    *,
    bonuses: list[int] | None = None,
    extra_tables: bool = False,
    by_round: bool = False,
) -> FlowResult:
    """Best set of meetings under candidate, recruiter and pair capacities.

    Each candidate's first `need` meetings earn `big` on top of their weight, so the flow first
    reaches as many fairness meetings as it can, then the most weight. With `by_round`, each
    recruiter has one node per round and a pair reaches only the rounds both sides share: a
    tighter bound under windows, and a suggested round per meeting (only a candidate's "one
    meeting per round" is relaxed). With `extra_tables`, recruiters may exceed their capacity
    at a cost only a fairness meeting can pay for: the overflow says where tables are missing.
    """
    n_candidates = len(problem.instance.candidates)
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes = _Nodes(1 + n_candidates)
    source, sink = 0, nodes.new()
    total_supply = 0
    for c in range(n_candidates):
        cap = min(problem.candidate_cap[c], len(problem.candidate_rounds[c]))
        if cap <= 0:
            continue
        need = problem.need[c]
        if need > 0:
            flow.add_arc_with_capacity_and_unit_cost(source, 1 + c, need, -scale.big)
        if cap > need:
            flow.add_arc_with_capacity_and_unit_cost(source, 1 + c, cap - need, 0)
        total_supply += cap
    slots: dict[tuple[int, int | None], int] = {}  # (recruiter, round or None) → node

    def slot(recruiter: int, round_: int | None) -> int:
        if (recruiter, round_) not in slots:
            slots[(recruiter, round_)] = nodes.new()
        return slots[(recruiter, round_)]

    pair_arcs = []
    round_arcs: list[list[tuple[int, int]]] = []
    for index, pair in enumerate(problem.pairs):
        cost = scale.weights[index] + (bonuses[index] if bonuses else 0)
        target = nodes.new() if by_round else slot(pair.recruiter, None)
        pair_arcs.append(
            flow.add_arc_with_capacity_and_unit_cost(1 + pair.candidate, target, 1, -cost)
        )
        if by_round:
            round_arcs.append(
                [
                    (
                        t,
                        flow.add_arc_with_capacity_and_unit_cost(
                            target, slot(pair.recruiter, t), 1, 0
                        ),
                    )
                    for t in pair.rounds
                ]
            )
    extra_arcs = {}
    for (recruiter, round_), node in slots.items():
        rounds = problem.capacity[recruiter]
        capacity = sum(rounds.values()) if round_ is None else rounds.get(round_, 0)
        if capacity > 0:
            flow.add_arc_with_capacity_and_unit_cost(node, sink, capacity, 0)
        if extra_tables:
            # Half of `big`: worth paying for a fairness meeting, never for weight alone.
            extra_arcs[(recruiter, round_)] = flow.add_arc_with_capacity_and_unit_cost(
                node, sink, total_supply, scale.big // 2
            )
    # Units nobody can use go straight to the sink, so the flow need not be saturated.
    flow.add_arc_with_capacity_and_unit_cost(source, sink, total_supply, 0)
    flow.set_node_supply(source, total_supply)
    flow.set_node_supply(sink, -total_supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    chosen = [index for index, arc in enumerate(pair_arcs) if flow.flow(arc) > 0]
    suggested = {}
    if by_round:
        for index in chosen:
            suggested[index] = next(t for t, arc in round_arcs[index] if flow.flow(arc) > 0)
    per_candidate = [0] * n_candidates
    for index in chosen:
        per_candidate[problem.pairs[index].candidate] += 1
    covered = sum(min(per_candidate[c], problem.need[c]) for c in range(n_candidates))
    extra = {key: flow.flow(arc) for key, arc in extra_arcs.items() if flow.flow(arc) > 0}
    value = covered * scale.big + sum(
        scale.weights[i] + (bonuses[i] if bonuses else 0) for i in chosen
    )
    return FlowResult(chosen, value, covered, extra, suggested)


class _Nodes:
    """Hands out consecutive node numbers."""

    def __init__(self, first: int) -> None:
        self.next = first

    def new(self) -> int:
        self.next += 1
        return self.next - 1


def extra_tables_needed(
    problem: PlanningProblem, scale: Scale, *, by_round: bool
) -> dict[int, int]:
    """Recruiter index → tables to add so that every candidate could reach the fairness floor.

    A table adds a seat in every round its recruiter is present. The overflow of a flow with
    unlimited extra seats, spread over those rounds, gives the tables; with windows the seats
    may pile up in a few rounds, so tables are added again until the flow needs no overflow
    (exact without windows, where the flow is exact; an estimate with them).
    """
    added: dict[int, int] = {}
    current = problem
    for _ in range(20):
        result = choose_meetings(current, scale, extra_tables=True, by_round=by_round)
        units: dict[int, int] = {}
        for (recruiter, _round), count in result.extra_units.items():
            units[recruiter] = units.get(recruiter, 0) + count
        if not units:
            break
        for recruiter, count in units.items():
            rounds = max(1, len(problem.capacity[recruiter]))
            added[recruiter] = added.get(recruiter, 0) + math.ceil(count / rounds)
        capacity = [
            {round_: seats + added.get(r, 0) for round_, seats in rounds.items()}
            for r, rounds in enumerate(problem.capacity)
        ]
        current = replace(problem, capacity=capacity)
    return added
