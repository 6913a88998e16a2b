"""The speed-meeting plan in the base: to and from the scheduler, generate, save, lock, move."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.scheduling import schedule_meetings, validate_schedule
from essdesk.domain.scheduling_model import (
    Candidate,
    Instance,
    Meeting,
    Recruiter,
    Schedule,
    Wish,
)
from essdesk.domain.scheduling_problem import window
from essdesk.domain.speed_meeting_timing import RoundTiming
from essdesk.errors import EssDeskError
from essdesk.services.speed_meeting_settings import timing_of
from essdesk.services.speed_meetings import as_uuid, speed_meeting_row

GENERATE_TIME_LIMIT = 20.0


@dataclass
class PlanIds:
    """What the scheduler's plain types leave out: names, stored meeting rows, their flags."""

    title: str
    event_title: str
    min_meetings: int
    recruiter_names: dict[str, str]
    candidate_names: dict[str, str]
    attendance: dict[str, str]
    meeting_ids: dict[Meeting, uuid.UUID] = field(default_factory=dict)
    locked: set[Meeting] = field(default_factory=set)
    announced: set[Meeting] = field(default_factory=set)
    outcomes: dict[Meeting, str | None] = field(default_factory=dict)
    absent_recruiters: set[str] = field(default_factory=set)
    arrival: dict[str, int] = field(default_factory=dict)  # late candidate → arrival round
    current_round: int = 1  # the live mode's next round

    @property
    def no_shows(self) -> set[str]:
        return {cid for cid, state in self.attendance.items() if state == "no_show"}

    def readable(self, messages: list[str]) -> list[str]:
        """The scheduler names people by id; the organiser knows them by name."""
        names = {**self.recruiter_names, **self.candidate_names}
        result = []
        for message in messages:
            for key, name in names.items():
                if key in message:
                    message = message.replace(key, name)
            result.append(message)
        return result


class LoadedPlan(NamedTuple):
    instance: Instance
    timing: RoundTiming
    schedule: Schedule | None
    ids: PlanIds


def load_instance(db: Database, speed_meeting_id: uuid.UUID | str) -> LoadedPlan:
    """The speed meeting as the scheduler sees it (ids are the base's UUIDs as strings).

    No-shows keep their place in the instance with a cap of 0 meetings, so that any plan made
    from it leaves them out; a late candidate's window starts at their arrival round (their
    registered window is kept in the base for when they are marked present again).
    """
    with db.session() as session:
        # One query per collection, not one per candidate: 600 candidates load in a blink.
        speed = session.get(
            m.SpeedMeeting,
            as_uuid(speed_meeting_id),
            options=[
                selectinload(m.SpeedMeeting.recruiters),
                selectinload(m.SpeedMeeting.candidates).selectinload(
                    m.SpeedMeetingCandidate.wishes
                ),
                selectinload(m.SpeedMeeting.meetings),
            ],
        ) or speed_meeting_row(session, speed_meeting_id)
        event_title = ""
        if speed.event_session_id is not None:
            event_title = (
                session.scalar(
                    select(m.Event.title)
                    .join(m.EventSession, m.EventSession.event_id == m.Event.id)
                    .where(m.EventSession.id == speed.event_session_id)
                )
                or ""
            )
        # An absent recruiter keeps its tables in the room but has no round to meet anyone.
        recruiters = tuple(
            Recruiter(str(r.id), r.name, r.tables, r.available_from, r.available_to)
            if r.present
            else Recruiter(str(r.id), r.name, r.tables, speed.rounds + 1, None)
            for r in speed.recruiters
        )
        candidates, wishes = [], []
        for c in sorted(speed.candidates, key=lambda c: c.name.casefold()):
            cap = 0 if c.attendance == "no_show" else c.max_meetings
            start = c.available_from
            if c.arrival_round is not None:
                start = max(start or 1, c.arrival_round)
            candidates.append(Candidate(str(c.id), c.name, start, c.available_to, cap))
            wishes.extend(Wish(str(c.id), str(w.recruiter_id), w.rank, w.weight) for w in c.wishes)
        instance = Instance(speed.rounds, recruiters, tuple(candidates), tuple(wishes))
        ids = PlanIds(
            speed.title,
            event_title,
            speed.min_meetings,
            {r.id: r.name for r in recruiters},
            {c.id: c.name for c in candidates},
            {str(c.id): c.attendance for c in speed.candidates},
            absent_recruiters={str(r.id) for r in speed.recruiters if not r.present},
            arrival={
                str(c.id): c.arrival_round for c in speed.candidates if c.arrival_round is not None
            },
            current_round=speed.current_round,
        )
        meetings = []
        for row in speed.meetings:
            meeting = Meeting(row.round, str(row.recruiter_id), str(row.candidate_id), row.table)
            meetings.append(meeting)
            ids.meeting_ids[meeting] = row.id
            ids.outcomes[meeting] = row.outcome
            if row.locked:
                ids.locked.add(meeting)
            if row.announced:
                ids.announced.add(meeting)
        schedule = None
        if meetings or speed.objective is not None:
            objective = speed.objective or 0.0
            bound = speed.bound if speed.bound is not None else objective
            schedule = Schedule(
                speed.rounds, sorted(meetings), objective, bound, objective >= bound - 1e-6
            )
        return LoadedPlan(instance, timing_of(speed), schedule, ids)


