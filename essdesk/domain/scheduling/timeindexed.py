"""The time-indexed variables x[pair, round] shared by the CP-SAT and the integer-programme models."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from essdesk.domain.scheduling.cancel import Watch
from essdesk.domain.scheduling.flow import Scale
from essdesk.domain.scheduling.problem import PlanningProblem

CHECK_EVERY = 2000  # pairs between two looks at a cancel request while building a model


@dataclass
class TimeIndexed:
    """One 0/1 variable per wished pair and round both are present, grouped for constraints."""

    variables: dict[tuple[int, int], Any] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)  # a pair meets at most once
    gains: list[tuple[Any, float]] = field(default_factory=list)  # objective coefficients
    by_candidate_round: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    by_recruiter_round: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    by_candidate: dict[int, list[Any]] = field(default_factory=dict)


def time_indexed(
    problem: PlanningProblem,
    scale: Scale,
    pairs: Iterable[int],
    new_var: Callable[[str], Any],
    *,
    keep: dict[int, tuple[int, int]],
    watch: Watch,
) -> TimeIndexed:
    """Variables for `pairs`; `keep` adds a bonus to a pair's announced round (re-planning)."""
    built = TimeIndexed()
    for count, index in enumerate(pairs):
        if count % CHECK_EVERY == 0:
            watch.check()
        pair = problem.pairs[index]
        row = []
        for round_ in pair.rounds:
            var = new_var(f"x{index}_{round_}")
            built.variables[(index, round_)] = var
            row.append(var)
            built.by_candidate_round.setdefault((pair.candidate, round_), []).append(var)
            built.by_recruiter_round.setdefault((pair.recruiter, round_), []).append(var)
            gain = scale.weights[index]
            if index in keep and keep[index][0] == round_:
                gain += keep[index][1]
            built.gains.append((var, gain))
        built.rows.append(row)
        built.by_candidate.setdefault(pair.candidate, []).extend(row)
    return built
