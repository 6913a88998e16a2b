"""The communes table: imported all or nothing from a file, then gives records their territory type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.domain.text import squash
from essdesk.exchange.communes import Problem, validate_communes
from essdesk.exchange.tabular import read_table
from essdesk.services.imports import CHUNK, ImportCancelled, ImportRejected

MAX_LISTED = 20
FIELDS = ("insee_code", "postcode", "name", "territory", "rural_zone", "has_qpv")


@dataclass
class CommunesImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        planned = " prévues" if self.dry_run else ""
        lines = [
            f"Communes — créations{planned} : {self.created} ; mises à jour{planned} : "
            f"{self.updated} ; déjà à jour : {self.skipped}."
        ]
        if self.unknown_columns:
            lines.append(f"Colonnes non reconnues, ignorées : {', '.join(self.unknown_columns)}.")
        return "\n".join(lines)


def _rejection(problems: list[Problem], rows_read: int) -> ImportRejected:
    lines = len({p.line for p in problems})
    listed = [str(p) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        listed.append(
            f"… et {format_count(len(problems) - MAX_LISTED, 'autre problème', 'autres problèmes')}."
        )
    message = (
        f"Import refusé : {format_count(lines, 'ligne invalide', 'lignes invalides')} sur {rows_read} ; rien n'a été "
        "enregistré. Corrigez le fichier puis recommencez."
    )
    return ImportRejected(message, problems, "\n".join(listed))  # type: ignore[arg-type]


def import_communes(
    db: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CommunesImportResult:
    """Validate the whole file, then create or update its communes in ONE transaction.

    A commune is matched on its INSEE code and postcode: a re-import creates no duplicate.
    With one invalid line nothing is written and ImportRejected lists the lines.
    """
    table = read_table(Path(path), sheet=sheet)
    validation = validate_communes(table)
    if validation.problems:
        raise _rejection(validation.problems, validation.rows_read)
    result = CommunesImportResult(unknown_columns=validation.unknown_columns, dry_run=dry_run)
    if not dry_run and db.is_sqlite and validation.records:
        db.backup("avant-import")
    scope = db.session() if dry_run else db.transaction()
    with scope as session:
        existing = {(c.insee_code, c.postcode): c for c in session.scalars(select(m.Commune))}
        inserts = []
        for _, record in validation.records:
            commune = existing.get((record["insee_code"], record["postcode"]))
            if commune is None:
                inserts.append(record)
                continue
            changes = {k: record[k] for k in FIELDS if getattr(commune, k) != record[k]}
            if not changes:
                result.skipped += 1
                continue
            result.updated += 1
            if not dry_run:
                for name, value in changes.items():
                    setattr(commune, name, value)
        result.created = len(inserts)
        if dry_run:
            return result
        total = len(inserts)
        for start in range(0, total, CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled("Import annulé : rien n'a été enregistré.")
            session.add_all(m.Commune(**r) for r in inserts[start : start + CHUNK])
            session.flush()
            if progress is not None:
                progress(min(start + CHUNK, total), total)
    return result


class TerritoryResolver:
    """The territory type of a postcode and commune name, from the communes table.

    The name decides when a postcode covers communes of different types; a postcode whose
    communes all share one type needs no name. Unknown: None.
    """

    def __init__(self, communes: list[tuple[str, str, str]]) -> None:
        self._by_name: dict[tuple[str, str], str] = {}
        by_postcode: dict[str, set[str]] = {}
        for postcode, name, territory in communes:
            self._by_name[(postcode, squash(name))] = territory
            by_postcode.setdefault(postcode, set()).add(territory)
        self._by_postcode = {p: next(iter(t)) for p, t in by_postcode.items() if len(t) == 1}

    @classmethod
    def load(cls, session) -> TerritoryResolver:
        rows = session.execute(select(m.Commune.postcode, m.Commune.name, m.Commune.territory))
        return cls([tuple(r) for r in rows])

    def __bool__(self) -> bool:
        return bool(self._by_name)

    def territory(self, postcode: str | None, commune: str | None) -> str | None:
        if not postcode:
            return None
        if commune:
            found = self._by_name.get((postcode, squash(commune)))
            if found:
                return found
        return self._by_postcode.get(postcode)
