"""The communes file (INSEE code, postcode, name, territory type, ZRR/FRR, QPV): columns and checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from essdesk.domain import values as v
from essdesk.domain.text import squash
from essdesk.errors import DataFileError
from essdesk.exchange.tabular import Table

# Each field, its French label, the header spellings recognised (compared folded), required.
COLUMNS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "insee_code": (
        "Code INSEE",
        ("code insee", "insee", "code commune insee", "code_commune_insee", "codgeo", "com"),
        True,
    ),
    "postcode": ("Code postal", ("code postal", "cp", "code_postal", "postcode"), True),
    "name": (
        "Commune",
        ("commune", "nom", "nom de la commune", "nom_commune", "libelle", "nom commune"),
        True,
    ),
    "territory": (
        "Type de territoire",
        ("type de territoire", "territoire", "type", "typologie", "type territoire"),
        True,
    ),
    "rural_zone": (
        "ZRR / FRR",
        ("zrr / frr", "zrr/frr", "zrr", "frr", "zone rurale", "france ruralites revitalisation"),
        False,
    ),
    "has_qpv": (
        "QPV",
        ("qpv", "avec qpv", "commune avec qpv", "qpv sur la commune", "quartier prioritaire"),
        False,
    ),
}
_INSEE = re.compile(r"\d{5}|2[AB]\d{3}")
_TERRITORY_WORDS = {
    "urban": ("urbain", "urbaine", "urban", "ville", "pole urbain"),
    "peri_urban": ("periurbain", "peri urbain", "peri-urbain", "periurbaine", "peri_urban"),
    "rural": ("rural", "rurale", "zrr", "frr", "rural zrr", "rural (zrr puis frr)"),
}
_TERRITORIES = {squash(word): code for code, words in _TERRITORY_WORDS.items() for word in words}


def parse_insee(text: str) -> str:
    value = re.sub(r"\s", "", text).upper()
    if re.fullmatch(r"\d{4}", value):
        value = "0" + value  # Excel dropped the leading zero (01053 → 1053)
    if not _INSEE.fullmatch(value):
        raise v.ValueProblem(f"code INSEE « {text} » invalide (5 chiffres, ou 2A/2B en Corse)")
    return value


def parse_territory(text: str) -> str:
    code = _TERRITORIES.get(squash(text))
    if code is None:
        raise v.ValueProblem(
            f"type de territoire « {text} » inconnu (attendu : urbain, périurbain ou rural)"
        )
    return code


PARSERS: dict[str, Callable[[str], Any]] = {
    "insee_code": parse_insee,
    "postcode": v.parse_postcode,
    "name": lambda text: v.parse_text(text, max_length=120),
    "territory": parse_territory,
    "rural_zone": v.parse_boolean,
    "has_qpv": v.parse_boolean,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a line cannot be imported; `line` counts the header as line 1."""

    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"ligne {self.line}" + (f", colonne « {self.column} »" if self.column else "")
        return f"{where} : {self.reason}"


@dataclass
class Validation:
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    rows_read: int = 0


def resolve_columns(table: Table) -> tuple[dict[str, str], list[str]]:
    """Field → header of the file, and the headers left unread; missing required columns fail."""
    by_spelling = {
        squash(s): name for name, (_, spellings, _) in COLUMNS.items() for s in spellings
    }
    fields: dict[str, str] = {}
    unknown = []
    for header in table.headers:
        name = by_spelling.get(squash(header))
        if name is None or name in fields:
            unknown.append(header)
        else:
            fields[name] = header
    missing = [
        COLUMNS[n][0] for n, (_, _, required) in COLUMNS.items() if required and n not in fields
    ]
    if missing:
        raise DataFileError(
            f"colonne(s) obligatoire(s) absente(s) : {', '.join(missing)} "
            f"(colonnes du fichier : {', '.join(table.headers)})",
            file=table.path.name,
            line=1,
        )
    return fields, unknown


def validate_communes(table: Table) -> Validation:
    """Every line parsed; all problems collected; a repeated (INSEE code, postcode) is one."""
    fields, unknown = resolve_columns(table)
    result = Validation(unknown_columns=unknown)
    seen: dict[tuple[str, str], int] = {}
    for row in table:
        result.rows_read += 1
        record: dict[str, Any] = {}
        problems = []
        for name, header in fields.items():
            text = row.values[header]
            if not text:
                if COLUMNS[name][2]:
                    problems.append(Problem(row.line, header, "valeur obligatoire manquante"))
                record[name] = False if name in ("rural_zone", "has_qpv") else None
                continue
            try:
                record[name] = PARSERS[name](text)
            except v.ValueProblem as exc:
                problems.append(Problem(row.line, header, exc.reason))
        record.setdefault("rural_zone", False)
        record.setdefault("has_qpv", False)
        if problems:
            result.problems.extend(problems)
            continue
        key = (record["insee_code"], record["postcode"])
        first = seen.setdefault(key, row.line)
        if first != row.line:
            result.problems.append(
                Problem(
                    row.line,
                    fields["insee_code"],
                    f"doublon de la ligne {first} (même code INSEE et même code postal)",
                )
            )
            continue
        result.records.append((row.line, record))
    return result
