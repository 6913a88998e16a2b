"""What came of a speed meeting: outcome of each meeting, summary per recruiter, printouts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import update

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_span
from essdesk.domain.nomenclatures import MEETING_OUTCOMES
from essdesk.domain.scheduling.model import table_numbers
from essdesk.domain.scheduling.outcomes import meeting_held
from essdesk.errors import EssDeskError, os_reason
from essdesk.services.lookup import as_uuid, get_or_gone
from essdesk.services.speed_meetings.planning import load_instance
from essdesk.services.speed_meetings.sessions import MEETING, REGENERATED

PLAN_CSV = "planning.csv"


@dataclass(frozen=True)
class MeetingRow:
    """One planned meeting as the results screen lists it."""

    id: uuid.UUID
    round: int
    hours: str
    table: int
    recruiter: str
    candidate: str
    attendance: str
    outcome: str | None

    @property
    def outcome_label(self) -> str:
        return MEETING_OUTCOMES.get(self.outcome or "", "")


def meeting_rows(db: Database, speed_meeting_id: uuid.UUID | str) -> list[MeetingRow]:
    """Every planned meeting, round by round and table by table."""
    instance, timing, schedule, ids = load_instance(db, speed_meeting_id)
    if schedule is None:
        return []
    numbers = table_numbers(instance.recruiters)
    spans = timing.round_times(instance.rounds)
    rows = [
        MeetingRow(
            ids.meeting_ids[x],
            x.round,
            format_span(*spans[x.round - 1]),
            numbers[(x.recruiter_id, x.table)],
            ids.recruiter_names[x.recruiter_id],
            ids.candidate_names[x.candidate_id],
            ids.attendance.get(x.candidate_id, "expected"),
            ids.outcomes.get(x),
        )
        for x in schedule.meetings
    ]
    return sorted(rows, key=lambda r: (r.round, r.table))


def set_outcome(db: Database, meeting_id: uuid.UUID | str, outcome: str | None) -> None:
    """Record what came of a meeting (a code of MEETING_OUTCOMES), or None: not known yet."""
    if outcome is not None and outcome not in MEETING_OUTCOMES:
        raise EssDeskError(f"Suite de rencontre inconnue : {outcome}.")
    with db.transaction() as session:
        row = get_or_gone(session, m.SpeedMeetingMeeting, meeting_id, MEETING, why=REGENERATED)
        row.outcome = outcome


@dataclass
class RecruiterOutcomes:
    """How one recruiter's meetings ended: counts per outcome code, and those not filled in."""

    recruiter_id: uuid.UUID
    name: str
    meetings: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def unknown(self) -> int:
        return self.meetings - sum(self.counts.values())


def outcome_summary(db: Database, speed_meeting_id: uuid.UUID | str) -> list[RecruiterOutcomes]:
    """Per recruiter, in table order: meetings held and how many of each outcome.

    Held means as in the event report: an outcome was recorded, or the young person was not
    a no-show and the recruiter was present.
    """
    instance, _timing, schedule, ids = load_instance(db, speed_meeting_id)
    summary = {
        r.id: RecruiterOutcomes(as_uuid(r.id), r.name, 0, dict.fromkeys(MEETING_OUTCOMES, 0))
        for r in instance.recruiters
    }
    for x in schedule.meetings if schedule else []:
        outcome = ids.outcomes.get(x)
        if not meeting_held(
            outcome,
            candidate_no_show=x.candidate_id in ids.no_shows,
            recruiter_absent=x.recruiter_id in ids.absent_recruiters,
            round_=x.round,
            rounds_played_before=ids.current_round,
        ):
            continue
        line = summary[x.recruiter_id]
        line.meetings += 1
        if outcome in line.counts:
            line.counts[outcome] += 1
    return list(summary.values())


def export_printouts(
    db: Database, speed_meeting_id: uuid.UUID | str, directory: str | Path, *, agency: str = ""
) -> list[Path]:
    """Write the PDF printouts and the CSV plan into `directory`; the meetings become announced."""
    from essdesk.reports.speed_meetings.printouts import schedule_csv, write_printouts

    instance, timing, schedule, ids = load_instance(db, speed_meeting_id)
    if schedule is None or not schedule.meetings:
        raise EssDeskError("Générez d'abord le planning : il n'y a rien à imprimer.")
    title = ids.event_title or ids.title
    directory = Path(directory)
    try:
        paths = write_printouts(
            instance, schedule, timing, directory, event_title=title, agency=agency
        )
        paths.append(schedule_csv(instance, schedule, timing, directory / PLAN_CSV))
    except OSError as error:
        raise EssDeskError(
            f"Impossible d'écrire les documents dans {directory} : {os_reason(error)}."
        ) from error
    except ValueError as error:
        # The documents check the plan against the room (a table removed since, say).
        raise EssDeskError(
            "Le planning ne correspond plus aux participants (tables, tours) : "
            "replanifiez avant d'imprimer.",
            detail=ids.readable([str(error)])[0],
        ) from error
    with db.transaction() as session:
        # Printed means announced: a later re-planning tries hard not to move these meetings.
        session.execute(
            update(m.SpeedMeetingMeeting)
            .where(m.SpeedMeetingMeeting.speed_meeting_id == as_uuid(speed_meeting_id))
            .values(announced=True)
        )
    return paths
