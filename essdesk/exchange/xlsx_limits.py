"""Checks on an XLSX file before openpyxl reads it: uncompressed sizes and declared dimensions.

An .xlsx is a zip of XML: 1.5 MB may unpack to 1 GB of shared strings, and a 1.8 KB sheet may
declare A1:XFD1048576, which a reader then walks cell by cell for half an hour.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from essdesk.errors import DataFileError
from essdesk.exchange.csv_reading import MAX_COLUMNS, MAX_ROWS

MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one part (a sheet, the shared strings)
MAX_RATIO = 200  # a real workbook compresses about 10 to 1; zip bombs reach 1000 to 1
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_HEAD_BYTES = 64 * 1024


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose parts unpack too large or whose sheets declare too many cells."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataFileError(
            "classeur Excel illisible (fichier endommagé ou pas au format .xlsx)", file=path.name
        ) from exc
    with archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(path, total)
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > MAX_MEMBER_BYTES or (
                member.file_size > 1024 * 1024 and ratio > MAX_RATIO
            ):
                raise _too_large(path, member.file_size)
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                _check_dimension(path, archive, member)


def _check_dimension(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    with archive.open(member) as sheet:
        head = sheet.read(_HEAD_BYTES)
    match = _DIMENSION.search(head)
    if not match:
        return  # no declaration: the rows are counted while reading
    last_column = (match[3] or match[1] or b"A").decode()
    last_row = int(match[4] or match[2] or 1)
    columns = _column_number(last_column)
    if columns > MAX_COLUMNS or last_row > MAX_ROWS + 1:
        raise DataFileError(
            f"la feuille déclare {last_row:,} lignes sur {columns:,} colonnes (au plus "
            f"{MAX_ROWS:,} lignes et {MAX_COLUMNS} colonnes) : copiez les données utiles dans "
            "un nouveau classeur".replace(",", " "),
            file=path.name,
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _too_large(path: Path, size: int) -> DataFileError:
    return DataFileError(
        f"classeur trop volumineux une fois décompressé ({size // 1_000_000} Mo ; au plus "
        f"{MAX_UNCOMPRESSED_BYTES // 1_000_000} Mo) : enregistrez les données en CSV",
        file=path.name,
    )
