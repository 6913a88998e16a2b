"""The pathway of one young person (fiche parcours): placements, trainings, follow-ups, what is due."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.schemes.aid import aid_by_month
from essdesk.domain.schemes.pathway import (
    DONE_STATUSES,
    END_REASONS,
    EXIT_OUTCOMES,
    FOLLOW_UP_KINDS,
    TRAINING_KINDS,
    TRAINING_STATUSES,
)
from essdesk.domain.schemes.placement_rules import TO_COMPLETE_LABELS
from essdesk.domain.text import fold
from essdesk.reports.pathway_data import (
    DueLine,
    FollowUpLine,
    Pathway,
    PlacementSheet,
    TrainingLine,
)
from essdesk.services import access, sensitive
from essdesk.services.deadlines import OVERDUE, TO_DO, deadline_of, milestones_of
from essdesk.services.placements.aid import aid_period, smic_table
from essdesk.services.placements.common import contract_end, find_youth, get

DUE_AHEAD = timedelta(days=180)  # what the sheet lists as coming: the next six months


def pathway_of(db: Database, youth: uuid.UUID | str, *, today: date | None = None) -> Pathway:
    """Everything the three-party meeting needs about a young person (id or « Nom Prénom »)."""
    # A nominative document, handed to the employer: a right of its own, and traced.
    actor = access.require(db, "report.personal", "youths")
    result = _collect(db, youth, today or date.today())
    access.trace_now(
        db, actor, "report", "youths", result.youth_id, youth_id=result.youth_id,
        detail="fiche parcours",
    )  # fmt: skip
    return result


def pathway_steps(db: Database, youth_id: uuid.UUID, *, today: date | None = None) -> Pathway:
    """The same facts for the timeline of the record: read as the record is, not a document."""
    access.require_read(db, "placements")
    return _collect(db, youth_id, today or date.today())


def _collect(db: Database, youth: uuid.UUID | str, today: date) -> Pathway:
    rights = sensitive.current(db)
    smic = smic_table(db)
    with db.session() as session:
        person = (
            find_youth(session, youth)
            if isinstance(youth, str)
            else get(session, m.Youth, youth, "Jeune")
        )
        referent = person.referent
        # The notes follow the administrator's choice (all, or the followed young people only).
        notes_shown = rights.allows(None if rights.sees_all else person.referent_id)
        level = person.qualification_level_new
        result = Pathway(
            person.id,
            f"{person.first_name} {person.last_name}",
            person.birth_date,
            f"{referent.first_name} {referent.last_name}" if referent else "",
            person.commune or "",
            (f"niveau {level}" if level else (person.qualification_level_old or ""))
            + (" (diplôme obtenu)" if person.diploma_obtained else ""),
        )
        placements = session.scalars(
            select(m.Placement)
            .where(m.Placement.youth_id == person.id)
            .options(
                selectinload(m.Placement.renewals),
                selectinload(m.Placement.scheme),
                selectinload(m.Placement.employer),
                selectinload(m.Placement.tutor),
                selectinload(m.Placement.trainings),
            )
            .order_by(m.Placement.start_date)
        ).all()
        done_codes = {
            (p, c)
            for p, c in session.execute(
                select(m.FollowUp.placement_id, m.FollowUp.milestone_code).where(
                    m.FollowUp.youth_id == person.id, m.FollowUp.milestone_code.is_not(None)
                )
            )
        }
        labels: dict[tuple[uuid.UUID, str], str] = {}
        for p in placements:
            result.placements.append(_sheet(p, smic, today, notes_shown))
            for milestone in milestones_of(p):
                labels[(p.id, milestone.code)] = milestone.label
                done = (p.id, milestone.code) in done_codes
                d = deadline_of(milestone, p, person, p.employer, today, done)
                if d.state == OVERDUE or (d.state == TO_DO and d.due <= today + DUE_AHEAD):
                    result.due.append(DueLine(d.due, d.label, d.employer, d.state, d.code, p.id))
        employer_of = {p.id: p.employer.name for p in placements}
        for t in session.scalars(
            select(m.Training)
            .where(m.Training.youth_id == person.id)
            .order_by(m.Training.start_date)
        ):
            result.trainings.append(
                TrainingLine(
                    t.title,
                    TRAINING_KINDS.get(t.kind or "", ""),
                    t.organisation or "",
                    t.funder or "",
                    t.hours,
                    t.cost,
                    t.start_date,
                    t.end_date,
                    TRAINING_STATUSES.get(t.status, t.status),
                    " – ".join(x for x in (t.certification, t.rncp_code) if x),
                    employer_of.get(t.placement_id, "") if t.placement_id else "",
                )
            )
        for f in session.scalars(
            select(m.FollowUp)
            .where(m.FollowUp.youth_id == person.id)
            .options(selectinload(m.FollowUp.counsellor))
            .order_by(m.FollowUp.on)
        ):
            c = f.counsellor
            result.follow_ups.append(
                FollowUpLine(
                    f.on,
                    FOLLOW_UP_KINDS.get(f.kind, f.kind),
                    f"{c.first_name} {c.last_name}" if c else "",
                    labels.get((f.placement_id, f.milestone_code or ""), "")
                    if f.placement_id
                    else "",
                    # Marked whether or not there is a note: the server would not tell.
                    (f.notes or "") if notes_shown else sensitive.MASKED_NOTE,
                )
            )
        result.due.sort(key=lambda d: d.due)
    return result


def _sheet(p: m.Placement, smic, today: date, shown: bool) -> PlacementSheet:
    period = aid_period(p)
    months = (
        list(aid_by_month(*period, weekly_hours=p.weekly_hours, rate=p.aid_rate, smic=smic))
        if period and p.aid_rate is not None
        else []
    )
    done = {fold(t.commitment) for t in p.trainings if t.commitment and t.status in DONE_STATUSES}
    tutor = p.tutor
    return PlacementSheet(
        id=p.id,
        employer=p.employer.name,
        job_title=p.job_title,
        scheme=p.scheme.name if p.scheme else "Sans dispositif",
        contract=" ".join(x for x in (p.contract_type, p.contract_form) if x),
        start=p.start_date,
        planned_end=contract_end(p),
        renewals=[(r.start_date, r.end_date) for r in p.renewals],
        weekly_hours=p.weekly_hours,
        tutor=(
            " ".join(x for x in (tutor.first_name, tutor.last_name) if x)
            + (f" ({tutor.role})" if tutor.role else "")
            if tutor
            else ""
        ),
        aid_rate=p.aid_rate,
        aid_period=period,
        aid_total=sum((x.amount for x in months), Decimal(0)),
        aid_to_date=sum((x.amount for x in months if x.month <= today), Decimal(0)),
        actual_end=p.actual_end_date,
        end_reason=END_REASONS.get(p.end_reason or "", p.end_reason or ""),
        exit_outcome=EXIT_OUTCOMES.get(p.exit_outcome or "", p.exit_outcome or ""),
        commitments=list(p.commitments or []),
        commitments_met=[c for c in p.commitments or [] if fold(c) in done],
        qualification_target=p.qualification_target or "",
        override_justification=p.override_justification or "",
        overridden_rules=sensitive.rule_messages(
            [r.get("message", "") for r in p.overridden_rules or []], shown
        ),
        to_complete=[TO_COMPLETE_LABELS.get(k, k) for k in p.to_complete or []],
    )
