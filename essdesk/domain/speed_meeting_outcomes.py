"""When a planned speed-meeting meeting counts as held: one rule for the results tab and the report."""

from __future__ import annotations


def meeting_held(outcome: str | None, *, candidate_no_show: bool, recruiter_absent: bool) -> bool:
    """True when the meeting took place: an outcome is recorded, or both sides were there."""
    # A recorded outcome proves the meeting took place, whatever the attendance marks say.
    if outcome is not None:
        return True
    return not candidate_no_show and not recruiter_absent
