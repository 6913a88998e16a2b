"""Figures of the event report: sessions, attendance, attendees' profile, speed-meeting outcomes."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.nomenclatures import OLD_TO_NEW_LEVEL
from essdesk.domain.scheduling.outcomes import meeting_held
from essdesk.errors import EssDeskError
from essdesk.reports.event_report_data import (
    OUTCOME_FIELDS,
    Breakdown,
    EventReportData,
    RecruiterOutcomes,
    SessionFigures,
    SpeedMeetingFigures,
    YouthProfile,
)

# Session formats stored in EventSession.format (see demo_catalogue.WEEK_SESSIONS).
SESSION_FORMATS = {
    "workshop": "Atelier", "testimony": "Témoignage", "speed_meeting": "Speed meeting",
    "forum": "Forum", "visit": "Visite",
}  # fmt: skip
AUDIENCES = {"CEJ": "Jeunes en CEJ", "staff": "Équipe de la structure"}
ALL_AUDIENCES = "Tout public"

# The 2019 levels, with the 1969 level or the diploma a reader recognises.
LEVEL_LABELS = {
    1: "Niveau 1 (ex-VI)", 2: "Niveau 2 (ex-Vbis)", 3: "Niveau 3 (CAP, BEP)", 4: "Niveau 4 (bac)",
    5: "Niveau 5 (bac+2)", 6: "Niveau 6 (bac+3/4)", 7: "Niveau 7 (bac+5)", 8: "Niveau 8 (doctorat)",
}  # fmt: skip
UNKNOWN_LEVEL = "Non renseigné"
UNKNOWN_COMMUNE = "Non renseignée"


@dataclass(frozen=True)
class EventSummary:
    """An event as a picker shows it."""

    id: uuid.UUID
    title: str
    start_date: date
    end_date: date | None
    place: str | None
    sessions: int

    @property
    def label(self) -> str:
        start = self.start_date.strftime("%d/%m/%Y")
        if self.end_date and self.end_date != self.start_date:
            return f"{self.title} (du {start} au {self.end_date.strftime('%d/%m/%Y')})"
        return f"{self.title} ({start})"


def list_events(db: Database) -> list[EventSummary]:
    """Every event, the most recent first."""
    count = (
        select(func.count(m.EventSession.id))
        .where(m.EventSession.event_id == m.Event.id)
        .scalar_subquery()
    )
    query = select(m.Event, count).order_by(m.Event.start_date.desc(), m.Event.created_at.desc())
    with db.session() as session:
        return [
            EventSummary(e.id, e.title, e.start_date, e.end_date, e.place, n)
            for e, n in session.execute(query)
        ]


def find_event(db: Database, key: str | None = None) -> EventSummary:
    """The event named by its id or (part of) its title; the latest one when `key` is empty."""
    events = list_events(db)
    if not events:
        raise EssDeskError("La base ne contient aucun événement.")
    key = (key or "").strip()
    if not key:
        return events[0]
    try:
        wanted = uuid.UUID(key)
    except ValueError:
        wanted = None
    if wanted is not None:
        matches = [e for e in events if e.id == wanted]
    else:
        folded = key.casefold()
        matches = [e for e in events if e.title.casefold() == folded] or [
            e for e in events if folded in e.title.casefold()
        ]
    if not matches:
        raise EssDeskError(f"Aucun événement ne correspond à « {key} ».")
    if len(matches) > 1:
        names = " ; ".join(f"{e.label} [{e.id}]" for e in matches[:5])
        raise EssDeskError(
            f"Plusieurs événements correspondent à « {key} » : {names}. Précisez l'identifiant."
        )
    return matches[0]


def event_report_data(db: Database, event_id: uuid.UUID | str) -> EventReportData:
    """Read the event, its sessions, attendance and speed meetings; French error if unknown."""
    if isinstance(event_id, str):
        try:
            event_id = uuid.UUID(event_id)
        except ValueError as error:
            raise EssDeskError(f"Identifiant d'événement invalide : « {event_id} ».") from error
    with db.session() as session:
        event = session.get(m.Event, event_id)
        if event is None:
            raise EssDeskError("Cet événement n'existe pas (ou plus) dans la base.")
        sessions = list(event.sessions)
        in_event = m.EventSession.event_id == event.id
        on_session = m.Attendance.session_id == m.EventSession.id
        attendances = list(
            session.scalars(select(m.Attendance).join(m.EventSession, on_session).where(in_event))
        )
        youths = {
            y.id: y
            for y in session.scalars(
                select(m.Youth)
                .join(m.Attendance, m.Attendance.youth_id == m.Youth.id)
                .join(m.EventSession, on_session)
                .where(in_event)
                .distinct()
            )
        }
        speed_meetings = session.scalars(
            select(m.SpeedMeeting)
            .join(m.EventSession, m.SpeedMeeting.event_session_id == m.EventSession.id)
            .where(in_event)
            .order_by(m.SpeedMeeting.created_at)
            .options(
                selectinload(m.SpeedMeeting.recruiters),
                selectinload(m.SpeedMeeting.meetings),
                selectinload(m.SpeedMeeting.candidates).selectinload(
                    m.SpeedMeetingCandidate.wishes
                ),
            )
        ).all()
        titles = {s.id: s.title for s in sessions}
        return EventReportData(
            title=event.title,
            kind=event.kind,
            start_date=event.start_date,
            end_date=event.end_date,
            place=event.place,
            description=event.description,
            sessions=tuple(_session_figures(s, attendances) for s in sessions),
            profile=_profile(attendances, youths),
            speed_meetings=tuple(
                _speed_meeting_figures(sm, titles.get(sm.event_session_id, ""))
                for sm in speed_meetings
            ),
        )


def _session_figures(session: m.EventSession, attendances: list[m.Attendance]) -> SessionFigures:
    statuses = Counter(a.status for a in attendances if a.session_id == session.id)
    return SessionFigures(
        title=session.title,
        format_code=session.format,
        format_label=SESSION_FORMATS.get(session.format, session.format),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room=session.room,
        capacity=session.capacity,
        audience=AUDIENCES.get(session.audience or "", session.audience or ALL_AUDIENCES),
        registered=statuses.total(),
        present=statuses["present"],
        absent=statuses["absent"],
    )


def _level(youth: m.Youth) -> int | None:
    if youth.qualification_level_new is not None:
        return youth.qualification_level_new
    return OLD_TO_NEW_LEVEL.get(youth.qualification_level_old or "")


def _profile(attendances: list[m.Attendance], youths: dict[uuid.UUID, m.Youth]) -> YouthProfile:
    # Before presence is taken the sheet only holds registrations: profile those, and say so.
    basis = "present" if any(a.status == "present" for a in attendances) else "registered"
    kept = [a for a in attendances if a.status == basis]
    people = [youths[i] for i in {a.youth_id for a in kept if a.youth_id in youths}]
    walk_ins = {" ".join(a.walk_in_name.split()).casefold() for a in kept if a.walk_in_name}
    walk_ins -= {""}
    levels = Counter(_level(y) for y in people)
    by_level = [
        Breakdown(LEVEL_LABELS.get(k, f"Niveau {k}"), levels[k])
        for k in sorted(k for k in levels if k is not None)
    ]
    if levels[None]:
        by_level.append(Breakdown(UNKNOWN_LEVEL, levels[None]))
    communes = Counter((y.commune or "").strip() or UNKNOWN_COMMUNE for y in people)
    by_commune = sorted(communes.items(), key=lambda item: (-item[1], item[0]))
    return YouthProfile(
        basis=basis,
        youths=len(people),
        walk_ins=sum(1 for a in kept if a.youth_id is None and not a.walk_in_name) + len(walk_ins),
        qpv=sum(1 for y in people if y.qpv),
        rural_zone=sum(1 for y in people if y.rural_zone),
        rqth=sum(1 for y in people if y.rqth),
        by_level=tuple(by_level),
        by_commune=tuple(Breakdown(label, count) for label, count in by_commune),
    )


def _rounds_open(recruiter: m.SpeedMeetingRecruiter, rounds: int) -> int:
    first = max(1, recruiter.available_from or 1)
    last = min(rounds, recruiter.available_to or rounds)
    return max(0, last - first + 1)


def _speed_meeting_figures(speed: m.SpeedMeeting, session_title: str) -> SpeedMeetingFigures:
    no_show = {c.id for c in speed.candidates if c.attendance == "no_show"}
    away = {r.id for r in speed.recruiters if not r.present}
    held_meetings = [
        mt
        for mt in speed.meetings
        if meeting_held(
            mt.outcome,
            candidate_no_show=mt.candidate_id in no_show,
            recruiter_absent=mt.recruiter_id in away,
            round_=mt.round,
            rounds_played_before=speed.current_round,
        )
    ]
    counts: dict[uuid.UUID, Counter] = {r.id: Counter() for r in speed.recruiters}
    for mt in held_meetings:
        counter = counts.setdefault(mt.recruiter_id, Counter())
        counter["meetings"] += 1
        counter[OUTCOME_FIELDS.get(mt.outcome or "", "not_recorded")] += 1
    outcomes = tuple(
        RecruiterOutcomes(name=r.name, tables=r.tables, present=r.present, **counts[r.id])
        for r in speed.recruiters
    )
    pairs = {(mt.candidate_id, mt.recruiter_id) for mt in held_meetings}
    wishes = [(c.id, w.recruiter_id) for c in speed.candidates for w in c.wishes]
    attendance = Counter(c.attendance for c in speed.candidates)
    return SpeedMeetingFigures(
        title=speed.title,
        session_title=session_title,
        rounds=speed.rounds,
        recruiters=outcomes,
        candidates=len(speed.candidates),
        candidates_present=attendance["present"],
        candidates_no_show=attendance["no_show"],
        walk_ins=sum(1 for c in speed.candidates if c.walk_in),
        meetings_planned=len(speed.meetings),
        meetings_held=len(held_meetings),
        slots=sum(r.tables * _rounds_open(r, speed.rounds) for r in speed.recruiters if r.present),
        candidates_met=len({mt.candidate_id for mt in held_meetings}),
        wishes=len(wishes),
        wishes_met=sum(1 for pair in wishes if pair in pairs),
        objective=speed.objective,
        bound=speed.bound,
    )
