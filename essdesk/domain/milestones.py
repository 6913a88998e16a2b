"""Follow-up milestones of a hire under a scheme (bilan, attestation…), computed from its dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Milestone:
    label: str
    due: date
    action: bool = True  # something to do (a review…), not just a date that arrives


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's last day (31/05 − 3 months → 28/02)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def placement_milestones(
    rules: dict, *, aid_end: date | None, contract_end: date | None
) -> list[Milestone]:
    """The milestones a scheme's rules ask for, e.g. Emplois d'avenir: a review at the latest
    2 months before the aid ends, an experience certificate 1 month before the contract ends."""
    anchors = {"aid_end": aid_end, "contract_end": contract_end}
    found = []
    for rule in rules.get("milestones", []):
        anchor = anchors.get(rule.get("of", ""))
        if anchor is not None:
            found.append(
                Milestone(rule["label"], months_before(anchor, int(rule["months_before"])))
            )
    if aid_end is not None:
        found.append(Milestone("Fin de l'aide de l'État", aid_end, action=False))
    if contract_end is not None:
        found.append(Milestone("Fin du contrat", contract_end, action=False))
    return sorted(found, key=lambda m: m.due)
