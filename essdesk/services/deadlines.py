"""What is due for the hires the agency follows: follow-ups, reviews, certificates, ends of aid."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.domain.milestones import (
    DONE,
    MISSED,
    OVERDUE,
    TO_DO,
    Milestone,
    milestone_state,
    placement_milestones,
)
from essdesk.services import access
from essdesk.services.placements.common import (
    RenewalView,
    SchemeView,
    aid_end,
    contract_end,
    domain_scheme,
    renewals_by_placement,
)
from essdesk.services.placements.csv_files import write_csv_atomically

DEADLINE_COLUMNS = ("Nom", "Prénom", "Employeur", "Échéance", "Date", "État")
_BATCH = 500


@dataclass(frozen=True)
class Deadline:
    due: date
    label: str
    youth: str
    employer: str
    scheme: str
    overdue: bool = False  # an action due before the reference day and not recorded as done
    state: str = TO_DO
    code: str = ""
    placement_id: uuid.UUID | None = None  # a deadline row opens its placement
    youth_id: uuid.UUID | None = None
    last_name: str = ""
    first_name: str = ""
    action: bool = True
    referent_id: uuid.UUID | None = None  # the young person's counsellor


def deadlines(
    db: Database,
    first: date,
    last: date,
    *,
    today: date | None = None,
    counsellor_id: uuid.UUID | None = None,
) -> Iterator[Deadline]:
    """Milestones due from `first` to `last` (inclusive), by placement then date.

    `counsellor_id` keeps the young people that counsellor is the referent of. The state of
    each is seen from `today`: « fait » when a follow-up was recorded against it.
    """
    access.require_read(db, "placements")  # names young people and their contracts
    today = today or date.today()
    # Plain columns, not ORM objects: the dashboard goes through every running placement.
    query = (
        select(
            m.Placement.id,
            m.Placement.start_date,
            m.Placement.end_date,
            m.Placement.aid_end,
            m.Placement.actual_end_date,
            m.Scheme.code,
            m.Scheme.name,
            m.Youth.id,
            m.Youth.last_name,
            m.Youth.first_name,
            m.Youth.referent_id,
            m.Employer.name,
        )
        .join(m.Youth, m.Placement.youth_id == m.Youth.id)
        .join(m.Employer, m.Placement.employer_id == m.Employer.id)
        .outerjoin(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
        .where(
            m.Placement.start_date <= last,
            or_(
                m.Placement.end_date.is_(None),
                m.Placement.end_date >= first,
                m.Placement.renewals.any(),
            ),
        )
        .order_by(m.Youth.last_name, m.Youth.first_name, m.Placement.start_date, m.Placement.id)
        .execution_options(yield_per=_BATCH)
    )
    if counsellor_id is not None:
        query = query.where(m.Youth.referent_id == counsellor_id)
    with db.session() as session:
        for batch in session.execute(query).partitions():
            ids = [row[0] for row in batch]
            done = _done_codes(session, ids)
            renewals = renewals_by_placement(session, ids)
            for row in batch:
                placement = _PlacementView(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    SchemeView(row[5], row[6]) if row[5] else None,
                    renewals.get(row[0], []),
                )
                youth = _YouthView(row[7], row[8], row[9], row[10])
                employer = _EmployerView(row[11])
                for milestone in milestones_of(placement):
                    if first <= milestone.due <= last:
                        yield deadline_of(
                            milestone,
                            placement,
                            youth,
                            employer,
                            today,
                            (placement.id, milestone.code) in done,
                        )


@dataclass(frozen=True, slots=True)
class _PlacementView:
    """The columns of a placement the milestones need (duck-types m.Placement for them)."""

    id: uuid.UUID
    start_date: date
    end_date: date | None
    aid_end: date | None
    actual_end_date: date | None
    scheme: SchemeView | None
    renewals: list[RenewalView]


@dataclass(frozen=True, slots=True)
class _YouthView:
    id: uuid.UUID
    last_name: str
    first_name: str
    referent_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class _EmployerView:
    name: str


def milestones_of(placement) -> list[Milestone]:
    """A placement's milestones from its scheme's rules at signature (renewals loaded)."""
    scheme = domain_scheme(placement.scheme)
    found = placement_milestones(
        scheme.rules_on(placement.start_date),
        start=placement.start_date,
        contract_end=contract_end(placement),
        aid_end=aid_end(placement),
    )
    if placement.actual_end_date is not None:  # ended early: later steps no longer apply
        found = [x for x in found if x.due <= placement.actual_end_date]
    return found


def _done_codes(session, placement_ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, str]]:
    rows = session.execute(
        select(m.FollowUp.placement_id, m.FollowUp.milestone_code).where(
            m.FollowUp.placement_id.in_(placement_ids), m.FollowUp.milestone_code.is_not(None)
        )
    )
    return {(p, c) for p, c in rows}


def deadline_of(milestone, placement, youth, employer, today: date, done: bool) -> Deadline:
    """A milestone of a placement as a deadline, with its state seen from `today`."""
    ended_on = placement.actual_end_date or contract_end(placement)
    state = milestone_state(milestone, today=today, done=done, ended_on=ended_on)
    return Deadline(
        milestone.due,
        milestone.label,
        f"{youth.first_name} {youth.last_name}",
        employer.name,
        placement.scheme.name if placement.scheme is not None else "",
        state == OVERDUE,
        state,
        milestone.code,
        placement.id,
        youth.id,
        youth.last_name,
        youth.first_name,
        milestone.action,
        youth.referent_id,
    )


def upcoming_deadlines(
    db: Database,
    *,
    today: date | None = None,
    ahead_days: int = 90,
    behind_days: int = 30,
    counsellor_id: uuid.UUID | None = None,
) -> list[Deadline]:
    """Milestones due in the next `ahead_days` and those missed in the last `behind_days`.

    A missed review is still to do while the contract runs; a contract that ended is no longer
    news, nor what it missed (« non réalisée »); what was recorded as done is not listed.
    """
    today = today or date.today()
    start, end = today - timedelta(days=behind_days), today + timedelta(days=ahead_days)
    found = [
        d
        for d in deadlines(db, start, end, today=today, counsellor_id=counsellor_id)
        if d.state not in (DONE, MISSED) and (d.action or d.due >= today)
    ]
    return sorted(found, key=lambda d: (d.due, d.youth, d.code))


@dataclass(frozen=True)
class DeadlineCounts:
    due: int  # to do in the window ahead
    overdue: int

    @property
    def total(self) -> int:
        return self.due + self.overdue


def deadline_counts(
    db: Database,
    *,
    today: date | None = None,
    ahead_days: int = 30,
    behind_days: int = 365,
    counsellor_id: uuid.UUID | None = None,
) -> DeadlineCounts:
    """How many actions are due soon and how many are overdue (the dashboard's figures)."""
    found = upcoming_deadlines(
        db,
        today=today,
        ahead_days=ahead_days,
        behind_days=behind_days,
        counsellor_id=counsellor_id,
    )
    overdue = sum(1 for d in found if d.state == OVERDUE)
    due = sum(1 for d in found if d.state == TO_DO)
    return DeadlineCounts(due, overdue)


def export_deadlines(
    db: Database,
    first: date,
    last: date,
    path: str | Path,
    *,
    today: date | None = None,
    counsellor_id: uuid.UUID | None = None,
) -> dict[str, int]:
    """Write `Nom;Prénom;Employeur;Échéance;Date;État`; the count of each state."""
    actor = access.require(db, "youth.export", "placements")  # names leave the base: traced
    counts: dict[str, int] = {}

    def rows():
        for d in deadlines(db, first, last, today=today, counsellor_id=counsellor_id):
            counts[d.state] = counts.get(d.state, 0) + 1
            yield (d.last_name, d.first_name, d.employer, d.label, d.due, d.state)

    count = write_csv_atomically(path, DEADLINE_COLUMNS, rows())
    access.trace_now(
        db,
        actor,
        "export",
        "placements",
        detail=f"échéances : {format_count(count, 'ligne')} vers {Path(path).name}",
    )
    return counts


def deadline_counts_by_counsellor(
    db: Database, *, today: date | None = None, ahead_days: int = 30, behind_days: int = 365
) -> dict[uuid.UUID | None, DeadlineCounts]:
    """Due and overdue actions per referent counsellor (None: young people without one)."""
    due: dict[uuid.UUID | None, list[int]] = {}
    for d in upcoming_deadlines(db, today=today, ahead_days=ahead_days, behind_days=behind_days):
        if d.state in (TO_DO, OVERDUE):
            counts = due.setdefault(d.referent_id, [0, 0])
            counts[d.state == OVERDUE] += 1
    return {who: DeadlineCounts(c[0], c[1]) for who, c in due.items()}


def due_by_week(
    db: Database,
    *,
    today: date | None = None,
    weeks: int = 12,
    counsellor_id: uuid.UUID | None = None,
) -> list[tuple[date, int]]:
    """Actions to do per week (Monday first) over the next `weeks` weeks: the dashboard chart."""
    today = today or date.today()
    monday = today - timedelta(days=today.weekday())
    counts = [0] * weeks
    for d in deadlines(
        db,
        today,
        monday + timedelta(weeks=weeks) - timedelta(days=1),
        today=today,
        counsellor_id=counsellor_id,
    ):
        if d.state == TO_DO:
            counts[(d.due - monday).days // 7] += 1
    return [(monday + timedelta(weeks=n), counts[n]) for n in range(weeks)]
