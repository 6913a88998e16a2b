"""Reproducible speed-meeting instances for the benchmarks: Zipf-skewed recruiter popularity."""

from __future__ import annotations

import random
from dataclasses import dataclass

from essdesk.domain.scheduling.model import Candidate, Instance, Recruiter, Wish


@dataclass(frozen=True)
class Spec:
    """The shape of a generated instance."""

    label: str
    recruiters: int
    candidates: int
    rounds: int
    tables: tuple[int, int] = (1, 1)  # inclusive range drawn per recruiter
    windows: bool = False
    tight: bool = False  # 70 % of everyone with a random window, caps of 2–3 for some
    seed: int = 7


def generate(spec: Spec) -> Instance:
    """An event where a few recruiters attract most wishes, as at real job fairs.

    Popularity follows Zipf (weight 1/k for the k-th recruiter); each candidate ranks 3 to 8
    distinct recruiters drawn by popularity; weights are left to the rank. With windows, 20 %
    of candidates arrive late, 10 % leave early and 30 % of recruiters miss the first or the
    last round. A `tight` instance is harsher: 70 % of recruiters and candidates have a random
    window and a third of the candidates a cap of 2 or 3 meetings.
    """
    rng = random.Random(spec.seed)
    rounds = spec.rounds
    recruiters = []
    for k in range(spec.recruiters):
        start = end = None
        if spec.tight:
            start, end = _random_window(rng, rounds)
        elif spec.windows and rng.random() < 0.30:
            if rng.random() < 0.5:
                start = 2
            else:
                end = rounds - 1
        tables = rng.randint(*spec.tables)
        recruiters.append(Recruiter(f"R{k + 1:03d}", f"Recruteur {k + 1}", tables, start, end))
    popularity = [1.0 / (k + 1) for k in range(spec.recruiters)]
    ids = [r.id for r in recruiters]
    candidates = []
    wishes = []
    for k in range(spec.candidates):
        cid = f"C{k + 1:05d}"
        start = end = cap = None
        if spec.tight:  # candidates may come for the last rounds only
            start = rng.randint(1, rounds - 2) if rng.random() < 0.7 else None
            end = rng.randint(max(start or 1, 2), rounds) if rng.random() < 0.7 else None
            cap = rng.choice([None, 2, 3])
        elif spec.windows:
            draw = rng.random()
            if draw < 0.20:
                start = rng.randint(2, max(2, rounds // 2))
            elif draw < 0.30:
                end = rng.randint(max(1, rounds // 2), rounds - 1)
        candidates.append(Candidate(cid, f"Candidat {k + 1}", start, end, cap))
        count = rng.randint(3, min(8, spec.recruiters))
        chosen: list[str] = []
        while len(chosen) < count:
            pick = rng.choices(ids, weights=popularity)[0]
            if pick not in chosen:
                chosen.append(pick)
        wishes.extend(Wish(cid, rid, rank) for rank, rid in enumerate(chosen, start=1))
    return Instance(rounds, tuple(recruiters), tuple(candidates), tuple(wishes))


def _random_window(rng: random.Random, rounds: int) -> tuple[int | None, int | None]:
    start = rng.randint(1, rounds // 2) if rng.random() < 0.7 else None
    end = rng.randint(max(start or 1, rounds // 2), rounds) if rng.random() < 0.7 else None
    return start, end


SPECS = (
    Spec("15×80×8", 15, 80, 8),
    Spec("60×600×10, 1 table", 60, 600, 10),
    Spec("60×600×10, 2 tables", 60, 600, 10, tables=(2, 2)),
    Spec("50×600×12, 1–3 tables, fenêtres", 50, 600, 12, tables=(1, 3), windows=True),
    Spec("200×5000×16, fenêtres", 200, 5000, 16, tables=(1, 2), windows=True),
    # Not in the targets: a harsher case (seed picked among 1–5 as the hardest) where the
    # chosen meetings no longer fit the rounds and the joint model runs.
    Spec("50×600×12, fenêtres serrées", 50, 600, 12, tables=(1, 2), tight=True, seed=2),
)
