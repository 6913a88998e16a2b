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
from essdesk.domain.french import format_date
from essdesk.domain.milestones import months_before
from essdesk.domain.nomenclatures import OLD_TO_NEW_LEVEL, SESSION_AUDIENCES, SESSION_FORMATS
from essdesk.domain.scheduling.outcomes import meeting_held
from essdesk.errors import EssDeskError
from essdesk.reports.events.figures import (
    OUTCOME_FIELDS,
    Breakdown,
    EventReportData,
    RecruiterOutcomes,
    SessionFigures,
    SpeedMeetingFigures,
    TracedOutcomes,
    YouthProfile,
)
from essdesk.services import sensitive

ALL_AUDIENCES = SESSION_AUDIENCES["all"]
OUTCOME_MONTHS = 3  # hires and positionings this long after the event are traced back to it
# A positioning "reached an interview or a hire" when it is, or once was, at the step before
# the hire (action préalable à l'embauche: the interview, the PMSMP) or hired.
REACHED_STATES = ("prior_to_hire", "accepted")

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
        start = format_date(self.start_date)
        if self.end_date and self.end_date != self.start_date:
            return f"{self.title} (du {start} au {format_date(self.end_date)})"
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
    sees_every = sensitive.current(db).sees_all  # the RQTH count: whole, or not given
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
        offers = Counter(
            session.scalars(
                select(m.SessionOffer.session_id)
                .join(m.EventSession, m.SessionOffer.session_id == m.EventSession.id)
                .where(in_event)
            )
        )
        youth_lines = [a for a in attendances if a.role == "youth"]
        return EventReportData(
            title=event.title,
            kind=event.kind,
            start_date=event.start_date,
            end_date=event.end_date,
            place=event.place,
            description=event.description,
            sessions=tuple(_session_figures(s, attendances, offers[s.id]) for s in sessions),
            profile=_profile(
                [a for a in youth_lines if a.registration == "registered"], youths, sees_every
            ),
            speed_meetings=tuple(
                _speed_meeting_figures(sm, titles.get(sm.event_session_id, ""))
                for sm in speed_meetings
            ),
            outcomes=traced_outcomes(session, event, youth_lines, speed_meetings),
            partners=tuple(p.name for p in event.partners),
        )


def _session_figures(
    session: m.EventSession, attendances: list[m.Attendance], offers: int
) -> SessionFigures:
    lines = [a for a in attendances if a.session_id == session.id]
    youths = [a for a in lines if a.role == "youth"]
    standing = [a for a in youths if a.registration == "registered"]
    statuses = Counter(a.status for a in standing)
    present_roles = Counter(a.role for a in lines if a.status == "present")
    registrations = Counter(a.registration for a in youths)
    return SessionFigures(
        title=session.title,
        format_code=session.format,
        format_label=SESSION_FORMATS.get(session.format, session.format),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room=session.room,
        capacity=session.capacity,
        audience=SESSION_AUDIENCES.get(
            session.audience or "all", session.audience or ALL_AUDIENCES
        ),
        registered=statuses.total(),
        present=statuses["present"],
        absent=statuses["absent"],
        cancelled=registrations["cancelled"],
        refused=registrations["refused"],
        professionals=present_roles["professional"],
        recruiters=present_roles["recruiter"],
        offers=offers,
        registration_deadline=session.registration_deadline,
    )


def _level(youth: m.Youth) -> int | None:
    if youth.qualification_level_new is not None:
        return youth.qualification_level_new
    return OLD_TO_NEW_LEVEL.get(youth.qualification_level_old or "")


def _profile(
    attendances: list[m.Attendance], youths: dict[uuid.UUID, m.Youth], sees_every_rqth: bool
) -> YouthProfile:
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
        rqth=sum(1 for y in people if y.rqth) if sees_every_rqth else None,
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


def traced_outcomes(
    session, event: m.Event, youth_lines: list[m.Attendance], speed_meetings
) -> TracedOutcomes:
    """Positionings and hires of the young people present, in the three months after the event."""
    present = {a.youth_id for a in youth_lines if a.status == "present" and a.youth_id}
    first = event.start_date
    window_end = months_before(event.end_date or event.start_date, -OUTCOME_MONTHS)
    employers = {r.employer_id for sm in speed_meetings for r in sm.recruiters if r.employer_id}
    employers |= {p.employer_id for p in event.partners if p.employer_id}
    employers |= set(
        session.scalars(
            select(m.Offer.employer_id)
            .join(m.SessionOffer, m.SessionOffer.offer_id == m.Offer.id)
            .join(m.EventSession, m.SessionOffer.session_id == m.EventSession.id)
            .where(m.EventSession.event_id == event.id)
        )
    )
    positionings = interviews = on_event = interviews_event = 0
    hires = hires_event = 0
    ids = sorted(present)
    for start in range(0, len(ids), 500):  # IN (…) lists stay under every backend's limit
        chunk = ids[start : start + 500]
        reached_once = (
            select(m.ApplicationEvent.id)
            .where(m.ApplicationEvent.application_id == m.Application.id)
            .where(m.ApplicationEvent.status.in_(REACHED_STATES))
            .exists()
        )
        rows = session.execute(
            select(m.Application.status.in_(REACHED_STATES) | reached_once, m.Offer.employer_id)
            .join(m.Offer, m.Application.offer_id == m.Offer.id)
            .where(m.Application.youth_id.in_(chunk))
            .where(m.Application.proposed_on.between(first, window_end))
        )
        for reached, employer_id in rows:
            positionings += 1
            interviews += reached
            on_event += employer_id in employers
            interviews_event += reached and employer_id in employers
        for (employer_id,) in session.execute(
            select(m.Placement.employer_id)
            .where(m.Placement.youth_id.in_(chunk))
            .where(m.Placement.start_date.between(first, window_end))
        ):
            hires += 1
            hires_event += employer_id in employers
    return TracedOutcomes(
        window_end=window_end,
        youths_present=len(present),
        positionings=positionings,
        positionings_event_employers=on_event,
        interviews=interviews,
        interviews_event_employers=interviews_event,
        hires=hires,
        hires_event_employers=hires_event,
        event_employers=len(employers),
    )
