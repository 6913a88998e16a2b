"""Follow-up milestones of a hire, generated from its scheme's rules and its dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from essdesk.domain.schemes.calendar import add_months
from essdesk.domain.schemes.catalogue import MilestoneRule, RuleSet

AID_END, CONTRACT_END = "fin-aide", "fin-contrat"
# A milestone's state seen from a day: actions are done, to do, overdue or, once the contract
# is over, missed; plain dates (ends of aid and contract) are past or to come.
DONE, OVERDUE, TO_DO, PAST, COMING = "fait", "en retard", "à faire", "passée", "à venir"
MISSED, NOT_APPLICABLE = "non réalisée", "sans objet"
OPEN_ENDED_MONTHS = 36  # periodic meetings of a CDI without end of aid: planned 3 years ahead


@dataclass(frozen=True)
class Milestone:
    code: str  # stable within a placement: follow-ups are recorded against it
    label: str
    due: date
    action: bool = True  # something to do (a review…), not just a date that arrives


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's last day (31/05 − 3 months → 28/02)."""
    return add_months(day, -months)


def placement_milestones(
    rules: RuleSet | None, *, start: date, contract_end: date | None, aid_end: date | None
) -> list[Milestone]:
    """The milestones a scheme's rules ask for, sorted by date.

    E.g. Emplois d'avenir: a follow-up meeting every 6 months, the review at the latest 2 months
    before the aid ends, the experience certificate 1 month before the contract ends; any
    contract: a reminder 6 months before it ends. `contract_end` is the end after renewals.
    """
    anchors = {"start": start, "aid_end": aid_end, "contract_end": contract_end}
    last = contract_end or aid_end or add_months(start, OPEN_ENDED_MONTHS)
    found: list[Milestone] = []
    for rule in rules.milestones if rules is not None else ():
        anchor = anchors.get(rule.anchor)
        if anchor is None:
            continue
        if rule.every_months or rule.every_days:
            found.extend(_periodic(rule, anchor, last))
            continue
        due = add_months(anchor, rule.months) + timedelta(days=rule.days)
        if rule.anchor == "start" or due >= start:  # a 6-month reminder of a 4-month contract
            found.append(Milestone(rule.code, rule.label, due, rule.action))
    if aid_end is not None:
        found.append(Milestone(AID_END, "Fin de l'aide de l'État", aid_end, action=False))
    if contract_end is not None:
        found.append(Milestone(CONTRACT_END, "Fin du contrat", contract_end, action=False))
    return sorted(found, key=lambda m: (m.due, m.code))


def _periodic(rule: MilestoneRule, anchor: date, last: date) -> list[Milestone]:
    found: list[Milestone] = []
    number = 1
    while True:
        if rule.every_months:
            due = add_months(anchor, rule.every_months * number)
        else:
            due = anchor + timedelta(days=rule.every_days * number)
        if due >= last:
            return found
        found.append(Milestone(f"{rule.code}-{number}", f"{rule.label} n° {number}", due))
        number += 1


def milestone_state(milestone: Milestone, *, today: date, done: bool, ended_on: date | None) -> str:
    """The state of `milestone` seen from `today`; `ended_on` is the contract's last day.

    `ended_on` is the actual end once recorded, else the planned end after renewals (None for
    a CDI still running). A step due after that day no longer applies (« sans objet »); an action
    missed stays « en retard » while the contract runs, then becomes « non réalisée »: a gap in
    the file, no longer a task weighing on the overdue list for ever (recording it later still
    makes it « fait »).
    """
    if milestone.action and done:
        return DONE  # recorded, even if the contract then ended before its date
    if ended_on is not None and milestone.due > ended_on:
        return NOT_APPLICABLE
    if not milestone.action:
        return PAST if milestone.due < today else COMING
    if milestone.due >= today:
        return TO_DO
    return MISSED if ended_on is not None and ended_on < today else OVERDUE
