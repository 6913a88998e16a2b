"""The first two steps of the import wizard: the kind and the file, then the column mapping."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from essdesk.exchange.schemas import SCHEMAS, Problem
from essdesk.services.import_mappings import FileLayout, automatic_mapping, proposed_mapping
from essdesk.settings import load_settings, save_setting
from essdesk.ui import messages

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
IGNORE = "Ignorer cette colonne"
GREEN, AMBER, RED, GREY = "#1b7a3a", "#a15c00", "#b3261e", "#6b6b6b"


def note(text: str = "", colour: str | None = None) -> QLabel:
    """A wrapped, selectable label; coloured when it warns."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


def stretch_last(table: QTableWidget) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame on a cell nobody edits


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
        self.owner.entity = self.kind.currentData()
        needs_employer = SCHEMAS[self.owner.entity].needs_employer
        self.kind_hint.setText(
            "Chaque ligne est rattachée à son employeur par son SIRET ou sa raison sociale : "
            "importez d'abord les employeurs."
            if needs_employer
            else "Une fiche déjà dans la base est mise à jour, jamais créée en double."
        )

    def browse(self) -> None:
        folder = load_settings().get("import_dir") or str(Path.home())
        path = messages.choose_open_file(self, "Fichier à importer", folder, FILE_FILTERS)
        if path:
            save_setting("import_dir", str(Path(path).parent))
            self.path_edit.setText(path)
            self.inspect()

    def _path_edited(self) -> None:
        self.owner.source = None  # what was read no longer matches what is typed
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
        self.owner.source = None
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
            self.owner.source = layout
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
        layout = self.owner.source
        return layout is not None and str(layout.path) == self.path_edit.text().strip()


