"""Reading CSV text safely: one encoding per file, bounded lines and cells, quotes that close."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from essdesk.errors import DataFileError

# Limits of what an agency's export can hold (100,000 young people, 300,000 positionings, a few
# dozen columns), with room to spare; beyond them a file is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_LINE_CHARS = 256 * 1024
MAX_CELL_CHARS = 10_000
MAX_COLUMNS = 200
MAX_ROWS = 1_000_000
# A quoted cell may hold a few line breaks (notes typed in Excel with Alt+Entrée); a quote left
# open swallows the following rows instead, which these two rules tell apart.
MAX_LINES_IN_CELL = 100
FIRST_MULTILINE_ALLOWED = 3
# cp1252 leaves these bytes undefined: a file holding them is in no encoding we read.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

_READ_BYTES = 64 * 1024
_LINE_END = re.compile(rb"\r\n|\n|\r")

csv.field_size_limit(MAX_LINE_CHARS * MAX_LINES_IN_CELL)  # our own cap below speaks French


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            f"fichier trop volumineux ({size // 1_000_000} Mo ; au plus "
            f"{MAX_FILE_BYTES // 1_000_000} Mo) : découpez-le en plusieurs fichiers",
            file=path.name,
        )


def _binary_lines(handle, name: str) -> Iterator[tuple[int, bytes]]:
    """Physical lines (ending in \r\n, \n or a lone \r as old Macs wrote), numbered from 1,
    each refused past the length cap before it is kept whole in memory."""
    number, buffer = 0, b""
    while True:
        chunk = handle.read(_READ_BYTES)
        buffer += chunk
        start = 0
        for match in _LINE_END.finditer(buffer):
            end = match.end()
            if end == len(buffer) and buffer.endswith(b"\r") and chunk:
                break  # a \r at the end of the chunk may be the first half of \r\n
            number += 1
            yield number, _checked(buffer[start:end], number, name)
            start = end
        buffer = buffer[start:]
        if not chunk:
            if buffer:
                number += 1
                yield number, _checked(buffer, number, name)
            return
        _checked(buffer, number + 1, name)


def _checked(line: bytes, number: int, name: str) -> bytes:
    if len(line) > MAX_LINE_CHARS and (
        len(line) > MAX_LINE_CHARS * 4 or len(line.decode("utf-8", "replace")) > MAX_LINE_CHARS
    ):
        raise DataFileError(
            f"ligne trop longue (plus de {MAX_LINE_CHARS} caractères) : ce n'est pas un tableau "
            "exporté d'Excel",
            file=name,
            line=number,
        )
    return line


def detect_encoding(path: Path) -> str:
    """One encoding for the whole file: BOM → utf-8-sig, else UTF-8, else Windows-1252.

    Every line is looked at: a file whose lines mix UTF-8 and Windows-1252 (two exports pasted
    together) is refused with the line where the encoding changes, rather than read as
    « Ã‰picerie ». No other code page is guessed: detectors mistake French cp1252 for cp1250.
    """
    check_file_size(path)
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise DataFileError(
                "le fichier est en UTF-16 : enregistrez-le en « CSV UTF-8 » depuis Excel",
                file=path.name,
            )
        bom = head.startswith(codecs.BOM_UTF8)
        f.seek(len(codecs.BOM_UTF8) if bom else 0)
        first_utf8 = first_cp1252 = None
        for number, line in _binary_lines(f, path.name):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                first_utf8 = first_utf8 or number
            except UnicodeDecodeError:
                if bom:
                    raise DataFileError(
                        "le fichier s'annonce en UTF-8 mais cette ligne n'en est pas (Windows-1252 "
                        "?) : réenregistrez tout le fichier en « CSV UTF-8 » depuis Excel",
                        file=path.name,
                        line=number,
                    ) from None
                if _CP1252_UNDEFINED.intersection(line):
                    raise DataFileError(
                        "encodage non reconnu (ni UTF-8 ni Windows-1252) : "
                        "enregistrez le fichier en « CSV UTF-8 » depuis Excel",
                        file=path.name,
                        line=number,
                    ) from None
                first_cp1252 = first_cp1252 or number
            if first_utf8 and first_cp1252:
                utf8_line, cp_line = first_utf8, first_cp1252
                raise DataFileError(
                    f"le fichier mélange deux encodages (ligne {utf8_line} en UTF-8, ligne "
                    f"{cp_line} en Windows-1252) : les accents seraient mal lus ; réenregistrez "
                    "tout le fichier en « CSV UTF-8 » depuis Excel",
                    file=path.name,
                    line=max(utf8_line, cp_line),
                )
    if bom:
        return "utf-8-sig"
    return "cp1252" if first_cp1252 else "utf-8"


def iter_csv(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(record number, cells) of each record; the header is record 1 (Excel's row numbers)."""
    with path.open("rb") as f:
        lines = _TextLines(f, encoding, path.name)
        reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True)
        record, width, multiline_seen = 0, 0, False
        while True:
            start = lines.number + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _unreadable(exc, path.name, record + 1) from exc
            record += 1
            if record > MAX_ROWS + 1:
                raise DataFileError(
                    f"trop de lignes (au plus {MAX_ROWS:,}) : découpez le fichier".replace(
                        ",", " "
                    ),
                    file=path.name,
                    line=record,
                )
            span = lines.number - start + 1
            if span > 1 and lines.quotes_open(start):
                raise _open_quote(path.name, record, "n'est jamais refermé")
            if span > 1:
                swallowed = any(
                    width > 2 and text.count(delimiter) >= width - 1
                    for text in lines.texts(start + 1)
                )
                if (
                    swallowed
                    or span > MAX_LINES_IN_CELL
                    or (span > FIRST_MULTILINE_ALLOWED and not multiline_seen)
                ):
                    raise _open_quote(
                        path.name,
                        record,
                        f"court sur {span} lignes (jusqu'à la ligne {lines.number})",
                    )
                multiline_seen = True
            if record == 1:
                width = len(cells)
            yield record, cells
            lines.forget()


