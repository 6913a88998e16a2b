"""Loading and saving any catalogued record: parsed by its catalogue, saved at the version loaded."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, Database
from essdesk.domain.catalogue import CATALOGUES, Catalogue
from essdesk.domain.entities import EntityKind
from essdesk.domain.values import ValueProblem
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.lookup import get_or_gone

MODELS: dict[EntityKind, type[m.Entity]] = {
    EntityKind.EMPLOYERS: m.Employer,
    EntityKind.CONTACTS: m.Contact,
    EntityKind.OFFERS: m.Offer,
    EntityKind.YOUTHS: m.Youth,
}
_PROTECTED = frozenset({"id", "version", "created_at", "updated_at"})


class FieldErrors(EssDeskError):
    """Values that cannot be saved, by field name; the French reason goes next to each field."""

    def __init__(self, catalogue: Catalogue, errors: dict[str, str]) -> None:
        labels = ", ".join(catalogue.field(name).label for name in errors)
        plural = "s" if len(errors) > 1 else ""
        super().__init__(
            f"La fiche n'a pas été enregistrée : {len(errors)} champ{plural} à corriger ({labels})."
        )
        self.errors = errors


def check_version(record: m.Entity, expected_version: int) -> None:
    if record.version != expected_version:
        raise ConcurrentEditError(
            "Cette fiche a été modifiée entre-temps depuis un autre poste ou une autre "
            "fenêtre : rien n'a été enregistré. Rechargez-la, puis refaites la modification."
        )


@dataclass(frozen=True)
class LoadedRecord:
    """A record as an editor shows it: each field's text, and the version it was read at."""

    kind: EntityKind
    id: uuid.UUID
    version: int
    texts: dict[str, str]
    archived: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def parse_fields(catalogue: Catalogue, texts: dict[str, str]) -> dict[str, Any]:
    """Column values for the typed texts, by the catalogue's parsers; every error at once."""
    columns: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in catalogue.editable:
        if item.name not in texts:
            continue
        try:
            columns.update(item.column_values(item.parse_text(texts[item.name])))
        except ValueProblem as problem:
            errors[item.name] = problem.reason
    if errors:
        raise FieldErrors(catalogue, errors)
    return columns


def record_texts(catalogue: Catalogue, record: Any) -> dict[str, str]:
    return {item.name: item.show(item.value_of(record)) for item in catalogue.fields}


# Columns outside the catalogue a record's panels show (a youth's referent, last contact).
EXTRA_COLUMNS: dict[EntityKind, tuple[str, ...]] = {
    EntityKind.YOUTHS: ("referent_id", "last_contact_at"),
}


def loaded(kind: EntityKind, record: Any, **extra: Any) -> LoadedRecord:
    columns = {name: getattr(record, name) for name in EXTRA_COLUMNS.get(kind, ())}
    return LoadedRecord(
        kind,
        record.id,
        record.version,
        record_texts(CATALOGUES[kind], record),
        bool(getattr(record, "archived", False)),
        {**columns, **extra},
    )


def load_record(db: Database, kind: EntityKind, record_id: uuid.UUID) -> LoadedRecord:
    access.require_read(db, MODELS[kind].__tablename__)
    with db.session() as session:
        row = get_or_gone(session, MODELS[kind], record_id)
        record, referent = loaded(kind, row), getattr(row, "referent_id", None)
    return _masked(db, record, referent)


def _masked(db: Database, record: LoadedRecord, referent_id) -> LoadedRecord:
    # Health data: blank for whoever may not see it, named in extra["masked"] for the form.
    if record.kind is not EntityKind.YOUTHS or sensitive.current(db).allows(referent_id):
        return record
    texts = {
        k: ("" if k in sensitive.SENSITIVE_YOUTH_FIELDS else v) for k, v in record.texts.items()
    }
    extra = {**record.extra, "masked": sensitive.SENSITIVE_YOUTH_FIELDS}
    return replace(record, texts=texts, extra=extra)


# Checks a kind adds before a save (e.g. a SIRET already used): name → French reason.
Validator = Callable[[Session, uuid.UUID | None, dict[str, Any]], dict[str, str]]
VALIDATORS: dict[EntityKind, list[Validator]] = {}


