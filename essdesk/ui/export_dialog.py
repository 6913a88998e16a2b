"""The export dialog: which records, which file (.xlsx or .csv for Excel), written in the background."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.services.exports import ExportCancelled, export_to
from essdesk.ui import messages
from essdesk.ui.file_dialogs import remember_folder, start_folder
from essdesk.ui.worker import Task, run_task

# (entity, what the user reads, file name stem) in the order of the choice list.
EXPORTS = [
    ("employers", "Employeurs", "employeurs"),
    ("offers", "Offres d'emploi", "offres"),
    ("youths", "Jeunes", "jeunes"),
    ("placements", "Contrats et dispositifs", "contrats"),
]
FORMATS = [(".xlsx", "Classeur Excel (.xlsx)"), (".csv", "CSV pour Excel (séparateur « ; »)")]
GREEN, GREY, RED = "#1b7a3a", "#6b6b6b", "#b3261e"


class ExportDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Exporter")
        self.setMinimumWidth(640)
        self.kind = QComboBox()
        for entity, label, _stem in EXPORTS:
            self.kind.addItem(label, entity)
        self.formats = QButtonGroup(self)
        format_box = QVBoxLayout()
        for index, (_suffix, label) in enumerate(FORMATS):
            button = QRadioButton(label)
            self.formats.addButton(button, index)
            format_box.addWidget(button)
        self.formats.button(0).setChecked(True)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("Choisir…")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("À exporter :", self.kind)
        form.addRow("Format :", format_box)
        form.addRow("Fichier :", file_row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the number of rows is known only at the end
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Exporter", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            "Annuler l'export", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setVisible(False)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._task: Task | None = None
        self._closing = False
        self._proposed = ""  # the last name we made up: only that one follows the choices
        self._folder = start_folder("export_dir")
        self.kind.currentIndexChanged.connect(self._propose_path)
        self.formats.idToggled.connect(lambda _id, checked: checked and self._propose_path())
        self._propose_path()

    @property
    def suffix(self) -> str:
        return FORMATS[self.formats.checkedId()][0]

    def _propose_path(self) -> None:
        current = self.path_edit.text().strip()
        if current and current != self._proposed:
            # A name the user chose keeps its name; only the extension follows the format.
            self.path_edit.setText(str(Path(current).with_suffix(self.suffix)))
            return
        stem = EXPORTS[self.kind.currentIndex()][2]
        name = f"{stem}-{dt.date.today():%Y-%m-%d}{self.suffix}"
        self._proposed = str(self._folder / name)
        self.path_edit.setText(self._proposed)

    def browse(self) -> None:
        path = messages.choose_save_file(
            self,
            "Exporter vers",
            self.path_edit.text(),
            "Classeur Excel (*.xlsx);;CSV pour Excel (*.csv)",
        )
        if not path:
            return
        chosen = Path(path)
        for index, (suffix, _label) in enumerate(FORMATS):
            if chosen.suffix.lower() == suffix:
                self.formats.button(index).setChecked(True)
        if chosen.suffix.lower() not in dict(FORMATS):
            chosen = chosen.with_name(chosen.name + self.suffix)
        self.path_edit.setText(str(chosen))

    def export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._say("Indiquez le fichier à écrire.", RED)
            return
        target = Path(text)
        if target.suffix.lower() not in dict(FORMATS):
            target = target.with_name(target.name + self.suffix)
            self.path_edit.setText(str(target))
        if not target.parent.is_dir():
            self._say(f"Le dossier {target.parent} n'existe pas.", RED)
            return
        if target.exists() and not messages.ask_yes_no(
            self, f"Le fichier {target.name} existe déjà. Le remplacer ?"
        ):
            return
        entity, label = self.kind.currentData(), self.kind.currentText()
        self._busy(True)
        self._say(f"Export des {label.lower()}…", GREY)
        db = self.db
        self._task = run_task(
            self,
            lambda control: export_to(
                db,
                entity,
                target,
                progress=lambda rows: control.progress(rows, 0),
                cancelled=control.cancelled,
            ),
            on_done=lambda count: self._done(count, target),
            on_error=self._failed,
            cancellable=True,
        )  # no label: the dialog shows its own progress bar and cancel button
        self._task.signals.progress.connect(self._tick)

    def _tick(self, rows: int, _total: int, _label: str) -> None:
        if self.cancel_button.isEnabled():
            self._say(f"{format_count(rows, 'ligne écrite', 'lignes écrites')}…", GREY)

    def cancel_export(self) -> None:
        if self._task is not None:
            self._task.control.cancel()
            self.cancel_button.setEnabled(False)
            self._say("Annulation…", GREY)

    def _done(self, count: int, target: Path) -> None:
        self._finish()
        self._folder = target.parent
        remember_folder("export_dir", target.parent)
        self._say(
            f"{format_count(count, 'ligne exportée', 'lignes exportées')} dans {target}.", GREEN
        )

    def _failed(self, error: BaseException, trace: str) -> None:
        self._finish()
        if isinstance(error, ExportCancelled):
            self._say(error.message, GREY)
        elif isinstance(error, EssDeskError):
            self._say(error.message, RED)
        else:
            self._say("L'export a échoué.", RED)
            messages.show_error(self, error, trace)

    def _finish(self) -> None:
        self._task = None
        self._busy(False)
        if self._closing:
            super().reject()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        for widget in (self.export_button, self.kind, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)
        for button in self.formats.buttons():
            button.setEnabled(not busy)

    def _say(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")

    def reject(self) -> None:
        if self._task is not None:
            self._closing = True  # closes once the partial file is cleaned up
            self.cancel_export()
            return
        super().reject()


def open_export_dialog(window) -> ExportDialog | None:
    """From the Fichier menu: window-modal, not blocking."""
    if window.db is None:
        messages.show_error(window, "Aucune base n'est ouverte : rien ne peut être exporté.")
        return None
    dialog = ExportDialog(window.db, window)
    window._export_dialog = dialog  # kept alive while it is open
    dialog.open()
    return dialog
