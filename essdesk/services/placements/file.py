"""One placement as its screen shows it: what to edit, renewals, end, aid, trainings, follow-ups, due."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.schemes.aid import AidMonth
from essdesk.domain.schemes.calendar import add_months
from essdesk.domain.schemes.pathway import (
    END_REASONS,
    EXIT_OUTCOMES,
    FOLLOW_UP_KINDS,
    TRAINING_KINDS,
    TRAINING_STATUSES,
)
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.deadlines import deadline_of, milestones_of
from essdesk.services.placements.aid import aid_of_placement
from essdesk.services.placements.records import PlacementInput, to_complete_labels
from essdesk.services.placements.trainings import CommitmentsMet, commitments_met


@dataclass(frozen=True)
class RenewalLine:
    start_date: date
    end_date: date
    aid_end: date | None
    notes: str


@dataclass(frozen=True)
class FollowUpLine:
    on: date
    kind: str  # French label
    counsellor: str
    milestone: str  # the label of the milestone it meets, or ""
    notes: str


@dataclass(frozen=True)
class TrainingLine:
    title: str
    kind: str
    status: str
    hours: int | None
    start_date: date | None
    end_date: date | None
    commitment: str


@dataclass(frozen=True)
class MilestoneLine:
    code: str
    label: str
    due: date
    state: str  # fait, en retard, à faire, passée, à venir
    action: bool


@dataclass
class PlacementFile:
    """Everything the placement editor shows, read in one trip off the UI thread."""

    id: uuid.UUID
    version: int
    data: PlacementInput
    youth: str
    employer: str
    referent_id: uuid.UUID | None
    actual_end: date | None = None
    end_reason: str | None = None
    exit_outcome: str | None = None
    overridden_rules: list[str] = field(default_factory=list)
    to_complete: list[str] = field(default_factory=list)
    renewals: list[RenewalLine] = field(default_factory=list)
    aid_months: list[AidMonth] = field(default_factory=list)
    aid_problem: str = ""  # e.g. a month the SMIC table does not cover yet
    trainings: list[TrainingLine] = field(default_factory=list)
    follow_ups: list[FollowUpLine] = field(default_factory=list)
    milestones: list[MilestoneLine] = field(default_factory=list)
    commitments: CommitmentsMet | None = None

    @property
    def aid_total(self) -> Decimal:
        return sum((month.amount for month in self.aid_months), Decimal(0))

    @property
    def title(self) -> str:
        return f"{self.youth} chez {self.employer}"


def input_of(p: m.Placement) -> PlacementInput:
    """The editable values of a stored placement (its justification kept for the next save)."""
    return PlacementInput(
        youth_id=p.youth_id,
        employer_id=p.employer_id,
        job_title=p.job_title,
        start_date=p.start_date,
        contract_type=p.contract_type,
        end_date=p.end_date,
        scheme_code=p.scheme.code if p.scheme is not None else None,
        contract_form=p.contract_form,
        weekly_hours=p.weekly_hours,
        aid_rate=p.aid_rate,
        aid_start=p.aid_start,
        aid_end=p.aid_end,
        tutor_id=p.tutor_id,
        offer_id=p.offer_id,
        rome_code=p.rome_code,
        commitments=list(p.commitments or []),
        qualification_target=p.qualification_target,
        part_time_agreement=p.part_time_agreement,
        search_waiver=p.search_waiver,
        aid_extension_for_training=p.aid_extension_for_training,
        notes=p.notes,
        justification=p.override_justification,
    )


def load_placement(
    db: Database, placement_id: uuid.UUID, *, today: date | None = None
) -> PlacementFile:
    """The placement's screen: its values, renewals, end, monthly aid, pathway and milestones."""
    access.require_read(db, "placements")
    today = today or date.today()
    rights = sensitive.current(db)  # the follow-ups' notes: « followed only » (before reading)
    with db.session() as session:
        placement = session.scalar(
            select(m.Placement)
            .where(m.Placement.id == placement_id)
            .options(
                selectinload(m.Placement.renewals),
                selectinload(m.Placement.scheme),
                selectinload(m.Placement.trainings),
            )
        )
        if placement is None:
            raise EssDeskError("Contrat introuvable : la fiche a peut-être été supprimée.")
        youth, employer = placement.youth, placement.employer
        found = PlacementFile(
            placement.id,
            placement.version,
            input_of(placement),
            f"{youth.first_name} {youth.last_name}",
            employer.name,
            youth.referent_id,
            placement.actual_end_date,
            placement.end_reason,
            placement.exit_outcome,
            sensitive.rule_messages(
                [r.get("message", "") for r in placement.overridden_rules or []],
                rights.allows(youth.referent_id),
            ),
            to_complete_labels(placement),
            [
                RenewalLine(r.start_date, r.end_date, r.aid_end, r.notes or "")
                for r in placement.renewals
            ],
        )
        follow_ups = session.scalars(
            select(m.FollowUp)
            .where(m.FollowUp.placement_id == placement.id)
            .options(selectinload(m.FollowUp.counsellor))
            .order_by(m.FollowUp.on.desc())
        ).all()
        done = {f.milestone_code for f in follow_ups if f.milestone_code}
        milestones = milestones_of(placement)
        labels = {x.code: x.label for x in milestones}
        for milestone in milestones:
            line = deadline_of(milestone, placement, youth, employer, today, milestone.code in done)
            found.milestones.append(
                MilestoneLine(line.code, line.label, line.due, line.state, line.action)
            )
        notes_shown = rights.allows(youth.referent_id)
        for f in follow_ups:
            who = f.counsellor
            found.follow_ups.append(
                FollowUpLine(
                    f.on,
                    FOLLOW_UP_KINDS.get(f.kind, f.kind),
                    f"{who.first_name} {who.last_name}" if who else "",
                    labels.get(f.milestone_code or "", f.milestone_code or ""),
                    (f.notes or "") if notes_shown else sensitive.MASKED_NOTE,
                )
            )
        for t in sorted(placement.trainings, key=lambda t: (t.start_date or date.max, t.title)):
            found.trainings.append(
                TrainingLine(
                    t.title,
                    TRAINING_KINDS.get(t.kind or "", t.kind or ""),
                    TRAINING_STATUSES.get(t.status, t.status),
                    t.hours,
                    t.start_date,
                    t.end_date,
                    t.commitment or "",
                )
            )
    try:
        found.aid_months = aid_of_placement(db, placement_id)
    except EssDeskError as error:  # the SMIC of a month not in the table: say it, show the rest
        found.aid_problem = error.message
    found.commitments = commitments_met(db, placement_id)
    return found


