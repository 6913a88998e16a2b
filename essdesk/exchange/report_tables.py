"""A report's tables as a spreadsheet: one sheet per table in XLSX, stacked sections in a French CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from essdesk.errors import DataFileError, os_reason
from essdesk.exchange.writers import DATE_FORMAT, DATETIME_FORMAT, csv_cell, protect_text


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: its title (the sheet's name), headers and rows of plain values."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)
    note: str = ""  # what the table means or what is missing, written under its title


def write_report_tables(path: str | Path, title: str, tables: Sequence[ReportTable]) -> Path:
    """XLSX or CSV by the file's extension; the report's title heads the CSV and the first sheet."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            _write_xlsx(path, title, tables)
        elif suffix == ".csv":
            _write_csv(path, title, tables)
        else:
            raise DataFileError(
                f"extension « {suffix or 'aucune'} » non prise en charge (.pdf, .xlsx ou .csv)",
                file=path.name,
            )
    except OSError as exc:
        raise DataFileError(f"écriture impossible ({os_reason(exc)})", file=str(path)) from exc
    return path


def _write_csv(path: Path, title: str, tables: Sequence[ReportTable]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow([protect_text(title)])
        for table in tables:
            writer.writerow([])
            writer.writerow([protect_text(table.title)])
            if table.note:
                writer.writerow([protect_text(table.note)])
            writer.writerow([protect_text(h) for h in table.headers])
            for row in table.rows:
                writer.writerow([csv_cell(value) for value in row])


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31].strip() or "Tableau"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _write_xlsx(path: Path, title: str, tables: Sequence[ReportTable]) -> None:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F5F5B")
    for index, table in enumerate(tables):
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        top = [title, table.title] if index == 0 else [table.title]
        if table.note:
            top.append(table.note)
        for line, text in enumerate(top, start=1):
            cell = sheet.cell(line, 1, text)
            cell.data_type = "s"
            cell.font = Font(bold=line < len(top) or not table.note, size=12 if line == 1 else 11)
        header_row = len(top) + 2
        for column, header in enumerate(table.headers, start=1):
            cell = sheet.cell(header_row, column, header)
            cell.data_type = "s"
            cell.font, cell.fill = bold, fill
            width = max(12, min(60, len(str(header)) + 4))
            sheet.column_dimensions[get_column_letter(column)].width = width
        for r, row in enumerate(table.rows, start=header_row + 1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(r, column)
                if isinstance(value, dt.datetime):
                    cell.value, cell.number_format = value, DATETIME_FORMAT
                elif isinstance(value, dt.date):
                    cell.value, cell.number_format = value, DATE_FORMAT
                elif value is None or isinstance(value, bool | int | float):
                    cell.value = value
                elif hasattr(value, "as_tuple"):  # Decimal: a real number in Excel
                    cell.value = float(value)
                else:
                    # Control characters pasted into a field are not allowed in XLSX.
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                    cell.data_type = "s"  # never a formula, whatever the text starts with
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    if not tables:
        sheet = workbook.create_sheet("Rapport")
        sheet.cell(1, 1, title).data_type = "s"
    workbook.save(path)
