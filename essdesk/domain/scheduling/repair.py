"""Placing the meetings a greedy round assignment left out, by short chains of moves."""

from __future__ import annotations

import time
from collections.abc import Callable

from essdesk.domain.scheduling.problem import PlanningProblem


class _Rounds:
    """A partial round assignment with undo: who sits where, which slots are full."""

    def __init__(self, problem: PlanningProblem, assignment: dict[int, int]) -> None:
        self.problem = problem
        self.round_of: dict[int, int] = {}
        self.candidate_at: dict[tuple[int, int], int] = {}
        self.slot: dict[tuple[int, int], set[int]] = {}
        self.journal: list[tuple[str, int, int]] = []
        for index, round_ in assignment.items():
            self.place(index, round_)
        self.journal.clear()

    def place(self, index: int, round_: int) -> None:
        pair = self.problem.pairs[index]
        self.round_of[index] = round_
        self.candidate_at[(pair.candidate, round_)] = index
        self.slot.setdefault((pair.recruiter, round_), set()).add(index)
        self.journal.append(("place", index, round_))

    def remove(self, index: int) -> None:
        pair = self.problem.pairs[index]
        round_ = self.round_of.pop(index)
        del self.candidate_at[(pair.candidate, round_)]
        self.slot[(pair.recruiter, round_)].discard(index)
        self.journal.append(("remove", index, round_))

    def undo_to(self, mark: int) -> None:
        while len(self.journal) > mark:
            action, index, round_ = self.journal.pop()
            if action == "place":
                self.remove(index)
            else:
                self.place(index, round_)
            self.journal.pop()  # the inverse move itself is not history

    def blockers(self, index: int, round_: int) -> tuple[int | None, list[int], bool]:
        """Who stands in the way: the candidate's meeting then, the recruiter's, and if full."""
        pair = self.problem.pairs[index]
        own = self.candidate_at.get((pair.candidate, round_))
        members = self.slot.get((pair.recruiter, round_), set())
        full = len(members) >= self.problem.capacity[pair.recruiter].get(round_, 0)
        return own, sorted(members), full


def repair_rounds(
    problem: PlanningProblem,
    chosen: list[int],
    assignment: dict[int, int],
    *,
    max_depth: int = 3,
    seconds: float = 1.0,
    check: Callable[[], None] | None = None,
) -> dict[int, int]:
    """Try to place every chosen meeting the assignment lacks, moving others along the way.

    For a missing meeting and each round it may use, the meetings in the way (the candidate's
    own meeting that round, one of the recruiter's if its tables are full) are taken out and
    re-placed the same way, at most `max_depth` levels deep (iterative deepening keeps chains
    short). Every move keeps all rules; a failed attempt is undone. `check()`, called before
    each meeting, may raise to abandon the search (a cancel request).
    """
    state = _Rounds(problem, assignment)
    deadline = time.perf_counter() + seconds
    missing = [index for index in chosen if index not in state.round_of]
    missing.sort(key=lambda i: (len(problem.pairs[i].rounds), i))
    for index in missing:
        if check is not None:
            check()
        for depth in range(max_depth + 1):
            if time.perf_counter() > deadline:
                return dict(state.round_of)
            if _try_place(state, index, depth, {index}, deadline):
                break
    return dict(state.round_of)


def _try_place(state: _Rounds, index: int, depth: int, moving: set[int], deadline: float) -> bool:
    pair = state.problem.pairs[index]
    options = []
    for round_ in pair.rounds:
        own, members, full = state.blockers(index, round_)
        if own is None and not full:
            state.place(index, round_)
            return True
        options.append((round_, own, members, full))
    if depth == 0 or time.perf_counter() > deadline:
        return False
    for round_, own, members, full in options:
        if own is not None and own in moving:
            continue
        evictable = [m for m in members if m not in moving] if full else [None]
        for other in evictable:
            evicted = [m for m in (own, other) if m is not None]
            mark = len(state.journal)
            for m in evicted:
                state.remove(m)
            state.place(index, round_)
            now_moving = moving | set(evicted)
            if all(_try_place(state, m, depth - 1, now_moving, deadline) for m in evicted):
                return True
            state.undo_to(mark)
    return False


def fill_rounds(
    problem: PlanningProblem,
    assignment: dict[int, int],
    *,
    max_depth: int = 2,
    seconds: float = 1.0,
    check: Callable[[], None] | None = None,
) -> dict[int, int]:
    """Add wished meetings the flow did not choose into room the rounds left free.

    When windows keep some chosen meetings out, tables and candidates are left idle; heaviest
    wishes first (fairness meetings before anything else), each is placed if its candidate is
    under their cap, possibly moving others as in `repair_rounds` (`check` likewise).
    """
    state = _Rounds(problem, assignment)
    deadline = time.perf_counter() + seconds
    count = [0] * len(problem.instance.candidates)
    for index in assignment:
        count[problem.pairs[index].candidate] += 1
    order = sorted(
        (i for i in range(len(problem.pairs)) if i not in state.round_of),
        key=lambda i: (
            count[problem.pairs[i].candidate] >= problem.need[problem.pairs[i].candidate],
            -problem.pairs[i].weight,
            i,
        ),
    )
    for index in order:
        candidate = problem.pairs[index].candidate
        if count[candidate] >= problem.candidate_cap[candidate]:
            continue
        if check is not None:
            check()
        for depth in range(max_depth + 1):
            if time.perf_counter() > deadline:
                return dict(state.round_of)
            if _try_place(state, index, depth, {index}, deadline):
                count[candidate] += 1
                break
    return dict(state.round_of)
