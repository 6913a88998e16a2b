"""An area with a list and an editor side by side: the list opens records, saves refresh the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from essdesk.services.listings import Listing
from essdesk.ui.areas.record_list import RecordListView
from essdesk.ui.ops import Changes, OpContext
from essdesk.ui.records.editor import RecordEditor
from essdesk.ui.records.kinds import RecordType


class RecordArea(QWidget):
    def __init__(self, listing: Listing, record_type: RecordType, context: OpContext) -> None:
        super().__init__()
        self.kinds = record_type.written
        self.list = RecordListView(listing, context)
        self.editor = RecordEditor(record_type, context)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.open_requested.connect(self.editor.open_record)
        self.editor.new_started.connect(self.list.table.clearSelection)
        self.editor.saved.connect(lambda record: self._select_after_reload(record.id))
        new = QShortcut(QKeySequence("Ctrl+N"), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.editor.new_record)
        self._pending_select = None
        self.list.model.loaded.connect(self._apply_selection)

    def set_database(self, db) -> None:
        self.list.set_database(db)
        self.editor.show_record(None)

    def refresh(self, _changes: Changes | None = None) -> None:
        self.list.refresh()

    def _select_after_reload(self, record_id) -> None:
        self._pending_select = record_id

    def _apply_selection(self) -> None:
        if self._pending_select is not None:
            self.list.select_id(self._pending_select)
            self._pending_select = None
