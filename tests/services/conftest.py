"""Fixtures of the service tests: the demo speed meeting and a small hand-made one."""

from __future__ import annotations

from datetime import date

import pytest

from essdesk.db import models as m
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.speed_meetings import participants as participants
from essdesk.services.speed_meetings import sessions as sm
from essdesk.services.speed_meetings import wishes_timing as settings

DEMO_TODAY = date(2026, 11, 22)  # the demo's dates are relative to this day


@pytest.fixture
def demo(db):
    """The demo base and its speed meeting (12 recruiters, 60 young people, 8 rounds)."""
    fill_demo_data(db, youths=80, seed=11, event_history=False, today=DEMO_TODAY)
    return db, sm.list_speed_meetings(db)[0].id


@pytest.fixture
def small(db):
    """Three recruiters (one with two tables), four young people, three rounds, ranked wishes."""
    with db.transaction() as session:
        employers = [m.Employer(name=n) for n in ("Alpha SCOP", "Beta asso", "Gamma SCIC")]
        youths = [
            m.Youth(last_name=last, first_name=first, birth_date=date(2004, 1, i))
            for i, (first, last) in enumerate(
                [("Léa", "Martin"), ("Noé", "Durand"), ("Inès", "Petit"), ("Hugo", "Roux")], 1
            )
        ]
        session.add_all(employers + youths)
        session.flush()
        employer_ids = [e.id for e in employers]
        youth_ids = [y.id for y in youths]
    speed_id = sm.create_speed_meeting(db, "Petit speed meeting", rounds=3)
    assert participants.add_recruiters(db, speed_id, employer_ids) == 3
    assert participants.add_recruiters(db, speed_id, employer_ids[:1]) == 0  # already there
    assert participants.add_candidates(db, speed_id, youth_ids) == 4
    detail = sm.get_speed_meeting(db, speed_id)
    alpha, beta, gamma = detail.recruiters
    participants.update_recruiter(db, alpha.id, tables=2, available_from=None, available_to=None)
    grid = {}
    for candidate in detail.candidates:
        for rank, recruiter in enumerate((alpha, beta, gamma), start=1):
            grid[(candidate.id, recruiter.id)] = rank
    settings.replace_wishes(db, speed_id, grid)
    return db, speed_id
