"""How an import matches each row of a file to the base: create, update or skip (the plans).

imports.py reads, validates and writes in one transaction; the planners here decide, per
entity, which validated rows are new, which change an existing row, and which are up to date.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.models.base import utcnow
from essdesk.db.models.keys import KEY_OF, youth_key
from essdesk.domain.values import squash
from essdesk.exchange.schemas import Problem, same_value

MODELS: dict[str, type[m.Entity]] = {
    "employers": m.Employer,
    "contacts": m.Contact,
    "offers": m.Offer,
    "youths": m.Youth,
    "rome": m.RomeCode,
}
IN_CHUNK = 500  # values per SQL IN (…): well under every backend's parameter limit


@dataclass
class Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[uuid.UUID, dict[str, Any]]] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _columns(record: dict[str, Any]) -> dict[str, Any]:
    """A validated record → the model's column values."""
    columns: dict[str, Any] = {}
    for name, value in record.items():
        if name in ("employer_siret", "employer_name"):
            continue
        if name == "qualification_level":
            columns["qualification_level_old"] = value.old if value else None
            columns["qualification_level_new"] = value.new if value else None
        else:
            columns[name] = value.value if isinstance(value, Enum) else value
    return columns


class Rows:
    """Builds complete INSERT rows (same keys for all) and compares with existing rows."""

    def __init__(self, model: type[m.Entity], entity: str) -> None:
        self.model = model
        self.entity = entity
        columns = list(model.__table__.columns)
        # executemany needs every row to carry the same keys: all columns, defaults filled in.
        self.defaults = {
            c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
            for c in columns
        }
        self.callables = {
            c.name: c.default.arg
            for c in columns
            if c.default is not None and c.default.is_callable and c.name != "id"
        }
        self.now = utcnow()
        self.key_of = KEY_OF.get(model.__tablename__)

    def insert_row(self, columns: dict[str, Any]) -> dict[str, Any]:
        row = dict(self.defaults)
        for name, make in self.callables.items():
            row[name] = make(None)  # e.g. a fresh [] for JSON lists
        # Empty cells leave the column's default (False for booleans, etc.).
        row.update((k, v) for k, v in columns.items() if v is not None)
        row.update(id=uuid.uuid4(), version=1, created_at=self.now, updated_at=self.now)
        if self.key_of is not None:  # Core inserts skip the ORM events that fill the key
            row["match_key"] = self.key_of(SimpleNamespace(**row))
        return row

    def changes(self, existing: Any, columns: dict[str, Any]) -> dict[str, Any]:
        """Non-empty values that differ from the base: empty cells never erase data."""
        return {
            k: v
            for k, v in columns.items()
            if v is not None and not same_value(self.entity, k, getattr(existing, k), v)
        }

    def existing(self, session: Session, column, values: Iterable[Any], fields: Iterable[str]):
        """Rows whose `column` is among `values`, with the id and `fields`, chunked."""
        wanted = [self.model.id, *(getattr(self.model, f) for f in fields)]
        distinct = list(dict.fromkeys(values))
        for chunk in chunks(distinct, IN_CHUNK):
            yield from session.execute(select(*wanted).where(column.in_(chunk)))


def _plan_by_key(
    session: Session,
    entity: str,
    records: list[tuple[int, dict[str, Any]]],
    *,
    lookup_column: str,
    lookup_values: list[Any],
    key_of_existing: Callable[[Any], Any],
    key_of_new: Callable[[dict[str, Any]], Any],
    extra_fields: tuple[str, ...] = (),
) -> Plan:
    """Shared upsert planning: match each record on its key, then create, update or skip."""
    model = MODELS[entity]
    rows = Rows(model, entity)
    plan = Plan()
    all_columns = [_columns(r) for _, r in records]
    fields = sorted({name for cols in all_columns for name in cols} | set(extra_fields))
    found: dict[Any, Any] = {}
    for existing in rows.existing(session, getattr(model, lookup_column), lookup_values, fields):
        found.setdefault(key_of_existing(existing), existing)
    planned: dict[Any, int] = {}
    for (line, _), columns in zip(records, all_columns, strict=True):
        key = key_of_new(columns)
        if key in planned:
            # Two lines of the file that only meet once resolved (e.g. SIRET vs name).
            plan.problems.append(Problem(line, None, f"doublon de la ligne {planned[key]}"))
            continue
        planned[key] = line
        existing = found.get(key)
        if existing is None:
            plan.inserts.append(rows.insert_row(columns))
        elif changes := rows.changes(existing, columns):
            plan.updates.append((existing.id, changes))
        else:
            plan.skipped += 1
    return plan


def _plan_on(column: str) -> Callable[[Session, str, list], Plan]:
    """Planner for entities whose key is one exact column (SIRET, ROME code)."""

    def plan(session: Session, entity: str, records) -> Plan:
        return _plan_by_key(
            session,
            entity,
            records,
            lookup_column=column,
            lookup_values=[r[column] for _, r in records],
            key_of_existing=lambda e: getattr(e, column),
            key_of_new=lambda c: c[column],
            extra_fields=(column,),
        )

    return plan


