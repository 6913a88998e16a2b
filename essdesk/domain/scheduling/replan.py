"""Live re-planning during the event: no-shows, late arrivals, walk-ins, locks and announcements kept."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from essdesk.domain.scheduling.cancel import Watch
from essdesk.domain.scheduling.model import Instance, Meeting, Schedule, WalkIn
from essdesk.domain.scheduling.problem import build_problem
from essdesk.domain.scheduling.result import to_schedule
from essdesk.domain.scheduling.rules import split_holding
from essdesk.domain.scheduling.solver import solve_problem
from essdesk.errors import EssDeskError

# Keeping an announced meeting is worth one weight unit: the plan changes an announcement only
# for a real gain (e.g. a rank-3 wish instead of a rank-4 one would not move it).
KEEP_BONUS = 1.0


def apply_changes(
    instance: Instance,
    from_round: int,
    *,
    no_shows: Iterable[str] = (),
    late: Mapping[str, int] | None = None,
    walk_ins: Iterable[WalkIn] = (),
) -> Instance:
    """The instance as it stands now: no-shows get no meeting, late arrivals start later,
    walk-ins join from `from_round` with their wishes."""
    late = dict(late or {})
    no_shows = set(no_shows)
    known = {c.id for c in instance.candidates}
    recruiters = {r.id for r in instance.recruiters}
    for candidate_id in no_shows | set(late):
        if candidate_id not in known:
            raise EssDeskError(f"Candidat inconnu : {candidate_id}.")
    candidates = []
    for candidate in instance.candidates:
        if candidate.id in no_shows:
            candidate = replace(candidate, max_meetings=0)
        elif candidate.id in late:
            start = max(candidate.available_from or 1, late[candidate.id])
            candidate = replace(candidate, available_from=start)
        candidates.append(candidate)
    wishes = list(instance.wishes)
    for walk_in in walk_ins:
        candidate = walk_in.candidate
        if candidate.id in known:
            raise EssDeskError(f"Le candidat {candidate.id} est déjà inscrit.")
        known.add(candidate.id)
        start = max(candidate.available_from or 1, from_round)
        candidates.append(replace(candidate, available_from=start))
        for wish in walk_in.wishes:
            if wish.recruiter_id not in recruiters:
                raise EssDeskError(
                    f"Souhait de {candidate.id} : recruteur inconnu {wish.recruiter_id}."
                )
            wishes.append(replace(wish, candidate_id=candidate.id))
    return replace(instance, candidates=tuple(candidates), wishes=tuple(wishes))


def replan(
    instance: Instance,
    previous: Schedule,
    from_round: int,
    *,
    no_shows: Iterable[str] = (),
    late: Mapping[str, int] | None = None,
    walk_ins: Iterable[WalkIn] = (),
    keep_announced: bool = True,
    locked: Iterable[Meeting] = (),
    min_meetings: int = 0,
    time_limit: float = 1.5,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Schedule:
    """Re-plan rounds ≥ `from_round`; earlier rounds are history and stay as they were.

    No-shows lose all their meetings (earlier ones did not take place), late candidates lose
    those before their arrival, walk-ins (`WalkIn`: candidate and wishes) join. Announced
    meetings of later rounds earn a bonus of `KEEP_BONUS` when kept, in the same round and at
    the same table where possible. `locked` meetings of rounds ≥ `from_round` (a promise made to
    a young person) stay exactly as they are when the changes still allow them; the others
    (no-show, arrival after that round, recruiter gone…) are dropped and named in `messages`.
    Use `apply_changes` with the same arguments to get the instance the new schedule refers to
    (for validation and printouts). `cancelled` and `progress` work as in
    `schedule_meetings`: a cancel raises `SchedulingCancelled` and nothing is changed.
    """
    start = time.perf_counter()
    if not 1 <= from_round <= instance.rounds + 1:
        raise EssDeskError(f"Tour de reprise invalide : {from_round} (1 à {instance.rounds}).")
    late = dict(late or {})
    no_shows = set(no_shows)
    walk_ins = list(walk_ins)
    current = apply_changes(instance, from_round, no_shows=no_shows, late=late, walk_ins=walk_ins)

    def happened(meeting: Meeting) -> bool:
        return meeting.candidate_id not in no_shows and meeting.round >= late.get(
            meeting.candidate_id, 1
        )

    history = [m for m in previous.meetings if m.round < from_round and happened(m)]
    announced = [m for m in previous.meetings if m.round >= from_round and happened(m)]
    kept, dropped = keep_locks(
        current,
        history,
        [m for m in locked if m.round >= from_round],
        no_shows=no_shows,
        late=late,
    )
    fixed = history + kept
    problem = build_problem(
        current,
        rounds=range(from_round, current.rounds + 1),
        locked=fixed,
        min_meetings=min_meetings,
    )
    preferred = {}
    if keep_announced:
        index_of = {
            (problem.candidate_ids[p.candidate], problem.recruiter_ids[p.recruiter]): i
            for i, p in enumerate(problem.pairs)
        }
        for meeting in announced:
            index = index_of.get((meeting.candidate_id, meeting.recruiter_id))
            if index is not None:
                preferred[index] = (meeting.round, meeting.table)
    remaining = time_limit - (time.perf_counter() - start)
    plan = solve_problem(
        problem,
        time_limit=remaining,
        preferred=preferred,
        keep_bonus=KEEP_BONUS,
        watch=Watch(cancelled, progress),
    )

    schedule = to_schedule(problem, plan, fixed, min_meetings, start)
    if dropped:
        schedule.messages.insert(0, _dropped_message(dropped))
    schedule.messages.insert(0, _changes_message(announced, schedule, from_round))
    schedule.method = f"replanification : {plan.method}"
    return schedule


def _changes_message(announced: list[Meeting], schedule: Schedule, from_round: int) -> str:
    """How the announced part of the plan moved, for the organiser's loudspeaker."""
    new = {(m.candidate_id, m.recruiter_id): m for m in schedule.meetings if m.round >= from_round}
    kept = moved = cancelled = 0
    for meeting in announced:
        now = new.pop((meeting.candidate_id, meeting.recruiter_id), None)
        if now is None:
            cancelled += 1
        elif now.round == meeting.round and now.table == meeting.table:
            kept += 1
        else:
            moved += 1
    return (
        f"À partir du tour {from_round} : {kept} rencontre(s) annoncée(s) inchangée(s), "
        f"{moved} déplacée(s), {cancelled} annulée(s), {len(new)} nouvelle(s)."
    )


