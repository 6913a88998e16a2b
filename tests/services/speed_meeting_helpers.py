"""Helpers of the speed-meeting service tests."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.services.speed_meetings import planning as plan


def names_of(db, speed_id):
    loaded = plan.load_instance(db, speed_id)
    return loaded, {v: k for k, v in loaded.ids.candidate_names.items()}


def by_row_id(db, speed_id):
    """Stored meeting rows by id: (round, recruiter, candidate, table, outcome, announced)."""
    with db.session() as session:
        rows = session.scalars(
            select(m.SpeedMeetingMeeting).where(m.SpeedMeetingMeeting.speed_meeting_id == speed_id)
        ).all()
        return {
            r.id: (
                r.round,
                str(r.recruiter_id),
                str(r.candidate_id),
                r.table,
                r.outcome,
                r.announced,
            )
            for r in rows
        }


def count_transactions(db, monkeypatch) -> list[bool]:
    """Record every write transaction opened; the list's last item says if one is open."""
    opened: list[bool] = []
    real = db.transaction

    @contextmanager
    def counting():
        opened.append(True)
        with real() as session:
            yield session
        opened.append(False)

    monkeypatch.setattr(db, "transaction", counting)
    return opened
