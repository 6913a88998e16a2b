"""Import employers, offers, youths, contacts and ROME codes: validated first, then all or nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db import search_keys
from essdesk.db.database import Database
from essdesk.db.models.base import utcnow
from essdesk.db.models.keys import KEY_OF, youth_key
from essdesk.domain.values import squash
from essdesk.errors import EssDeskError
from essdesk.exchange.schemas import SCHEMAS, Problem, same_value, validate_rows
from essdesk.exchange.tabular import read_table, shorten
from essdesk.services import access
from essdesk.services.import_reports import report_path, write_report

MODELS: dict[str, type[m.Entity]] = {
    "employers": m.Employer,
    "contacts": m.Contact,
    "offers": m.Offer,
    "youths": m.Youth,
    "rome": m.RomeCode,
}
CHUNK = 2000  # rows per INSERT batch, and between two cancel checks
IN_CHUNK = 500  # values per SQL IN (…): well under every backend's parameter limit
MAX_LISTED = 20  # problems spelled out in an error message; the rest are counted
IMPORT_LOCK = 0x455353  # PostgreSQL advisory lock key held by every import ("ESS")

Progress = Callable[[int, int], None]


class ImportRejected(EssDeskError):
    """Invalid rows and no permission to skip them: nothing was written."""

    def __init__(self, message: str, problems: list[Problem], detail: str) -> None:
        super().__init__(message, detail=detail)
        self.problems = problems


class ImportCancelled(EssDeskError):
    """The user cancelled: the transaction was rolled back."""


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    entity: str
    created: int = 0
    updated: int = 0
    skipped: int = 0  # rows already in the base with the same values
    rejected: int = 0  # lines with at least one problem
    problems: list[Problem] = field(default_factory=list)
    report_path: Path | None = None
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """A French one-paragraph account for the CLI and the UI."""
        planned = " prévues" if self.dry_run else ""
        label = SCHEMAS[self.entity].label
        label = label[:1].upper() + label[1:]  # not capitalize(): "codes ROME" keeps its capitals
        # Nouns rather than participles: « créations » fits employeurs and offres alike.
        lines = [
            f"{label} — créations{planned} : {self.created} ; mises à jour{planned} : "
            f"{self.updated} ; déjà à jour : {self.skipped} ; lignes rejetées : {self.rejected}."
        ]
        if self.unknown_columns:
            lines.append(f"Colonnes non reconnues, ignorées : {', '.join(self.unknown_columns)}.")
        if self.report_path:
            lines.append(f"Lignes rejetées et motifs : {self.report_path}")
        return "\n".join(lines)


@dataclass
class _Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[uuid.UUID, dict[str, Any]]] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


def import_file(
    db: Database,
    entity: str,
    path: str | Path,
    *,
    mapping: dict[str, str | None] | Iterable[str] | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    reject_report: str | Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Validate the whole file, then create or update its rows in ONE transaction.

    Rows are matched on their natural key (SIRET; last name + first name + birth date;
    employer + title + publication date; employer + name; ROME code): a re-import creates
    no duplicates, and empty cells never erase what the base holds. With invalid rows,
    nothing is written and ImportRejected lists them, unless `skip_invalid`: then the valid
    rows are written and the rejected ones go to a CSV report (`reject_report`, by default
    "<file>-rejets.csv" beside the file). `progress(done, total)` gets total = 0 while the
    file is read, then the number of rows to write. `cancelled()` returning True rolls back.
    """
    traced = MODELS[entity].__tablename__ if entity in MODELS else entity
    access.require(db, "import", traced)
    actor = access.require_write(db, traced)
    path = Path(path)
    check = _Checker(progress, cancelled)
    report = report_path(db, path, reject_report)
    table = read_table(path, sheet=sheet)
    table.heartbeat = check.reading  # blank rows too reach the progress and cancel checks
    validation = validate_rows(table, entity, mapping, progress=check.reading)
    result = ImportResult(entity, unknown_columns=validation.unknown_columns, dry_run=dry_run)
    # The file is read and checked before the transaction opens: the write lock is held only
    # while matching and writing, and matching inside it means no other writer slips in between.
    if not dry_run and db.is_sqlite and validation.records:
        db.backup("avant-import")  # an import is the easiest way to spoil a base: copy it first
    scope = db.session() if dry_run else db.transaction()
    with scope as session:
        if not dry_run and not db.is_sqlite:
            # On SQLite, BEGIN IMMEDIATE already makes imports wait for each other. On PostgreSQL
            # two imports of one file from two PCs would both plan « create » against the same
            # base: the second waits here until the first commits, then sees its rows.
            session.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK)))
        plan = _PLANNERS[entity](session, entity, validation.records)
        problems = sorted(validation.problems + plan.problems, key=lambda p: p.line)
        result.problems = problems
        result.rejected = len({p.line for p in problems})
        result.created, result.updated = len(plan.inserts), len(plan.updates)
        result.skipped = plan.skipped
        if problems and not skip_invalid and not dry_run:
            raise _rejection(problems, validation.rows_read)
        if dry_run:
            return result
        if problems:
            result.report_path = write_report(table, problems, report)
        _write(session, MODELS[entity], plan, check)
        # The rows themselves are traced one by one by the session (essdesk/db/audit.py).
        access.trace(
            session,
            actor,
            "import",
            traced,
            detail=f"{path.name} : {result.created} créée(s), {result.updated} mise(s) à jour",
        )
    return result


