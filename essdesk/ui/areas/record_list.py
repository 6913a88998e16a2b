"""A searchable, sortable list of one area's records, fetched from the services page by page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from essdesk.db.database import Database
from essdesk.services.listings import Listing

PAGE_SIZE = 200
ROOT = QModelIndex()  # the invisible root of a flat table


class ListingModel(QAbstractTableModel):
    """Rows come from SQL in pages as the view scrolls; sorting and filtering are done in SQL."""

    def __init__(self, listing: Listing, parent=None) -> None:
        super().__init__(parent)
        self.listing = listing
        self.db: Database | None = None
        self.search = ""
        self.sort_column, self.descending = 0, False
        self._rows: list[tuple[str, ...]] = []
        self.total = 0

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self.db is None:
            self._rows, self.total = [], 0
        else:
            self.total = self.listing.count(self.db, self.search)
            self._rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[tuple[str, ...]]:
        assert self.db is not None
        return self.listing.rows(
            self.db,
            search=self.search,
            sort_column=self.sort_column,
            descending=self.descending,
            offset=offset,
            limit=PAGE_SIZE,
        )

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.listing.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self._rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.listing.columns[section].header
        return None

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802
        more = self._page(len(self._rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


class RecordListView(QWidget):
    """Title, search box, count and table of one area."""

    def __init__(self, listing: Listing, parent=None) -> None:
        super().__init__(parent)
        self.model = ListingModel(listing, self)
        title = QLabel(f"<h2>{listing.title}</h2>")
        self.search = QLineEdit(placeholderText="Rechercher (nom, commune, SIRET…)")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        # Typing waits a moment before querying, so each keystroke does not hit the base.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())

    def set_database(self, db: Database | None) -> None:
        self.model.set_database(db)
        self._after_reload()

    def refresh(self) -> None:
        self.model.reload()
        self._after_reload()

    def _apply_search(self) -> None:
        self.model.search = self.search.text()
        self.refresh()

    def _after_reload(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total} fiche" + ("s" if total > 1 else ""))
        self.table.resizeColumnsToContents()
