"""Recruiter speed meetings: sessions, recruiters, candidates, wishes and the planned meetings."""

from __future__ import annotations

import uuid
from datetime import time

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import Entity


class SpeedMeeting(Entity):
    """A speed-meeting session, usually one session of an event."""

    __tablename__ = "speed_meetings"

    event_session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    rounds: Mapped[int] = mapped_column(Integer, default=8)
    start_time: Mapped[time] = mapped_column(Time, default=time(14, 0))
    round_minutes: Mapped[int] = mapped_column(Integer, default=10)
    changeover_minutes: Mapped[int] = mapped_column(Integer, default=2)
    breaks: Mapped[dict] = mapped_column(JSON, default=dict)  # {"after round": minutes}
    min_meetings: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    objective: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[float | None] = mapped_column(Float)
    # The live mode's next round, kept so that reopening the app mid-event resumes there.
    current_round: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    recruiters: Mapped[list[SpeedMeetingRecruiter]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SpeedMeetingRecruiter.position",
    )
    candidates: Mapped[list[SpeedMeetingCandidate]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    meetings: Mapped[list[SpeedMeetingMeeting]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class SpeedMeetingRecruiter(Entity):
    """An employer at the speed meeting, with its tables and presence window."""

    __tablename__ = "speed_meeting_recruiters"

    speed_meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meetings.id", ondelete="CASCADE"), index=True
    )
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=1)
    tables: Mapped[int] = mapped_column(Integer, default=1)
    available_from: Mapped[int | None] = mapped_column(Integer)
    available_to: Mapped[int | None] = mapped_column(Integer)
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class SpeedMeetingCandidate(Entity):
    """A young person at the speed meeting: followed by the agency or walked in on the day."""

    __tablename__ = "speed_meeting_candidates"

    speed_meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meetings.id", ondelete="CASCADE"), index=True
    )
    youth_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("youths.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    available_from: Mapped[int | None] = mapped_column(Integer)
    available_to: Mapped[int | None] = mapped_column(Integer)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    attendance: Mapped[str] = mapped_column(String(20), default="expected")  # present, no_show
    # Set while late: the registered window stays in available_from for when they turn up.
    arrival_round: Mapped[int | None] = mapped_column(Integer)

    wishes: Mapped[list[SpeedMeetingWish]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SpeedMeetingWish.rank"
    )


class SpeedMeetingWish(Entity):
    """A candidate's wish to meet a recruiter."""

    __tablename__ = "speed_meeting_wishes"
    __table_args__ = (UniqueConstraint("candidate_id", "recruiter_id"),)

    candidate_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meeting_candidates.id", ondelete="CASCADE"), index=True
    )
    recruiter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meeting_recruiters.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int | None] = mapped_column(Integer)
    weight: Mapped[float | None] = mapped_column(Float)


class SpeedMeetingMeeting(Entity):
    """A planned meeting, whether the organiser locked it, and what came of it."""

    __tablename__ = "speed_meeting_meetings"
    __table_args__ = (UniqueConstraint("speed_meeting_id", "round", "candidate_id"),)

    speed_meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meetings.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer)
    recruiter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meeting_recruiters.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("speed_meeting_candidates.id", ondelete="CASCADE"), index=True
    )
    table: Mapped[int] = mapped_column(Integer, default=1)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    announced: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(30))  # interested, second_interview, hired
