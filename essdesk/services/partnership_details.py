"""One partnership as its editor shows it, and the edits the editor makes beyond creation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.nomenclatures import ACTION_STATUSES, GOVERNANCE_KINDS, GOVERNANCE_STATUSES
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.lookup import get_or_gone


@dataclass(frozen=True)
class ActionRow:
    id: uuid.UUID
    title: str
    year: int | None
    target: str
    indicator: str
    owner: str
    due_date: date | None
    status: str


@dataclass(frozen=True)
class AxisRow:
    id: uuid.UUID
    position: int
    title: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class MeetingRow:
    id: uuid.UUID
    kind: str
    held_on: date
    status: str
    attendees: str
    minutes: str
    minutes_file: str


@dataclass(frozen=True)
class LinkRow:
    """A partner, a linked event or a covered employer: what the editor lists of it."""

    id: uuid.UUID
    label: str
    detail: str = ""
    target_id: uuid.UUID | None = None  # the event or employer linked
    role: str = ""  # a partner's role in the agreement (signataire, financeur…)


@dataclass(frozen=True)
class PartnershipDetail:
    id: uuid.UUID
    version: int
    title: str
    partner_name: str
    signed_on: date | None
    start_date: date | None
    end_date: date | None
    steering_per_year: int
    technical_per_year: int
    description: str
    partners: tuple[LinkRow, ...] = ()
    axes: tuple[AxisRow, ...] = ()
    meetings: tuple[MeetingRow, ...] = ()
    events: tuple[LinkRow, ...] = ()
    employers: tuple[LinkRow, ...] = field(default_factory=tuple)


def load_partnership(db: Database, partnership_id: uuid.UUID) -> PartnershipDetail:
    """The agreement with its partners, axes and actions, meetings, events and employers."""
    access.require_read(db, "partnerships")
    with db.session() as session:
        p = get_or_gone(session, m.Partnership, partnership_id, "Cette convention")
        axes = tuple(
            AxisRow(
                axis.id,
                axis.position,
                axis.title,
                tuple(
                    ActionRow(
                        a.id,
                        a.title,
                        a.year,
                        a.target or "",
                        a.indicator or "",
                        a.owner or "",
                        a.due_date,
                        a.status,
                    )  # fmt: skip
                    for a in axis.actions
                ),
            )
            for axis in p.axes
        )
        meetings = tuple(
            MeetingRow(
                x.id,
                x.kind,
                x.held_on,
                x.status,
                x.attendees or "",
                x.minutes or "",
                x.minutes_file or "",
            )  # fmt: skip
            for x in p.meetings
        )
        partners = tuple(
            LinkRow(x.id, x.name, x.kind, x.employer_id, x.role or "") for x in p.partners
        )  # kind code in detail
        events = tuple(
            LinkRow(link_id, title, start.strftime("%d/%m/%Y"), event_id)
            for link_id, event_id, title, start in session.execute(
                select(m.PartnershipEvent.id, m.Event.id, m.Event.title, m.Event.start_date)
                .join(m.Event, m.PartnershipEvent.event_id == m.Event.id)
                .where(m.PartnershipEvent.partnership_id == p.id)
                .order_by(m.Event.start_date)
            )
        )
        employers = tuple(
            LinkRow(link_id, name, commune or "", employer_id)
            for link_id, employer_id, name, commune in session.execute(
                select(m.PartnershipEmployer.id, m.Employer.id, m.Employer.name, m.Employer.commune)
                .join(m.Employer, m.PartnershipEmployer.employer_id == m.Employer.id)
                .where(m.PartnershipEmployer.partnership_id == p.id)
                .order_by(m.Employer.name)
            )
        )
        return PartnershipDetail(
            p.id, p.version, p.title, p.partner_name, p.signed_on, p.start_date, p.end_date,
            p.steering_per_year, p.technical_per_year, p.description or "", partners, axes,
            meetings, events, employers,
        )  # fmt: skip


def _code(value: str, codes: dict[str, str], label: str) -> str:
    if value not in codes:
        raise EssDeskError(f"{label} inconnu(e) : « {value} ».")
    return value


def update_action(db: Database, action_id: uuid.UUID, **changes) -> None:
    """Change an action of the roadmap (title, target, indicator, owner, due date, status)."""
    allowed = {"title", "year", "target", "indicator", "owner", "due_date", "status"}
    unknown = set(changes) - allowed
    if unknown:
        raise EssDeskError(f"Champ inconnu : {', '.join(sorted(unknown))}.")
    if "status" in changes:
        _code(changes["status"], ACTION_STATUSES, "Statut d'action")
    if "title" in changes and not " ".join((changes["title"] or "").split()):
        raise EssDeskError("Le champ « Action » est obligatoire.")
    access.require_write(db, "partnership_actions", action_id)
    with db.transaction() as session:
        action = get_or_gone(session, m.PartnershipAction, action_id, "Cette action")
        for name, value in changes.items():
            setattr(action, name, value)
        if changes.get("due_date") and "year" not in changes:
            action.year = changes["due_date"].year


def update_meeting(db: Database, meeting_id: uuid.UUID, **changes) -> None:
    """Change a governance meeting: held or cancelled, its date, attendees, minutes."""
    allowed = {"kind", "held_on", "status", "attendees", "minutes"}
    unknown = set(changes) - allowed
    if unknown:
        raise EssDeskError(f"Champ inconnu : {', '.join(sorted(unknown))}.")
    if "kind" in changes:
        _code(changes["kind"], GOVERNANCE_KINDS, "Instance")
    if "status" in changes:
        _code(changes["status"], GOVERNANCE_STATUSES, "Statut de réunion")
    access.require_write(db, "partnership_meetings", meeting_id)
    with db.transaction() as session:
        meeting = get_or_gone(session, m.PartnershipMeeting, meeting_id, "Cette réunion")
        for name, value in changes.items():
            setattr(meeting, name, value)


def set_minutes_file(db: Database, meeting_id: uuid.UUID, stored_path: str | None) -> None:
    """Record where the minutes' copy lies (see services/attachments.py)."""
    access.require_write(db, "partnership_meetings", meeting_id)
    with db.transaction() as session:
        meeting = get_or_gone(session, m.PartnershipMeeting, meeting_id, "Cette réunion")
        meeting.minutes_file = stored_path


