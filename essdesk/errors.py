"""The one error type services raise: its message is French and meant for the user."""

from __future__ import annotations


class EssDeskError(Exception):
    """An error whose message can be shown as is to the user (in French)."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message if not self.detail else f"{self.message}\n{self.detail}"


class DataFileError(EssDeskError):
    """Bad input in a file: names the file, the line (header = line 1), the column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        where = []
        if file:
            where.append(f"fichier « {file} »")
        if line is not None:
            where.append(f"ligne {line}")
        if column:
            where.append(f"colonne « {column} »")
        text = f"{', '.join(where)} : {message}" if where else message
        super().__init__(text[0].upper() + text[1:])
        self.reason = message
        self.file = file
        self.line = line
        self.column = column
