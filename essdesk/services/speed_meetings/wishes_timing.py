"""Speed-meeting wishes (grid and CSV import) and timing (rounds, start, changeovers, breaks)."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from sqlalchemy import delete, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.errors import DataFileError, EssDeskError
from essdesk.exchange.tabular import read_table
from essdesk.services.lookup import as_uuid, get_or_gone
from essdesk.services.speed_meetings.sessions import (
    CANDIDATE,
    RECRUITER,
    break_minutes,
    speed_meeting_row,
)

# Header names accepted for each column of a wishes file, compared without case or accents.
WISH_HEADERS = {
    "candidate": ("candidate_id", "candidat", "jeune", "candidate", "nom du jeune"),
    "recruiter": ("recruiter_id", "recruteur", "employeur", "recruiter", "structure"),
    "rank": ("rank", "rang", "ordre", "choix"),
}


@dataclass(frozen=True)
class WishGrid:
    """Candidates × recruiters with the rank of each wish (1 = favourite)."""

    candidates: list[tuple[uuid.UUID, str]]
    recruiters: list[tuple[uuid.UUID, str]]
    ranks: dict[tuple[uuid.UUID, uuid.UUID], int | None]


def wish_grid(db: Database, speed_meeting_id: uuid.UUID | str) -> WishGrid:
    with db.session() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        candidates = sorted(
            ((c.id, c.name) for c in speed.candidates), key=lambda c: c[1].casefold()
        )
        recruiters = [(r.id, r.name) for r in speed.recruiters]
        ranks = {
            (w.candidate_id, w.recruiter_id): w.rank for c in speed.candidates for w in c.wishes
        }
        return WishGrid(candidates, recruiters, ranks)


def set_wish(
    db: Database, candidate_id: uuid.UUID | str, recruiter_id: uuid.UUID | str, rank: int | None
) -> None:
    """Set one cell of the grid: a rank from 1, or None to remove the wish."""
    candidate_id, recruiter_id = as_uuid(candidate_id), as_uuid(recruiter_id)
    if rank is not None and rank < 1:
        raise EssDeskError("Le rang d'un souhait commence à 1 (1 = premier choix).")
    with db.transaction() as session:
        candidate = get_or_gone(session, m.SpeedMeetingCandidate, candidate_id, CANDIDATE)
        recruiter = get_or_gone(session, m.SpeedMeetingRecruiter, recruiter_id, RECRUITER)
        if candidate.speed_meeting_id != recruiter.speed_meeting_id:
            raise EssDeskError("Ce jeune et ce recruteur ne sont pas du même speed meeting.")
        wish = session.scalar(
            select(m.SpeedMeetingWish).where(
                m.SpeedMeetingWish.candidate_id == candidate_id,
                m.SpeedMeetingWish.recruiter_id == recruiter_id,
            )
        )
        if rank is None:
            if wish is not None:
                session.delete(wish)
        elif wish is None:
            session.add(
                m.SpeedMeetingWish(candidate_id=candidate_id, recruiter_id=recruiter_id, rank=rank)
            )
        else:
            wish.rank = rank


def replace_wishes(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    ranks: dict[tuple[uuid.UUID | str, uuid.UUID | str], int | None],
) -> int:
    """Replace every wish of the speed meeting by `ranks` ((candidate, recruiter) → rank)."""
    with db.transaction() as session:
        return _replace(session, speed_meeting_row(session, speed_meeting_id), ranks)


def _replace(session, speed: m.SpeedMeeting, ranks) -> int:
    candidates = {c.id for c in speed.candidates}
    recruiters = {r.id for r in speed.recruiters}
    session.execute(
        delete(m.SpeedMeetingWish).where(m.SpeedMeetingWish.candidate_id.in_(candidates))
    )
    for (candidate_id, recruiter_id), rank in ranks.items():
        candidate_id, recruiter_id = as_uuid(candidate_id), as_uuid(recruiter_id)
        if candidate_id not in candidates or recruiter_id not in recruiters:
            raise EssDeskError("Souhait pour un jeune ou un recruteur absent de ce speed meeting.")
        session.add(
            m.SpeedMeetingWish(candidate_id=candidate_id, recruiter_id=recruiter_id, rank=rank)
        )
    session.expire(speed)
    return len(ranks)


def _key(text: str) -> str:
    """Names typed in Excel differ in case, accents and spaces from the base: compare loosely."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def import_wishes_csv(db: Database, speed_meeting_id: uuid.UUID | str, path: str | Path) -> int:
    """Replace the wishes by those of a CSV/XLSX file: one line per wish (jeune;recruteur;rang).

    Jeunes and recruteurs are matched by name (or by their identifier in the base). The whole
    file is checked before anything is written: any error raises `DataFileError` naming the
    file, the line and the column, and the base keeps its wishes.
    """
    path = Path(path)
    table = read_table(path)
    found = {}
    for column, aliases in WISH_HEADERS.items():
        header = next((h for h in table.headers if _key(h) in aliases), None)
        if header is None and column != "rank":
            raise DataFileError(
                f"colonne « {aliases[1]} » absente (colonnes attendues : jeune;recruteur;rang)",
                file=path.name,
                line=1,
            )
        found[column] = header
    # Names are read, and the file checked, before the write transaction: the base stays free
    # for the other windows while a large file is parsed.
    with db.session() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        candidates = _lookup((c.id, c.name) for c in speed.candidates)
        recruiters = _lookup((r.id, r.name) for r in speed.recruiters)
    ranks = _parse_wishes(table, path, found, candidates, recruiters)
    with db.transaction() as session:
        # _replace checks again that every participant still belongs to the speed meeting.
        return _replace(session, speed_meeting_row(session, speed_meeting_id), ranks)