def split_usable(
    instance: Instance, meetings: list[Meeting] | set[Meeting]
) -> tuple[list[Meeting], list[Meeting]]:
    """Meetings the scheduler can take as fixed, and those it would refuse.

    A lock or a past meeting can go stale: the wish was removed, a window or the number of
    tables changed, a forced move made a pair meet twice. The scheduler rejects the whole
    plan for one such meeting, so they are set aside (and reported) instead.
    """
    recruiters = {r.id: r for r in instance.recruiters}
    candidates = {c.id: c for c in instance.candidates}
    wished = {(w.candidate_id, w.recruiter_id) for w in instance.wishes}
    pairs: set[tuple[str, str]] = set()
    slots: set[tuple[str, int]] = set()
    tables: set[tuple[str, int, int]] = set()
    counts: dict[str, int] = {}
    usable, stale = [], []
    for x in sorted(meetings):
        r, c = recruiters.get(x.recruiter_id), candidates.get(x.candidate_id)
        ok = (
            r is not None
            and c is not None
            and (x.candidate_id, x.recruiter_id) in wished
            and x.round in window(r.available_from, r.available_to, instance.rounds)
            and x.round in window(c.available_from, c.available_to, instance.rounds)
            and 1 <= x.table <= r.tables
            and (x.candidate_id, x.recruiter_id) not in pairs
            and (x.candidate_id, x.round) not in slots
            and (x.recruiter_id, x.round, x.table) not in tables
            and (c.max_meetings is None or counts.get(c.id, 0) < c.max_meetings)
        )
        if not ok:
            stale.append(x)
            continue
        usable.append(x)
        pairs.add((x.candidate_id, x.recruiter_id))
        slots.add((x.candidate_id, x.round))
        tables.add((x.recruiter_id, x.round, x.table))
        counts[x.candidate_id] = counts.get(x.candidate_id, 0) + 1
    return usable, stale


def stale_message(ids: PlanIds, meetings: list[Meeting], what: str) -> str:
    """« 2 rencontre(s) … : Léa Martin (tour 3), … » for the organiser."""
    names = ", ".join(
        f"{ids.candidate_names.get(x.candidate_id, '?')} (tour {x.round})" for x in meetings
    )
    return f"{len(meetings)} rencontre(s) {what} : {names}."


def plan_problems(plan: LoadedPlan) -> list[str]:
    """The rules the stored plan breaks (after a forced move, an absence…), in French."""
    if plan.schedule is None:
        return []
    # A no-show's meetings are shown struck through, not reported as broken rules: they simply
    # did not take place (re-planning from the live tab gives their slots to others).
    absent = plan.ids.no_shows
    held = [x for x in plan.schedule.meetings if x.candidate_id not in absent]
    return plan.ids.readable(
        validate_schedule(plan.instance, replace(plan.schedule, meetings=held))
    )


def save_schedule(
    db: Database, speed_meeting_id: uuid.UUID | str, schedule: Schedule, *, from_round: int = 1
) -> None:
    """Store `schedule` as the plan: its meetings from `from_round` on replace the stored ones.

    Before `from_round` (rounds already held) the schedule repeats what happened, minus the
    meetings of candidates who did not come; a meeting kept as it was keeps its lock,
    announcement and outcome.
    """
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        wanted = {(x.round, x.candidate_id): x for x in schedule.meetings}
        stored = {(row.round, str(row.candidate_id)): row for row in speed.meetings}
        for key, row in stored.items():
            new = wanted.get(key)
            if new is not None and new.recruiter_id == str(row.recruiter_id):
                row.table = new.table
                del wanted[key]
            else:
                session.delete(row)
        # Deletes first: the base refuses two rows for one candidate and round, even briefly.
        session.flush()
        for x in wanted.values():
            session.add(
                m.SpeedMeetingMeeting(
                    speed_meeting_id=speed.id,
                    round=x.round,
                    recruiter_id=as_uuid(x.recruiter_id),
                    candidate_id=as_uuid(x.candidate_id),
                    table=x.table,
                )
            )
        speed.objective, speed.bound = schedule.objective, schedule.bound
        speed.status = "planned"


@dataclass
class PlanOutcome:
    """A freshly computed plan and what the organiser should read about it."""

    schedule: Schedule
    messages: list[str]
    problems: list[str]
    seconds: float

    @property
    def quality(self) -> str:
        return plan_quality(self.schedule)


