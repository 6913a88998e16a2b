"""The « Souhaits » tab: the grid of wishes (young people × recruiters, rank) and CSV import."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from essdesk.errors import EssDeskError
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
    """Rows are young people, columns recruiters; a cell holds the rank of the wish, or nothing."""

    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
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
            messages.show_error(
                self.parent(), f"« {text} » : saisissez un rang (1, 2, 3…) ou videz la case."
            )
            return False
        candidate_id, recruiter_id = self._key(index)
        # The tab as source: it is up to date, so the broadcast does not reset this grid.
        tab = self.parent()
        if not self.context.attempt(
            tab, set_wish, self.context.db, candidate_id, recruiter_id, rank
        ):
            return False
        ranks = dict(self.grid.ranks)
        if rank is None:
            ranks.pop((candidate_id, recruiter_id), None)
        else:
            ranks[(candidate_id, recruiter_id)] = rank
        self.grid = WishGrid(self.grid.candidates, self.grid.recruiters, ranks)
        self.dataChanged.emit(index, index)
        return True


class WishesTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = WishModel(context, self)
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
        """Reload from the base; a failure is shown to the user, not lost in the event loop."""
        self.context.call(self, self._load)

    def _load(self) -> None:
        if not self.context.ready:
            self.model.load(WishGrid([], [], {}))
            return
        grid = wish_grid(self.context.db, self.context.speed_id)
        self.model.load(grid)
        empty = ""
        if not grid.candidates or not grid.recruiters:
            empty = "Ajoutez d'abord des recruteurs et des jeunes (onglet « Participants »)."
        elif not grid.ranks:
            empty = "Aucun souhait saisi : remplissez la grille ou importez un fichier CSV."
        self.empty.setText(empty)
        self.empty.setVisible(bool(empty))

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
        try:
            count = import_wishes_csv(self.context.db, self.context.speed_id, path)
        except EssDeskError as error:
            messages.show_error(self, error)
            return
        self.context.changed()
        messages.show_info(self, f"{count} souhaits importés depuis {Path(path).name}.")
