"""The one rule saying whether a planned speed-meeting meeting took place."""

from __future__ import annotations

import pytest

from essdesk.domain.scheduling.outcomes import meeting_held


@pytest.mark.parametrize(
    ("outcome", "no_show", "absent", "held"),
    [
        (None, False, False, True),  # both there, outcome not entered yet
        (None, True, False, False),  # the young person did not come
        (None, False, True, False),  # the recruiter did not come
        ("hired", True, True, True),  # an outcome proves it took place, whatever the marks say
        ("none", False, True, True),
    ],
)
def test_meeting_held(outcome, no_show, absent, held):
    assert meeting_held(outcome, candidate_no_show=no_show, recruiter_absent=absent) is held


def test_a_recruiter_who_left_during_the_event_held_the_rounds_before():
    # Marked absent when the live mode reached round 4: rounds 1–3 took place with them.
    held = [
        meeting_held(
            None, candidate_no_show=False, recruiter_absent=True, round_=r, rounds_played_before=4
        )
        for r in range(1, 7)
    ]
    assert held == [True, True, True, False, False, False]
