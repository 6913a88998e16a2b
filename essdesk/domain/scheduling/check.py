"""Checking a speed-meeting plan against every rule, and per-candidate figures for printouts."""

from __future__ import annotations

from dataclasses import dataclass

from essdesk.domain.scheduling.model import Instance, Schedule
from essdesk.domain.scheduling.problem import wish_weight
from essdesk.domain.scheduling.rules import PlanRules


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
    rules = PlanRules(instance)
    problems: list[str] = []
    for m in schedule.meetings:
        label = f"tour {m.round}, {m.recruiter_id} – {m.candidate_id}"
        problems += [f"{label} : {problem}." for problem in rules.problems(m)]
        rules.accept(m)  # a broken meeting still takes its slot: the next clash is named too
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
