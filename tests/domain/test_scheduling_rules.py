"""The plan's hard rules exist once: the check, the lock filter and the stale-meeting filter agree."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essdesk.domain.scheduling.model import Candidate, Instance, Meeting, Recruiter, Schedule, Wish
from essdesk.domain.scheduling.replan import keep_locks
from essdesk.domain.scheduling.rules import PlanRules, split_holding
from essdesk.domain.scheduling.scheduler import validate_schedule

EVENT = Instance(
    rounds=3,
    recruiters=(Recruiter("R1", "Un", tables=2), Recruiter("R2", "Deux", available_to=2)),
    candidates=(Candidate("A", "Anaïs"), Candidate("B", "Bruno", available_from=2, max_meetings=1)),
    wishes=(Wish("A", "R1", 1), Wish("A", "R2", 2), Wish("B", "R1", 1), Wish("B", "R2", 2)),
)


def plan(*meetings: Meeting) -> Schedule:
    return Schedule(3, list(meetings), 0.0, 0.0, False)


def test_each_rule_is_named_in_french():
    rules = PlanRules(EVENT, [Meeting(1, "R1", "A", 1), Meeting(2, "R1", "B", 1)])
    assert rules.problems(Meeting(2, "R2", "A", 1)) == []
    assert rules.problems(Meeting(1, "R9", "A")) == ["recruteur inconnu"]
    assert rules.problems(Meeting(1, "R1", "Z")) == ["jeune inconnu"]
    assert rules.problems(Meeting(3, "R2", "A")) == ["le recruteur est absent à ce tour"]
    assert rules.problems(Meeting(4, "R1", "A", 2)) == [
        "le tour n'existe pas (1 à 3)",
        "le recruteur est absent à ce tour",
        "le jeune est absent à ce tour",
        "ce jeune rencontre ce recruteur deux fois",
    ]
    assert rules.problems(Meeting(3, "R2", "B")) == [
        "le recruteur est absent à ce tour",
        "le jeune a déjà son nombre maximal de rencontres (1)",
    ]
    assert rules.problems(Meeting(1, "R2", "A", 3)) == [
        "la table 3 n'existe pas pour ce recruteur",
        "le jeune a déjà une autre rencontre à ce tour",
    ]
    assert rules.problems(Meeting(2, "R1", "A", 1)) == [
        "ce jeune rencontre ce recruteur deux fois",
        "la table 1 est déjà occupée à ce tour",
    ]


def test_of_two_clashing_meetings_the_first_holds():
    first, second = Meeting(2, "R1", "A", 1), Meeting(2, "R2", "A", 1)
    holding, dropped = split_holding(EVENT, [second, first])
    assert holding == [first]
    assert dropped == [(second, "le jeune a déjà une autre rencontre à ce tour")]


def test_a_lock_undone_by_a_change_says_which_change():
    history = [Meeting(1, "R1", "A", 1)]
    locks = [Meeting(2, "R2", "A", 1), Meeting(3, "R1", "B", 1), Meeting(2, "R1", "A", 2)]
    kept, dropped = keep_locks(EVENT, history, locks, no_shows=["B"])
    assert kept == [Meeting(2, "R2", "A", 1)]
    assert dropped == [
        (Meeting(2, "R1", "A", 2), "ce jeune rencontre ce recruteur deux fois"),
        (Meeting(3, "R1", "B", 1), "jeune absent"),
    ]


MEETINGS = st.lists(
    st.builds(
        Meeting,
        st.integers(0, 4),
        st.sampled_from(["R1", "R2", "R9"]),
        st.sampled_from(["A", "B", "Z"]),
        st.integers(1, 3),
    ),
    max_size=8,
    unique=True,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MEETINGS)
def test_the_check_and_the_filters_agree(meetings):
    """A plan passes the check exactly when the filters keep every meeting of it."""
    ordered = sorted(meetings)
    holding, dropped = split_holding(EVENT, ordered)
    assert (validate_schedule(EVENT, plan(*ordered)) == []) == (dropped == [])
    assert validate_schedule(EVENT, plan(*holding)) == []
    kept, _ = keep_locks(EVENT, [], ordered)
    assert kept == holding
