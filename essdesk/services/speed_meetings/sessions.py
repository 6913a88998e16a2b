"""Speed-meeting sessions: list them, create one, read one with its settings and participants."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_date, format_time
from essdesk.errors import EssDeskError
from essdesk.services.lookup import get_or_gone

ATTENDANCE_LABELS = {
    "expected": "Attendu",
    "present": "Présent",
    "no_show": "Absent",
    "late": "En retard",
}

# Who `get_or_gone` names when a row a tab shows was removed meanwhile.
CANDIDATE = "L'inscription de ce jeune"
RECRUITER = "La participation de ce recruteur"
MEETING, REGENERATED = "Cette rencontre", "le planning a été régénéré entre-temps"


def french_datetime(moment: datetime | None) -> str:
    """« 18/11/2026 14 h 00 », the way a session's start reads in a list."""
    return "" if moment is None else f"{format_date(moment.date())} {format_time(moment.time())}"


@dataclass(frozen=True)
class SpeedMeetingSummary:
    """One line of the list of speed meetings."""

    id: uuid.UUID
    title: str
    event_title: str | None
    session_title: str | None
    starts_at: datetime | None
    status: str
    recruiters: int
    candidates: int
    meetings: int

    @property
    def label(self) -> str:
        where = f"{self.event_title} · " if self.event_title else "Hors événement · "
        return f"{self.title}\n{where}{french_datetime(self.starts_at)}".rstrip(" ·")


@dataclass(frozen=True)
class Choice:
    """Something to pick in a list: an event session, an employer, a young person."""

    id: uuid.UUID
    label: str
    detail: str = ""


@dataclass(frozen=True)
class RecruiterRow:
    id: uuid.UUID
    employer_id: uuid.UUID | None
    name: str
    position: int
    tables: int
    available_from: int | None
    available_to: int | None
    present: bool


@dataclass(frozen=True)
class CandidateRow:
    id: uuid.UUID
    youth_id: uuid.UUID | None
    name: str
    walk_in: bool
    available_from: int | None
    available_to: int | None
    max_meetings: int | None
    attendance: str
    wishes: int = 0
    arrival_round: int | None = None  # set by "En retard"; the registered window is kept

    @property
    def attendance_label(self) -> str:
        label = ATTENDANCE_LABELS.get(self.attendance, self.attendance)
        if self.attendance == "late" and self.arrival_round:
            label += f" (tour {self.arrival_round})"
        return label


@dataclass(frozen=True)
class SpeedMeetingDetail:
    """A speed meeting with its settings and participants, as the screens show it."""

    id: uuid.UUID
    title: str
    event_session_id: uuid.UUID | None
    event_title: str | None
    rounds: int
    start_time: time
    round_minutes: int
    changeover_minutes: int
    breaks: dict[int, int]
    min_meetings: int
    status: str
    objective: float | None
    bound: float | None
    recruiters: list[RecruiterRow] = field(default_factory=list)
    candidates: list[CandidateRow] = field(default_factory=list)


def break_minutes(stored: dict | None) -> dict[int, int]:
    """The JSON column keys rounds as strings ({"4": 10}); other keys are settings, not breaks."""
    return {int(k): int(v) for k, v in (stored or {}).items() if str(k).isdigit()}


def list_speed_meetings(db: Database) -> list[SpeedMeetingSummary]:
    """Every speed meeting, the latest event first, with its event and participant counts."""

    def count(model, column):
        return (
            select(column, func.count().label("n")).select_from(model).group_by(column).subquery()
        )

    recruiters = count(m.SpeedMeetingRecruiter, m.SpeedMeetingRecruiter.speed_meeting_id)
    candidates = count(m.SpeedMeetingCandidate, m.SpeedMeetingCandidate.speed_meeting_id)
    meetings = count(m.SpeedMeetingMeeting, m.SpeedMeetingMeeting.speed_meeting_id)
    query = (
        select(
            m.SpeedMeeting.id,
            m.SpeedMeeting.title,
            m.Event.title,
            m.EventSession.title,
            m.EventSession.starts_at,
            m.SpeedMeeting.status,
            func.coalesce(recruiters.c.n, 0),
            func.coalesce(candidates.c.n, 0),
            func.coalesce(meetings.c.n, 0),
        )
        .outerjoin(m.EventSession, m.SpeedMeeting.event_session_id == m.EventSession.id)
        .outerjoin(m.Event, m.EventSession.event_id == m.Event.id)
        .outerjoin(recruiters, recruiters.c.speed_meeting_id == m.SpeedMeeting.id)
        .outerjoin(candidates, candidates.c.speed_meeting_id == m.SpeedMeeting.id)
        .outerjoin(meetings, meetings.c.speed_meeting_id == m.SpeedMeeting.id)
        .order_by(m.EventSession.starts_at.desc().nulls_last(), m.SpeedMeeting.title)
    )
    with db.session() as session:
        return [SpeedMeetingSummary(*row) for row in session.execute(query).all()]


