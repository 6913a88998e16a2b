"""User messages in one place, so that tests can answer modal dialogs without blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from essdesk.errors import EssDeskError


def show_error(parent: QWidget | None, error: BaseException | str, trace: str = "") -> None:
    """A French error dialog; unexpected errors show their technical detail on request."""
    box = QMessageBox(QMessageBox.Icon.Warning, "ESS Desk", "", parent=parent)
    if isinstance(error, EssDeskError):
        box.setText(error.message)
        if error.detail:
            box.setDetailedText(error.detail)
    elif isinstance(error, str):
        box.setText(error)
    else:
        box.setText("Une erreur inattendue est survenue ; rien n'a été enregistré.")
        box.setDetailedText(trace or repr(error))
    box.exec()


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, "ESS Desk", text)


def ask_yes_no(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, "ESS Desk", text)
    return answer == QMessageBox.StandardButton.Yes


def choose_open_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
    return path


def choose_directory(parent: QWidget | None, title: str, directory: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, directory)


def choose_save_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, directory, filters)
    return path
