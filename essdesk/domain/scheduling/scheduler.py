"""Recruiter speed-meeting scheduler: the entry points the CLI, reports and UI call."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from essdesk.domain.scheduling.cancel import SchedulingCancelled, Watch
from essdesk.domain.scheduling.check import candidate_statistics, validate_schedule
from essdesk.domain.scheduling.model import Instance, Meeting, Schedule
from essdesk.domain.scheduling.problem import build_problem, wish_weight
from essdesk.domain.scheduling.replan import apply_changes, replan
from essdesk.domain.scheduling.result import to_schedule
from essdesk.domain.scheduling.rules import split_holding
from essdesk.domain.scheduling.solver import solve_problem

__all__ = [
    "SchedulingCancelled",
    "apply_changes",
    "candidate_statistics",
    "replan",
    "schedule_meetings",
    "split_holding",
    "validate_schedule",
    "wish_weight",
]

DEFAULT_TIME_LIMIT = 20.0


def schedule_meetings(
    instance: Instance,
    *,
    min_meetings: int = 0,
    time_limit: float = DEFAULT_TIME_LIMIT,
    locked: Iterable[Meeting] = (),
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Schedule:
    """Plan the meetings of maximum total wish weight (see `wish_weight`).

    Hard rules: one meeting per candidate per round, at most `tables` per recruiter per round,
    a pair meets at most once, only wished pairs, only in rounds both are present, candidates'
    caps. `min_meetings=k` first gives every candidate min(k, what they can get) meetings where
    the room allows, then maximises weight; `locked` meetings stay as they are. The schedule
    carries the objective, an upper bound and whether the plan is proven optimal.

    Method: a min-cost flow picks the meetings (a maximum-weight b-matching; its value bounds
    every plan). Without availability windows, bipartite edge colouring of candidates × tables
    spreads them over the rounds without losing one (König), so the plan is optimal. With
    windows: greedy list colouring and short repair chains, then CP-SAT on the chosen meetings,
    and only if meetings still drop the joint model over all wishes (integer programme, then
    CP-SAT) within `time_limit` seconds (approximate: model building is counted, not final
    bookkeeping).

    `cancelled()` is polled between phases and while solvers run (every 0.1 s): once it
    returns True the computation stops and raises `SchedulingCancelled`, nothing changed.
    `progress(label)` is told each phase as it starts (French labels).
    """
    start = time.perf_counter()
    locked = list(locked)
    problem = build_problem(instance, locked=locked, min_meetings=min_meetings)
    plan = solve_problem(problem, time_limit=time_limit, watch=Watch(cancelled, progress))
    return to_schedule(problem, plan, locked, min_meetings, start)