# Rows the editor removes; the table names are those of TABLE_ACCESS.
_REMOVABLE = {
    "action": (m.PartnershipAction, "Cette action"),
    "axis": (m.PartnershipAxis, "Cet axe"),
    "meeting": (m.PartnershipMeeting, "Cette réunion"),
    "partner": (m.PartnershipPartner, "Ce partenaire"),
    "event": (m.PartnershipEvent, "Ce lien vers un événement"),
    "employer": (m.PartnershipEmployer, "Ce lien vers un employeur"),
}


def remove_item(db: Database, what: str, item_id: uuid.UUID) -> None:
    """Remove an action, an axis (with its actions), a meeting, a partner or a link."""
    model, label = _REMOVABLE[what]
    access.require_write(db, model.__tablename__, item_id)
    with db.transaction() as session:
        # An axis' actions go with it through the ORM cascade, so the trail records each one.
        session.delete(get_or_gone(session, model, item_id, label))


def delete_partnership(db: Database, partnership_id: uuid.UUID, expected_version: int) -> None:
    """Delete an agreement and what belongs to it; its mentoring pairs stay, unlinked."""
    access.require_write(db, "partnerships", partnership_id)
    with db.transaction() as session:
        p = get_or_gone(session, m.Partnership, partnership_id, "Cette convention")
        if p.version != expected_version:
            raise EssDeskError(
                "Cette convention a été modifiée entre-temps : rechargez-la avant de la supprimer."
            )
        for model in (m.PartnershipEvent, m.PartnershipEmployer):
            for link in session.scalars(select(model).where(model.partnership_id == p.id)):
                session.delete(link)
        for pair in session.scalars(
            select(m.Mentorship).where(m.Mentorship.partnership_id == p.id)
        ):
            pair.partnership_id = None
        session.delete(p)  # axes, actions, partners and meetings follow by the ORM cascade
