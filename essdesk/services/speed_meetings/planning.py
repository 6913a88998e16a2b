"""The speed-meeting plan in the base: to and from the scheduler, generate, save, lock, move."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, Database
from essdesk.domain.french import format_number
from essdesk.domain.scheduling.model import (
    Candidate,
    Instance,
    Meeting,
    Recruiter,
    Schedule,
    Wish,
)
from essdesk.domain.scheduling.scheduler import SchedulingCancelled as Cancelled
from essdesk.domain.scheduling.scheduler import (
    replan,
    schedule_meetings,
    split_holding,
    validate_schedule,
)
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.errors import EssDeskError
from essdesk.services.lookup import as_uuid, get_or_gone
from essdesk.services.speed_meetings.wishes_timing import timing_of

GENERATE_TIME_LIMIT = 20.0
CHANGED_MEANWHILE = (
    "Le speed meeting a été modifié entre-temps (autre fenêtre ou autre poste) : "
    "rien n'a été enregistré, relancez le calcul."
)


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
    recruiters: tuple[Recruiter, ...] = ()  # registered windows, before any absence applies
    stamp: tuple = ()  # versions of every row read: a save compares it to detect a change

    def absent_from(self, rounds: int, from_round: int) -> tuple[Recruiter, ...]:
        """The recruiters when absences count from `from_round`: earlier rounds stay as held."""
        result = []
        for r in self.recruiters:
            if r.id in self.absent_recruiters:
                end = min(from_round - 1, r.available_to or rounds)
                # Nothing held before `from_round`: an empty window, after the last round.
                r = replace(r, available_to=end)
                if end < (r.available_from or 1):
                    r = replace(r, available_from=rounds + 1, available_to=None)
            result.append(r)
        return tuple(result)

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
        speed = speed_meeting_loaded(session, speed_meeting_id)
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
        registered = tuple(
            Recruiter(str(r.id), r.name, r.tables, r.available_from, r.available_to)
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
        ids = PlanIds(
            speed.title,
            event_title,
            speed.min_meetings,
            {r.id: r.name for r in registered},
            {c.id: c.name for c in candidates},
            {str(c.id): c.attendance for c in speed.candidates},
            absent_recruiters={str(r.id) for r in speed.recruiters if not r.present},
            arrival={
                str(c.id): c.arrival_round for c in speed.candidates if c.arrival_round is not None
            },
            current_round=speed.current_round,
            recruiters=registered,
            stamp=plan_stamp(speed),
        )
        # An absent recruiter keeps its tables in the room; it meets no one from the live
        # mode's next round on, and the rounds already held stay as they were.
        recruiters = ids.absent_from(speed.rounds, speed.current_round)
        instance = Instance(speed.rounds, recruiters, tuple(candidates), tuple(wishes))
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


def speed_meeting_loaded(session, speed_meeting_id: uuid.UUID | str) -> m.SpeedMeeting:
    """The speed meeting with its participants, wishes and meetings, one query per collection."""
    # One query per collection, not one per candidate: 600 candidates load in a blink.
    return get_or_gone(
        session,
        m.SpeedMeeting,
        speed_meeting_id,
        "Ce speed meeting",
        options=[
            selectinload(m.SpeedMeeting.recruiters),
            selectinload(m.SpeedMeeting.candidates).selectinload(m.SpeedMeetingCandidate.wishes),
            selectinload(m.SpeedMeeting.meetings),
        ],
    )


def plan_stamp(speed: m.SpeedMeeting) -> tuple:
    """Every row the scheduler reads, with its version: any write in between changes it."""
    rows = [
        speed,
        *speed.recruiters,
        *speed.candidates,
        *(w for c in speed.candidates for w in c.wishes),
        *speed.meetings,
    ]
    return tuple(sorted((str(row.id), row.version) for row in rows))


def stale_message(ids: PlanIds, meetings: list[Meeting], what: str) -> str:
    """« 2 rencontre(s) … : Léa Martin (tour 3), … » for the organiser."""
    names = ", ".join(
        f"{ids.candidate_names.get(x.candidate_id, '?')} (tour {x.round})" for x in meetings
    )
    return f"{len(meetings)} rencontre(s) {what} : {names}."


class Conflicts(NamedTuple):
    """The rules the stored plan breaks, in French, and the young people they concern."""

    messages: list[str]
    candidate_ids: set[str]


def plan_conflicts(plan: LoadedPlan) -> Conflicts:
    """The rules the stored plan breaks (after a forced move, an absence…), with whom."""
    if plan.schedule is None:
        return Conflicts([], set())
    # A no-show's meetings are shown struck through, not reported as broken rules: they simply
    # did not take place (re-planning from the live tab gives their slots to others).
    absent = plan.ids.no_shows
    held = [x for x in plan.schedule.meetings if x.candidate_id not in absent]
    raw = validate_schedule(plan.instance, replace(plan.schedule, meetings=held))
    # Matched on ids before they become names: « Léa » must not flag « Léane ».
    concerned = {c.id for c in plan.instance.candidates if any(c.id in p for p in raw)}
    return Conflicts(plan.ids.readable(raw), concerned)


def plan_problems(plan: LoadedPlan) -> list[str]:
    """The rules the stored plan breaks (after a forced move, an absence…), in French."""
    return plan_conflicts(plan).messages


def save_schedule(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    schedule: Schedule,
    *,
    from_round: int = 1,
    forget: Iterable[Meeting] = (),
    stamp: tuple | None = None,
    current_round: int | None = None,
) -> None:
    """Store `schedule` from `from_round` on; earlier rounds keep their rows, minus `forget`."""
    # History is never rewritten: held meetings keep lock, announcement and outcome. `stamp`
    # (from load_instance) refuses a save over a change made elsewhere since the read.
    forget = set(forget)
    try:
        with db.transaction() as session:
            speed = speed_meeting_loaded(session, speed_meeting_id)
            if stamp is not None and plan_stamp(speed) != stamp:
                raise EssDeskError(CHANGED_MEANWHILE)
            wanted = {
                (x.round, x.candidate_id): x for x in schedule.meetings if x.round >= from_round
            }
            for row in list(speed.meetings):
                if row.round < from_round:
                    stored = Meeting(
                        row.round, str(row.recruiter_id), str(row.candidate_id), row.table
                    )
                    if stored in forget:
                        session.delete(row)
                    continue
                new = wanted.get((row.round, str(row.candidate_id)))
                if new is not None and new.recruiter_id == str(row.recruiter_id):
                    row.table = new.table
                    del wanted[(row.round, str(row.candidate_id))]
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
            if current_round is not None:
                speed.current_round = current_round
    except (StaleDataError, ConcurrentEditError) as error:
        raise EssDeskError(CHANGED_MEANWHILE) from error


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
    """« Poids 123,5 · borne 130 · écart à la borne 5 % », in French notation."""
    figures = (
        f"Poids {format_number(schedule.objective, 3)} · borne {format_number(schedule.bound, 3)}"
    )
    if schedule.proven_optimal or schedule.gap < 1e-9:
        return f"{figures} · optimal prouvé"
    gap = format_number(schedule.gap * 100, 1)
    return f"{figures} · écart à la borne {gap}\u00a0%"


def generate_schedule(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    *,
    time_limit: float = GENERATE_TIME_LIMIT,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[str], None] | None = None,
) -> PlanOutcome:
    """Plan every round again around the locked and announced meetings, check it, save it.

    Once `cancelled()` returns True the computation stops (`SchedulingCancelled`) and nothing
    is saved: the previous plan stays. `progress` is told each phase (French).
    """
    instance, _timing, _current, ids = load_instance(db, speed_meeting_id)
    if not instance.recruiters or not instance.candidates:
        raise EssDeskError("Ajoutez des recruteurs et des jeunes avant de générer le planning.")
    if not instance.wishes:
        raise EssDeskError("Aucun souhait saisi : le planning ne peut relier personne.")
    # Rounds already run or outcomes noted mean the event has begun: only the live re-plan
    # keeps what was held. (Absences noted at check-in, before round 1, still allow it.)
    started = ids.current_round > 1
    if started or any(outcome is not None for outcome in ids.outcomes.values()):
        raise EssDeskError(
            "Le speed meeting a commencé (tours déjà joués ou suites saisies) : générer "
            "à nouveau le planning effacerait ce qui a eu lieu. Replanifiez plutôt les tours "
            "restants depuis l'onglet « Direct »."
        )
    # Generating plans every round: an absent recruiter meets no one at all.
    instance = replace(instance, recruiters=ids.absent_from(instance.rounds, 1))
    # A lock on a no-show's meeting, or one made stale by later edits, cannot hold.
    locked, stale = split_holding(instance, ids.locked)
    run = {"min_meetings": ids.min_meetings, "time_limit": time_limit, "locked": locked}
    run.update(cancelled=cancelled, progress=progress)
    try:
        if ids.announced:
            # Printed convocations are in people's hands: keep them unless a real gain.
            announced = Schedule(instance.rounds, sorted(ids.announced), 0.0, 0.0, False)
            schedule = replan(instance, announced, 1, keep_announced=True, **run)
        else:
            schedule = schedule_meetings(instance, **run)
    except Cancelled:
        raise
    except EssDeskError as error:
        raise EssDeskError(ids.readable([error.message])[0]) from error
    problems = ids.readable(validate_schedule(instance, schedule))
    save_schedule(db, speed_meeting_id, schedule, stamp=ids.stamp)
    messages = ids.readable(schedule.messages)
    dropped = [x for x, _reason in stale if x.candidate_id not in ids.no_shows]
    if dropped:
        messages.append(stale_message(ids, dropped, "verrouillée(s) n'étaient plus possibles"))
    return PlanOutcome(schedule, messages, problems, schedule.seconds)
