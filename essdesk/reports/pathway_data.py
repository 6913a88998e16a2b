"""The data of the pathway sheet (fiche parcours): plain values the services fill, the PDF prints."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from essdesk.domain.french import format_date


@dataclass(frozen=True)
class DueLine:
    """A milestone still to do (or overdue) on one of the young person's placements."""

    due: date
    label: str
    employer: str
    state: str
    code: str
    placement_id: uuid.UUID | None = None


@dataclass
class PlacementSheet:
    id: uuid.UUID
    employer: str
    job_title: str
    scheme: str
    contract: str  # « CDD CUI-CAE », « CDI »
    start: date
    planned_end: date | None
    renewals: list[tuple[date, date]]
    weekly_hours: Decimal
    tutor: str
    aid_rate: Decimal | None
    aid_period: tuple[date, date] | None
    aid_total: Decimal
    aid_to_date: Decimal
    actual_end: date | None
    end_reason: str
    exit_outcome: str
    commitments: list[str]
    commitments_met: list[str]
    qualification_target: str
    override_justification: str
    overridden_rules: list[str]
    to_complete: list[str]


@dataclass
class TrainingLine:
    title: str
    kind: str
    organisation: str
    funder: str
    hours: int | None
    cost: Decimal | None
    start: date | None
    end: date | None
    status: str
    certification: str
    employer: str  # of the placement it belongs to, or ""


@dataclass
class FollowUpLine:
    on: date
    kind: str
    counsellor: str
    milestone: str
    notes: str


@dataclass
class Pathway:
    youth_id: uuid.UUID
    name: str
    birth_date: date
    referent: str
    commune: str
    qualification: str
    placements: list[PlacementSheet] = field(default_factory=list)
    trainings: list[TrainingLine] = field(default_factory=list)
    follow_ups: list[FollowUpLine] = field(default_factory=list)
    due: list[DueLine] = field(default_factory=list)  # to do and overdue, oldest first

    def timeline(self) -> list[tuple[date, str]]:
        """Every dated step, in order: the record's timeline."""
        return [(day, label) for day, label, _state in self.steps()]

    def steps(self) -> list[tuple[date, str, str]]:
        """Every dated step with its state (a training's status, « fait » for a follow-up)."""
        steps: list[tuple[date, str, str]] = []
        for p in self.placements:
            steps.append((p.start, f"Début du contrat chez {p.employer} ({p.scheme})", ""))
            steps.extend(
                (s, f"Renouvellement jusqu'au {format_date(e)}", "") for s, e in p.renewals
            )
            if p.actual_end:
                reason = p.end_reason or "motif non dit"
                steps.append((p.actual_end, f"Fin du contrat : {reason}", p.exit_outcome))
        for t in self.trainings:
            if t.start:
                steps.append((t.start, f"Formation : {t.title}", t.status.lower()))
        for f in self.follow_ups:
            label = f"{f.kind}{' – ' + f.milestone if f.milestone else ''}"
            steps.append((f.on, label, "fait"))
        return sorted(steps, key=lambda s: s[0])
