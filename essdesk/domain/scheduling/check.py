"""Checking a speed-meeting plan against every rule, and per-candidate figures for printouts."""

from __future__ import annotations

from dataclasses import dataclass

from essdesk.domain.scheduling.model import Instance, Schedule
from essdesk.domain.scheduling.problem import window, wish_weight


@dataclass(frozen=True)
class CandidateStatistics:
    """What one candidate asked for and got."""

    wishes: int
    meetings: int
    weight: float  # total weight of the wishes met
    wished_weight: float  # total weight of all their wishes
    top3_wishes: int  # wishes ranked 1 to 3 (or the 3 heaviest when unranked)
    top3_met: int
    first_choice_met: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "wishes": self.wishes,
            "meetings": self.meetings,
            "weight": self.weight,
            "wished_weight": self.wished_weight,
            "top3_wishes": self.top3_wishes,
            "top3_met": self.top3_met,
            "first_choice_met": self.first_choice_met,
        }


def validate_schedule(instance: Instance, schedule: Schedule) -> list[str]:
    """Every rule the plan breaks, in French; an empty list means the plan is valid."""
    problems: list[str] = []
    recruiters = {r.id: r for r in instance.recruiters}
    candidates = {c.id: c for c in instance.candidates}
    wished = {(w.candidate_id, w.recruiter_id) for w in instance.wishes}
    candidate_rounds: set[tuple[str, int]] = set()
    table_use: set[tuple[str, int, int]] = set()
    per_slot: dict[tuple[str, int], int] = {}
    pairs: set[tuple[str, str]] = set()
    per_candidate: dict[str, int] = {}
    for m in schedule.meetings:
        label = f"tour {m.round}, {m.recruiter_id} – {m.candidate_id}"
        recruiter = recruiters.get(m.recruiter_id)
        candidate = candidates.get(m.candidate_id)
        if recruiter is None or candidate is None:
            problems.append(f"{label} : recruteur ou candidat inconnu.")
            continue
        if not 1 <= m.round <= instance.rounds:
            problems.append(f"{label} : le tour n'existe pas (1 à {instance.rounds}).")
        if (m.candidate_id, m.recruiter_id) not in wished:
            problems.append(f"{label} : ce candidat n'a pas demandé ce recruteur.")
        if m.round not in window(recruiter.available_from, recruiter.available_to, instance.rounds):
            problems.append(f"{label} : le recruteur est absent à ce tour.")
        if m.round not in window(candidate.available_from, candidate.available_to, instance.rounds):
            problems.append(f"{label} : le candidat est absent à ce tour.")
        if (m.candidate_id, m.round) in candidate_rounds:
            problems.append(f"{label} : le candidat a deux rencontres au même tour.")
        candidate_rounds.add((m.candidate_id, m.round))
        if not 1 <= m.table <= recruiter.tables:
            problems.append(f"{label} : la table {m.table} n'existe pas pour ce recruteur.")
        if (m.recruiter_id, m.round, m.table) in table_use:
            problems.append(f"{label} : la table {m.table} est déjà occupée.")
        table_use.add((m.recruiter_id, m.round, m.table))
        per_slot[(m.recruiter_id, m.round)] = per_slot.get((m.recruiter_id, m.round), 0) + 1
        if (m.candidate_id, m.recruiter_id) in pairs:
            problems.append(f"{label} : ce candidat rencontre ce recruteur deux fois.")
        pairs.add((m.candidate_id, m.recruiter_id))
        per_candidate[m.candidate_id] = per_candidate.get(m.candidate_id, 0) + 1
    for (recruiter_id, round_), count in sorted(per_slot.items()):
        if count > recruiters[recruiter_id].tables:
            problems.append(
                f"Tour {round_}, {recruiter_id} : {count} rencontres pour "
                f"{recruiters[recruiter_id].tables} table(s)."
            )
    for candidate_id, count in sorted(per_candidate.items()):
        cap = candidates[candidate_id].max_meetings
        if cap is not None and count > cap:
            problems.append(f"{candidate_id} : {count} rencontres pour un maximum de {cap}.")
    return problems


def candidate_statistics(instance: Instance, schedule: Schedule) -> dict[str, CandidateStatistics]:
    """Per candidate id: wishes, meetings, weight obtained, top-3 wishes met, first choice met."""
    wishes: dict[str, dict[str, tuple[int | None, float]]] = {c.id: {} for c in instance.candidates}
    for wish in instance.wishes:
        wishes.setdefault(wish.candidate_id, {})[wish.recruiter_id] = (wish.rank, wish_weight(wish))
    met: dict[str, set[str]] = {candidate_id: set() for candidate_id in wishes}
    for m in schedule.meetings:
        met.setdefault(m.candidate_id, set()).add(m.recruiter_id)
    result = {}
    for candidate_id, own in wishes.items():
        # Ranked wishes order by rank; unranked ones by weight, so "top 3" means something.
        ordered = sorted(
            own.items(),
            key=lambda item: (item[1][0] is None, item[1][0] or 0, -item[1][1], item[0]),
        )
        top3 = [recruiter_id for recruiter_id, _ in ordered[:3]]
        seen = met.get(candidate_id, set())
        result[candidate_id] = CandidateStatistics(
            wishes=len(own),
            meetings=len(seen),
            weight=sum(weight for rid, (_, weight) in own.items() if rid in seen),
            wished_weight=sum(weight for _, weight in own.values()),
            top3_wishes=len(top3),
            top3_met=sum(1 for rid in top3 if rid in seen),
            first_choice_met=bool(ordered) and ordered[0][0] in seen,
        )
    return result
