"""User messages in one place, so that tests can answer modal dialogs without blocking."""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QMessageBox, QTreeView, QWidget

from essdesk.domain.french import format_datetime
from essdesk.errors import EssDeskError

MODIFIED_COLUMN = 3  # « Dernière modification » in Qt's file dialog


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


def file_dialog(
    parent: QWidget | None, title: str, directory: str, filters: str = ""
) -> QFileDialog:
    """Qt's own file dialog, translated by the app (a native one would follow the system's language)."""
    dialog = QFileDialog(parent, title, directory, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setProxyModel(FrenchDates(dialog))
    dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the dates tell backups apart
    dialog.resize(900, 520)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:  # wide enough for « Dernière modification » and a whole date
        tree.header().resizeSection(0, 340)
        tree.header().resizeSection(MODIFIED_COLUMN, 170)
    return dialog


class FrenchDates(QIdentityProxyModel):
    """The files' dates as jj/mm/aaaa hh:mm, whatever the system's own format is."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        source = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() == MODIFIED_COLUMN
            and isinstance(source, QFileSystemModel)
        ):
            return format_datetime(source.lastModified(self.mapToSource(index)).toPython())
        return super().data(index, role)


def choose_open_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    dialog = file_dialog(parent, title, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog.selectedFiles()[0] if dialog.exec() else ""


def choose_directory(parent: QWidget | None, title: str, directory: str) -> str:
    dialog = file_dialog(parent, title, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog.selectedFiles()[0] if dialog.exec() else ""


def choose_save_file(parent: QWidget | None, title: str, directory: str, filters: str) -> str:
    dialog = file_dialog(parent, title, directory, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog.selectedFiles()[0] if dialog.exec() else ""
