"""The scheduler's internal view of an instance: indices, allowed rounds, free capacities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from essdesk.domain.scheduling.model import Instance, Meeting, Wish
from essdesk.errors import EssDeskError

# Rank-derived weights: a top-ranked wish is worth 10, each rank below one less, never under 1,
# so any met wish counts and the favourites count most (ten ranks covers every form we print).
TOP_RANK_WEIGHT = 10


def wish_weight(wish: Wish) -> float:
    """How much meeting this wish is worth.

    The explicit `weight` wins; otherwise `max(1, 11 - rank)` (rank 1 → 10, rank 10 and below
    → 1); with neither rank nor weight the wish is worth 1.
    """
    if wish.weight is not None:
        return float(wish.weight)
    if wish.rank is not None:
        return float(max(1, TOP_RANK_WEIGHT + 1 - wish.rank))
    return 1.0


@dataclass
class Pair:
    """A wished (candidate, recruiter) pair that can still meet in `rounds`."""

    candidate: int
    recruiter: int
    weight: float
    rounds: tuple[int, ...]


@dataclass
class PlanningProblem:
    """What is left to plan: the rounds, free tables, free candidate rounds and wished pairs."""

    instance: Instance
    rounds: tuple[int, ...]
    capacity: list[dict[int, int]]  # recruiter index → round → tables still free
    candidate_rounds: list[frozenset[int]]  # candidate index → rounds still free
    candidate_cap: list[int]  # meetings a candidate may still get (cap and rounds allowing)
    need: list[int]  # meetings still needed to reach the fairness minimum
    pairs: list[Pair]
    locked: list[Meeting] = field(default_factory=list)
    locked_tables: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    below_floor: int = 0  # candidates who cannot reach the fairness floor whatever happens

    @property
    def recruiter_ids(self) -> list[str]:
        return [recruiter.id for recruiter in self.instance.recruiters]

    @property
    def candidate_ids(self) -> list[str]:
        return [candidate.id for candidate in self.instance.candidates]

    def is_uniform(self) -> bool:
        """True when every round looks the same to everyone: then plain edge colouring applies."""
        everything = frozenset(self.rounds)
        if any(rounds != everything for rounds in self.candidate_rounds):
            return False
        if any(len(set(capacity.values())) > 1 for capacity in self.capacity):
            return False
        return all(len(pair.rounds) == len(self.rounds) for pair in self.pairs)

    def free_tables(self, recruiter: int, round_: int) -> list[int]:
        """Table indices (from 1) of a recruiter not taken by a locked meeting in that round."""
        taken = self.locked_tables.get((recruiter, round_), set())
        tables = self.instance.recruiters[recruiter].tables
        return [table for table in range(1, tables + 1) if table not in taken]


def window(start: int | None, end: int | None, rounds: int) -> range:
    """The rounds of an availability window, defaults filling in the event's ends."""
    return range(start or 1, (end if end is not None else rounds) + 1)


def build_problem(
    instance: Instance,
    *,
    rounds: Iterable[int] | None = None,
    locked: Iterable[Meeting] = (),
    min_meetings: int = 0,
) -> PlanningProblem:
    """Index the instance, take the locked meetings out of what remains, check the locks."""
    planned = tuple(sorted(rounds)) if rounds is not None else tuple(range(1, instance.rounds + 1))
    recruiter_index = {recruiter.id: i for i, recruiter in enumerate(instance.recruiters)}
    candidate_index = {candidate.id: i for i, candidate in enumerate(instance.candidates)}
    planned_set = frozenset(planned)

    capacity = [
        {
            round_: recruiter.tables
            for round_ in window(recruiter.available_from, recruiter.available_to, instance.rounds)
            if round_ in planned_set
        }
        for recruiter in instance.recruiters
    ]
    candidate_rounds = [
        set(window(c.available_from, c.available_to, instance.rounds)) & planned_set
        for c in instance.candidates
    ]
    candidate_cap = [
        instance.rounds if c.max_meetings is None else c.max_meetings for c in instance.candidates
    ]
    weights: dict[tuple[int, int], float] = {}
    for wish in instance.wishes:
        key = (candidate_index[wish.candidate_id], recruiter_index[wish.recruiter_id])
        weights[key] = max(weights.get(key, 0.0), wish_weight(wish))

    met: set[tuple[int, int]] = set()
    locked_list = sorted(set(locked))
    locked_tables: dict[tuple[int, int], set[int]] = {}
    for meeting in locked_list:
        c = candidate_index.get(meeting.candidate_id)
        r = recruiter_index.get(meeting.recruiter_id)
        label = f"{meeting.candidate_id} – {meeting.recruiter_id} (tour {meeting.round})"
        if c is None or r is None:
            raise EssDeskError(f"Rencontre imposée {label} : participant inconnu.")
        if (c, r) not in weights:
            raise EssDeskError(f"Rencontre imposée {label} : ne correspond à aucun souhait.")
        if (c, r) in met:
            raise EssDeskError(f"Rencontre imposée {label} : cette paire se rencontre déjà.")
        tables = locked_tables.setdefault((r, meeting.round), set())
        if not 1 <= meeting.table <= instance.recruiters[r].tables or meeting.table in tables:
            raise EssDeskError(f"Rencontre imposée {label} : table {meeting.table} indisponible.")
        if meeting.round in planned_set:
            if meeting.round not in candidate_rounds[c] or capacity[r].get(meeting.round, 0) < 1:
                raise EssDeskError(f"Rencontre imposée {label} : hors des disponibilités.")
            candidate_rounds[c].discard(meeting.round)
            capacity[r][meeting.round] -= 1
        met.add((c, r))
        tables.add(meeting.table)
        candidate_cap[c] -= 1
    locked_count = [0] * len(instance.candidates)
    for meeting in locked_list:
        locked_count[candidate_index[meeting.candidate_id]] += 1

    pairs = []
    for (c, r), weight in sorted(weights.items()):
        if (c, r) in met:
            continue
        shared = tuple(
            round_
            for round_ in planned
            if round_ in candidate_rounds[c] and capacity[r].get(round_, 0) > 0
        )
        if shared:
            pairs.append(Pair(c, r, weight, shared))

    # The fairness floor is capped by what each candidate could get if alone at the event:
    # a matching of their wished recruiters to distinct rounds, within their cap.
    options: list[list[tuple[int, ...]]] = [[] for _ in instance.candidates]
    for pair in pairs:
        options[pair.candidate].append(pair.rounds)
    reach = [min(max(0, candidate_cap[c]), _match_rounds(options[c])) for c in range(len(options))]
    need = []
    below_floor = 0
    for c in range(len(instance.candidates)):
        need.append(max(0, min(min_meetings - locked_count[c], reach[c])))
        below_floor += locked_count[c] + reach[c] < min_meetings

    return PlanningProblem(
        instance=instance,
        rounds=planned,
        capacity=capacity,
        candidate_rounds=[frozenset(rounds) for rounds in candidate_rounds],
        candidate_cap=reach,
        need=need,
        pairs=pairs,
        locked=locked_list,
        locked_tables=locked_tables,
        below_floor=below_floor,
    )


def _match_rounds(options: list[tuple[int, ...]]) -> int:
    """Most wishes that can meet in distinct rounds (augmenting paths; a handful of wishes)."""
    owner: dict[int, int] = {}

    def augment(wish: int, seen: set[int]) -> bool:
        for round_ in options[wish]:
            if round_ in seen:
                continue
            seen.add(round_)
            if round_ not in owner or augment(owner[round_], seen):
                owner[round_] = wish
                return True
        return False

    return sum(1 for wish in range(len(options)) if augment(wish, set()))
