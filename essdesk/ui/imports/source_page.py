"""Step 1 of the import wizard: what the file holds, which file, which sheet, its first rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from essdesk import settings
from essdesk.exchange.schemas import SCHEMAS
from essdesk.services.import_mappings import FileLayout
from essdesk.ui import messages
from essdesk.ui.imports.widgets import GREEN, GREY, RED, note, stretch_last

if TYPE_CHECKING:
    from essdesk.ui.imports.wizard import ImportWizard

# (entity, what the user reads) in the order of the choice list.
KINDS = [
    ("employers", "Employeurs"),
    ("offers", "Offres d'emploi"),
    ("youths", "Jeunes"),
    ("contacts", "Contacts des employeurs"),
    ("rome", "Codes ROME"),
]
FILE_FILTERS = "Tableaux (*.csv *.xlsx *.xlsm *.txt *.tsv);;Tous les fichiers (*)"


class SourcePage(QWizardPage):
    """Step 1: what the file holds, which file, which sheet; its first rows as a check."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle("Fichier à importer")
        self.setSubTitle(
            "Choisissez ce que contient le fichier, puis le fichier lui-même : CSV enregistré "
            "depuis Excel ou classeur .xlsx. La première ligne doit porter les noms des colonnes."
        )
        self.kind = QComboBox()
        for entity, label in KINDS:
            self.kind.addItem(label, entity)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind_hint = note(colour=GREY)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Chemin du fichier .csv ou .xlsx")
        self.path_edit.textEdited.connect(self._path_edited)
        self.path_edit.editingFinished.connect(self._path_entered)
        self.browse_button = QPushButton("Parcourir…")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.setPlaceholderText("(classeurs .xlsx seulement)")
        self.sheet.setMinimumContentsLength(20)
        self.sheet.currentTextChanged.connect(self._sheet_chosen)
        kind_box = QVBoxLayout()
        kind_box.setSpacing(2)
        kind_box.addWidget(self.kind)
        kind_box.addWidget(self.kind_hint)
        form = QFormLayout()
        form.addRow("Le fichier contient :", kind_box)
        form.addRow("Fichier :", file_row)
        form.addRow("Feuille du classeur :", self.sheet)
        self.status = note()
        self.samples = QTableWidget()
        stretch_last(self.samples)
        self.samples.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.samples, 1)
        layout.addStretch()  # keeps the status under the form while no rows are shown
        self._inspected_path = ""
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.owner.draft.entity = self.kind.currentData()
        needs_employer = SCHEMAS[self.owner.draft.entity].needs_employer
        self.kind_hint.setText(
            "Chaque ligne est rattachée à son employeur par son SIRET ou sa raison sociale : "
            "importez d'abord les employeurs."
            if needs_employer
            else "Une fiche déjà dans la base est mise à jour, jamais créée en double."
        )

    def browse(self) -> None:
        folder = settings.load().import_dir or str(Path.home())
        path = messages.choose_open_file(self, "Fichier à importer", folder, FILE_FILTERS)
        if path:
            settings.update(import_dir=str(Path(path).parent))
            self.path_edit.setText(path)
            self.inspect()

    def _path_edited(self) -> None:
        self.owner.draft.source = None  # what was read no longer matches what is typed
        self.completeChanged.emit()

    def _path_entered(self) -> None:
        if self.path_edit.text().strip() != self._inspected_path:
            self.inspect()

    def _sheet_chosen(self, name: str) -> None:
        if name and self.sheet.isEnabled():
            self.inspect(name)

    def inspect(self, sheet: str | None = None) -> None:
        """Read the sheets, headers and first rows in the background."""
        from essdesk.services.import_mappings import inspect_file

        path = self.path_edit.text().strip()
        self._inspected_path = path
        self.owner.draft.source = None
        self.completeChanged.emit()
        if not path:
            self.status.setText("")
            return
        self._say("Lecture du fichier…", GREY)
        self.owner.run(
            "inspect",
            lambda _control: inspect_file(path, sheet),
            on_done=self._inspected,
            on_error=self._failed,
        )

    def _inspected(self, layout: FileLayout) -> None:
        blocker = self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(layout.sheets)
        if layout.sheet:
            self.sheet.setCurrentText(layout.sheet)
        self.sheet.setEnabled(bool(layout.sheets))
        self.sheet.blockSignals(blocker)
        self._show_samples(layout)
        if layout.error:
            hint = " Choisissez une autre feuille du classeur." if len(layout.sheets) > 1 else ""
            self._say(layout.error.rstrip(".") + "." + hint, RED)
        else:
            self.owner.draft.source = layout
            where = f" (feuille « {layout.sheet} »)" if layout.sheet else ""
            self._say(
                f"{len(layout.headers)} colonnes lues{where}. Premières lignes du fichier :", GREEN
            )
        self.completeChanged.emit()

    def _failed(self, error: BaseException, trace: str) -> None:
        self._say("Le fichier n'a pas pu être lu.", RED)
        messages.show_error(self, error, trace)

    def _show_samples(self, layout: FileLayout) -> None:
        self.samples.clear()
        self.samples.setVisible(bool(layout.headers))
        self.samples.setColumnCount(len(layout.headers))
        self.samples.setHorizontalHeaderLabels(layout.headers)
        self.samples.setRowCount(len(layout.samples))
        for row, values in enumerate(layout.samples):
            for column, value in enumerate(values):
                self.samples.setItem(row, column, QTableWidgetItem(value))
        self.samples.resizeColumnsToContents()

    def _say(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        layout = self.owner.draft.source
        return layout is not None and str(layout.path) == self.path_edit.text().strip()