def keep_locks(
    instance: Instance,
    history: list[Meeting],
    locked: Iterable[Meeting],
    *,
    no_shows: Iterable[str] = (),
    late: Mapping[str, int] | None = None,
) -> tuple[list[Meeting], list[tuple[Meeting, str]]]:
    """Split locked meetings into those that still hold around `history` and those that cannot.

    `instance` is the one after the changes (see `apply_changes`). Each dropped meeting comes
    with the French reason the organiser will read: the change that undid it (a no-show, a late
    arrival), else the plan rule it breaks. Of two locks that clash, the first stays.
    """
    no_shows = set(no_shows)
    late = dict(late or {})
    undone = {}
    for meeting in set(locked):
        if meeting.candidate_id in no_shows:
            undone[meeting] = "jeune absent"
        elif meeting.round < late.get(meeting.candidate_id, 0):
            undone[meeting] = f"jeune arrivé au tour {late[meeting.candidate_id]}"
    kept, dropped = split_holding(
        instance, [m for m in locked if m not in undone], accepted=history
    )
    return kept, sorted(dropped + list(undone.items()))


def _dropped_message(dropped: list[tuple[Meeting, str]]) -> str:
    """« 2 rencontre(s) verrouillée(s) abandonnée(s) : C1 – R2 (tour 4, jeune absent) ; … »."""
    details = " ; ".join(
        f"{m.candidate_id} – {m.recruiter_id} (tour {m.round}, {reason})" for m, reason in dropped
    )
    return f"{len(dropped)} rencontre(s) verrouillée(s) abandonnée(s) : {details}."