class MappingPage(QWizardPage):
    """Step 2: one row per file column, with the field it fills (or "ignore")."""

    COLUMN, SAMPLE, TARGET, STATE = range(4)

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle("Correspondance des colonnes")
        self.setSubTitle(
            "Pour chaque colonne du fichier, le champ d'ESS Desk qu'elle remplit. Les champs "
            "marqués * sont obligatoires. La correspondance sera mémorisée pour ce modèle de fichier."
        )
        self.origin_note = note()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ["Colonne du fichier", "Exemple", "Champ d'ESS Desk", "État"]
        )
        stretch_last(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.problems = note(colour=RED)
        self.automatic_button = QPushButton("Revenir à la reconnaissance automatique")
        self.automatic_button.clicked.connect(self.use_automatic)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problems, 1)
        bottom.addWidget(self.automatic_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.combos: dict[str, QComboBox] = {}
        self._origin: dict[str, str] = {}  # header → "remembered", "automatic" or "chosen"
        self._automatic: dict[str, str | None] = {}
        self._built_for: tuple | None = None
        self.blocking: list[str] = []  # what must be fixed before the preview can run

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        layout, entity = self.owner.source, self.owner.entity
        assert layout is not None
        key = (entity, str(layout.path), layout.sheet, tuple(layout.headers))
        if key == self._built_for:
            return  # back from the preview: the user's choices stay as they were
        self._built_for = key
        self._automatic = automatic_mapping(entity, layout.headers)
        mapping, remembered = proposed_mapping(entity, layout.headers)
        self.origin_note.setText(
            "Ce modèle de fichier a déjà été importé : la correspondance mémorisée est reprise."
            if remembered
            else "Les colonnes ont été reconnues d'après leur nom : vérifiez-les avant de continuer."
        )
        self._fill(layout, mapping, "remembered" if remembered else "automatic")

    def use_automatic(self) -> None:
        layout = self.owner.source
        assert layout is not None
        self.origin_note.setText("Correspondance reconnue d'après le nom des colonnes.")
        self._fill(layout, dict(self._automatic), "automatic")

    def _fill(self, layout: FileLayout, mapping: dict[str, str | None], origin: str) -> None:
        fields = SCHEMAS[self.owner.entity].fields
        self.table.setRowCount(len(layout.headers))
        self.combos.clear()
        bold = QFont()
        bold.setBold(True)
        for row, header in enumerate(layout.headers):
            name = QTableWidgetItem(header)
            name.setFont(bold)
            self.table.setItem(row, self.COLUMN, name)
            example = next((s[row] for s in layout.samples if s[row]), "")
            self.table.setItem(row, self.SAMPLE, QTableWidgetItem(example))
            combo = QComboBox()
            combo.addItem(IGNORE, "")
            for spec in fields.values():
                combo.addItem(spec.label + (" *" if spec.required else ""), spec.name)
            target = mapping.get(header)
            combo.setCurrentIndex(combo.findData(target) if target else 0)
            combo.currentIndexChanged.connect(lambda _i, h=header: self._chosen(h))
            self.table.setCellWidget(row, self.TARGET, combo)
            self.table.setItem(row, self.STATE, QTableWidgetItem())
            self.combos[header] = combo
            self._origin[header] = origin
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(self.SAMPLE, min(self.table.columnWidth(self.SAMPLE), 220))
        self._check()

    def _chosen(self, header: str) -> None:
        self._origin[header] = "chosen"
        self._check()

    def mapping(self) -> dict[str, str | None]:
        """Every column of the file → its field, or None when ignored."""
        return {header: combo.currentData() or None for header, combo in self.combos.items()}

    def _check(self) -> None:
        mapping = self.mapping()
        self.owner.mapping = mapping
        claimed: dict[str, list[str]] = {}
        for header, target in mapping.items():
            if target:
                claimed.setdefault(target, []).append(header)
        doubled = {h for headers in claimed.values() if len(headers) > 1 for h in headers}
        for row, header in enumerate(self.combos):
            self._show_state(row, header, mapping[header], header in doubled)
        self.blocking = self._problems(claimed)
        self.problems.setText("\n".join(self.blocking))
        self.completeChanged.emit()

    def _problems(self, claimed: dict[str, list[str]]) -> list[str]:
        schema = SCHEMAS[self.owner.entity]
        problems = [
            f"Champ obligatoire sans colonne : « {spec.label} »."
            for spec in schema.fields.values()
            if spec.required and spec.name not in claimed
        ]
        if schema.needs_employer and not {"employer_siret", "employer_name"} & set(claimed):
            problems.append(
                "Il faut une colonne « SIRET de l'employeur » ou « Employeur » "
                "pour rattacher chaque ligne à son employeur."
            )
        problems += [
            f"Les colonnes « {' », « '.join(headers)} » remplissent toutes le champ "
            f"« {schema.fields[target].label} » : n'en gardez qu'une."
            for target, headers in claimed.items()
            if len(headers) > 1
        ]
        return problems

    def _show_state(self, row: int, header: str, target: str | None, doubled: bool) -> None:
        origin = self._origin[header]
        if doubled:
            text, colour = "En double", RED
        elif target:
            text = {"remembered": "Mémorisée", "automatic": "Reconnue"}.get(origin, "Choisie")
            colour = GREEN
        elif origin == "chosen":
            text, colour = "Ignorée", GREY
        elif self._automatic.get(header) is None:
            text, colour = "Non reconnue : ignorée", AMBER
        else:
            text, colour = "Ignorée", GREY
        item = self.table.item(row, self.STATE)
        item.setText(text)
        item.setForeground(QBrush(QColor(colour)))
        item.setToolTip(
            "Choisissez le champ qu'elle remplit, ou laissez « Ignorer cette colonne »."
            if colour == AMBER
            else ""
        )

    def state_of(self, header: str) -> str:
        return self.table.item(list(self.combos).index(header), self.STATE).text()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.combos) and not self.blocking


class ProblemsModel(QAbstractTableModel):
    """The preview's problems (line, column, reason): a model, as a bad file can have 100,000."""

    HEADERS = ("Ligne", "Colonne", "Raison")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        problem = self.problems[index.row()]
        return (str(problem.line), problem.column or "", problem.reason)[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None
