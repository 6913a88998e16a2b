"""What each import expects (fields, required ones, parsers) and whole-file row validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from essdesk.domain import values as v
from essdesk.domain.catalogue import CONTACT, EMPLOYER, OFFER, YOUTH, Catalogue
from essdesk.errors import DataFileError
from essdesk.exchange.headers import ColumnMap, accepted_names, parse_mapping, resolve_columns
from essdesk.exchange.tabular import Table

_ROME_ENTRY = re.compile(r"[A-N](\d{2}(\d{2})?)?")


def parse_rome_entry(text: str) -> str:
    """A ROME nomenclature line: a domain (K), a field (K12) or a job sheet (K1207)."""
    value = re.sub(r"[\s\u00a0]", "", text).upper()
    if not _ROME_ENTRY.fullmatch(value):
        raise v.ValueProblem(
            f"code ROME « {text.strip()} » invalide (K, K12 ou K1207 : une lettre de A à N)"
        )
    return value


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One importable field: its French label for messages, its parser, whether required."""

    name: str
    label: str
    parse: Callable[[str], Any]
    required: bool = False


def _text(max_length: int) -> Callable[[str], str]:
    return partial(v.parse_text, max_length=max_length)


def _person_key(*names: str | None) -> tuple[str, ...]:
    # "Jean-Pierre" and "jean pierre", "Nguyễn" and "NGUYEN" are the same person.
    return tuple(v.squash(n or "") for n in names)


def _employer_ref(record: dict[str, Any]) -> str:
    return record.get("employer_siret") or v.squash(record.get("employer_name") or "")


@dataclass(frozen=True)
class Schema:
    entity: str
    label: str  # French plural, for messages: "employeurs"
    fields: dict[str, FieldSpec]
    key: Callable[[dict[str, Any]], Hashable]  # the natural key re-imports match on
    key_label: str
    key_fields: tuple[str, ...]
    needs_employer: bool = False  # offers and contacts: SIRET or name of their employer


def _schema(entity, label, specs, key, key_label, key_fields, needs_employer=False) -> Schema:
    return Schema(
        entity, label, {s.name: s for s in specs}, key, key_label, key_fields, needs_employer
    )


_EMPLOYER_REF = (
    FieldSpec("employer_siret", "SIRET de l'employeur", v.parse_siret),
    FieldSpec("employer_name", "Employeur", _text(200)),
)


def _specs(catalogue: Catalogue) -> tuple[FieldSpec, ...]:
    """The importable fields of a catalogue: the same parsers as the editor's."""
    return tuple(FieldSpec(f.name, f.label, f.parse, f.required) for f in catalogue.importable)


