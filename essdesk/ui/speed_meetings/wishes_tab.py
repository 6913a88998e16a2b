"""The « Souhaits » tab: the grid of wishes (young people × recruiters, rank) and CSV import."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from essdesk.services.speed_meetings.wishes_timing import (
    WishGrid,
    import_wishes_csv,
    set_wish,
    wish_grid,
)
from essdesk.ui import messages
from essdesk.ui.speed_meetings.common import Context, hint

ROOT = QModelIndex()
FIRST_CHOICE = QColor("#cfe8cf")
WISHED = QColor("#eef6ee")


class WishModel(QAbstractTableModel):
    """Rows are young people, columns recruiters; a cell holds the rank of the wish, or nothing.

    Editing a cell never writes: the model shows the new rank at once and emits `wish_edited`
    (or `refused` for a rank it cannot read); the tab saves it and reloads if the base refuses.
    """

    wish_edited = Signal(str, str, object)  # candidate id, recruiter id, rank or None
    refused = Signal(str)  # the French message about what was typed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = WishGrid([], [], {})

    def load(self, grid: WishGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.grid.candidates)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.grid.recruiters)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            name = self.grid.recruiters[section][1]
            if role == Qt.ItemDataRole.DisplayRole:
                # Long structure names wrap onto three short lines so columns stay narrow.
                lines = textwrap.wrap(name, 16)
                return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return name
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.grid.candidates[section][1]
        return None

    def _key(self, index: QModelIndex):
        return self.grid.candidates[index.row()][0], self.grid.recruiters[index.column()][0]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self._key(index)
        wished = key in self.grid.ranks
        rank = self.grid.ranks.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if not wished:
                return ""
            return str(rank) if rank is not None else "✓"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and wished:
            return QBrush(FIRST_CHOICE if rank == 1 else WISHED)
        return None

    def flags(self, index: QModelIndex):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value or "").strip()
        try:
            rank = int(text) if text else None
        except ValueError:
            self.refused.emit(f"« {text} » : saisissez un rang (1, 2, 3…) ou videz la case.")
            return False
        candidate_id, recruiter_id = self._key(index)
        ranks = dict(self.grid.ranks)
        if rank is None:
            ranks.pop((candidate_id, recruiter_id), None)
        else:
            ranks[(candidate_id, recruiter_id)] = rank
        self.grid = WishGrid(self.grid.candidates, self.grid.recruiters, ranks)
        self.dataChanged.emit(index, index)
        self.wish_edited.emit(str(candidate_id), str(recruiter_id), rank)
        return True


class WishesTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = WishModel(self)
        self.model.wish_edited.connect(self.save_wish)
        self.model.refused.connect(self._refused)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(118)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        import_button = QPushButton("Importer un CSV…")
        import_button.setToolTip(
            "Une ligne par souhait : colonnes « jeune », « recruteur » et « rang » (facultatif). "
            "Les souhaits actuels sont remplacés."
        )
        import_button.clicked.connect(self.import_csv)
        self.empty = hint("")
        buttons = QHBoxLayout()
        buttons.addWidget(
            hint(
                "Rang de chaque souhait : 1 = premier choix. Videz une case pour retirer le "
                "souhait. L'import d'un fichier remplace tous les souhaits."
            ),
            1,
        )
        buttons.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Reload from the base off the UI thread; a failure is shown to the user."""
        if not self.context.ready:
            self._show(WishGrid([], [], {}))
            return
        speed_id = self.context.speed_id
        self.context.query(self, lambda db: wish_grid(db, speed_id), self._show)

    def _show(self, grid: WishGrid) -> None:
        self.model.load(grid)
        empty = ""
        if not self.context.ready:
            pass  # the area shows its own empty state
        elif not grid.candidates or not grid.recruiters:
            empty = "Ajoutez d'abord des recruteurs et des jeunes (onglet « Participants »)."
        elif not grid.ranks:
            empty = "Aucun souhait saisi : remplissez la grille ou importez un fichier CSV."
        self.empty.setText(empty)
        self.empty.setVisible(bool(empty))

    def save_wish(self, candidate_id: str, recruiter_id: str, rank: int | None) -> None:
        """The grid shows the rank already; a refusal is explained and the stored grid shown."""
        # This tab initiates the broadcast: its grid is up to date and is not reset.
        self.context.write(
            self,
            lambda db: set_wish(db, candidate_id, recruiter_id, rank),
            failed=self.refresh,
        )

    def _refused(self, text: str) -> None:
        messages.show_error(self, text)

    def import_csv(self) -> None:
        if not self.context.ready:
            return
        path = messages.choose_open_file(
            self,
            "Fichier des souhaits",
            str(Path.home()),
            "Tableaux (*.csv *.txt *.xlsx);;Tous les fichiers (*)",
        )
        if not path:
            return
        speed_id = self.context.speed_id

        def imported(count: int) -> None:
            self.refresh()
            messages.show_info(self, f"{count} souhaits importés depuis {Path(path).name}.")

        self.context.write(self, lambda db: import_wishes_csv(db, speed_id, path), imported)