class _TextLines:
    """Decoded physical lines for csv.reader, remembering those of the record being read."""

    def __init__(self, handle, encoding: str, name: str) -> None:
        self._lines = _binary_lines(handle, name)
        self._encoding = encoding
        self._first = True
        self.number = 0
        self._kept: list[tuple[int, str]] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        self.number, raw = next(self._lines)
        if self._first and self._encoding == "utf-8-sig":
            raw = raw.removeprefix(codecs.BOM_UTF8)
        self._first = False
        text = raw.decode(self._encoding.replace("-sig", ""))
        self._kept.append((self.number, text))
        return text

    def texts(self, start: int) -> list[str]:
        return [text for number, text in self._kept if number >= start]

    def quotes_open(self, start: int) -> bool:
        # A closed quoted cell holds an even number of quote marks ("" is an escaped one).
        return sum(text.count('"') for text in self.texts(start)) % 2 == 1

    def forget(self) -> None:
        self._kept.clear()


def _open_quote(name: str, record: int, how: str) -> DataFileError:
    return DataFileError(
        f"un guillemet ouvert sur cette ligne {how} : les lignes suivantes seraient lues comme "
        "le contenu d'une seule cellule. Refermez-le ou supprimez-le ; rien n'a été enregistré",
        file=name,
        line=record,
    )


def _unreadable(exc: csv.Error, name: str, record: int) -> DataFileError:
    text = str(exc)
    if "NUL" in text:
        reason = "la ligne contient un caractère nul (NUL) : le fichier n'est pas un texte CSV"
    elif "field larger" in text:
        reason = f"une cellule dépasse {MAX_CELL_CHARS:,} caractères".replace(",", " ")
    else:
        reason = "ligne illisible (guillemets mal placés ?)"
    return DataFileError(reason, file=name, line=record)
