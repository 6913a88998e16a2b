"""When a planned speed-meeting meeting counts as held: one rule for the results tab and the report."""

from __future__ import annotations


def meeting_held(
    outcome: str | None,
    *,
    candidate_no_show: bool,
    recruiter_absent: bool,
    round_: int = 1,
    rounds_played_before: int = 1,
) -> bool:
    """True when the meeting took place: an outcome is recorded, or both sides were there.

    A recruiter marked absent during the event (the live mode was at round `rounds_played_before`)
    left: the rounds before that were held with them; marked absent before round 1, they never came.
    """
    # A recorded outcome proves the meeting took place, whatever the attendance marks say.
    if outcome is not None:
        return True
    if candidate_no_show:
        return False
    return not recruiter_absent or round_ < rounds_played_before
