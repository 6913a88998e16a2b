"""A record's fields declared once: label, parser, formatter, and where each field is used."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from functools import partial
from typing import Any

from essdesk.domain import french
from essdesk.domain import values as v
from essdesk.domain.entities import EntityKind


class Widget(StrEnum):
    """Which editor widget a field gets (the UI maps each to a Qt widget)."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    CHOICE = "choice"
    BOOLEAN = "boolean"
    NUMBER = "number"
    LIST = "list"  # several values separated by commas (ESS networks)
    PICKER = "picker"  # another record or a nomenclature entry, found as one types (`picks`)


def format_value(value: Any) -> str:
    """The text a value is shown as, which the field's parser reads back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, dt.datetime):
        return french.format_datetime(value)
    if isinstance(value, dt.date):
        return french.format_date(value)
    if isinstance(value, int | float | Decimal):
        return french.format_number(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Field:
    """One field of a record: declared once, used by the editor, the list, imports and exports.

    `parse` turns typed or imported text into the stored value and raises `ValueProblem` with a
    French reason; `show` turns the stored value back into text that `parse` accepts, so that
    an export always re-imports and a form shows what it will save.
    """

    name: str  # the model's attribute (or a virtual name when `columns` says otherwise)
    label: str  # French: form label, list header, export header, messages
    parse: Callable[[str], Any]
    required: bool = False
    widget: Widget = Widget.TEXT
    choices: Mapping[str, str] | None = None  # stored code → French label
    listed: bool = False  # a column of the list screen
    searchable: bool = False  # the list's search box looks in it
    exported: bool = True
    importable: bool = True
    editable: bool = True
    show: Callable[[Any], str] = format_value
    columns: tuple[str, ...] = ()  # the model columns, when not just `name`
    read: Callable[[Any], Any] | None = None  # record → value, when it spans columns
    split: Callable[[Any], dict[str, Any]] | None = None  # value → column values
    hint: str = ""  # placeholder text in the form
    picks: str = ""  # for Widget.PICKER: what is picked ("employer", "rome"…)

    @property
    def model_columns(self) -> tuple[str, ...]:
        return self.columns or (self.name,)

    def value_of(self, record: Any) -> Any:
        return self.read(record) if self.read is not None else getattr(record, self.name)

    def column_values(self, value: Any) -> dict[str, Any]:
        if self.split is not None:
            return self.split(value)
        return {self.name: value.value if isinstance(value, Enum) else value}

    def parse_text(self, text: str) -> Any:
        """The stored value for `text`; empty text is None (refused when required)."""
        if not text.strip():
            if self.required:
                raise v.ValueProblem("valeur obligatoire manquante")
            return None
        return self.parse(text)


@dataclass(frozen=True)
class Catalogue:
    """All the fields of one kind of record, in form order."""

    kind: EntityKind
    singular: str  # « employeur »
    plural: str  # « employeurs »
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate field in {self.kind}")

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def listed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.listed)

    @property
    def exported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.exported)

    @property
    def importable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.importable)

    @property
    def editable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.editable)


# -- parsers shared by the catalogues ---------------------------------------------------------


def text(max_length: int) -> Callable[[str], str]:
    return partial(v.parse_text, max_length=max_length)


def choice(codes: Mapping[str, str], what: str) -> Callable[[str], str]:
    """A code of `codes` given as its code or its French label (case and accents ignored)."""
    keys = {v.squash(code): code for code in codes} | {
        v.squash(label): code for code, label in codes.items()
    }

    def parse(text_: str) -> str:
        code = keys.get(v.squash(text_))
        if code is None:
            expected = ", ".join(codes.values())
            raise v.ValueProblem(f"{what} « {text_.strip()} » inconnu (attendus : {expected})")
        return code

    return parse


def show_choice(codes: Mapping[str, str]) -> Callable[[Any], str]:
    return lambda code: "" if code is None else codes.get(code, str(code))


def parse_record_id(what: str) -> Callable[[str], uuid.UUID]:
    """The id a picker holds; typed text that was not chosen from the list is refused."""

    def parse(text_: str) -> uuid.UUID:
        try:
            return uuid.UUID(text_.strip())
        except ValueError:
            raise v.ValueProblem(f"choisissez {what} dans la liste proposée") from None

    return parse


def parse_list(text_: str) -> list[str]:
    """« Mouvement associatif, ESS France » → two entries; repeats dropped, order kept."""
    items = [v.parse_text(part, max_length=120) for part in text_.replace(";", ",").split(",")]
    return list(dict.fromkeys(item for item in items if item))


def bounded_integer(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text_: str) -> int:
        number = v.parse_integer(text_)
        if not low <= number <= high:
            raise v.ValueProblem(f"{what} « {text_.strip()} » impossible ({low} à {high})")
        return number

    return parse


def parse_past_date(what: str) -> Callable[[str], dt.date]:
    def parse(text_: str) -> dt.date:
        date = v.parse_date(text_)
        if date > dt.date.today():
            raise v.ValueProblem(f"{what} « {text_.strip()} » dans le futur")
        return date

    return parse


def address_fields(*, listed_commune: bool = True) -> tuple[Field, ...]:
    return (
        Field("address", "Adresse", text(250)),
        Field("postcode", "Code postal", v.parse_postcode),
        Field("commune", "Commune", text(120), listed=listed_commune, searchable=True),
        Field("phone", "Téléphone", v.parse_phone, show=v.format_phone, searchable=True),
        Field("email", "Courriel", v.parse_email, searchable=True),
    )