def _rejection(problems: list[Problem], rows_read: int) -> ImportRejected:
    lines = len({p.line for p in problems})
    # Each problem on one short line: a 10,000-character cell is quoted, not printed whole.
    listed = [shorten(str(p), 300) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        listed.append(f"… et {len(problems) - MAX_LISTED} autre(s) problème(s).")
    message = (
        f"Import refusé : {lines} ligne(s) invalide(s) sur {rows_read} ; rien n'a été "
        "enregistré. Corrigez le fichier, ou importez seulement les lignes valides."
    )
    return ImportRejected(message, problems, "\n".join(listed))


class _Checker:
    """Relays progress and turns a cancel request into ImportCancelled (hence a rollback)."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.progress, self.cancelled = progress, cancelled

    def reading(self, rows_read: int) -> None:
        self.tick(rows_read, 0)

    def tick(self, done: int, total: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("Import annulé : rien n'a été enregistré.")
        if self.progress is not None:
            self.progress(done, total)


def _write(session: Session, model: type[m.Entity], plan: _Plan, check: _Checker) -> None:
    total = len(plan.inserts) + len(plan.updates)
    done = 0
    check.tick(done, total)
    table = model.__table__
    searched = search_keys.kind_of(model)
    for batch in _chunks(plan.inserts, CHUNK):
        # Core executemany: one prepared INSERT for the batch, no ORM object per row; the
        # sort keys and search terms the ORM listener would keep are written alongside.
        if searched:
            batch = [search_keys.with_sort_key(searched, row) for row in batch]
        session.execute(table.insert(), batch)
        if searched:
            search_keys.index_rows(session, searched, batch)
        done += len(batch)
        check.tick(done, total)
    for batch in _chunks(plan.updates, CHUNK):
        # Updates go through the ORM so that each row's version is checked and bumped.
        changes = dict(batch)
        for obj in session.scalars(select(model).where(model.id.in_(list(changes)))):
            for name, value in changes[obj.id].items():
                setattr(obj, name, value)
        session.flush()
        done += len(batch)
        check.tick(done, total)


def _chunks(items: list, size: int) -> Iterator[list]:
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


class _Rows:
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
        for chunk in _chunks(distinct, IN_CHUNK):
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
) -> _Plan:
    """Shared upsert planning: match each record on its key, then create, update or skip."""
    model = MODELS[entity]
    rows = _Rows(model, entity)
    plan = _Plan()
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


def _plan_on(column: str) -> Callable[[Session, str, list], _Plan]:
    """Planner for entities whose key is one exact column (SIRET, ROME code)."""

    def plan(session: Session, entity: str, records) -> _Plan:
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


def _plan_youths(session: Session, entity: str, records) -> _Plan:
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


def _resolve_employers(session: Session, records) -> tuple[list, list[Problem]]:
    """Give each offer or contact its employer_id; unknown or ambiguous employers are problems."""
    by_siret: dict[str, uuid.UUID] = {}
    sirets = [r["employer_siret"] for _, r in records if r.get("employer_siret")]
    for chunk in _chunks(list(dict.fromkeys(sirets)), IN_CHUNK):
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


def _plan_with_employer(session: Session, entity: str, records) -> _Plan:
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


_PLANNERS: dict[str, Callable[[Session, str, list], _Plan]] = {
    "employers": _plan_on("siret"),
    "rome": _plan_on("code"),
    "youths": _plan_youths,
    "offers": _plan_with_employer,
    "contacts": _plan_with_employer,
}

# Placements plan their rows in their own module (matching, scheme rules), on this machinery.
from essdesk.services.placements import importing as _placements  # noqa: E402, F401