def list_event_sessions(db: Database) -> list[Choice]:
    """Event sessions a speed meeting can be attached to, speed-meeting sessions first."""
    query = (
        select(m.EventSession, m.Event.title)
        .join(m.Event, m.EventSession.event_id == m.Event.id)
        .order_by((m.EventSession.format != "speed_meeting"), m.EventSession.starts_at.desc())
    )
    with db.session() as session:
        return [
            Choice(s.id, f"{event} · {s.title} · {french_datetime(s.starts_at)}", s.format)
            for s, event in session.execute(query).all()
        ]


def create_speed_meeting(
    db: Database, title: str, event_session_id: uuid.UUID | str | None = None, *, rounds: int = 8
) -> uuid.UUID:
    """A new speed meeting, standalone or attached to an event session (its start time is taken)."""
    title = title.strip()
    if not title:
        raise EssDeskError("Donnez un titre au speed meeting.")
    with db.transaction() as session:
        speed = m.SpeedMeeting(title=title, rounds=rounds, breaks={})
        if event_session_id is not None:
            event_session = get_or_gone(
                session, m.EventSession, event_session_id, "Cette session d'événement"
            )
            speed.event_session_id = event_session.id
            speed.start_time = event_session.starts_at.time()
        session.add(speed)
        session.flush()
        return speed.id


def get_speed_meeting(db: Database, speed_meeting_id: uuid.UUID | str) -> SpeedMeetingDetail:
    with db.session() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        event_title = None
        if speed.event_session_id is not None:
            event_title = session.scalar(
                select(m.Event.title)
                .join(m.EventSession, m.EventSession.event_id == m.Event.id)
                .where(m.EventSession.id == speed.event_session_id)
            )
        wish_counts = dict(
            session.execute(
                select(m.SpeedMeetingWish.candidate_id, func.count())
                .join(m.SpeedMeetingCandidate)
                .where(m.SpeedMeetingCandidate.speed_meeting_id == speed.id)
                .group_by(m.SpeedMeetingWish.candidate_id)
            ).all()
        )
        recruiters = [
            RecruiterRow(
                r.id,
                r.employer_id,
                r.name,
                r.position,
                r.tables,
                r.available_from,
                r.available_to,
                r.present,
            )
            for r in speed.recruiters
        ]
        candidates = sorted(
            (
                CandidateRow(
                    c.id,
                    c.youth_id,
                    c.name,
                    c.walk_in,
                    c.available_from,
                    c.available_to,
                    c.max_meetings,
                    c.attendance,
                    wish_counts.get(c.id, 0),
                    c.arrival_round,
                )
                for c in speed.candidates
            ),
            key=lambda c: c.name.casefold(),
        )
        return SpeedMeetingDetail(
            speed.id,
            speed.title,
            speed.event_session_id,
            event_title,
            speed.rounds,
            speed.start_time,
            speed.round_minutes,
            speed.changeover_minutes,
            break_minutes(speed.breaks),
            speed.min_meetings,
            speed.status,
            speed.objective,
            speed.bound,
            recruiters,
            candidates,
        )


def speed_meeting_row(session, speed_meeting_id: uuid.UUID | str) -> m.SpeedMeeting:
    return get_or_gone(session, m.SpeedMeeting, speed_meeting_id, "Ce speed meeting")