# Field names are the model's columns; the fields come from the catalogue (domain.catalogue).
SCHEMAS: dict[str, Schema] = {
    "employers": _schema(
        "employers",
        "employeurs",
        _specs(EMPLOYER),
        key=lambda r: r["siret"],
        key_label="même SIRET",
        key_fields=("siret",),
    ),
    "contacts": _schema(
        "contacts",
        "contacts",
        (*_EMPLOYER_REF, *_specs(CONTACT)),
        key=lambda r: (_employer_ref(r), *_person_key(r["last_name"], r.get("first_name"))),
        key_label="même employeur, même nom et même prénom",
        key_fields=("last_name", "first_name"),
        needs_employer=True,
    ),
    "offers": _schema(
        "offers",
        "offres",
        (*_EMPLOYER_REF, *_specs(OFFER)),
        key=lambda r: (_employer_ref(r), v.squash(r["title"]), r.get("publication_date")),
        key_label="même employeur, même intitulé et même date de publication",
        key_fields=("title", "publication_date"),
        needs_employer=True,
    ),
    "youths": _schema(
        "youths",
        "jeunes",
        _specs(YOUTH),
        key=lambda r: (*_person_key(r["last_name"], r["first_name"]), r["birth_date"]),
        key_label="même nom, même prénom et même date de naissance",
        key_fields=("last_name", "first_name", "birth_date"),
    ),
    "rome": _schema(
        "rome",
        "codes ROME",
        (
            FieldSpec("code", "Code ROME", parse_rome_entry, required=True),
            FieldSpec("label", "Libellé", _text(250), required=True),
        ),
        key=lambda r: r["code"],
        key_label="même code ROME",
        key_fields=("code",),
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row cannot be imported; `line` counts the header as line 1."""

    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"ligne {self.line}" + (f", colonne « {self.column} »" if self.column else "")
        return f"{where} : {self.reason}"


@dataclass
class ValidationResult:
    """Typed records of the valid rows, the problems of the others, the columns left unread."""

    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    columns: ColumnMap = field(default_factory=ColumnMap)
    rows_read: int = 0

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_rows(
    table: Table,
    entity: str,
    mapping: dict[str, str | None] | Iterable[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> ValidationResult:
    """Parse every row of `table`; collect all problems instead of stopping at the first.

    A row with a problem gives no record. Rows whose natural key repeats an earlier row of
    the same file are problems too. Missing required columns fail the whole file at once.
    `progress(rows_read)` is called every 1,000 rows.
    """
    if mapping is not None and not isinstance(mapping, dict):
        mapping = parse_mapping(list(mapping), entity)
    schema = SCHEMAS.get(entity)
    if schema is None:
        raise DataFileError(f"type d'import « {entity} » inconnu")
    columns = resolve_columns(table.headers, entity, mapping)
    _check_required_columns(schema, columns, table)
    result = ValidationResult(unknown_columns=list(columns.unknown), columns=columns)
    plan = [
        (columns.fields[name], spec)
        for name, spec in schema.fields.items()
        if name in columns.fields
    ]
    employer_headers = [
        columns.fields[f] for f in ("employer_siret", "employer_name") if f in columns.fields
    ]
    seen: dict[Hashable, int] = {}
    key_column = columns.fields.get(schema.key_fields[0])
    for row in table:
        result.rows_read += 1
        if progress is not None and result.rows_read % 1000 == 0:
            progress(result.rows_read)
        record: dict[str, Any] = {}
        row_problems: list[Problem] = []
        for header, spec in plan:
            text = row.values[header]
            if not text:
                if spec.required:
                    row_problems.append(Problem(row.line, header, "valeur obligatoire manquante"))
                record[spec.name] = None
                continue
            try:
                record[spec.name] = spec.parse(text)
            except v.ValueProblem as exc:
                row_problems.append(Problem(row.line, header, exc.reason))
        missing_employer = schema.needs_employer and not (
            record.get("employer_siret") or record.get("employer_name")
        )
        # An unreadable SIRET was already reported: no second message for the same cell.
        if missing_employer and not any(p.column in employer_headers for p in row_problems):
            row_problems.append(
                Problem(
                    row.line,
                    " / ".join(employer_headers),
                    "employeur manquant (SIRET ou raison sociale)",
                )
            )
        if row_problems:
            result.problems.extend(row_problems)
            continue
        key = schema.key(record)
        first = seen.setdefault(key, row.line)
        if first != row.line:
            result.problems.append(
                Problem(row.line, key_column, f"doublon de la ligne {first} ({schema.key_label})")
            )
            continue
        result.records.append((row.line, record))
    return result


def _check_required_columns(schema: Schema, columns: ColumnMap, table: Table) -> None:
    missing = [
        spec for spec in schema.fields.values() if spec.required and spec.name not in columns.fields
    ]
    reasons = [
        f"« {spec.label} » (noms reconnus : {accepted_names(schema.entity, spec.name)})"
        for spec in missing
    ]
    if schema.needs_employer and not {"employer_siret", "employer_name"} & set(columns.fields):
        reasons.append("« SIRET » ou « Employeur » pour rattacher chaque ligne à son employeur")
    if reasons:
        plural = "s" if len(reasons) > 1 else ""
        raise DataFileError(
            f"colonne{plural} obligatoire{plural} absente{plural} : {' ; '.join(reasons)}"
            f" (colonnes du fichier : {', '.join(table.headers)})",
            file=table.path.name,
            line=1,
        )


def record_key(entity: str, record: dict[str, Any]) -> Hashable:
    """The natural key of a validated record, as re-imports compare it."""
    return SCHEMAS[entity].key(record)


def same_value(entity: str, name: str, stored: Any, value: Any) -> bool:
    """Whether a value read from a file says what the base already holds for field `name`."""
    # Text typed in the app is kept as typed ("+33 1 49 42 65 11"): when the file holds that
    # text, read the import's way ("01 49 42 65 11"), the record is up to date, not changed.
    if stored == value:
        return True
    spec = SCHEMAS[entity].fields.get(name)
    if spec is None or not isinstance(stored, str):
        return False
    try:
        return spec.parse(stored) == value
    except ValueError:  # ValueProblem: what the base holds is not valid import input
        return False
