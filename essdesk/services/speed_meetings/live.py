"""Speed meeting on the day: who is absent or late, walk-ins, re-planning the remaining rounds."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.scheduling.model import Meeting, Schedule, table_numbers
from essdesk.domain.scheduling.scheduler import (
    SchedulingCancelled,
    replan,
    split_holding,
    validate_schedule,
)
from essdesk.errors import EssDeskError
from essdesk.services.lookup import get_or_gone
from essdesk.services.speed_meetings.planning import (
    load_instance,
    plan_quality,
    save_schedule,
    stale_message,
)
from essdesk.services.speed_meetings.sessions import CANDIDATE, RECRUITER, speed_meeting_row

# On the day the room waits: a good plan in a second beats a proven one in a minute.
REPLAN_TIME_LIMIT = 1.0


def _candidate(session, candidate_id: uuid.UUID | str) -> m.SpeedMeetingCandidate:
    return get_or_gone(session, m.SpeedMeetingCandidate, candidate_id, CANDIDATE)


def mark_no_show(db: Database, candidate_id: uuid.UUID | str) -> None:
    """The young person did not come: the next re-planning frees their tables."""
    with db.transaction() as session:
        _candidate(session, candidate_id).attendance = "no_show"


def mark_present(db: Database, candidate_id: uuid.UUID | str) -> None:
    """The young person is there (undoes « absent » or « en retard »)."""
    with db.transaction() as session:
        candidate = _candidate(session, candidate_id)
        candidate.arrival_round = None  # back to the window they registered with
        candidate.attendance = "present"


def set_recruiter_present(db: Database, recruiter_id: uuid.UUID | str, present: bool) -> None:
    """A recruiter who did not come (or finally came): re-planning moves their young people."""
    with db.transaction() as session:
        recruiter = get_or_gone(session, m.SpeedMeetingRecruiter, recruiter_id, RECRUITER)
        recruiter.present = present


def mark_late(db: Database, candidate_id: uuid.UUID | str, from_round: int) -> None:
    """The young person arrives for round `from_round`: meetings before it will be dropped."""
    with db.transaction() as session:
        candidate = _candidate(session, candidate_id)
        speed = session.get(m.SpeedMeeting, candidate.speed_meeting_id)
        if not 2 <= from_round <= speed.rounds:
            raise EssDeskError(f"Tour d'arrivée invalide : {from_round} (2 à {speed.rounds}).")
        candidate.attendance = "late"
        # Kept apart from available_from: marking them present must give the window back.
        candidate.arrival_round = from_round


def set_current_round(db: Database, speed_meeting_id: uuid.UUID | str, round_: int) -> None:
    """Remember the live mode's next round, so that reopening the app mid-event resumes there.

    `rounds + 1` means every round is over.
    """
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        if not 1 <= round_ <= speed.rounds + 1:
            raise EssDeskError(f"Tour invalide : {round_} (1 à {speed.rounds}).")
        speed.current_round = round_


@dataclass
class ReplanOutcome:
    """The new plan, the figures the organiser reads, and the changes to announce."""

    schedule: Schedule
    from_round: int
    summary: str
    changes: list[str]
    messages: list[str]
    problems: list[str]
    seconds: float

    @property
    def quality(self) -> str:
        return plan_quality(self.schedule)


def replan_from(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    from_round: int,
    *,
    time_limit: float = REPLAN_TIME_LIMIT,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ReplanOutcome:
    """Re-plan rounds ≥ `from_round` after no-shows, late arrivals and walk-ins; save it.

    Rounds before `from_round` are history: they stay, minus the meetings of young people who
    were not there and have no outcome; a recruiter marked absent misses only the rounds from
    `from_round` on. A change saved meanwhile from elsewhere is refused. Locked meetings stay as they are unless the changes rule them out (the messages
    name those); announced meetings are kept where possible. `from_round` becomes the live
    mode's next round. A cancel (`cancelled()` True) raises `SchedulingCancelled` and saves
    nothing, not even the next round; `progress` is told each phase.
    """
    start = time.perf_counter()
    instance, _timing, current, ids = load_instance(db, speed_meeting_id)
    if current is None or not current.meetings:
        raise EssDeskError("Générez d'abord le planning : il n'y a rien à replanifier.")
    # A recruiter marked absent misses the rounds to come, not those already held.
    instance = replace(instance, recruiters=ids.absent_from(instance.rounds, from_round))
    late = {cid: arrival for cid, arrival in ids.arrival.items() if ids.attendance[cid] == "late"}

    def not_held(x: Meeting) -> bool:
        # A recorded outcome proves the meeting took place, whatever the attendance says.
        missed = x.candidate_id in ids.no_shows or x.round < late.get(x.candidate_id, 1)
        return missed and ids.outcomes.get(x) is None

    past = [x for x in current.meetings if x.round < from_round]
    forget = [x for x in past if not_held(x)]
    # Past rounds are fixed for the scheduler, which refuses stale ones: those are kept in the
    # base (they are history) but not shown to the scheduler.
    history, broken = split_holding(instance, [x for x in past if not not_held(x)])
    stale = [x for x, _reason in broken]
    instance = _count_stale_history(instance, stale)
    previous = replace(
        current, meetings=history + [x for x in current.meetings if x.round >= from_round]
    )
    try:
        schedule = replan(
            instance,
            previous,
            from_round,
            no_shows=ids.no_shows,
            late=late,
            keep_announced=True,
            locked=[x for x in ids.locked if x.round >= from_round],
            min_meetings=ids.min_meetings,
            time_limit=time_limit,
            cancelled=cancelled,
            progress=progress,
        )
    except SchedulingCancelled:
        raise
    except EssDeskError as error:
        raise EssDeskError(ids.readable([error.message])[0]) from error
    problems = ids.readable(validate_schedule(instance, schedule))
    # Worked out before saving: nothing may fail once the plan is stored.
    changes = _changes(instance, current, schedule, from_round, ids.candidate_names)
    # One transaction: the plan and the live mode's next round are stored together.
    save_schedule(
        db,
        speed_meeting_id,
        schedule,
        from_round=from_round,
        forget=forget,
        stamp=ids.stamp,
        current_round=from_round,
    )
    # The scheduler names the locks it had to drop, and why, among its messages.
    messages = ids.readable(schedule.messages)
    if stale:
        messages.append(
            stale_message(ids, stale, "passée(s) ne respectent plus les règles (gardées)")
        )
    return ReplanOutcome(
        schedule,
        from_round,
        messages[0] if messages else "",
        changes,
        messages[1:],
        problems,
        time.perf_counter() - start,
    )


def _changes(instance, before: Schedule, after: Schedule, from_round: int, names) -> list[str]:
    """Per young person, what changed from `from_round`: what the organiser calls out."""
    numbers = table_numbers(instance.recruiters)
    recruiter_names = {r.id: r.name for r in instance.recruiters}

    def by_candidate(meetings: list[Meeting]) -> dict[str, set[Meeting]]:
        result: dict[str, set[Meeting]] = {}
        for x in meetings:
            if x.round >= from_round:
                result.setdefault(x.candidate_id, set()).add(x)
        return result

    def where(x: Meeting) -> str:
        # A meeting left on a table that no longer exists still gets a readable line.
        number = numbers.get((x.recruiter_id, x.table), "?")
        return f"tour {x.round}, table {number} ({recruiter_names.get(x.recruiter_id, '?')})"

    old, new = by_candidate(before.meetings), by_candidate(after.meetings)
    lines = []
    for candidate_id in sorted(set(old) | set(new), key=lambda c: names.get(c, c).casefold()):
        gone = sorted(old.get(candidate_id, set()) - new.get(candidate_id, set()))
        came = sorted(new.get(candidate_id, set()) - old.get(candidate_id, set()))
        if not gone and not came:
            continue
        parts = [f"annulé : {where(x)}" for x in gone] + [f"nouveau : {where(x)}" for x in came]
        lines.append(f"{names.get(candidate_id, candidate_id)} — {' ; '.join(parts)}")
    return lines


def _count_stale_history(instance, stale: list[Meeting]):
    """Past meetings kept in the base but hidden from the scheduler still happened: the same
    pair must not meet again and they count towards the young person's cap."""
    if not stale:
        return instance
    met = {(x.candidate_id, x.recruiter_id) for x in stale}
    used: dict[str, int] = {}
    for x in stale:
        used[x.candidate_id] = used.get(x.candidate_id, 0) + 1
    candidates = tuple(
        replace(c, max_meetings=max(0, c.max_meetings - used[c.id]))
        if c.id in used and c.max_meetings is not None
        else c
        for c in instance.candidates
    )
    wishes = tuple(w for w in instance.wishes if (w.candidate_id, w.recruiter_id) not in met)
    return replace(instance, candidates=candidates, wishes=wishes)