def _parse_wishes(table, path: Path, found: dict, candidates, recruiters) -> dict:
    """The (candidate, recruiter) → rank of every line; `DataFileError` on the first bad one."""
    ranks: dict[tuple[uuid.UUID, uuid.UUID], int | None] = {}
    seen: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    next_rank: dict[uuid.UUID, int] = {}
    for row in table:

        def fail(column: str, reason: str, row=row) -> DataFileError:
            return DataFileError(reason, file=path.name, line=row.line, column=found[column])

        candidate_id = _resolve(candidates, row.values.get(found["candidate"], ""), "jeune", fail)
        recruiter_id = _resolve(
            recruiters, row.values.get(found["recruiter"], ""), "recruteur", fail
        )
        if (candidate_id, recruiter_id) in seen:
            raise fail(
                "recruiter", f"souhait déjà donné ligne {seen[(candidate_id, recruiter_id)]}"
            )
        seen[(candidate_id, recruiter_id)] = row.line
        text = row.values.get(found["rank"], "").strip() if found["rank"] else ""
        if text:
            try:
                rank = int(text)
            except ValueError:
                raise fail("rank", f"« {text} » n'est pas un nombre entier") from None
            if rank < 1:
                raise fail("rank", f"{rank} : le rang commence à 1")
        else:
            # No rank: wishes keep the order of the lines, as a counsellor types them.
            rank = next_rank.get(candidate_id, 0) + 1
        next_rank[candidate_id] = max(next_rank.get(candidate_id, 0), rank)
        ranks[(candidate_id, recruiter_id)] = rank
    if not ranks:
        raise DataFileError("le fichier ne contient aucun souhait", file=path.name)
    return ranks


def _lookup(rows) -> dict[str, list[uuid.UUID]]:
    index: dict[str, list[uuid.UUID]] = {}
    for row_id, name in rows:
        index.setdefault(_key(name), []).append(row_id)
        index.setdefault(_key(str(row_id)), []).append(row_id)
    return index


def _resolve(index, text: str, what: str, fail) -> uuid.UUID:
    column = "candidate" if what == "jeune" else "recruiter"
    if not text.strip():
        raise fail(column, "valeur obligatoire manquante")
    matches = index.get(_key(text), [])
    if not matches:
        raise fail(column, f"{what} « {text.strip()} » inconnu dans ce speed meeting")
    if len(matches) > 1:
        raise fail(column, f"plusieurs participants s'appellent « {text.strip()} »")
    return matches[0]


def set_timing(
    db: Database,
    speed_meeting_id: uuid.UUID | str,
    *,
    rounds: int,
    start_time: time,
    round_minutes: int,
    changeover_minutes: int,
    breaks: dict[int, int],
    min_meetings: int = 0,
) -> int:
    """Rounds and timing; meetings planned in rounds that no longer exist are removed (counted)."""
    if not 1 <= rounds <= 60:
        raise EssDeskError("Le nombre de tours doit être compris entre 1 et 60.")
    if min_meetings < 0:
        raise EssDeskError("Le minimum de rencontres ne peut pas être négatif.")
    breaks = {after: minutes for after, minutes in breaks.items() if minutes}
    if any(after >= rounds for after in breaks):
        raise EssDeskError(
            "Une pause doit avoir lieu entre deux tours (après le dernier, inutile)."
        )
    try:
        RoundTiming(start_time, round_minutes, changeover_minutes, breaks).round_times(rounds)
    except ValueError as error:
        raise EssDeskError(str(error)) from error
    with db.transaction() as session:
        speed = speed_meeting_row(session, speed_meeting_id)
        # Other settings may share the JSON column: only the numeric keys are breaks.
        extra = {k: v for k, v in (speed.breaks or {}).items() if not str(k).isdigit()}
        speed.rounds, speed.start_time = rounds, start_time
        speed.round_minutes, speed.changeover_minutes = round_minutes, changeover_minutes
        speed.breaks = {**extra, **{str(k): v for k, v in sorted(breaks.items())}}
        speed.min_meetings = min_meetings
        removed = session.execute(
            delete(m.SpeedMeetingMeeting).where(
                m.SpeedMeetingMeeting.speed_meeting_id == speed.id,
                m.SpeedMeetingMeeting.round > rounds,
            )
        ).rowcount
        return removed or 0


def timing_of(speed: m.SpeedMeeting) -> RoundTiming:
    return RoundTiming(
        speed.start_time, speed.round_minutes, speed.changeover_minutes, break_minutes(speed.breaks)
    )
