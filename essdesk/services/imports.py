"""Import employers, offers, youths, contacts and ROME codes: validated first, then all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db import search_keys
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.exchange.schemas import SCHEMAS, Problem, validate_rows
from essdesk.exchange.tabular import read_table, shorten
from essdesk.services import access, sensitive
from essdesk.services.import_plans import (
    MODELS,
    PLANNERS,
    SENSITIVE_RIGHTS,
    Plan,
    chunks,
    keep_hidden_values,
)
from essdesk.services.import_reports import report_path, write_report

CHUNK = 2000  # rows per INSERT batch, and between two cancel checks
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
    rights = sensitive.current(db) if entity in ("youths", "placements") else None  # before
    scope = db.session() if dry_run else db.transaction()
    with scope as session:
        if not dry_run and not db.is_sqlite:
            # On SQLite, BEGIN IMMEDIATE already makes imports wait for each other. On PostgreSQL
            # two imports of one file from two PCs would both plan « create » against the same
            # base: the second waits here until the first commits, then sees its rows.
            session.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK)))
        session.info[SENSITIVE_RIGHTS] = rights
        plan = PLANNERS[entity](session, entity, validation.records)
        if entity == "youths" and rights is not None and not rights.sees_all:
            keep_hidden_values(session, plan, rights.allows, sensitive.SENSITIVE_YOUTH_FIELDS)
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
            detail=f"{path.name} : {format_count(result.created, 'créée')}, "
            f"{format_count(result.updated, 'mise à jour', 'mises à jour')}",
        )
    return result


def _rejection(problems: list[Problem], rows_read: int) -> ImportRejected:
    lines = len({p.line for p in problems})
    # Each problem on one short line: a 10,000-character cell is quoted, not printed whole.
    listed = [shorten(str(p), 300) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        listed.append(
            f"… et {format_count(len(problems) - MAX_LISTED, 'autre problème', 'autres problèmes')}."
        )
    message = (
        f"Import refusé : {format_count(lines, 'ligne invalide', 'lignes invalides')} sur {rows_read} ; rien n'a été "
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


def _write(session: Session, model: type[m.Entity], plan: Plan, check: _Checker) -> None:
    total = len(plan.inserts) + len(plan.updates)
    done = 0
    check.tick(done, total)
    table = model.__table__
    searched = search_keys.kind_of(model)
    for batch in chunks(plan.inserts, CHUNK):
        # Core executemany: one prepared INSERT for the batch, no ORM object per row; the
        # sort keys and search terms the ORM listener would keep are written alongside.
        if searched:
            batch = [search_keys.with_sort_key(searched, row) for row in batch]
        session.execute(table.insert(), batch)
        if searched:
            search_keys.index_rows(session, searched, batch)
        done += len(batch)
        check.tick(done, total)
    for batch in chunks(plan.updates, CHUNK):
        # Updates go through the ORM so that each row's version is checked and bumped.
        changes = dict(batch)
        for obj in session.scalars(select(model).where(model.id.in_(list(changes)))):
            for name, value in changes[obj.id].items():
                setattr(obj, name, value)
        session.flush()
        done += len(batch)
        check.tick(done, total)


# Placements plan their rows in their own module (matching, scheme rules), on this machinery.
from essdesk.services.placements import importing as _placements  # noqa: E402, F401
