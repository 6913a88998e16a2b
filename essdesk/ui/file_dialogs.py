"""Where file dialogs open: the last folder used for that purpose, else the user's Documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from essdesk import settings


def documents_folder() -> Path:
    """The user's Documents folder (the home folder only when the system has none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def start_folder(purpose: str) -> Path:
    """The folder a dialog for `purpose` (« reports_dir », « export_dir »…) opens in."""
    last = getattr(settings.load(), purpose, "")
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(purpose: str, chosen: str | Path) -> None:
    """Keep the folder of a chosen file for the next dialog of the same purpose."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    if str(folder) and folder.is_dir():
        settings.update(**{purpose: str(folder)})


def choose_target(
    parent, title: str, purpose: str, name: str, filters: str, suffix: str
) -> Path | None:
    """Ask where to write `name` (in the folder last used for `purpose`); None if cancelled.

    The suffix is added when the user typed a name without it, and the folder is remembered.
    """
    from essdesk.ui import messages  # messages shows dialogs; this module only knows folders

    chosen = messages.choose_save_file(parent, title, str(start_folder(purpose) / name), filters)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    remember_folder(purpose, target)
    return target