def end_reason_label(code: str | None) -> str:
    return END_REASONS.get(code or "", code or "")


def exit_outcome_label(code: str | None) -> str:
    return EXIT_OUTCOMES.get(code or "", code or "")


def tutors_of(db: Database, employer_id: uuid.UUID) -> list[tuple[str, str]]:
    """The employer's contacts as (id, name), the ones marked as tutors first."""
    access.require_read(db, "employers")
    with db.session() as session:
        contacts = session.scalars(
            select(m.Contact).where(m.Contact.employer_id == employer_id)
        ).all()
        ordered = sorted(contacts, key=lambda c: (not c.is_tutor, c.last_name, c.first_name))
        return [
            (
                str(c.id),
                f"{c.first_name} {c.last_name}"
                + (f" ({c.role})" if c.role else "")
                + (" — tuteur" if c.is_tutor else ""),
            )
            for c in ordered
        ]


RUNNING, ENDED = "running", "ended"


@dataclass(frozen=True)
class PlacementFilters:
    """The counsellor's filters on the list of placements; conditions built at query time."""

    scheme_code: str | None = None
    state: str | None = None  # RUNNING, ENDED or None
    ending_soon: bool = False  # the contract ends within 6 months

    def conditions_for(self, _db: Database | None = None, today: date | None = None) -> list:
        today = today or date.today()
        # The planned end after the last renewal, NULL for a CDI.
        last_renewal = (
            select(func.max(m.PlacementRenewal.end_date))
            .where(m.PlacementRenewal.placement_id == m.Placement.id)
            .correlate(m.Placement)
            .scalar_subquery()
        )
        planned_end = func.coalesce(last_renewal, m.Placement.end_date)
        conditions: list = []
        if self.scheme_code:
            conditions.append(
                m.Placement.scheme_id.in_(
                    select(m.Scheme.id).where(m.Scheme.code == self.scheme_code)
                )
            )
        ended = or_(m.Placement.actual_end_date.is_not(None), planned_end < today)
        if self.state == ENDED:
            conditions.append(ended)
        elif self.state == RUNNING:
            conditions.append(
                and_(
                    m.Placement.actual_end_date.is_(None),
                    or_(planned_end.is_(None), planned_end >= today),
                )
            )
        if self.ending_soon:
            soon = add_months(today, 6)
            conditions.append(
                and_(
                    m.Placement.actual_end_date.is_(None),
                    planned_end >= today,
                    planned_end <= soon,
                )
            )
        return conditions
