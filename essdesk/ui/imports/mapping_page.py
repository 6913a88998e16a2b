"""Step 2 of the import wizard: one row per file column, with the field it fills (or "ignore")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from essdesk.exchange.schemas import SCHEMAS
from essdesk.services.import_mappings import FileLayout, automatic_mapping, proposed_mapping
from essdesk.ui.imports.widgets import AMBER, GREEN, GREY, RED, note, stretch_last

if TYPE_CHECKING:
    from essdesk.ui.imports.wizard import ImportWizard

IGNORE = "Ignorer cette colonne"


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
        layout, entity = self.owner.draft.source, self.owner.draft.entity
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
        layout = self.owner.draft.source
        assert layout is not None
        self.origin_note.setText("Correspondance reconnue d'après le nom des colonnes.")
        self._fill(layout, dict(self._automatic), "automatic")

    def _fill(self, layout: FileLayout, mapping: dict[str, str | None], origin: str) -> None:
        fields = SCHEMAS[self.owner.draft.entity].fields
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
        self.owner.draft.mapping = mapping
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
        schema = SCHEMAS[self.owner.draft.entity]
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
