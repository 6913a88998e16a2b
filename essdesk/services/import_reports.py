"""The report of rejected rows: written beside the file, never over the base or a backup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from essdesk.db.database import Database
from essdesk.db.files import new_temporary, replace_durably
from essdesk.exchange.schemas import Problem
from essdesk.exchange.tabular import Table
from essdesk.exchange.writers import write_csv


def report_path(db: Database, source: Path, target: str | Path | None) -> Path:
    """Where the rejects go; never onto the base, its journals, its backups or the source."""
    path = Path(target) if target else source.with_name(f"{source.stem}-rejets.csv")
    db.check_output(path, also=(source,), what="Le rapport des lignes rejetées")
    return path


def write_report(table: Table, problems: list[Problem], path: Path) -> Path:
    """The rejected rows as they were in the file, with their line number and reasons.

    Written under an unpredictable name of our own, then renamed onto `path`: a file or a link
    someone placed at the report's (predictable) name is replaced, never written through.
    """
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.line, []).append(f"{p.column} : {p.reason}" if p.column else p.reason)

    def rows() -> Iterator[list[Any]]:
        for row in table:  # streamed again: rejected rows were not kept in memory
            if row.line in reasons:
                yield [row.line, *row.values.values(), " ; ".join(reasons[row.line])]

    side = new_temporary(path.parent, f".{path.name}-")
    try:
        write_csv(side, ["Ligne", *table.headers, "Motifs du rejet"], rows())
        replace_durably(side, path)
    except BaseException:
        side.unlink(missing_ok=True)
        raise
    return path
