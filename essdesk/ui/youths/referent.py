"""The referent of a young person, picked from the active counsellors, saved with the record."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox

from essdesk.domain.entities import EntityKind
from essdesk.services.counsellors import CounsellorRow, list_counsellors
from essdesk.services.records import LoadedRecord
from essdesk.services.youth_file import REFERENT
from essdesk.ui.ops import Changes, OpContext, QueryOp

NONE = "Aucun référent"


class ReferentPanel(QGroupBox):
    """A record panel whose choice the editor saves (see RecordEditor: `edited`, `record_texts`)."""

    edited = Signal()

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Suivi", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName("Conseiller référent")
        self.combo.addItem(NONE, "")
        self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        layout = QFormLayout(self)
        layout.addRow("Conseiller référent :", self.combo)
        context.hub.changed.connect(self._on_changed)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        if record is not None:  # a few dozen rows, read again so that a new colleague shows
            self._load_counsellors()
        referent = record.extra.get("referent_id") if record else None
        self._select(str(referent) if referent else "")

    def record_texts(self) -> dict[str, str]:
        return {REFERENT: self.combo.currentData() or ""}

    def _load_counsellors(self) -> None:
        if self.context.db is None:
            return
        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: list_counsellors(db),
            success=self._fill,
        ).without_progress().run_in_background()  # fmt: skip

    def _fill(self, people: list[CounsellorRow]) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(NONE, "")
        for person in people:
            self.combo.addItem(person.name, str(person.id))  # ids as text: findData finds them
        self.combo.blockSignals(False)
        self._select(current or "")

    def _select(self, referent: str) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(referent)
        if index < 0 and referent:  # an inactive referent stays shown, never silently dropped
            self.combo.addItem("Conseiller inactif", referent)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(EntityKind.COUNSELLORS):
            self._load_counsellors()
