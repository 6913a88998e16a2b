"""The speed-meeting problem and its plan, as plain data shared by the scheduler, the CLI, reports and UI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Recruiter:
    """An employer at the event; `tables` seats hosted in parallel; rounds numbered from 1."""

    id: str
    name: str
    tables: int = 1
    available_from: int | None = None  # None: from the first round
    available_to: int | None = None  # None: until the last round (inclusive)


@dataclass(frozen=True)
class Candidate:
    """A young person at the event (registered or walk-in)."""

    id: str
    name: str
    available_from: int | None = None
    available_to: int | None = None
    max_meetings: int | None = None  # None: no cap beyond the number of rounds


@dataclass(frozen=True)
class Wish:
    """A candidate's wish to meet a recruiter; rank 1 is the favourite."""

    candidate_id: str
    recruiter_id: str
    rank: int | None = None
    weight: float | None = None  # None: derived from the rank (see scheduling.wish_weight)


@dataclass(frozen=True)
class Instance:
    """Everything the scheduler needs: who, what they wish, how many rounds."""

    rounds: int
    recruiters: tuple[Recruiter, ...]
    candidates: tuple[Candidate, ...]
    wishes: tuple[Wish, ...]


@dataclass(frozen=True, order=True)
class Meeting:
    """One meeting of the plan: `table` is the recruiter's own table index, from 1."""

    round: int
    recruiter_id: str
    candidate_id: str
    table: int = 1


@dataclass
class Schedule:
    """A plan and how good it is: `bound` is an upper bound on any plan's objective."""

    rounds: int
    meetings: list[Meeting]
    objective: float
    bound: float
    proven_optimal: bool
    method: str = ""
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)  # French notes for the organiser

    @property
    def gap(self) -> float:
        """Relative distance to the bound (0.0 when proven optimal)."""
        return 0.0 if self.bound <= 0 else max(0.0, (self.bound - self.objective) / self.bound)


def table_numbers(
    recruiters: tuple[Recruiter, ...] | list[Recruiter],
) -> dict[tuple[str, int], int]:
    """Number the room's tables 1, 2, 3… in recruiter order: (recruiter_id, table index) → number."""
    numbers: dict[tuple[str, int], int] = {}
    next_number = 1
    for recruiter in recruiters:
        for index in range(1, recruiter.tables + 1):
            numbers[(recruiter.id, index)] = next_number
            next_number += 1
    return numbers


@dataclass(frozen=True)
class WalkIn:
    """A candidate who turns up unregistered during the event, with the wishes they state."""

    candidate: Candidate
    wishes: tuple[Wish, ...] = ()
