"""The demonstration data stays plausible for the desk: nothing after today, real offer titles."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain.positionings import PENDING, STATES
from essdesk.services.demo.dataset import fill_demo_data

TODAY = dt.date(2026, 11, 22)


def test_demo_positionings_and_offers_are_plausible(db):
    fill_demo_data(db, youths=120, seed=5, event_history=False, today=TODAY)
    with db.session() as session:
        applications = session.scalars(select(m.Application)).all()
        events = session.scalars(select(m.ApplicationEvent)).all()
        titles = session.scalars(select(m.Offer.title)).all()
        placements = session.scalars(select(m.Placement)).all()
    assert applications and events
    assert max(a.proposed_on for a in applications) <= TODAY
    assert max(e.on for e in events) <= TODAY
    assert max(p.start_date for p in placements) <= TODAY
    assert {a.status for a in applications} <= set(STATES)
    assert not [t for t in titles if re.search(r"\(\d+\)", t)]
    by_youth: dict = {}
    for a in applications:
        by_youth.setdefault(a.youth_id, []).append(a.status)
    for states in by_youth.values():
        if "accepted" in states:  # hired: nothing of theirs is still pending elsewhere
            assert not PENDING & set(states), states
    assert all(a.refusal_reason for a in applications if a.status == "refused")
