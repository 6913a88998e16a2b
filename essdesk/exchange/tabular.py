"""Streaming reader for the CSV and XLSX files agencies export from French Excel."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from essdesk.errors import DataFileError
from essdesk.exchange.csv_reading import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    check_file_size,
    detect_encoding,
    iter_csv,
)
from essdesk.exchange.writers import FORMULA_TRIGGERS
from essdesk.exchange.xlsx_limits import check_workbook

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITERS = ";,\t"
# Enough text for the sniffer to see several records without reading a large file.
_SNIFF_CHARS = 64 * 1024
# Blank rows are skipped, but every so many of them the reader still reports in, so that a
# sheet of a million empty rows can be followed and cancelled.
BLANK_HEARTBEAT = 1000
SHOWN_CHARS = 60  # of a header or a value quoted in a message: never a screenful
MAX_HEADER_CHARS = 200
# Exports put an apostrophe before text a spreadsheet would run as a formula (see
# writers.protect_text); reading removes that one mark so that an export re-imports as is.
_PROTECTED = tuple("'" + trigger for trigger in FORMULA_TRIGGERS)


@dataclass(frozen=True, slots=True)
class Row:
    """One data record: `line` is its row number as Excel shows it (header = line 1)."""

    line: int
    values: dict[str, str]


class Table:
    """A tabular file opened for reading; iterate it to stream its rows.

    Each iteration re-reads the file, so 100,000 rows are never held in memory at once.
    """

    def __init__(
        self,
        path: Path,
        headers: list[str],
        *,
        encoding: str | None,
        delimiter: str | None,
        sheet: str | None = None,
    ) -> None:
        self.path = path
        self.headers = headers
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        # Called with the line number every BLANK_HEARTBEAT blank rows (progress and cancel).
        self.heartbeat: Callable[[int], None] | None = None

    @property
    def is_xlsx(self) -> bool:
        return self.path.suffix.lower() in XLSX_SUFFIXES

    def __iter__(self) -> Iterator[Row]:
        raw_rows = _iter_xlsx(self.path, self.sheet) if self.is_xlsx else self._iter_csv()
        width = len(self.headers)
        headers = self.headers
        first = True
        blank = 0
        for line, cells in raw_rows:
            if first:  # the header row, already read by read_table
                first = False
                continue
            if len(cells) > width and any(c for c in cells[width:]):
                raise DataFileError(
                    f"la ligne a {len(cells)} colonnes alors que l'en-tête n'en a que {width} "
                    "(séparateur ou guillemets mal placés ?)",
                    file=self.path.name,
                    line=line,
                )
            if not any(cells):
                blank += 1  # empty lines still count in the numbering
                if self.heartbeat is not None and blank % BLANK_HEARTBEAT == 0:
                    self.heartbeat(line)
                continue
            for index, cell in enumerate(cells[:width]):
                if "\x00" in cell:  # never typed: a binary or hostile file; PostgreSQL refuses it
                    raise DataFileError(
                        "caractère nul (NUL) dans la cellule : le fichier n'est pas un texte CSV",
                        file=self.path.name,
                        line=line,
                        column=shorten(headers[index]),
                    )
                if len(cell) > MAX_CELL_CHARS:
                    raise DataFileError(
                        f"cellule trop longue ({len(cell)} caractères ; au plus {MAX_CELL_CHARS})",
                        file=self.path.name,
                        line=line,
                        column=shorten(headers[index]),
                    )
            values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(headers)}
            yield Row(line, values)

    def _iter_csv(self) -> Iterator[tuple[int, list[str]]]:
        assert self.encoding is not None and self.delimiter is not None
        yield from _iter_csv(self.path, self.encoding, self.delimiter)

    def __repr__(self) -> str:
        return (
            f"Table({self.path.name!r}, headers={self.headers!r}, "
            f"encoding={self.encoding!r}, delimiter={self.delimiter!r})"
        )


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Open a CSV/TXT/TSV or XLSX file, detect its format and read its header row."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError("fichier introuvable", file=str(path))
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        encoding, delimiter = None, None
        check_file_size(path)
        check_workbook(path)  # sizes and declared dimensions, before openpyxl reads anything
        sheet = _resolve_sheet(path, sheet)
        rows = _iter_xlsx(path, sheet)
    elif suffix in CSV_SUFFIXES:
        encoding = detect_encoding(path)
        delimiter = "\t" if suffix == ".tsv" else detect_delimiter(path, encoding)
        rows = _iter_csv(path, encoding, delimiter)
    elif suffix == ".xls":
        raise DataFileError(
            "le format Excel 97-2003 (.xls) n'est pas pris en charge : "
            "enregistrez le fichier au format .xlsx ou CSV",
            file=path.name,
        )
    else:
        raise DataFileError(
            f"type de fichier « {path.suffix or 'sans extension'} » non pris en charge "
            "(attendu : .csv, .txt, .tsv ou .xlsx)",
            file=path.name,
        )
    header_line, cells = _first_non_empty(rows, path)
    rows.close()  # releases the file or workbook handle held by the generator
    headers = _check_headers(cells, path, header_line)
    return Table(path, headers, encoding=encoding, delimiter=delimiter, sheet=sheet)


def detect_delimiter(path: Path, encoding: str) -> str:
    """`;`, `,` or tab: csv.Sniffer first, then counting in the header line."""
    with path.open(encoding=encoding, newline="") as f:
        sample = f.read(_SNIFF_CHARS)
    if not sample.strip():
        raise DataFileError("le fichier est vide", file=path.name)
    # Cut at the last complete line so the sniffer does not see a truncated record.
    if len(sample) == _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    header = next((ln for ln in sample.splitlines() if ln.strip()), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    # The sniffer can be fooled by commas inside addresses; the header line cannot
    # hold the real separator zero times when it has several columns.
    if sniffed and counts.get(sniffed, 0) > 0:
        return sniffed
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ";"


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _iter_csv(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    for record, cells in iter_csv(path, encoding, delimiter):
        yield record, [unprotect_text(c.strip()) for c in cells]


def _resolve_sheet(path: Path, sheet: str | None) -> str:
    workbook = _open_workbook(path)
    try:
        names = workbook.sheetnames
        if sheet is None:
            return workbook.active.title if workbook.active is not None else names[0]
        if sheet in names:
            return sheet
        raise DataFileError(
            f"feuille « {sheet} » introuvable (feuilles : {', '.join(names)})", file=path.name
        )
    finally:
        workbook.close()


def _open_workbook(path: Path):
    from openpyxl import load_workbook  # imported lazily: CSV-only runs skip its cost

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException…
        raise DataFileError(
            "classeur Excel illisible (fichier endommagé ou pas au format .xlsx)",
            file=path.name,
        ) from exc


def _iter_xlsx(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    workbook = _open_workbook(path)
    try:
        ws = workbook[sheet] if sheet else workbook.active
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise DataFileError(
                    f"trop de lignes (au plus {MAX_ROWS})", file=path.name, line=number
                )
            if len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:]):
                raise DataFileError(
                    f"trop de colonnes (au plus {MAX_COLUMNS})", file=path.name, line=number
                )
            yield number, [unprotect_text(cell_to_text(v)) for v in values[:MAX_COLUMNS]]
    finally:
        workbook.close()


def unprotect_text(text: str) -> str:
    """Remove the apostrophe an export put before formula-like text: "'+33 1…" → "+33 1…"."""
    return text[1:].strip() if text.startswith(_PROTECTED) else text


def cell_to_text(value: object) -> str:
    """Render an XLSX cell as the text a French user would type in a CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "Vrai" if value else "Faux"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))  # SIRET and postcodes come back as floats
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _first_non_empty(rows: Iterator[tuple[int, list[str]]], path: Path) -> tuple[int, list[str]]:
    for line, cells in rows:
        if any(cells):
            # Data lines are numbered from the file's top: a header further down would
            # make the numbers users look up in Excel ambiguous, so it is refused.
            if line != 1:
                raise DataFileError(
                    "la première ligne doit contenir les noms des colonnes", file=path.name, line=1
                )
            return line, cells
    raise DataFileError("le fichier est vide", file=path.name)


def _check_headers(cells: list[str], path: Path, line: int) -> list[str]:
    headers = [c.strip() for c in cells]
    # Excel often writes trailing empty cells after the last named column.
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise DataFileError(
            f"trop de colonnes ({len(headers)} ; au plus {MAX_COLUMNS})", file=path.name, line=line
        )
    for index, name in enumerate(headers, start=1):
        if len(name) > MAX_HEADER_CHARS:
            raise DataFileError(
                f"le nom de la colonne n° {index} est trop long ({len(name)} caractères ; au "
                f"plus {MAX_HEADER_CHARS}) : « {shorten(name)} »",
                file=path.name,
                line=line,
            )
    seen: dict[str, int] = {}
    for index, name in enumerate(headers, start=1):
        if not name:
            raise DataFileError(f"la colonne n° {index} n'a pas de nom", file=path.name, line=line)
        key = name.casefold()
        if key in seen:
            raise DataFileError(
                f"la colonne « {name} » apparaît deux fois (colonnes n° {seen[key]} et {index})",
                file=path.name,
                line=line,
            )
        seen[key] = index
    return headers


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` cut for a message: a hostile 50 MB cell must not become a 50 MB error."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
