"""Export employers, offers, youths and placements to CSV or XLSX (by the file's extension)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.catalogue import EMPLOYER, OFFER, YOUTH, Catalogue, Field, Widget, format_value
from essdesk.domain.french import format_count
from essdesk.domain.nomenclatures import CONTRACT_TYPES
from essdesk.errors import DataFileError, EssDeskError, os_reason
from essdesk.exchange.writers import write_table
from essdesk.services import access, sensitive

EXPORTABLE = ("employers", "offers", "youths", "placements")
PERSONAL_EXPORTS = ("youths", "placements")
_SENSITIVE_HEADERS = {f.label for f in YOUTH.exported if f.name in sensitive.SENSITIVE_YOUTH_FIELDS}
_STREAM = 1000  # rows fetched at a time: 100,000 rows are never all in memory


class ExportCancelled(EssDeskError):
    """The user stopped the export: the partial file was removed, the target left untouched."""


def _label(codes: dict[str, str]) -> Callable[[Any], Any]:
    return lambda code: codes.get(code, code) if code else code


@dataclass(frozen=True)
class _Column:
    header: str  # a header the import recognises, so an export re-imports without mapping
    value: Callable[[Any], Any]


def _col(header: str, attribute: str, convert: Callable[[Any], Any] | None = None) -> _Column:
    if convert is None:
        return _Column(header, lambda row: getattr(row, attribute))
    return _Column(header, lambda row: convert(getattr(row, attribute)))


def _field_column(item: Field) -> _Column:
    # Dates and numbers stay typed (real dates in XLSX); codes, phones and lists are written
    # as the text the field's parser reads back.
    if item.show is format_value and item.read is None and item.widget != Widget.LIST:
        return _Column(item.label, lambda row: getattr(row, item.name))
    return _Column(item.label, lambda row: item.show(item.value_of(row)) or None)


def catalogue_columns(catalogue: Catalogue, model: type[m.Entity]) -> tuple[list, list[_Column]]:
    """The SQL columns and the export columns of every exported field, in catalogue order."""
    fields = catalogue.exported
    sql = [getattr(model, name) for item in fields for name in item.model_columns]
    return sql, [_field_column(item) for item in fields]


def _employers() -> tuple[Select, list[_Column]]:
    sql, columns = catalogue_columns(EMPLOYER, m.Employer)
    return select(*sql).order_by(m.Employer.name, m.Employer.siret), columns


def _offers() -> tuple[Select, list[_Column]]:
    o, e = m.Offer, m.Employer
    sql, columns = catalogue_columns(OFFER, o)
    employer = [_col("SIRET", "siret"), _col("Employeur", "employer")]
    query = (
        select(e.siret, e.name.label("employer"), *sql)
        .join(e, o.employer_id == e.id)
        .order_by(o.publication_date.desc(), e.name, o.title)
    )
    return query, employer + columns


def _youths() -> tuple[Select, list[_Column]]:
    y = m.Youth
    sql, columns = catalogue_columns(YOUTH, y)
    # The referent last: whether the user may see the RQTH of the row (services/sensitive.py).
    query = select(*sql, y.referent_id.label("referent_of_row"))
    return query.order_by(y.last_name, y.first_name, y.birth_date), columns


def _placements() -> tuple[Select, list[_Column]]:
    p, y, e, s = m.Placement, m.Youth, m.Employer, aliased(m.Scheme)
    columns = [
        _col("Nom", "last_name"),
        _col("Prénom", "first_name"),
        _col("Date de naissance", "birth_date"),
        _col("Employeur", "employer"),
        _col("SIRET", "siret"),
        _col("Intitulé du poste", "job_title"),
        _col("Code ROME", "rome_code"),
        _col("Type de contrat", "contract_type", _label(CONTRACT_TYPES)),
        _col("Forme du contrat", "contract_form"),
        _col("Dispositif", "scheme"),
        _col("Date de début", "start_date"),
        _col("Date de fin", "end_date"),
        _col("Durée hebdomadaire", "weekly_hours"),
        _col("Taux d'aide (%)", "aid_rate"),
        _col("Début de l'aide", "aid_start"),
        _col("Fin de l'aide", "aid_end"),
        _col("Statut", "status"),
        _col("Sortie", "exit_outcome"),
    ]
    query = (
        select(
            y.last_name,
            y.first_name,
            y.birth_date,
            e.name.label("employer"),
            e.siret,
            p.job_title,
            p.rome_code,
            p.contract_type,
            p.contract_form,
            s.name.label("scheme"),
            p.start_date,
            p.end_date,
            p.weekly_hours,
            p.aid_rate,
            p.aid_start,
            p.aid_end,
            p.status,
            p.exit_outcome,
        )  # fmt: skip
        .join(y, p.youth_id == y.id)
        .join(e, p.employer_id == e.id)
        .outerjoin(s, p.scheme_id == s.id)
        .order_by(p.start_date.desc(), y.last_name, y.first_name)
    )
    return query, columns


_BUILDERS = {
    "employers": _employers,
    "offers": _offers,
    "youths": _youths,
    "placements": _placements,
}


def export_table(
    db: Database,
    entity: str,
    path: str | Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `entity` to `path` (.csv or .xlsx) and return the number of rows written.

    Headers are the French names the import recognises: an export re-imports as is.
    """
    builder = _BUILDERS.get(entity)
    if builder is None:
        raise EssDeskError(
            f"Export « {entity} » inconnu (exports possibles : {', '.join(EXPORTABLE)})."
        )
    # Youth files and contracts are personal data: exporting them is a right of its own, traced.
    personal = entity in PERSONAL_EXPORTS
    actor = (
        access.require(db, "youth.export", entity) if personal else access.require_read(db, entity)
    )
    query, columns = builder()
    rights = sensitive.current(db) if entity == "youths" else None
    # « RQTH des jeunes suivis seulement »: the cells of the others stay blank.
    hide = [i for i, c in enumerate(columns) if c.header in _SENSITIVE_HEADERS]
    if rights is None or rights.sees_all:
        hide = []

    def rows(session) -> Iterator[list[Any]]:
        result = session.execute(query.execution_options(yield_per=_STREAM))
        for count, row in enumerate(result, start=1):
            values = [column.value(row) for column in columns]
            if hide and not rights.allows(row.referent_of_row):
                for index in hide:
                    values[index] = None
            yield values
            if progress is not None and count % _STREAM == 0:
                progress(count)

    with db.session() as session:
        count = write_table(path, [c.header for c in columns], rows(session))
    if personal:
        access.trace_now(
            db,
            actor,
            "export",
            entity,
            detail=f"{format_count(count, 'ligne')} vers {Path(path).name}",
        )
    return count


