"""The interaction log of young people and employers: calls, interviews, e-mails, visits, notes."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, null, or_, select, tuple_, update

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_datetime
from essdesk.domain.youth_file import INTERACTION_KINDS
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.counsellors import InvalidFields


@dataclass(frozen=True)
class Entry:
    """One line of the log, newest first in the record."""

    id: uuid.UUID
    kind: str
    occurred_at: dt.datetime
    counsellor: str | None
    contact: str | None
    notes: str | None
    masked: bool = False  # a note the user may not read (services/sensitive.py)

    @property
    def text(self) -> str:
        parts = [format_datetime(self.occurred_at), INTERACTION_KINDS[self.kind]]
        notes = sensitive.MASKED_NOTE if self.masked else self.notes
        parts += [p for p in (self.counsellor, self.contact, notes) if p]
        return " — ".join(parts)


def log_interaction(
    db: Database,
    kind: str,
    *,
    youth_id: uuid.UUID | None = None,
    employer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    counsellor_id: uuid.UUID | None = None,
    occurred_at: dt.datetime | None = None,
    notes: str | None = None,
) -> uuid.UUID:
    """Add an entry (now by default) and move the record's « dernier contact » forward."""
    now = dt.datetime.now(dt.UTC)
    occurred_at = occurred_at or now
    if occurred_at.tzinfo is None:
        occurred_at = occurred_at.astimezone(dt.UTC)
    problems = {}
    if kind not in INTERACTION_KINDS:
        problems["kind"] = (
            "Type inconnu : choisissez " + ", ".join(INTERACTION_KINDS.values()) + "."
        )
    if occurred_at > now + dt.timedelta(minutes=5):
        problems["occurred_at"] = "La date est dans le futur : le journal note ce qui a eu lieu."
    if youth_id is None and employer_id is None and contact_id is None:
        problems["subject"] = "Un échange concerne un jeune, un employeur ou un contact."
    if problems:
        raise InvalidFields(problems)
    if youth_id is not None:
        access.require_write(db, "interactions")
    else:  # an employer's log: the business relations role keeps it too
        access.require(db, "employer.write", "interactions")
    with db.transaction() as session:
        if contact_id is not None:
            contact = session.get(m.Contact, contact_id)
            if contact is None:
                raise EssDeskError("Ce contact n'existe plus.")
            employer_id = employer_id or contact.employer_id
        entry = m.Interaction(
            kind=kind,
            occurred_at=occurred_at,
            youth_id=youth_id,
            employer_id=employer_id,
            contact_id=contact_id,
            counsellor_id=counsellor_id,
            notes=(notes or "").strip() or None,
        )
        session.add(entry)
        subjects: tuple[tuple[Any, uuid.UUID | None], ...] = (
            (m.Youth, youth_id),
            (m.Employer, employer_id),
        )
        for model, record_id in subjects:
            if record_id is None:
                continue
            if session.get(model, record_id) is None:
                raise EssDeskError("La fiche de cet échange n'existe plus.")
            # A statement, not an ORM change: the record's version stays, so a call noted while
            # its form is being edited does not turn the form's save into a conflict.
            session.execute(
                update(model)
                .where(
                    model.id == record_id,
                    or_(model.last_contact_at.is_(None), model.last_contact_at < occurred_at),
                )
                .values(last_contact_at=occurred_at)
                .execution_options(synchronize_session=False)
            )
    return entry.id


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands timezone-aware columns back naive (they were stored in UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def entries(
    db: Database,
    *,
    youth_id: uuid.UUID | None = None,
    employer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    limit: int = 50,
    before: tuple[dt.datetime, uuid.UUID] | None = None,
) -> list[Entry]:
    """The log of one record, newest first, by pages (`before` = the last entry shown)."""
    i = m.Interaction
    if youth_id is not None:
        condition = i.youth_id == youth_id
    elif contact_id is not None:
        condition = i.contact_id == contact_id
    elif employer_id is not None:
        condition = i.employer_id == employer_id
    else:
        raise EssDeskError("Choisissez un jeune, un employeur ou un contact.")
    if youth_id is not None:
        actor = access.require_read(db, "interactions")
    else:
        actor = access.require(db, "employer.read", "interactions")
    youth_files = actor.may("youth.file")
    if not youth_files:
        condition = condition & i.youth_id.is_(None)  # a young person's contacts are not theirs
    rights = sensitive.current(db)
    query = (
        select(
            i,
            m.Counsellor.first_name,
            m.Counsellor.last_name,
            m.Contact.first_name,
            m.Contact.last_name,
            m.Youth.referent_id if youth_files else null(),
        )
        .outerjoin(m.Counsellor, m.Counsellor.id == i.counsellor_id)
        .outerjoin(m.Contact, m.Contact.id == i.contact_id)
        .where(condition)
        .order_by(i.occurred_at.desc(), i.id.desc())
        .limit(limit)
    )
    if youth_files:  # the referent decides who reads the notes (services/sensitive.py)
        query = query.outerjoin(m.Youth, m.Youth.id == i.youth_id)
    if before is not None:
        query = query.where(tuple_(i.occurred_at, i.id) < tuple_(*before))
    with db.session() as session:
        return [
            Entry(
                e.id,
                e.kind,
                _aware(e.occurred_at),
                f"{cf} {cl}" if cl else None,
                " ".join(p for p in (kf, kl) if p) or None,
                # Notes about a young person: for whoever may read them (the administrator's
                # setting says whether a counsellor reads only those of the youths they follow).
                e.notes if e.youth_id is None or rights.allows(referent) else None,
                # Marked whether or not a note was written: on PostgreSQL the server does not
                # give a hidden note, nor tell whether there is one.
                masked=e.youth_id is not None and not rights.allows(referent),
            )
            for e, cf, cl, kf, kl, referent in session.execute(query)
        ]


def last_contact(
    db: Database, *, youth_id: uuid.UUID | None = None, employer_id: uuid.UUID | None = None
) -> dt.datetime | None:
    """The latest interaction, read from the log itself (one index lookup)."""
    i = m.Interaction
    condition = i.youth_id == youth_id if youth_id is not None else i.employer_id == employer_id
    with db.session() as session:
        moment = session.scalar(select(func.max(i.occurred_at)).where(condition))
    return _aware(moment) if moment else None
