"""CSV and XLSX writers that French Excel opens correctly and safely."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from essdesk.domain.french import format_amount, format_date, format_datetime, format_number
from essdesk.errors import DataFileError, os_reason

# A text cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection): such text gets a leading apostrophe. Numbers are not text: -5 stays -5.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def protect_text(text: str) -> str:
    """Prefix `'` to text a spreadsheet would take for a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: Any) -> str:
    """The text of one CSV cell, Excel conventions."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, Decimal) and value.as_tuple().exponent == -2 and value % 1:
        return format_amount(value)  # money keeps its cents: 1234,50, not 1234,5
    if isinstance(value, int | float | Decimal):
        return format_number(value)  # no grouping: Excel reads it back as a number
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Enum):
        value = value.value
    return protect_text(str(value))


def write_csv(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """`;`, UTF-8 with BOM, CRLF, dd/mm/yyyy, decimal comma; rows are streamed. Returns the count."""
    path = Path(path)
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([protect_text(h) for h in headers])
            for row in rows:
                writer.writerow([csv_cell(value) for value in row])
                count += 1
    except OSError as exc:
        raise DataFileError(f"écriture impossible ({os_reason(exc)})", file=str(path)) from exc
    return count


def write_xlsx(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "Export",
) -> int:
    """Real dates (shown dd/mm/yyyy), real numbers, text always stored as text (never a formula)."""
    from openpyxl import Workbook  # lazily: CSV exports do not pay for openpyxl's import
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    # Write-only mode streams rows to disk: 100,000 rows never sit in memory as cells.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"
    widths = [min(max(len(h) + 2, 10), 60) for h in headers]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)

    def text_cell(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # openpyxl would store "=…" as a formula otherwise
        return cell

    def header_cell(text: str) -> WriteOnlyCell:
        cell = text_cell(text)
        cell.font = bold
        return cell

    saved = False
    try:
        sheet.append([header_cell(h) for h in headers])
        count = 0
        for row in rows:
            out: list[Any] = []
            for value in row:
                if value is None or isinstance(value, bool | int | float | Decimal):
                    out.append(value)
                elif isinstance(value, dt.datetime):
                    # Excel has no time zones: aware datetimes are shown in local time.
                    if value.tzinfo is not None:
                        value = value.astimezone().replace(tzinfo=None)
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = DATETIME_FORMAT
                    out.append(cell)
                elif isinstance(value, dt.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = DATE_FORMAT
                    out.append(cell)
                else:
                    text = str(value.value if isinstance(value, Enum) else value)
                    # Control characters pasted into a field (\x01, \x0b…) are not allowed in
                    # XLSX: openpyxl would refuse the whole export for one stray character.
                    text = ILLEGAL_CHARACTERS_RE.sub("", text)
                    # Plain strings are already stored as text; only formula-like ones need a cell.
                    out.append(text_cell(text) if text.startswith(FORMULA_TRIGGERS) else text)
            sheet.append(out)
            count += 1
        try:
            workbook.save(path)
        except OSError as exc:
            raise DataFileError(f"écriture impossible ({os_reason(exc)})", file=str(path)) from exc
        saved = True
    finally:
        if not saved:  # an error or a cancel: nothing else would close the sheet's stream
            _discard(sheet)
    return count


def _discard(sheet) -> None:
    """Close an unsaved write-only sheet's stream and delete its temporary file."""
    writer = sheet._writer  # openpyxl keeps both open until the process exits otherwise
    if writer is None:
        return
    with contextlib.suppress(Exception):  # the row stream may already have died with the error
        if sheet._rows is not None:
            sheet._rows.close()
    writer.close()
    with contextlib.suppress(OSError, ValueError):  # already removed by a failed save
        writer.cleanup()


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """CSV or XLSX by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(path, headers, rows)
    if suffix in (".csv", ".txt"):
        return write_csv(path, headers, rows)
    raise DataFileError(
        f"extension « {suffix or 'aucune'} » non prise en charge pour un export (.csv ou .xlsx)",
        file=str(path),
    )