def export_to(
    db: Database,
    entity: str,
    path: str | Path,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """`export_table` into a side file put in place at the end: the target is whole or untouched."""
    # An error, a cancel (`cancelled()` is asked every thousand rows) or Ctrl-C removes the
    # side file: the previous export stays as it was, never half overwritten.
    target = Path(path)
    partial = target.with_name(f".{target.stem}-en-cours{target.suffix}")

    def tick(rows: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled("Export annulé : aucun fichier n'a été écrit.")
        if progress is not None:
            progress(rows)

    try:
        try:
            count = export_table(db, entity, partial, progress=tick)
        except DataFileError as error:
            # The side file is an implementation detail: the message names the file asked for.
            raise DataFileError(error.reason, file=str(target)) from error
        try:
            os.replace(partial, target)
        except PermissionError as exc:
            raise EssDeskError(
                f"Le fichier {target} n'a pas pu être remplacé : est-il ouvert dans Excel ? "
                "Fermez-le, puis exportez à nouveau."
            ) from exc
        except OSError as exc:
            raise DataFileError(
                f"écriture impossible ({os_reason(exc)})", file=str(target)
            ) from exc
    finally:
        with contextlib.suppress(OSError):  # never hide the error that stopped the export
            partial.unlink(missing_ok=True)
    return count