def plan_quality(schedule: Schedule) -> str:
    if schedule.proven_optimal or schedule.gap < 1e-9:
        return f"Poids {schedule.objective:g} · borne {schedule.bound:g} · optimal prouvé"
    return (
        f"Poids {schedule.objective:g} · borne {schedule.bound:g} · "
        f"écart à la borne {schedule.gap:.1%}".replace(".", ",")
    )


def generate_schedule(
    db: Database, speed_meeting_id: uuid.UUID | str, *, time_limit: float = GENERATE_TIME_LIMIT
) -> PlanOutcome:
    """Plan every round again around the locked meetings, check it, save it."""
    instance, _timing, _current, ids = load_instance(db, speed_meeting_id)
    if not instance.recruiters or not instance.candidates:
        raise EssDeskError("Ajoutez des recruteurs et des jeunes avant de générer le planning.")
    if not instance.wishes:
        raise EssDeskError("Aucun souhait saisi : le planning ne peut relier personne.")
    # A lock on a no-show's meeting, or one made stale by later edits, cannot hold.
    locked, stale = split_usable(instance, ids.locked)
    try:
        schedule = schedule_meetings(
            instance, min_meetings=ids.min_meetings, time_limit=time_limit, locked=locked
        )
    except EssDeskError as error:
        raise EssDeskError(ids.readable([error.message])[0]) from error
    problems = ids.readable(validate_schedule(instance, schedule))
    save_schedule(db, speed_meeting_id, schedule)
    messages = ids.readable(schedule.messages)
    dropped = [x for x in stale if x.candidate_id not in ids.no_shows]
    if dropped:
        messages.append(stale_message(ids, dropped, "verrouillée(s) n'étaient plus possibles"))
    return PlanOutcome(schedule, messages, problems, schedule.seconds)


def set_locked(db: Database, meeting_id: uuid.UUID | str, locked: bool) -> None:
    """A locked meeting stays where it is when the plan is generated again."""
    with db.transaction() as session:
        row = session.get(m.SpeedMeetingMeeting, as_uuid(meeting_id))
        if row is None:
            raise EssDeskError("Cette rencontre n'existe plus (planning régénéré ?).")
        row.locked = locked


@dataclass
class MoveResult:
    """Whether the move was saved, the rules it breaks, and whether forcing it is possible."""

    saved: bool
    conflicts: list[str]
    swapped: bool = False
    forceable: bool = True


def move_meeting(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    meeting_id: uuid.UUID | str,
    *,
    round: int,
    recruiter_id: uuid.UUID | str,
    table: int = 1,
    force: bool = False,
) -> MoveResult:
    """Move a meeting to another cell of the grid; swap with the meeting already there.

    `conflicts` lists, in French, the rules the move would newly break. With conflicts, nothing
    is saved unless `force`. Moved meetings are locked: a manual choice must survive the next
    generation.
    """
    instance, _timing, current, ids = load_instance(db, speed_meeting_id)
    by_id = {row_id: x for x, row_id in ids.meeting_ids.items()}
    source = by_id.get(as_uuid(meeting_id))
    if source is None or current is None:
        raise EssDeskError("Cette rencontre n'existe plus (planning régénéré ?).")
    if source in ids.locked:
        raise EssDeskError(
            "Cette rencontre est verrouillée : déverrouillez-la avant de la déplacer."
        )
    target = Meeting(round, str(recruiter_id), source.candidate_id, table)
    occupant = next(
        (
            x
            for x in current.meetings
            if x.round == round and x.recruiter_id == str(recruiter_id) and x.table == table
        ),
        None,
    )
    if occupant == source:
        return MoveResult(False, [])
    if occupant is not None and occupant in ids.locked:
        raise EssDeskError("La case visée contient une rencontre verrouillée.")
    moved = {source: target}
    if occupant is not None:
        moved[occupant] = Meeting(
            source.round, source.recruiter_id, occupant.candidate_id, source.table
        )
    after = replace(current, meetings=[moved.get(x, x) for x in current.meetings])
    before = set(ids.readable(validate_schedule(instance, current)))
    conflicts = [p for p in ids.readable(validate_schedule(instance, after)) if p not in before]
    # The base holds one meeting per candidate and round: that conflict cannot be forced.
    slots = [(x.round, x.candidate_id) for x in after.meetings]
    forceable = len(slots) == len(set(slots))
    if conflicts and (not force or not forceable):
        return MoveResult(False, conflicts, occupant is not None, forceable)
    with db.transaction() as session:
        rows = {ids.meeting_ids[old]: new for old, new in moved.items()}
        session.execute(delete(m.SpeedMeetingMeeting).where(m.SpeedMeetingMeeting.id.in_(rows)))
        for new in rows.values():
            session.add(
                m.SpeedMeetingMeeting(
                    speed_meeting_id=as_uuid(speed_meeting_id),
                    round=new.round,
                    recruiter_id=as_uuid(new.recruiter_id),
                    candidate_id=as_uuid(new.candidate_id),
                    table=new.table,
                    locked=True,
                )
            )
    return MoveResult(True, conflicts, occupant is not None)
