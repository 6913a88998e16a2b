"""The agency's counsellors: a small editor (name, e-mail, phone, active) and the referent picker."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.values import ValueProblem, parse_email, parse_phone
from essdesk.errors import EssDeskError
from essdesk.services import access


class InvalidFields(EssDeskError):
    """Some fields are wrong: `problems` maps each field to its French message (shown beside it)."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(
            "Fiche non enregistrée : " + " ; ".join(problems.values()),
        )
        self.problems = problems


@dataclass(frozen=True)
class CounsellorRow:
    id: uuid.UUID
    version: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    active: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def _clean(first_name: str, last_name: str, email: str | None, phone: str | None) -> dict:
    problems: dict[str, str] = {}
    values: dict = {"first_name": first_name.strip(), "last_name": last_name.strip()}
    if not values["first_name"]:
        problems["first_name"] = "Le prénom est obligatoire."
    if not values["last_name"]:
        problems["last_name"] = "Le nom est obligatoire."
    for field, text, parse in (("email", email, parse_email), ("phone", phone, parse_phone)):
        try:
            values[field] = parse(text) if text and text.strip() else None
        except ValueProblem as problem:
            message = str(problem)
            problems[field] = message[0].upper() + message[1:] + "."
    if problems:
        raise InvalidFields(problems)
    return values


def create_counsellor(
    db: Database,
    first_name: str,
    last_name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
) -> uuid.UUID:
    values = _clean(first_name, last_name, email, phone)
    access.require_write(db, "counsellors")
    with db.transaction() as session:
        counsellor = m.Counsellor(**values, active=True)
        session.add(counsellor)
    return counsellor.id


def update_counsellor(
    db: Database,
    counsellor_id: uuid.UUID,
    expected_version: int,
    *,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    active: bool,
) -> int:
    from essdesk.services.records import update_record

    values = _clean(first_name, last_name, email, phone)
    return update_record(db, m.Counsellor, counsellor_id, expected_version, **values, active=active)


def list_counsellors(db: Database, *, include_inactive: bool = False) -> list[CounsellorRow]:
    """Counsellors by name; the referent picker shows only the active ones."""
    query = select(m.Counsellor).order_by(m.Counsellor.last_name, m.Counsellor.first_name)
    if not include_inactive:
        query = query.where(m.Counsellor.active.is_(True))
    with db.session() as session:
        return [
            CounsellorRow(c.id, c.version, c.first_name, c.last_name, c.email, c.phone, c.active)
            for c in session.scalars(query)
        ]
