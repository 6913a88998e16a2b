"""A searchable, sortable list of one area's records, fetched page by page through operations."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_count
from essdesk.services.listings import Listing, ListRow
from essdesk.ui.fitting import fit_columns
from essdesk.ui.ops import OpContext, QueryOp

PAGE_SIZE = 200
ROOT = QModelIndex()  # the invisible root of a flat table
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ListingModel(QAbstractTableModel):
    """Rows come from SQL in pages, off the UI thread; sorting and filtering are done in SQL."""

    loaded = Signal()  # a reload finished (count and first page shown)
    busy = Signal(bool)

    def __init__(self, listing: Listing, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.listing, self.context = listing, context
        self.search = ""
        self.shown: frozenset[str] = frozenset()  # filters ticked
        # A filter bar's conditions, built on the worker from the open base (so « today » is
        # the query's day, and a filter may check the user's rights).
        self.where: Callable[[Any], Sequence[Any]] | None = None
        self.sort_column, self.descending = 0, False
        self._rows: list[ListRow] = []
        self.total = 0
        self._generation = 0  # a newer reload makes older results stale: they are dropped
        self._fetching = False

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        if self.context.db is None:
            self._reset([], 0)
            return
        search, shown, where = self.search, self.shown, self.where
        sort, descending = self.sort_column, self.descending
        listing = self.listing

        def query(db, _control):
            conditions = where(db) if where else ()
            total = listing.count(db, search, shown, conditions)
            rows = listing.rows(
                db, search=search, sort_column=sort, descending=descending,
                limit=PAGE_SIZE, shown=shown, where=conditions,
            )  # fmt: skip
            return total, rows

        self.busy.emit(True)
        QueryOp(
            parent=None,
            context=self.context,
            op=query,
            success=lambda result: self._reloaded(generation, *result),
        ).failure(lambda error, trace: self._failed(generation, error, trace)).bound_to(
            self
        ).without_progress().run_in_background()

    def _reloaded(self, generation: int, total: int, rows: list[ListRow]) -> None:
        if generation != self._generation:
            return
        self._reset(rows, total)

    def _failed(self, generation: int, error: BaseException, trace: str) -> None:
        if generation == self._generation:
            self.busy.emit(False)
            from essdesk.ui.messages import show_error

            show_error(None, error, trace)

    def _reset(self, rows: list[ListRow], total: int) -> None:
        self.beginResetModel()
        self._rows, self.total, self._fetching = rows, total, False
        self.endResetModel()
        self.busy.emit(False)
        self.loaded.emit()

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: uuid.UUID) -> int:
        return next((k for k, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.listing.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()].cells[index.column()]  # the tip: an elided name
        if role == ID_ROLE:
            return self._rows[index.row()].id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.listing.columns[section].header
        return None

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802
        if self._fetching or self.context.db is None:
            return
        self._fetching = True
        generation, offset = self._generation, len(self._rows)
        search, shown, where = self.search, self.shown, self.where
        sort, descending, listing = self.sort_column, self.descending, self.listing

        def query(db, _control):
            return listing.rows(
                db, search=search, sort_column=sort, descending=descending,
                offset=offset, limit=PAGE_SIZE, shown=shown, where=where(db) if where else (),
            )  # fmt: skip

        QueryOp(
            parent=None, context=self.context, op=query,
            success=lambda more: self._more(generation, offset, more),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _more(self, generation: int, offset: int, more: list[ListRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


class RecordListView(QWidget):
    """Title, search box, filters, count and table of one area; Enter or a double-click opens."""

    open_requested = Signal(object)  # the record's id
    BUSY_DELAY_MS = 500

    def __init__(self, listing: Listing, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.listing = listing
        self.model = ListingModel(listing, context, self)
        title = QLabel(f"<h2>{listing.title}</h2>")
        self.search = QLineEdit(placeholderText=listing.search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Recherche")
        self.filters: dict[str, QCheckBox] = {}
        filters = QHBoxLayout()
        for item in listing.filters:
            box = QCheckBox(item.label)
            box.toggled.connect(self._apply_filters)
            self.filters[item.key] = box
            filters.addWidget(box)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.busy_label = QLabel("Chargement…")
        self.busy_label.hide()
        self.table = QTableView()
        self.table.setAccessibleName(f"Liste : {listing.title}")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open_index)  # Enter and double-click
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search)
        if listing.filters:
            layout.addLayout(filters)
        self._layout = layout
        layout.addWidget(self.table)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.busy_label)
        layout.addLayout(footer)
        # Typing waits a moment before querying, so each keystroke does not hit the base.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._open_first)
        self._busy = QTimer(self, singleShot=True, interval=self.BUSY_DELAY_MS)
        self._busy.timeout.connect(self.busy_label.show)
        self.model.busy.connect(self._on_busy)
        self.model.loaded.connect(self._after_reload)
        self._sized = False

    def set_database(self, _db) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()

    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ID_ROLE) if rows else None

    def select_id(self, record_id: uuid.UUID) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)

    def keep_column_widths(self) -> None:
        """The user's widths were restored: the first load does not fit them to the contents."""
        self._sized = True

    def add_filter_bar(self, bar: QWidget) -> None:
        """A kind's own filters, placed under the search box (see set_filters)."""
        self._layout.insertWidget(self._layout.indexOf(self.table), bar)

    def set_filters(self, where: Callable[[Any], Sequence[Any]] | None) -> None:
        """Narrow the list by extra SQL conditions (`where(db)`, called on the worker), reload."""
        self.model.where = where
        self.refresh()

    def _apply_search(self) -> None:
        self.model.search = self.search.text()
        self.refresh()

    def _apply_filters(self) -> None:
        self.model.shown = frozenset(k for k, box in self.filters.items() if box.isChecked())
        self.refresh()

    def _open_index(self, index: QModelIndex) -> None:
        record_id = self.model.data(index, ID_ROLE)
        if record_id is not None:
            self.open_requested.emit(record_id)

    def _open_first(self) -> None:
        if self.model.rowCount() == 1:
            self._open_index(self.model.index(0, 0))

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy.start()
        else:
            self._busy.stop()
            self.busy_label.hide()

    def _after_reload(self) -> None:
        self.count_label.setText(format_count(self.model.total, "fiche"))
        if not self._sized and self.model.rowCount():
            fit_columns(self.table)  # once: later the user's widths are kept
            self._sized = True
