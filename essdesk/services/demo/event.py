"""The demo's ESS week (last week): sessions with attendance, a planned speed meeting and its outcomes."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.services.demo.catalogue import WEEK_SESSIONS
from essdesk.services.speed_meetings.planning import generate_schedule

# Share of each outcome noted after the speed meeting (None: not yet noted).
OUTCOME_WEIGHTS = {"interested": 35, "second_interview": 15, "hired": 5, "none": 30, None: 15}


def build_ess_week(
    session, rng: random.Random, youths, employers, today: date, *, history: bool = True
) -> uuid.UUID:
    """Create last week's event and its sessions; return the speed meeting's id.

    With `history`, the sessions have their attendance sheets as taken during the week.
    """
    monday = today - timedelta(days=today.weekday())
    if monday + timedelta(days=4) >= today:  # the week must be over: take the previous one
        monday -= timedelta(days=7)
    event = m.Event(
        title="Semaine de l'ESS à la Mission locale",
        kind="week",
        start_date=monday,
        end_date=monday + timedelta(days=4),
        place="Mission locale de Grenoble",
    )
    for day, hour, title, fmt, audience in WEEK_SESSIONS:
        starts = datetime.combine(monday + timedelta(days=day), time(hour))
        event.sessions.append(
            m.EventSession(
                title=title,
                format=fmt,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                room="Salle polyvalente",
                capacity=60,
                audience=audience,
            )
        )
    session.add(event)
    session.flush()
    speed_session = next(s for s in event.sessions if s.format == "speed_meeting")
    for event_session in event.sessions:
        if not history or event_session is speed_session or event_session.audience == "staff":
            continue
        for youth in rng.sample(youths, min(len(youths), rng.randint(15, 40))):
            status = rng.choices(["present", "absent", "registered"], [75, 18, 7])[0]
            session.add(m.Attendance(session_id=event_session.id, youth_id=youth.id, status=status))
    speed = m.SpeedMeeting(
        event_session_id=speed_session.id,
        title="Speed meeting des recruteurs de l'ESS",
        rounds=8,
        start_time=time(14, 0),
        breaks={"4": 10},
        status="done" if history else "draft",
    )
    for position, employer in enumerate(employers[:12], start=1):
        speed.recruiters.append(
            m.SpeedMeetingRecruiter(
                employer_id=employer.id,
                name=employer.name,
                position=position,
                tables=rng.choice([1, 1, 2]),
            )
        )
    session.add(speed)
    session.flush()
    for youth in rng.sample(youths, min(60, len(youths))):
        candidate = m.SpeedMeetingCandidate(
            youth_id=youth.id, name=f"{youth.first_name} {youth.last_name}"
        )
        recruiters = rng.sample(speed.recruiters, min(len(speed.recruiters), rng.randint(3, 6)))
        for rank, recruiter in enumerate(recruiters, start=1):
            candidate.wishes.append(m.SpeedMeetingWish(recruiter_id=recruiter.id, rank=rank))
        speed.candidates.append(candidate)
        status = "present" if history else "registered"
        session.add(m.Attendance(session_id=speed_session.id, youth_id=youth.id, status=status))
    return speed.id


def play_speed_meeting(db: Database, speed_meeting_id: uuid.UUID, rng: random.Random) -> int:
    """Plan the speed meeting with the real scheduler, then note a few no-shows and outcomes."""
    generate_schedule(db, speed_meeting_id)
    with db.transaction() as session:
        candidates = session.scalars(
            select(m.SpeedMeetingCandidate).where(
                m.SpeedMeetingCandidate.speed_meeting_id == speed_meeting_id
            )
        ).all()
        no_shows = {c.id for c in rng.sample(list(candidates), len(candidates) // 12)}
        for candidate in candidates:
            candidate.attendance = "no_show" if candidate.id in no_shows else "present"
        absent_youths = {c.youth_id for c in candidates if c.id in no_shows}
        speed_attendance = (
            select(m.Attendance)
            .join(m.EventSession, m.Attendance.session_id == m.EventSession.id)
            .where(m.EventSession.format == "speed_meeting")
            .where(m.Attendance.youth_id.in_(absent_youths))
        )
        for attendance in session.scalars(speed_attendance):
            attendance.status = "absent"
        meetings = session.scalars(
            select(m.SpeedMeetingMeeting).where(
                m.SpeedMeetingMeeting.speed_meeting_id == speed_meeting_id
            )
        ).all()
        outcomes, weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
        for meeting in meetings:
            meeting.announced = True
            if meeting.candidate_id not in no_shows:
                meeting.outcome = rng.choices(outcomes, weights)[0]
        return len(meetings)
