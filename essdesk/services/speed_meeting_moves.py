"""Hand edits of the speed-meeting plan: lock a meeting, move or swap it in the grid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy.exc import IntegrityError

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, ConflictError, Database
from essdesk.domain.scheduling import validate_schedule
from essdesk.domain.scheduling_model import Meeting
from essdesk.errors import EssDeskError
from essdesk.services.speed_meeting_plan import load_instance
from essdesk.services.speed_meetings import as_uuid

GONE = "Cette rencontre n'existe plus (planning régénéré ?)."
MOVE_CONFLICT = (
    "Déplacement impossible : le planning a changé entre-temps (autre fenêtre ou autre poste) "
    "et ce jeune a déjà une rencontre à ce tour. Rien n'a été enregistré ; rechargez la grille."
)


def set_locked(db: Database, meeting_id: uuid.UUID | str, locked: bool) -> None:
    """A locked meeting stays where it is when the plan is generated again."""
    with db.transaction() as session:
        row = session.get(m.SpeedMeetingMeeting, as_uuid(meeting_id))
        if row is None:
            raise EssDeskError(GONE)
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
        raise EssDeskError(GONE)
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
    try:
        with db.transaction() as session:
            # Updated in place, not re-created: outcome and announcement stay with the row.
            for old, new in moved.items():
                row = session.get(m.SpeedMeetingMeeting, ids.meeting_ids[old])
                if row is None:
                    raise EssDeskError(GONE)
                row.round, row.table = new.round, new.table
                row.recruiter_id = as_uuid(new.recruiter_id)
                row.locked = True
    except (IntegrityError, ConflictError, ConcurrentEditError) as error:
        # The grid was older than the base: say what happened, not the generic refusal.
        raise EssDeskError(MOVE_CONFLICT) from error
    return MoveResult(True, conflicts, occupant is not None)
