"""Live re-planning: history stays, no-shows and late arrivals are honoured, announcements kept."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from benchmarks.speed_meeting_instances import Spec, generate
from essdesk.domain.scheduling import apply_changes, replan, schedule_meetings, validate_schedule
from essdesk.domain.scheduling_model import Candidate, Instance, WalkIn, Wish
from essdesk.errors import EssDeskError
from essdesk.exchange.speed_meeting_csv import read_instance

SAMPLE = Path(__file__).parent.parent / "data" / "speed_meeting"


@pytest.fixture(scope="module")
def sample() -> Instance:
    return read_instance(
        SAMPLE / "recruiters.csv", SAMPLE / "candidates.csv", SAMPLE / "wishes.csv", 8
    )


@pytest.fixture(scope="module")
def plan(sample):
    return schedule_meetings(sample, time_limit=20)


def test_nothing_happened_nothing_changes(sample, plan):
    again = replan(sample, plan, 3)
    assert sorted(again.meetings) == sorted(plan.meetings)
    assert again.objective == plan.objective
    assert again.messages[0].startswith("À partir du tour 3 :")
    assert "0 déplacée(s), 0 annulée(s), 0 nouvelle(s)" in again.messages[0]


def test_no_shows_late_arrivals_and_walk_ins(sample, plan):
    no_shows = {"J0001", "J0002"}
    late = {"J0003": 6}
    walk_in = WalkIn(
        Candidate("W001", "Jeune sans inscription"),
        (Wish("W001", "R001", 1), Wish("W001", "R007", 2), Wish("W001", "R012", 3)),
    )
    new = replan(sample, plan, 4, no_shows=no_shows, late=late, walk_ins=[walk_in])
    current = apply_changes(sample, 4, no_shows=no_shows, late=late, walk_ins=[walk_in])
    assert validate_schedule(current, new) == []
    assert not [m for m in new.meetings if m.candidate_id in no_shows]
    assert all(m.round >= 6 for m in new.meetings if m.candidate_id == "J0003")
    walk_in_rounds = [m.round for m in new.meetings if m.candidate_id == "W001"]
    assert walk_in_rounds and min(walk_in_rounds) >= 4
    # History is history: earlier rounds keep every meeting that took place.
    happened = [
        m
        for m in plan.meetings
        if m.round < 4 and m.candidate_id not in no_shows and m.candidate_id != "J0003"
    ]
    assert sorted(m for m in new.meetings if m.round < 4) == sorted(happened)
    assert new.objective <= new.bound


def test_without_keeping_announcements_the_plan_is_still_valid(sample, plan):
    new = replan(sample, plan, 5, no_shows=["J0010"], keep_announced=False)
    assert validate_schedule(apply_changes(sample, 5, no_shows=["J0010"]), new) == []
    assert new.objective <= new.bound


def test_bad_changes_are_refused_in_french(sample, plan):
    with pytest.raises(EssDeskError, match="Candidat inconnu"):
        replan(sample, plan, 2, no_shows=["X999"])
    with pytest.raises(EssDeskError, match="déjà inscrit"):
        replan(sample, plan, 2, walk_ins=[WalkIn(Candidate("J0001", "Doublon"))])
    with pytest.raises(EssDeskError, match="recruteur inconnu"):
        replan(sample, plan, 2, walk_ins=[WalkIn(Candidate("W1", "x"), (Wish("W1", "R999"),))])
    with pytest.raises(EssDeskError, match="Tour de reprise invalide"):
        replan(sample, plan, 0)


def test_replanning_a_large_event_takes_under_two_seconds():
    instance = generate(Spec("60×600×10", 60, 600, 10))
    previous = schedule_meetings(instance)
    rng = random.Random(4)
    no_shows = rng.sample([c.id for c in instance.candidates], 60)
    start = time.perf_counter()
    new = replan(instance, previous, 4, no_shows=no_shows)
    assert time.perf_counter() - start <= 2.0
    assert validate_schedule(apply_changes(instance, 4, no_shows=no_shows), new) == []
    # The announcements of the people still there are kept almost entirely.
    before = {
        (m.candidate_id, m.recruiter_id, m.round, m.table)
        for m in previous.meetings
        if m.round >= 4 and m.candidate_id not in no_shows
    }
    after = {(m.candidate_id, m.recruiter_id, m.round, m.table) for m in new.meetings}
    assert len(before & after) >= 0.9 * len(before)
    assert new.objective >= previous.objective * 0.8