def _youth_key(c) -> str:
    if isinstance(c, dict):
        return youth_key(c.get("last_name"), c.get("first_name"), c.get("birth_date"))
    return c.match_key


def _plan_youths(session: Session, entity: str, records) -> Plan:
    # The folded key is stored and uniquely indexed (« Lefèvre » is « LEFEVRE »): exact lookup.
    return _plan_by_key(
        session,
        entity,
        records,
        lookup_column="match_key",
        lookup_values=[_youth_key(r) for _, r in records],
        key_of_existing=_youth_key,
        key_of_new=_youth_key,
        extra_fields=("match_key",),
    )


# session.info key: the user's SensitiveAccess while an import plans (services/sensitive.py).
SENSITIVE_RIGHTS = "essdesk_sensitive_rights"


def keep_hidden_values(
    session: Session, plan: Plan, allows: Callable[[uuid.UUID | None], bool], fields: frozenset
) -> None:
    """The RQTH of a young person the user may not see stays as stored, as in the editor.

    (« Jeunes suivis seulement »: the file may say « Non » of a colleague's young person
    whose RQTH the importer never saw; on PostgreSQL the server would refuse the change.)
    """
    touched = [(i, changes) for i, changes in plan.updates if fields & set(changes)]
    referents: dict[uuid.UUID, uuid.UUID | None] = {}
    for chunk in chunks([i for i, _ in touched], IN_CHUNK):
        query = select(m.Youth.id, m.Youth.referent_id).where(m.Youth.id.in_(chunk))
        referents.update((i, r) for i, r in session.execute(query))
    hidden = {i for i, _ in touched if not allows(referents.get(i))}
    if not hidden:
        return
    kept = []
    for record_id, changes in plan.updates:
        if record_id in hidden:
            changes = {k: v for k, v in changes.items() if k not in fields}
        if changes:
            kept.append((record_id, changes))
        else:
            plan.skipped += 1
    plan.updates = kept


def _resolve_employers(session: Session, records) -> tuple[list, list[Problem]]:
    """Give each offer or contact its employer_id; unknown or ambiguous employers are problems."""
    by_siret: dict[str, uuid.UUID] = {}
    sirets = [r["employer_siret"] for _, r in records if r.get("employer_siret")]
    for chunk in chunks(list(dict.fromkeys(sirets)), IN_CHUNK):
        query = select(m.Employer.id, m.Employer.siret).where(m.Employer.siret.in_(chunk))
        by_siret.update((siret, id_) for id_, siret in session.execute(query))
    by_name: dict[str, list[uuid.UUID]] = {}
    if any(not r.get("employer_siret") for _, r in records):
        for id_, name in session.execute(select(m.Employer.id, m.Employer.name)):
            by_name.setdefault(squash(name), []).append(id_)
    resolved, problems = [], []
    for line, record in records:
        siret, name = record.get("employer_siret"), record.get("employer_name")
        if siret:
            employer_id = by_siret.get(siret)
            reason = f"employeur inconnu (SIRET {siret}) : importez d'abord les employeurs"
        else:
            ids = by_name.get(squash(name), [])
            employer_id = ids[0] if len(ids) == 1 else None
            reason = (
                f"plusieurs employeurs s'appellent « {name} » : indiquez le SIRET"
                if ids
                else f"employeur « {name} » inconnu : importez d'abord les employeurs"
            )
        if employer_id is None:
            problems.append(Problem(line, None, reason))
        else:
            resolved.append((line, {**record, "employer_id": employer_id}))
    return resolved, problems


def _plan_with_employer(session: Session, entity: str, records) -> Plan:
    resolved, problems = _resolve_employers(session, records)
    if entity == "offers":

        def key(c):
            get = c.get if isinstance(c, dict) else lambda n: getattr(c, n)
            return (get("employer_id"), squash(get("title")), get("publication_date"))

        fields: tuple[str, ...] = ("employer_id", "title", "publication_date")
    else:

        def key(c):
            get = c.get if isinstance(c, dict) else lambda n: getattr(c, n)
            return (get("employer_id"), squash(get("last_name")), squash(get("first_name") or ""))

        fields = ("employer_id", "last_name", "first_name")
    plan = _plan_by_key(
        session,
        entity,
        resolved,
        lookup_column="employer_id",
        lookup_values=[r["employer_id"] for _, r in resolved],
        key_of_existing=key,
        key_of_new=key,
        extra_fields=fields,
    )
    plan.problems.extend(problems)
    return plan


PLANNERS: dict[str, Callable[[Session, str, list], Plan]] = {
    "employers": _plan_on("siret"),
    "rome": _plan_on("code"),
    "youths": _plan_youths,
    "offers": _plan_with_employer,
    "contacts": _plan_with_employer,
}
