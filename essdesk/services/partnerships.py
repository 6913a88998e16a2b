"""Partnership agreements: create and edit them, their partners, axes, roadmap and committees."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.domain.governance import (
    OPEN_ACTION_STATUSES,
    Flag,
    ending_message,
    ends_soon,
    next_meeting_due,
)
from essdesk.domain.nomenclatures import (
    ACTION_STATUSES,
    GOVERNANCE_KINDS,
    GOVERNANCE_STATUSES,
    PARTNER_KINDS,
)
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.records import update_record
from essdesk.services.subjects import pick_subject


@dataclass(frozen=True)
class PartnershipSummary:
    """A partnership as a list or a picker shows it."""

    id: uuid.UUID
    title: str
    partner_name: str
    start_date: date | None
    end_date: date | None
    axes: int

    @property
    def label(self) -> str:
        if self.start_date and self.end_date:
            when = f"du {format_date(self.start_date)} au {format_date(self.end_date)}"
            return f"{self.title} ({when})"
        return self.title


def _required(value: str | None, label: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise EssDeskError(f"Le champ « {label} » est obligatoire.")
    return text


def _code(value: str, codes: dict[str, str], label: str) -> str:
    if value not in codes:
        allowed = ", ".join(codes.values())
        raise EssDeskError(f"{label} inconnu(e) : « {value} » (valeurs possibles : {allowed}).")
    return value


def _check_period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise EssDeskError(
            f"La fin ({format_date(end)}) précède le début ({format_date(start)}) de la convention."
        )


def create_partnership(
    db: Database,
    *,
    title: str,
    partner_name: str,
    signed_on: date | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    steering_per_year: int = 1,
    technical_per_year: int = 0,
    description: str | None = None,
    employer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record a new agreement; returns its id."""
    _check_period(start_date, end_date)
    if steering_per_year < 0 or technical_per_year < 0:
        raise EssDeskError("La fréquence attendue des comités ne peut pas être négative.")
    access.require_write(db, "partnerships")
    with db.transaction() as session:
        partnership = m.Partnership(
            title=_required(title, "Intitulé"),
            partner_name=_required(partner_name, "Partenaire principal"),
            signed_on=signed_on,
            start_date=start_date,
            end_date=end_date,
            steering_per_year=steering_per_year,
            technical_per_year=technical_per_year,
            description=description,
            employer_id=employer_id,
        )
        session.add(partnership)
        session.flush()
        return partnership.id


def update_partnership(
    db: Database, partnership_id: uuid.UUID, expected_version: int, **changes: Any
) -> int:
    """Save an edited agreement if nobody saved it since it was loaded; returns the new version."""
    _check_period(changes.get("start_date"), changes.get("end_date"))
    return update_record(db, m.Partnership, partnership_id, expected_version, **changes)


def _get(session, model, record_id, what: str):
    record = session.get(model, record_id)
    if record is None:
        raise EssDeskError(f"{what} n'existe pas (ou plus) dans la base.")
    return record


def add_partner(
    db: Database,
    partnership_id: uuid.UUID,
    name: str,
    kind: str = "network",
    *,
    employer_id: uuid.UUID | None = None,
    role: str | None = None,
) -> uuid.UUID:
    """A signatory or member: an employer (then also counted in the review), a network, a body."""
    access.require_write(db, "partnership_partners")
    with db.transaction() as session:
        _get(session, m.Partnership, partnership_id, "Cette convention")
        partner = m.PartnershipPartner(
            partnership_id=partnership_id,
            name=_required(name, "Partenaire"),
            kind=_code(kind, PARTNER_KINDS, "Type de partenaire"),
            employer_id=employer_id,
            role=role,
        )
        session.add(partner)
        if employer_id is not None:
            _link_employer(session, partnership_id, employer_id)
        session.flush()
        return partner.id


