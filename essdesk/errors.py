"""The one error type services raise: its message is French and meant for the user."""

from __future__ import annotations

import errno


class EssDeskError(Exception):
    """An error whose message can be shown as is to the user (in French)."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message if not self.detail else f"{self.message}\n{self.detail}"


class AccessDenied(EssDeskError):
    """The current user's role does not allow the action: nothing was read or written."""


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


# What the system says about files, in the words of a French office: errno → French reason.
_OS_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "disque plein : plus de place sur le disque",
    errno.EROFS: "support en lecture seule",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "existe déjà",
    errno.EBUSY: "fichier occupé par un autre programme",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur de lecture ou d'écriture du support",
}


def os_reason(error: BaseException) -> str:
    """A French reason for a system error (SQLite's own messages are translated where known)."""
    number = getattr(error, "errno", None)
    if number in _OS_REASONS:
        return _OS_REASONS[number]
    text = str(error)
    for english, french in (
        ("unable to open database file", "impossible d'ouvrir le fichier"),
        ("database is locked", "base occupée par une autre fenêtre ou un autre poste"),
        ("database or disk is full", "disque plein : plus de place sur le disque"),
        ("disk I/O error", "erreur de lecture ou d'écriture du support"),
        ("file is not a database", "ce n'est pas une base de données"),
        ("database disk image is malformed", "fichier de base endommagé"),
        ("attempt to write a readonly database", "support en lecture seule"),
    ):
        if english in text:
            return french
    return getattr(error, "strerror", None) or text