def _validate(session: Session, kind: EntityKind, record_id, columns: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for check in VALIDATORS.get(kind, ()):
        errors.update(check(session, record_id, columns))
    if errors:
        raise FieldErrors(CATALOGUES[kind], errors)


def create_record(
    db: Database, kind: EntityKind, texts: dict[str, str], **links: Any
) -> LoadedRecord:
    """A new record from the form's texts (`links`: e.g. the employer of a contact)."""
    access.require_write(db, MODELS[kind].__tablename__)
    catalogue = CATALOGUES[kind]
    columns = parse_fields(catalogue, {f.name: texts.get(f.name, "") for f in catalogue.editable})
    with db.transaction() as session:
        _validate(session, kind, None, columns)
        if kind == EntityKind.YOUTHS and "referent_id" not in links:
            links = {**links, "referent_id": _default_referent(session)}
        record = MODELS[kind](**{k: v for k, v in columns.items() if v is not None}, **links)
        session.add(record)
        session.flush()
        return loaded(kind, record)


def _default_referent(session: Session) -> uuid.UUID | None:
    """The settings' default counsellor, if they still exist and are active."""
    from essdesk.settings import default_counsellor_id

    chosen = default_counsellor_id()
    try:
        counsellor = session.get(m.Counsellor, uuid.UUID(chosen)) if chosen else None
    except ValueError:  # not a UUID: a hand-edited file
        return None
    return counsellor.id if counsellor is not None and counsellor.active else None


def save_record(
    db: Database,
    kind: EntityKind,
    record_id: uuid.UUID,
    expected_version: int,
    texts: dict[str, str],
    **links: Any,
) -> LoadedRecord:
    """Save the form's texts (and `links`, e.g. a referent) if nobody saved since the load."""
    access.require_write(db, MODELS[kind].__tablename__, record_id)
    if kind is EntityKind.YOUTHS and "referent_id" in links:
        sensitive.require_handover(db, record_id, links["referent_id"])
    catalogue = CATALOGUES[kind]
    columns = parse_fields(catalogue, texts)
    rights = sensitive.current(db)  # before the transaction: it reads the setting
    with db.transaction() as session:
        record = get_or_gone(session, MODELS[kind], record_id)
        check_version(record, expected_version)
        referent = getattr(record, "referent_id", None)
        if kind is EntityKind.YOUTHS and not rights.allows(referent):
            # A masked field came back blank: the stored value stays as it was.
            columns = {
                k: v for k, v in columns.items() if k not in sensitive.SENSITIVE_YOUTH_FIELDS
            }
        _validate(session, kind, record_id, columns)
        for name, value in {**columns, **links}.items():
            setattr(record, name, value)
        session.flush()  # the UPDATE checks the version too, for a save racing this one
        saved = loaded(kind, record)
    return _masked(db, saved, referent)


def update_record(
    db: Database, model: type[m.Entity], record_id: uuid.UUID, expected_version: int, **changes: Any
) -> int:
    """Apply typed `changes` if nobody saved the record since it was loaded; the new version.

    Another PC's save in between raises ConcurrentEditError (French): the edit screen then
    reloads instead of silently overwriting the other person's work.
    """
    access.require_write(db, model.__tablename__, record_id)
    if model is m.Youth and sensitive.SENSITIVE_YOUTH_FIELDS & set(changes):
        sensitive.require_for_youth(db, record_id)
    if model is m.Youth and "referent_id" in changes:
        sensitive.require_handover(db, record_id, changes["referent_id"])
    with db.transaction() as session:
        record = get_or_gone(session, model, record_id)
        check_version(record, expected_version)
        for name, value in changes.items():
            if name in _PROTECTED or not hasattr(model, name):
                raise EssDeskError(f"Champ inconnu ou protégé : {name}.")
            setattr(record, name, value)
        session.flush()
        return record.version


def references(
    session: Session, table: str, ids: list[uuid.UUID], *, ignore: frozenset[str] = frozenset()
) -> dict[str, int]:
    """How many rows of each other table point at these records (every foreign key, found
    from the model, so that a table added later is counted without anyone listing it)."""
    counts: dict[str, int] = {}
    if not ids:
        return counts
    for other in m.Base.metadata.sorted_tables:
        if other.name in ignore:
            continue
        for key in other.foreign_keys:
            if key.column.table.name != table:
                continue
            found = session.scalar(
                select(func.count()).select_from(other).where(key.parent.in_(ids))
            )
            if found:
                counts[other.name] = counts.get(other.name, 0) + found
    return counts
