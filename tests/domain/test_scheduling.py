"""The speed-meeting scheduler on the sample event and on hand-made cases."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from essdesk.domain.scheduling.model import (
    Candidate,
    Instance,
    Meeting,
    Recruiter,
    Schedule,
    Wish,
)
from essdesk.domain.scheduling.scheduler import (
    candidate_statistics,
    schedule_meetings,
    validate_schedule,
    wish_weight,
)
from essdesk.errors import EssDeskError
from essdesk.exchange.speed_meeting_csv import read_instance

SAMPLE = Path(__file__).parent.parent / "data" / "speed_meeting"


@pytest.fixture(scope="module")
def sample() -> Instance:
    return read_instance(
        SAMPLE / "recruiters.csv", SAMPLE / "candidates.csv", SAMPLE / "wishes.csv", 8
    )


def test_sample_event_reaches_the_known_optimum(sample):
    schedule = schedule_meetings(sample, time_limit=20)
    assert schedule.objective == 1163
    assert schedule.bound == 1163
    assert schedule.proven_optimal and schedule.gap == 0.0
    assert validate_schedule(sample, schedule) == []


def test_sample_event_with_a_fairness_floor_says_how_many_tables_are_missing(sample):
    schedule = schedule_meetings(sample, min_meetings=3, time_limit=20)
    assert validate_schedule(sample, schedule) == []
    assert schedule.objective <= schedule.bound
    assert any(m.startswith("Impossible de garantir 3 rencontre(s)") for m in schedule.messages)
    extra = next(m for m in schedule.messages if "table(s) supplémentaire(s)" in m)
    # The sample has windows: the number of tables is an estimate, said as such.
    assert re.search(r"Il faudrait environ \d+ table\(s\) supplémentaire\(s\) \(estimation", extra)


def test_wish_weight_prefers_explicit_weight_then_rank():
    assert wish_weight(Wish("c", "r", rank=1, weight=3.5)) == 3.5
    assert wish_weight(Wish("c", "r", rank=1)) == 10
    assert wish_weight(Wish("c", "r", rank=4)) == 7
    assert wish_weight(Wish("c", "r", rank=15)) == 1
    assert wish_weight(Wish("c", "r")) == 1


def crowded_event() -> Instance:
    """One single-table recruiter that four candidates want, over two rounds."""
    recruiters = (Recruiter("R1", "Recyclerie", 1), Recruiter("R2", "Crèche", 1))
    candidates = tuple(Candidate(f"C{k}", f"Jeune {k}") for k in range(4))
    wishes = tuple(Wish(f"C{k}", "R1", 1) for k in range(4)) + (Wish("C0", "R2", 2),)
    return Instance(2, recruiters, candidates, wishes)


def test_fairness_floor_trades_weight_for_an_extra_candidate():
    # R2 has one seat (round 1): the heavy plan gives it to C0, the fair plan to C1.
    instance = Instance(
        2,
        (Recruiter("R1", "Recyclerie"), Recruiter("R2", "Crèche", 1, 1, 1)),
        (Candidate("C0", "Jeune 0"), Candidate("C1", "Jeune 1")),
        (Wish("C0", "R1", weight=10), Wish("C0", "R2", weight=10), Wish("C1", "R2", weight=1)),
    )
    plain = schedule_meetings(instance)
    assert plain.objective == plain.bound == 20
    assert {m.candidate_id for m in plain.meetings} == {"C0"}
    fair = schedule_meetings(instance, min_meetings=1)
    assert fair.objective == fair.bound == 11 and fair.proven_optimal
    assert {(m.candidate_id, m.recruiter_id) for m in fair.meetings} == {("C0", "R1"), ("C1", "R2")}
    assert any(m.startswith("Chaque candidat a au moins 1") for m in fair.messages)


def test_extra_tables_announced_are_enough():
    instance = crowded_event()
    schedule = schedule_meetings(instance, min_meetings=1)
    note = next(m for m in schedule.messages if "table(s) supplémentaire(s)" in m)
    added = {rid: int(n) for rid, n in re.findall(r"(R\d) \(\+(\d+)\)", note)}
    assert added == {"R1": 1}
    bigger = replace(
        instance,
        recruiters=tuple(
            replace(r, tables=r.tables + added.get(r.id, 0)) for r in instance.recruiters
        ),
    )
    again = schedule_meetings(bigger, min_meetings=1)
    assert {m.candidate_id for m in again.meetings} == {f"C{k}" for k in range(4)}
    assert any(m.startswith("Chaque candidat a au moins 1") for m in again.messages)


def test_locked_meetings_stay_and_the_rest_is_planned_around_them():
    instance = crowded_event()
    lock = Meeting(2, "R1", "C3", 1)
    schedule = schedule_meetings(instance, locked=[lock])
    assert lock in schedule.meetings
    assert validate_schedule(instance, schedule) == []
    assert schedule.objective == schedule.bound == 10 + 10 + 9


def test_impossible_locks_are_refused_in_french():
    instance = crowded_event()
    with pytest.raises(EssDeskError, match="aucun souhait"):
        schedule_meetings(instance, locked=[Meeting(1, "R2", "C3")])
    with pytest.raises(EssDeskError, match="table 1 indisponible"):
        schedule_meetings(instance, locked=[Meeting(1, "R1", "C3"), Meeting(1, "R1", "C2")])


def test_windows_are_respected_and_the_bound_holds():
    instance = Instance(
        3,
        (Recruiter("R1", "A", 1, 2, 3), Recruiter("R2", "B", 2, 1, 1)),
        (Candidate("C1", "x", 1, 1), Candidate("C2", "y", 2, 3, max_meetings=1)),
        (Wish("C1", "R1", 1), Wish("C1", "R2", 2), Wish("C2", "R1", 1), Wish("C2", "R2", 2)),
    )
    schedule = schedule_meetings(instance)
    assert {(m.recruiter_id, m.candidate_id) for m in schedule.meetings} == {
        ("R2", "C1"),
        ("R1", "C2"),
    }
    assert validate_schedule(instance, schedule) == []
    assert schedule.objective == schedule.bound == 19


def test_validation_reports_each_broken_rule_in_french():
    instance = crowded_event()
    bad = Schedule(
        rounds=2,
        meetings=[
            Meeting(1, "R1", "C0", 1),
            Meeting(1, "R2", "C0", 1),
            Meeting(2, "R1", "C0", 2),
            Meeting(3, "R2", "C1", 1),
        ],
        objective=0,
        bound=0,
        proven_optimal=False,
    )
    problems = validate_schedule(instance, bad)
    assert any("déjà une autre rencontre à ce tour" in p for p in problems)
    assert any("la table 2 n'existe pas" in p for p in problems)
    assert any("deux fois" in p for p in problems)
    assert any("n'a pas demandé" in p for p in problems)
    assert any("le tour n'existe pas" in p for p in problems)


def test_candidate_statistics_count_weight_and_top_wishes(sample):
    schedule = schedule_meetings(sample, time_limit=20)
    stats = candidate_statistics(sample, schedule)
    assert set(stats) == {c.id for c in sample.candidates}
    assert sum(s.weight for s in stats.values()) == schedule.objective
    assert sum(s.meetings for s in stats.values()) == len(schedule.meetings)
    first = stats["J0001"]
    assert first.wishes == 8 and first.top3_wishes == 3
    assert 0 <= first.top3_met <= 3 and first.weight <= first.wished_weight
