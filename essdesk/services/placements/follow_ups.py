"""Follow-ups recorded against a placement's milestones, and a counsellor's calendar (.ics)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.domain.schemes.pathway import FOLLOW_UP_KINDS
from essdesk.errors import EssDeskError, os_reason
from essdesk.services import access, sensitive
from essdesk.services.placements.common import get

CALENDAR_NAMESPACE = uuid.UUID("5d7c3e0a-4a4b-4f2e-9a7d-1d3c2b9e6f10")  # stable event UIDs


@dataclass
class FollowUpInput:
    youth_id: uuid.UUID
    on: date
    kind: str = "suivi"  # FOLLOW_UP_KINDS
    placement_id: uuid.UUID | None = None
    counsellor_id: uuid.UUID | None = None
    milestone_code: str | None = None  # the milestone it meets (domain.milestones codes)
    notes: str | None = None
    start_time: time | None = None
    duration_minutes: int | None = None


def record_follow_up(db: Database, data: FollowUpInput) -> uuid.UUID:
    """Record a follow-up (done, or planned when dated in the future)."""
    access.require_write(db, "follow_ups")
    if data.kind not in FOLLOW_UP_KINDS:
        raise EssDeskError(f"Type de suivi « {data.kind} » inconnu.")
    if data.milestone_code and data.placement_id is None:
        raise EssDeskError("Une échéance se rattache à un contrat : choisissez-le.")
    if data.duration_minutes is not None and not 0 < data.duration_minutes <= 600:
        raise EssDeskError("Durée d'entretien impossible (1 à 600 minutes).")
    with db.transaction() as session:
        get(session, m.Youth, data.youth_id, "Jeune")
        if data.placement_id is not None:
            placement = get(session, m.Placement, data.placement_id, "Contrat")
            if placement.youth_id != data.youth_id:
                raise EssDeskError("Ce contrat est celui d'un autre jeune.")
        if data.counsellor_id is not None:
            get(session, m.Counsellor, data.counsellor_id, "Conseiller")
        follow_up = m.FollowUp(**data.__dict__)
        session.add(follow_up)
        session.flush()
        return follow_up.id


def export_calendar(
    db: Database, counsellor_id: uuid.UUID, path: str | Path, *, since: date | None = None
) -> int:
    """Write a counsellor's follow-up meetings as an .ics calendar (Outlook, Thunderbird).

    Meetings without a time are all-day events. Returns the number of events written.
    """
    # Names and notes leave the base for another program: a personal export, traced.
    actor = access.require(db, "youth.export", "follow_ups")
    rights = sensitive.current(db)
    with db.session() as session:
        counsellor = get(session, m.Counsellor, counsellor_id, "Conseiller")
        query = (
            select(m.FollowUp, m.Youth)
            .join(m.Youth, m.FollowUp.youth_id == m.Youth.id)
            .where(m.FollowUp.counsellor_id == counsellor_id)
            .order_by(m.FollowUp.on)
        )
        if since is not None:
            query = query.where(m.FollowUp.on >= since)
        from icalendar import Calendar, Event  # only for the export (slow to import)

        calendar = Calendar()
        calendar.add("prodid", "-//ESS Desk//Suivis//FR")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", f"Suivis de {counsellor.first_name} {counsellor.last_name}")
        count = 0
        for follow_up, youth in session.execute(query):
            event = Event()
            event.add("uid", f"{uuid.uuid5(CALENDAR_NAMESPACE, str(follow_up.id))}@essdesk")
            kind = FOLLOW_UP_KINDS.get(follow_up.kind, follow_up.kind)
            event.add("summary", f"{kind} – {youth.first_name} {youth.last_name}")
            if follow_up.start_time is not None:
                begin = datetime.combine(follow_up.on, follow_up.start_time)
                event.add("dtstart", begin)
                event.add("dtend", begin + timedelta(minutes=follow_up.duration_minutes or 60))
            else:
                event.add("dtstart", follow_up.on)
                event.add("dtend", follow_up.on + timedelta(days=1))
            if follow_up.notes and rights.allows(None if rights.sees_all else youth.referent_id):
                event.add("description", follow_up.notes)
            event.add("dtstamp", follow_up.updated_at)
            calendar.add_component(event)
            count += 1
    try:
        Path(path).write_bytes(calendar.to_ical())
    except OSError as error:
        raise EssDeskError(f"Impossible d'écrire « {path} » : {os_reason(error)}.") from error
    access.trace_now(
        db,
        actor,
        "export",
        "follow_ups",
        detail=f"agenda : {format_count(count, 'suivi')} vers {Path(path).name}",
    )
    return count
