"""Hand edits of the speed-meeting plan: lock a meeting, move or swap it in the grid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy.exc import IntegrityError

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, ConflictError, Database
from essdesk.domain.scheduling.model import Meeting
from essdesk.domain.scheduling.scheduler import validate_schedule
from essdesk.errors import EssDeskError
from essdesk.services.lookup import as_uuid, get_or_gone, gone
from essdesk.services.speed_meetings.planning import PlanIds, load_instance
from essdesk.services.speed_meetings.sessions import MEETING, REGENERATED

MOVE_CONFLICT = (
    "Déplacement impossible : le planning a changé entre-temps (autre fenêtre ou autre poste) "
    "et ce jeune a déjà une rencontre à ce tour. Rien n'a été enregistré ; rechargez la grille."
)
STALE_GRID = (
    "Le planning a été modifié entre-temps : la grille est rechargée, refaites le déplacement."
)
HELD = "Cette rencontre a déjà eu lieu (suite notée) : elle ne peut plus être déplacée."
TARGET_HELD = (
    "La case visée contient une rencontre qui a déjà eu lieu (suite notée) : "
    "elle ne peut plus être déplacée."
)


class StaleGridError(EssDeskError):
    """The grid the user dropped on is older than the base: reload it, nothing was saved."""


def set_locked(db: Database, meeting_id: uuid.UUID | str, locked: bool) -> None:
    """A locked meeting stays where it is when the plan is generated again."""
    with db.transaction() as session:
        row = get_or_gone(session, m.SpeedMeetingMeeting, meeting_id, MEETING, why=REGENERATED)
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
    expected_stamp: tuple | None = None,
) -> MoveResult:
    """Move a meeting to another cell of the grid; swap with the meeting already there.

    `conflicts` lists, in French, the rules the move would newly break. With conflicts, nothing
    is saved unless `force`. Moved meetings are locked: a manual choice must survive the next
    generation. `expected_stamp` is the `ids.stamp` of the plan the grid shows: a drop onto a
    grid older than the base is refused (`StaleGridError`) rather than swapped with someone the
    user never saw. A meeting with an outcome stays where it was held.
    """
    instance, _timing, current, ids = load_instance(db, speed_meeting_id)
    if expected_stamp is not None and tuple(expected_stamp) != tuple(ids.stamp):
        raise StaleGridError(STALE_GRID)
    by_id = {row_id: x for x, row_id in ids.meeting_ids.items()}
    source = by_id.get(as_uuid(meeting_id))
    if source is None or current is None:
        raise gone(MEETING, REGENERATED)
    if source in ids.locked:
        raise EssDeskError(
            "Cette rencontre est verrouillée : déverrouillez-la avant de la déplacer."
        )
    if ids.outcomes.get(source) is not None:
        # The outcome was noted with this recruiter, at this round: it cannot follow a move.
        raise EssDeskError(HELD)
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
    if occupant is not None and ids.outcomes.get(occupant) is not None:
        raise EssDeskError(TARGET_HELD)
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
    try:
        with db.transaction() as session:
            _write(session, ids, moved)
    except (IntegrityError, ConflictError, ConcurrentEditError) as error:
        # The grid was older than the base: say what happened, not the generic refusal.
        raise EssDeskError(MOVE_CONFLICT) from error
    return MoveResult(True, conflicts, occupant is not None)


def _write(session, ids: PlanIds, moved: dict[Meeting, Meeting]) -> None:
    """Store the moved meetings, rows updated in place (their ids stay valid in other views)."""
    versions = dict(ids.stamp)
    rows = {}
    for old in moved:
        row = get_or_gone(
            session, m.SpeedMeetingMeeting, ids.meeting_ids[old], MEETING, why=REGENERATED
        )
        if versions.get(str(row.id), row.version) != row.version:
            raise StaleGridError(STALE_GRID)  # changed since the plan was read
        rows[old] = row
    # Park first: the base holds one meeting per young person and round at every flush, and
    # swapping two meetings of the same young person would collide half-way.
    for row in rows.values():
        row.round = -row.round
    session.flush()
    for old, new in moved.items():
        row = rows[old]
        if (old.round, old.recruiter_id, old.table) != (new.round, new.recruiter_id, new.table):
            row.announced = False  # the printed place no longer holds: print again
        row.round, row.table = new.round, new.table
        row.recruiter_id = as_uuid(new.recruiter_id)
        row.locked = True
