"""Speed-meeting participants: pick employers and young people, walk-ins, tables and windows."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.errors import EssDeskError
from essdesk.services.listings import words_condition
from essdesk.services.lookup import as_uuid, get_or_gone, gone
from essdesk.services.speed_meetings.sessions import CANDIDATE, RECRUITER, Choice, speed_meeting_row


def search_employers(db: Database, text: str = "", limit: int = 100) -> list[Choice]:
    """Active employers whose name, commune or sector contains `text`."""
    columns = [m.Employer.name, m.Employer.commune, m.Employer.sector]
    query = select(m.Employer).where(
        m.Employer.archived.is_(False), words_condition(columns, text, db.engine.dialect.name)
    )
    with db.session() as session:
        rows = session.scalars(query.order_by(m.Employer.name).limit(limit)).all()
        return [Choice(e.id, e.name, " · ".join(filter(None, [e.commune, e.sector]))) for e in rows]


def search_youths(db: Database, text: str = "", limit: int = 100) -> list[Choice]:
    """Young people whose last name, first name or commune contains `text`."""
    columns = [m.Youth.last_name, m.Youth.first_name, m.Youth.commune]
    query = select(m.Youth).where(words_condition(columns, text, db.engine.dialect.name))
    query = query.order_by(m.Youth.last_name, m.Youth.first_name).limit(limit)
    with db.session() as session:
        return [
            Choice(y.id, f"{y.first_name} {y.last_name}", y.commune or "")
            for y in session.scalars(query).all()
        ]


def add_recruiters(
    db: Database, speed_meeting_id: uuid.UUID | str, employer_ids: list[uuid.UUID | str]
) -> int:
    """Employers join as recruiters (one table each); those already there are skipped."""
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        present = {r.employer_id for r in speed.recruiters}
        position = max((r.position for r in speed.recruiters), default=0)
        added = 0
        for employer_id in map(as_uuid, employer_ids):
            employer = session.get(m.Employer, employer_id)
            if employer is None or employer.id in present:
                continue
            position += 1
            added += 1
            present.add(employer.id)
            speed.recruiters.append(
                m.SpeedMeetingRecruiter(
                    employer_id=employer.id, name=employer.name, position=position, tables=1
                )
            )
        return added


def add_candidates(
    db: Database, speed_meeting_id: uuid.UUID | str, youth_ids: list[uuid.UUID | str]
) -> int:
    """Young people join as candidates; those already there are skipped."""
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        present = {c.youth_id for c in speed.candidates}
        added = 0
        for youth_id in map(as_uuid, youth_ids):
            youth = session.get(m.Youth, youth_id)
            if youth is None or youth.id in present:
                continue
            added += 1
            present.add(youth.id)
            speed.candidates.append(
                m.SpeedMeetingCandidate(
                    youth_id=youth.id, name=f"{youth.first_name} {youth.last_name}"
                )
            )
        return added


def add_walk_in(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    name: str,
    recruiter_ids: list[uuid.UUID | str] = (),
    *,
    from_round: int | None = None,
) -> uuid.UUID:
    """A young person who turned up unregistered, present from `from_round`, wishes in order."""
    name = " ".join(name.split())
    if not name:
        raise EssDeskError("Indiquez le nom du jeune.")
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        if from_round is not None and not 1 <= from_round <= speed.rounds:
            raise EssDeskError(f"Tour invalide : {from_round} (1 à {speed.rounds}).")
        known = {r.id for r in speed.recruiters}
        candidate = m.SpeedMeetingCandidate(
            name=name,
            walk_in=True,
            attendance="present",
            available_from=from_round if from_round and from_round > 1 else None,
        )
        for rank, recruiter_id in enumerate(dict.fromkeys(map(as_uuid, recruiter_ids)), start=1):
            if recruiter_id not in known:
                raise EssDeskError("Ce recruteur ne participe pas à ce speed meeting.")
            candidate.wishes.append(m.SpeedMeetingWish(recruiter_id=recruiter_id, rank=rank))
        speed.candidates.append(candidate)
        session.flush()
        return candidate.id


def update_recruiter(
    db: Database,
    recruiter_id: uuid.UUID | str,
    *,
    tables: int,
    available_from: int | None,
    available_to: int | None,
) -> int:
    """Tables and window of a recruiter; returns how many meetings on removed tables went.

    Only meetings still to come can go: the update is refused when one on a removed table has
    an outcome, was announced (printed) or belongs to a round already held.
    """
    # None as a window end: from the first / to the last round. A meeting left on a table that
    # no longer exists would break the results, the printouts and the re-plan.
    with db.transaction() as session:
        recruiter, speed = _recruiter_and_speed(session, recruiter_id)
        _check_window(available_from, available_to, speed.rounds)
        beyond = _removable_meetings(session, recruiter, speed, tables)
        for row in beyond:
            session.delete(row)
        recruiter.tables = tables
        recruiter.available_from, recruiter.available_to = available_from, available_to
        return len(beyond)


def meetings_on_removed_tables(db: Database, recruiter_id: uuid.UUID | str, tables: int) -> int:
    """How many meetings `update_recruiter` would delete with `tables` tables; writes nothing.

    Raises the same French refusal as the update when one of them cannot go.
    """
    with db.session() as session:
        recruiter, speed = _recruiter_and_speed(session, recruiter_id)
        return len(_removable_meetings(session, recruiter, speed, tables))


def _recruiter_and_speed(session, recruiter_id: uuid.UUID | str):
    recruiter = get_or_gone(session, m.SpeedMeetingRecruiter, recruiter_id, RECRUITER)
    return recruiter, session.get(m.SpeedMeeting, recruiter.speed_meeting_id)


def _removable_meetings(
    session, recruiter: m.SpeedMeetingRecruiter, speed: m.SpeedMeeting, tables: int
) -> list[m.SpeedMeetingMeeting]:
    """The meetings on tables beyond `tables`, once checked that none of them is history."""
    if tables < 1:
        raise EssDeskError("Un recruteur tient au moins une table.")
    beyond = session.scalars(
        select(m.SpeedMeetingMeeting).where(
            m.SpeedMeetingMeeting.recruiter_id == recruiter.id,
            m.SpeedMeetingMeeting.table > tables,
        )
    ).all()
    reasons = [
        f"{count} {label}"
        for count, label in (
            (sum(row.outcome is not None for row in beyond), "avec une suite saisie"),
            (sum(row.announced for row in beyond), "déjà annoncée(s) (planning imprimé)"),
            (sum(row.round < speed.current_round for row in beyond), "d'un tour déjà joué"),
        )
        if count
    ]
    if reasons:
        raise EssDeskError(
            f"Impossible de passer « {recruiter.name} » à {tables} table(s) : des rencontres "
            f"des tables retirées seraient perdues ({', '.join(reasons)}). Rien n'a été "
            "modifié."
        )
    return list(beyond)


def update_candidate(
    db: Database,
    candidate_id: uuid.UUID | str,
    *,
    available_from: int | None,
    available_to: int | None,
    max_meetings: int | None,
) -> None:
    """Presence window and maximum number of meetings of a candidate (None: no limit)."""
    with db.transaction() as session:
        candidate = get_or_gone(session, m.SpeedMeetingCandidate, candidate_id, CANDIDATE)
        speed = session.get(m.SpeedMeeting, candidate.speed_meeting_id)
        if max_meetings is not None and max_meetings < 0:
            raise EssDeskError("Le nombre maximal de rencontres ne peut pas être négatif.")
        _check_window(available_from, available_to, speed.rounds)
        candidate.available_from, candidate.available_to = available_from, available_to
        candidate.max_meetings = max_meetings


def remove_participant(db: Database, participant_id: uuid.UUID | str) -> None:
    """Remove a recruiter or a candidate, with their wishes and meetings."""
    remove_participants(db, [participant_id])


def remove_participants(db: Database, participant_ids: list[uuid.UUID | str]) -> int:
    """Remove recruiters and candidates, with their wishes and meetings: all of them or none."""
    unique = list(dict.fromkeys(map(as_uuid, participant_ids)))
    with db.transaction() as session:
        for participant_id in unique:
            _remove(session, participant_id)
    return len(unique)


def _remove(session, participant_id: uuid.UUID) -> None:
    for model in (m.SpeedMeetingRecruiter, m.SpeedMeetingCandidate):
        row = session.get(model, participant_id)
        if row is not None:
            session.execute(
                delete(m.SpeedMeetingMeeting).where(
                    or_(
                        m.SpeedMeetingMeeting.recruiter_id == participant_id,
                        m.SpeedMeetingMeeting.candidate_id == participant_id,
                    )
                )
            )
            session.execute(
                delete(m.SpeedMeetingWish).where(
                    or_(
                        m.SpeedMeetingWish.recruiter_id == participant_id,
                        m.SpeedMeetingWish.candidate_id == participant_id,
                    )
                )
            )
            session.delete(row)
            return
    raise gone("Ce participant")


def _check_window(start: int | None, end: int | None, rounds: int) -> None:
    for value in (start, end):
        if value is not None and not 1 <= value <= rounds:
            raise EssDeskError(f"Tour invalide : {value} (1 à {rounds}).")
    if start is not None and end is not None and end < start:
        raise EssDeskError(f"La fin de présence (tour {end}) précède le début (tour {start}).")
