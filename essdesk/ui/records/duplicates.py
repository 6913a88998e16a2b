"""The editor's banner « Doublon probable : … » with « Ouvrir » and « Fusionner… »."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from essdesk.services.duplicates import Duplicate
from essdesk.services.records import LoadedRecord
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.records.kinds import RecordType

BANNER_STYLE = "QFrame#duplicate_banner { background: #fff4ce; border: 1px solid #d9a400; border-radius: 4px; }"
SHOWN = 3  # more would push the form down; the list's search finds the others


class DuplicateBanner(QFrame):
    """Looked up on a worker after each create or save; hidden when the editor changes record."""

    open_requested = Signal(object)  # the duplicate's id
    merged = Signal(object)  # the kept record's id, after a merge from here

    def __init__(self, record_type: RecordType, context: OpContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.type, self.context = record_type, context
        self.setObjectName("duplicate_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.record_id: uuid.UUID | None = None
        self.found: list[Duplicate] = []
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(8, 6, 8, 6)
        self.dialog = None  # the merge dialog open from here, kept alive while it is shown
        self.hide()

    def look_for(self, record: LoadedRecord) -> None:
        """Ask the base for likely duplicates of the record just saved."""
        rules = self.type.duplicates
        if rules is None:
            return
        record_id = record.id
        self.record_id = record_id
        QueryOp(
            parent=self.parentWidget(), context=self.context,
            op=lambda db, _c: rules.find(db, record_id),
            success=lambda found: self._found(record_id, found),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def clear(self) -> None:
        self.record_id = None
        self.show_duplicates([])

    def _found(self, record_id: uuid.UUID, found: list[Duplicate]) -> None:
        if record_id == self.record_id:  # the editor still shows that record
            self.show_duplicates(found)

    def show_duplicates(self, found: list[Duplicate]) -> None:
        self.found = list(found)
        while self._rows.count():
            item = self._rows.takeAt(0)
            if item.layout() is not None:
                while item.layout().count():
                    widget = item.layout().takeAt(0).widget()
                    if widget is not None:
                        widget.deleteLater()
        for duplicate in self.found[:SHOWN]:
            row = QHBoxLayout()
            label = QLabel(duplicate.text)
            label.setWordWrap(True)
            open_button = QPushButton("Ouvrir")
            open_button.setToolTip("Ouvrir l'autre fiche")
            merge_button = QPushButton("Fusionner…")
            open_button.clicked.connect(lambda _=False, d=duplicate: self.open_requested.emit(d.id))
            merge_button.clicked.connect(lambda _=False, d=duplicate: self.start_merge(d))
            row.addWidget(label, 1)
            row.addWidget(open_button)
            row.addWidget(merge_button)
            self._rows.addLayout(row)
        if len(self.found) > SHOWN:
            self._rows.addWidget(QLabel(f"… et {len(self.found) - SHOWN} autres fiches proches."))
        self.setVisible(bool(self.found))

    def texts(self) -> list[str]:
        return [d.text for d in self.found]

    def start_merge(self, duplicate: Duplicate):
        """Open the merge dialog for the record shown and `duplicate` (nothing written yet)."""
        from essdesk.ui.records.merge_dialog import MergeDialog

        if self.record_id is None:
            return None
        self.dialog = MergeDialog(
            self.type, self.context, self.record_id, duplicate.id, self.parentWidget()
        )
        self.dialog.merged.connect(self.merged)
        self.dialog.open()
        return self.dialog