def add_axis(
    db: Database, partnership_id: uuid.UUID, title: str, description: str | None = None
) -> uuid.UUID:
    """A line of work, numbered after the existing ones."""
    access.require_write(db, "partnership_axes")
    with db.transaction() as session:
        _get(session, m.Partnership, partnership_id, "Cette convention")
        last = session.scalar(
            select(func.max(m.PartnershipAxis.position)).where(
                m.PartnershipAxis.partnership_id == partnership_id
            )
        )
        axis = m.PartnershipAxis(
            partnership_id=partnership_id,
            position=(last or 0) + 1,
            title=_required(title, "Axe"),
            description=description,
        )
        session.add(axis)
        session.flush()
        return axis.id


def add_action(
    db: Database,
    axis_id: uuid.UUID,
    title: str,
    *,
    year: int | None = None,
    target: str | None = None,
    indicator: str | None = None,
    owner: str | None = None,
    due_date: date | None = None,
    status: str = "planned",
) -> uuid.UUID:
    """An action of the axis' yearly roadmap."""
    access.require_write(db, "partnership_actions")
    with db.transaction() as session:
        _get(session, m.PartnershipAxis, axis_id, "Cet axe")
        action = m.PartnershipAction(
            axis_id=axis_id,
            title=_required(title, "Action"),
            year=year or (due_date.year if due_date else None),
            target=target,
            indicator=indicator,
            owner=owner,
            due_date=due_date,
            status=_code(status, ACTION_STATUSES, "Statut d'action"),
        )
        session.add(action)
        session.flush()
        return action.id


def set_action_status(db: Database, action_id: uuid.UUID, status: str) -> None:
    access.require_write(db, "partnership_actions")
    with db.transaction() as session:
        action = _get(session, m.PartnershipAction, action_id, "Cette action")
        action.status = _code(status, ACTION_STATUSES, "Statut d'action")


def record_meeting(
    db: Database,
    partnership_id: uuid.UUID,
    kind: str,
    held_on: date,
    *,
    status: str = "held",
    attendees: str | None = None,
    minutes: str | None = None,
    minutes_file: str | None = None,
) -> uuid.UUID:
    """A governance meeting, held or planned, with its attendees and minutes (text and file)."""
    access.require_write(db, "partnership_meetings")
    with db.transaction() as session:
        _get(session, m.Partnership, partnership_id, "Cette convention")
        meeting = m.PartnershipMeeting(
            partnership_id=partnership_id,
            kind=_code(kind, GOVERNANCE_KINDS, "Instance"),
            held_on=held_on,
            status=_code(status, GOVERNANCE_STATUSES, "Statut de réunion"),
            attendees=attendees,
            minutes=minutes,
            minutes_file=minutes_file,
        )
        session.add(meeting)
        session.flush()
        return meeting.id


def _link_employer(session, partnership_id: uuid.UUID, employer_id: uuid.UUID) -> None:
    exists = session.scalar(
        select(m.PartnershipEmployer.id).where(
            m.PartnershipEmployer.partnership_id == partnership_id,
            m.PartnershipEmployer.employer_id == employer_id,
        )
    )
    if exists is None:
        _get(session, m.Employer, employer_id, "Cet employeur")
        session.add(m.PartnershipEmployer(partnership_id=partnership_id, employer_id=employer_id))


def link_employer(db: Database, partnership_id: uuid.UUID, employer_id: uuid.UUID) -> None:
    """Cover an employer by the agreement: its offers and hires count in the review."""
    access.require_write(db, "partnership_employers")
    with db.transaction() as session:
        _get(session, m.Partnership, partnership_id, "Cette convention")
        _link_employer(session, partnership_id, employer_id)


def link_event(db: Database, partnership_id: uuid.UUID, event_id: uuid.UUID) -> None:
    """An event co-organised under the agreement (linking twice changes nothing)."""
    access.require_write(db, "partnership_events")
    with db.transaction() as session:
        _get(session, m.Partnership, partnership_id, "Cette convention")
        _get(session, m.Event, event_id, "Cet événement")
        exists = session.scalar(
            select(m.PartnershipEvent.id).where(
                m.PartnershipEvent.partnership_id == partnership_id,
                m.PartnershipEvent.event_id == event_id,
            )
        )
        if exists is None:
            session.add(m.PartnershipEvent(partnership_id=partnership_id, event_id=event_id))


