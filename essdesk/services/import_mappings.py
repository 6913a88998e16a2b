"""Column mappings for imports: proposed from the headers, remembered per spreadsheet layout."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from essdesk import settings
from essdesk.errors import DataFileError
from essdesk.exchange.headers import SYNONYMS, check_entity, normalize_header, resolve_columns
from essdesk.exchange.tabular import XLSX_SUFFIXES, read_table

Mapping = dict[str, str | None]  # file column → field name, None = column ignored
KEPT_PER_ENTITY = 50  # layouts remembered per kind of import; the oldest are forgotten
SAMPLE_ROWS = 3


def layout_signature(headers: list[str]) -> str:
    """The same columns, whatever their order, case, accents or "N°": the same signature."""
    names = sorted({normalize_header(h) for h in headers})
    return hashlib.sha1("\x1f".join(names).encode("utf-8")).hexdigest()[:16]


def _stored(entity: str) -> dict[str, dict]:
    stored = settings.load().import_mappings.get(entity)
    return stored if isinstance(stored, dict) else {}


def _store(entity: str, stored: dict[str, dict]) -> None:
    settings.update(import_mappings={**settings.load().import_mappings, entity: stored})


def remembered_mapping(entity: str, headers: list[str]) -> Mapping | None:
    """The mapping last used for a file with these columns, keyed by this file's own headers.

    None when this layout was never imported, or when what is stored no longer fits (a field
    renamed since, a column that cannot be found again): a stale mapping is never applied.
    """
    check_entity(entity)
    entry = _stored(entity).get(layout_signature(headers))
    if not isinstance(entry, dict) or not isinstance(entry.get("mapping"), dict):
        return None
    by_key: dict[str, list[str]] = {}
    for header in headers:
        by_key.setdefault(normalize_header(header), []).append(header)
    mapping: Mapping = {}
    for column, target in entry["mapping"].items():
        if target is not None and target not in SYNONYMS[entity]:
            return None
        if column in headers:
            mapping[column] = target
            continue
        candidates = by_key.get(normalize_header(column), [])
        if len(candidates) != 1:
            return None
        mapping[candidates[0]] = target
    return mapping


def remember_mapping(entity: str, headers: list[str], mapping: Mapping) -> None:
    """Store `mapping` for this layout; the most recently used layouts are kept."""
    check_entity(entity)
    stored = _stored(entity)
    signature = layout_signature(headers)
    stored.pop(signature, None)  # re-inserted last: the dict's order is the order of use
    stored[signature] = {"columns": list(headers), "mapping": dict(mapping)}
    while len(stored) > KEPT_PER_ENTITY:
        stored.pop(next(iter(stored)))
    _store(entity, stored)


def forget_mapping(entity: str, headers: list[str]) -> bool:
    """Drop the mapping remembered for this layout; False if there was none."""
    check_entity(entity)
    stored = _stored(entity)
    if stored.pop(layout_signature(headers), None) is None:
        return False
    _store(entity, stored)
    return True


def describe_mapping(mapping: Mapping) -> str:
    """The mapping as --map arguments would spell it: "Structure=name, Nom=" (ignored)."""
    return ", ".join(f"{column}={target or ''}" for column, target in mapping.items())


def automatic_mapping(entity: str, headers: list[str]) -> Mapping:
    """Every column → the field its header is recognised as, or None.

    When two columns name the same field, the first one gets it and the second is left for
    the user to decide, instead of failing as a plain import does.
    """
    try:
        columns = resolve_columns(headers, entity)
    except DataFileError:
        mapping: Mapping = {}
        taken: set[str] = set()
        for header in headers:
            found = resolve_columns([header], entity).fields
            target = next(iter(found), None)
            mapping[header] = target if target not in taken else None
            taken.update(found)
        return mapping
    by_header = {header: name for name, header in columns.fields.items()}
    return {header: by_header.get(header) for header in headers}


def proposed_mapping(entity: str, headers: list[str]) -> tuple[Mapping, bool]:
    """The mapping to offer for a file, and whether it was remembered for its layout.

    A remembered mapping may name only some columns (as --map does): the others are then
    recognised automatically, as the import itself would.
    """
    remembered = remembered_mapping(entity, headers)
    if not remembered:
        return automatic_mapping(entity, headers), False
    try:
        columns = resolve_columns(headers, entity, remembered)
    except DataFileError:
        return {header: remembered.get(header) for header in headers}, True
    by_header = {header: name for name, header in columns.fields.items()}
    return {header: by_header.get(header) for header in headers}, True


@dataclass
class FileLayout:
    """What the import wizard needs to know about a file before mapping its columns."""

    path: Path
    headers: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # empty for CSV
    sheet: str | None = None  # the sheet read (the active one unless another was asked)
    samples: list[list[str]] = field(default_factory=list)  # first rows, cell per header
    error: str | None = None  # why the headers could not be read (the sheets may still be)


def inspect_file(path: str | Path, sheet: str | None = None) -> FileLayout:
    """The sheets of a workbook, the headers and first rows of the chosen sheet or CSV file.

    A sheet that cannot be read leaves `error` set but still lists the other sheets, so that
    the user can pick the right one.
    """
    layout = FileLayout(Path(path), sheet=sheet)
    try:
        if layout.path.suffix.lower() in XLSX_SUFFIXES and layout.path.is_file():
            layout.sheets, active = _sheet_names(layout.path)
            if sheet is None:
                layout.sheet = active  # named even if unreadable, so the user sees which one
        table = read_table(layout.path, sheet=layout.sheet)
        layout.headers, layout.sheet = table.headers, table.sheet
        rows = iter(table)
        try:
            for row in rows:
                layout.samples.append([row.values[h] for h in table.headers])
                if len(layout.samples) >= SAMPLE_ROWS:
                    break
        finally:
            rows.close()  # releases the file or workbook at once, not at garbage collection
    except DataFileError as error:
        layout.error = error.message
    return layout


def _sheet_names(path: Path) -> tuple[list[str], str | None]:
    """The workbook's sheets and the one Excel opens on."""
    from openpyxl import load_workbook  # lazily: CSV files never pay for openpyxl

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException…
        raise DataFileError(
            "classeur Excel illisible (fichier endommagé ou pas au format .xlsx)", file=path.name
        ) from exc
    try:
        active = workbook.active.title if workbook.active is not None else None
        return list(workbook.sheetnames), active
    finally:
        workbook.close()
