"""Reading a speed-meeting instance from the recruiters, candidates and wishes files."""

from __future__ import annotations

from pathlib import Path

from essdesk.domain.scheduling.model import Candidate, Instance, Recruiter, Wish
from essdesk.errors import DataFileError
from essdesk.exchange.tabular import Row, Table, read_table

RECRUITER_COLUMNS = ("id", "name", "tables", "available_from", "available_to")
CANDIDATE_COLUMNS = ("id", "name", "available_from", "available_to", "max_meetings")
WISH_COLUMNS = ("candidate_id", "recruiter_id", "rank", "weight")
REQUIRED = {
    "recruiters": ("id",),
    "candidates": ("id",),
    "wishes": ("candidate_id", "recruiter_id"),
}


class _Reader:
    """Typed access to the cells of one file, with errors naming file, line and column."""

    def __init__(self, path: Path, expected: tuple[str, ...], required: tuple[str, ...]) -> None:
        self.table: Table = read_table(path)
        self.file = Path(path).name
        # Column names are matched without regard to case; unknown extra columns are ignored.
        self.columns = {name.casefold(): name for name in self.table.headers}
        for name in required:
            if name not in self.columns:
                raise DataFileError(
                    f"colonne « {name} » absente (colonnes attendues : {', '.join(expected)})",
                    file=self.file,
                    line=1,
                )

    def text(self, row: Row, column: str) -> str:
        header = self.columns.get(column)
        return row.values.get(header, "").strip() if header else ""

    def error(self, row: Row, column: str, reason: str) -> DataFileError:
        return DataFileError(
            reason, file=self.file, line=row.line, column=self.columns.get(column, column)
        )

    def required(self, row: Row, column: str) -> str:
        value = self.text(row, column)
        if not value:
            raise self.error(row, column, "valeur obligatoire manquante")
        return value

    def integer(self, row: Row, column: str, *, low: int, high: int | None = None) -> int | None:
        value = self.text(row, column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            raise self.error(row, column, f"« {value} » n'est pas un nombre entier") from None
        if number < low or (high is not None and number > high):
            bounds = f"entre {low} et {high}" if high is not None else f"au moins {low}"
            raise self.error(row, column, f"{number} : la valeur doit être {bounds}")
        return number

    def number(self, row: Row, column: str) -> float | None:
        value = self.text(row, column)
        if not value:
            return None
        try:
            number = float(value.replace(",", "."))  # French Excel writes a decimal comma
        except ValueError:
            raise self.error(row, column, f"« {value} » n'est pas un nombre") from None
        if not number >= 0 or number == float("inf"):
            raise self.error(row, column, f"{value} : le poids doit être un nombre positif")
        return number

    def window(self, row: Row, rounds: int) -> tuple[int | None, int | None]:
        start = self.integer(row, "available_from", low=1, high=rounds)
        end = self.integer(row, "available_to", low=1, high=rounds)
        if start is not None and end is not None and end < start:
            raise self.error(
                row, "available_to", f"la fin de présence ({end}) précède le début ({start})"
            )
        return start, end


def read_recruiters(path: str | Path, rounds: int) -> list[Recruiter]:
    """Recruiters file: id;name;tables;available_from;available_to (empty: 1 table, all rounds)."""
    reader = _Reader(Path(path), RECRUITER_COLUMNS, REQUIRED["recruiters"])
    recruiters: list[Recruiter] = []
    seen: dict[str, int] = {}
    for row in reader.table:
        rid = reader.required(row, "id")
        if rid in seen:
            raise reader.error(row, "id", f"identifiant « {rid} » déjà vu ligne {seen[rid]}")
        seen[rid] = row.line
        tables = reader.integer(row, "tables", low=1, high=1000)
        start, end = reader.window(row, rounds)
        name = reader.text(row, "name") or rid
        recruiters.append(Recruiter(rid, name, tables or 1, start, end))
    return recruiters


def read_candidates(path: str | Path, rounds: int) -> list[Candidate]:
    """Candidates file: id;name;available_from;available_to;max_meetings (empty: no limit)."""
    reader = _Reader(Path(path), CANDIDATE_COLUMNS, REQUIRED["candidates"])
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for row in reader.table:
        cid = reader.required(row, "id")
        if cid in seen:
            raise reader.error(row, "id", f"identifiant « {cid} » déjà vu ligne {seen[cid]}")
        seen[cid] = row.line
        start, end = reader.window(row, rounds)
        cap = reader.integer(row, "max_meetings", low=0)
        candidates.append(Candidate(cid, reader.text(row, "name") or cid, start, end, cap))
    return candidates


def read_wishes(path: str | Path, recruiter_ids: set[str], candidate_ids: set[str]) -> list[Wish]:
    """Wishes file: candidate_id;recruiter_id;rank;weight (rank and weight optional)."""
    reader = _Reader(Path(path), WISH_COLUMNS, REQUIRED["wishes"])
    wishes: list[Wish] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader.table:
        cid = reader.required(row, "candidate_id")
        if cid not in candidate_ids:
            raise reader.error(row, "candidate_id", f"candidat « {cid} » inconnu")
        rid = reader.required(row, "recruiter_id")
        if rid not in recruiter_ids:
            raise reader.error(row, "recruiter_id", f"recruteur « {rid} » inconnu")
        if (cid, rid) in seen:
            raise reader.error(
                row, "recruiter_id", f"souhait {cid} → {rid} déjà vu ligne {seen[(cid, rid)]}"
            )
        seen[(cid, rid)] = row.line
        rank = reader.integer(row, "rank", low=1)
        wishes.append(Wish(cid, rid, rank, reader.number(row, "weight")))
    return wishes


def read_instance(
    recruiters: str | Path, candidates: str | Path, wishes: str | Path, rounds: int
) -> Instance:
    """The three files and the number of rounds as one `Instance`; `DataFileError` if bad."""
    if rounds < 1:
        raise DataFileError(f"nombre de tours invalide : {rounds} (au moins 1)")
    recruiter_list = read_recruiters(recruiters, rounds)
    candidate_list = read_candidates(candidates, rounds)
    wish_list = read_wishes(wishes, {r.id for r in recruiter_list}, {c.id for c in candidate_list})
    return Instance(rounds, tuple(recruiter_list), tuple(candidate_list), tuple(wish_list))