def list_partnerships(db: Database) -> list[PartnershipSummary]:
    """Every agreement, the most recent first."""
    axes = (
        select(func.count(m.PartnershipAxis.id))
        .where(m.PartnershipAxis.partnership_id == m.Partnership.id)
        .scalar_subquery()
    )
    query = select(m.Partnership, axes).order_by(
        m.Partnership.start_date.desc().nulls_last(), m.Partnership.title
    )
    with db.session() as session:
        return [
            PartnershipSummary(p.id, p.title, p.partner_name, p.start_date, p.end_date, n)
            for p, n in session.execute(query)
        ]


def find_partnership(db: Database, key: str | None = None) -> PartnershipSummary:
    """The agreement named by its id or (part of) its title; the latest one when `key` is empty."""
    return pick_subject(
        list_partnerships(db),
        key,
        noun="partenariat",
        none_message="La base ne contient aucune convention de partenariat.",
    )


def partnership_flags(db: Database, today: date | None = None) -> list[Flag]:
    """What the dashboard flags: committees and actions overdue, agreements ending within 3 months."""
    today = today or date.today()
    flags: list[Flag] = []
    with db.session() as session:
        running = select(m.Partnership).where(
            (m.Partnership.end_date.is_(None)) | (m.Partnership.end_date >= today)
        )
        for p in session.scalars(running):
            if ends_soon(p.end_date, today):
                flags.append(
                    Flag(
                        p.id, p.title, "ending_soon", p.end_date, ending_message(p.end_date, today)
                    )
                )
            if p.start_date and p.start_date > today:
                continue
            flags += _meeting_flags(session, p, today)
        overdue = (
            select(m.PartnershipAction, m.Partnership.id, m.Partnership.title)
            .join(m.PartnershipAxis, m.PartnershipAction.axis_id == m.PartnershipAxis.id)
            .join(m.Partnership, m.PartnershipAxis.partnership_id == m.Partnership.id)
            .where(m.PartnershipAction.due_date < today)
            .where(m.PartnershipAction.status.in_(OPEN_ACTION_STATUSES))
        )
        for action, pid, title in session.execute(overdue):
            message = (
                f"Action « {action.title} » en retard : prévue pour le "
                f"{format_date(action.due_date)}, statut « {ACTION_STATUSES[action.status]} »."
            )
            flags.append(Flag(pid, title, "action_overdue", action.due_date, message))
    return sorted(flags, key=lambda f: (f.due, f.partnership_title))


def _meeting_flags(session, p: m.Partnership, today: date) -> list[Flag]:
    flags = []
    meetings = list(
        session.scalars(
            select(m.PartnershipMeeting).where(m.PartnershipMeeting.partnership_id == p.id)
        )
    )
    for meeting in meetings:
        if meeting.status == "planned" and meeting.held_on < today:
            name = GOVERNANCE_KINDS[meeting.kind]
            message = (
                f"{name} prévu le {format_date(meeting.held_on)} : marquez-le tenu (avec son "
                "compte rendu) ou annulé."
            )
            flags.append(Flag(p.id, p.title, "meeting_overdue", meeting.held_on, message))
    for kind, per_year in (("steering", p.steering_per_year), ("technical", p.technical_per_year)):
        held = [x.held_on for x in meetings if x.kind == kind and x.status == "held"]
        planned = [
            x for x in meetings if x.kind == kind and x.status == "planned" and x.held_on >= today
        ]
        due = next_meeting_due(per_year, max(held, default=None), p.start_date or p.signed_on)
        if due is not None and due < today and not planned:
            name = GOVERNANCE_KINDS[kind]
            frequency = "une fois" if per_year == 1 else f"{per_year} fois"
            message = (
                f"{name} attendu depuis le {format_date(due)} ({frequency} par an selon la "
                "convention) : aucun n'est tenu ni programmé."
            )
            flags.append(Flag(p.id, p.title, "meeting_overdue", due, message))
    return flags
