"""The plan's hard rules, once: what makes a meeting impossible on its own or beside others."""

from __future__ import annotations

from collections.abc import Iterable

from essdesk.domain.scheduling.model import Instance, Meeting
from essdesk.domain.scheduling.problem import window

UNKNOWN_CANDIDATE = "jeune inconnu"
UNKNOWN_RECRUITER = "recruteur inconnu"


class PlanRules:
    """Meetings taken one by one against the instance and those already accepted.

    A meeting must name known people, fall in an existing round inside both availability
    windows, at one of the recruiter's tables, answer a wish, and stay within the young
    person's cap; beside the accepted ones, a pair meets once, a young person once a round,
    a table hosts one meeting a round. `problems` lists every rule a meeting breaks, in French
    (lower case, to follow « tour 3, … : »), first the one the organiser can act on.
    """

    def __init__(self, instance: Instance, accepted: Iterable[Meeting] = ()) -> None:
        self.instance = instance
        self._recruiters = {r.id: r for r in instance.recruiters}
        self._candidates = {c.id: c for c in instance.candidates}
        self._wished = {(w.candidate_id, w.recruiter_id) for w in instance.wishes}
        self._pairs: set[tuple[str, str]] = set()
        self._slots: set[tuple[str, int]] = set()
        self._tables: set[tuple[str, int, int]] = set()
        self._counts: dict[str, int] = {}
        for meeting in accepted:
            self.accept(meeting)

    def problems(self, meeting: Meeting) -> list[str]:
        """Every rule `meeting` breaks given what was accepted; empty when it can hold."""
        candidate = self._candidates.get(meeting.candidate_id)
        recruiter = self._recruiters.get(meeting.recruiter_id)
        if candidate is None:
            return [UNKNOWN_CANDIDATE]
        if recruiter is None:
            return [UNKNOWN_RECRUITER]
        rounds, found = self.instance.rounds, []
        if not 1 <= meeting.round <= rounds:
            found.append(f"le tour n'existe pas (1 à {rounds})")
        if meeting.round not in window(recruiter.available_from, recruiter.available_to, rounds):
            found.append("le recruteur est absent à ce tour")
        if meeting.round not in window(candidate.available_from, candidate.available_to, rounds):
            found.append("le jeune est absent à ce tour")
        if not 1 <= meeting.table <= recruiter.tables:
            found.append(f"la table {meeting.table} n'existe pas pour ce recruteur")
        pair = (meeting.candidate_id, meeting.recruiter_id)
        if pair not in self._wished:
            found.append("le jeune n'a pas demandé ce recruteur")
        cap = candidate.max_meetings
        if cap is not None and self._counts.get(candidate.id, 0) >= cap:
            found.append(f"le jeune a déjà son nombre maximal de rencontres ({cap})")
        if pair in self._pairs:
            found.append("ce jeune rencontre ce recruteur deux fois")
        if (meeting.candidate_id, meeting.round) in self._slots:
            found.append("le jeune a déjà une autre rencontre à ce tour")
        if (meeting.recruiter_id, meeting.round, meeting.table) in self._tables:
            found.append(f"la table {meeting.table} est déjà occupée à ce tour")
        return found

    def accept(self, meeting: Meeting) -> None:
        """Count `meeting` as part of the plan: later ones are checked beside it."""
        self._pairs.add((meeting.candidate_id, meeting.recruiter_id))
        self._slots.add((meeting.candidate_id, meeting.round))
        self._tables.add((meeting.recruiter_id, meeting.round, meeting.table))
        self._counts[meeting.candidate_id] = self._counts.get(meeting.candidate_id, 0) + 1


def split_holding(
    instance: Instance, meetings: Iterable[Meeting], *, accepted: Iterable[Meeting] = ()
) -> tuple[list[Meeting], list[tuple[Meeting, str]]]:
    """The meetings that still hold, and those that cannot with the first rule they break.

    Meetings are taken in order (round, recruiter, candidate, table), beside `accepted` ones
    (history, not checked): of two that clash, the first stays. A lock or a past meeting can go
    stale (wish removed, window or tables changed, a forced move); the scheduler refuses a
    whole plan for one such meeting, so callers set them aside and say so.
    """
    rules = PlanRules(instance, accepted)
    holding: list[Meeting] = []
    dropped: list[tuple[Meeting, str]] = []
    for meeting in sorted(set(meetings)):
        problems = rules.problems(meeting)
        if problems:
            dropped.append((meeting, problems[0]))
        else:
            holding.append(meeting)
            rules.accept(meeting)
    return holding, dropped
