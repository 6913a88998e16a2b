"""A young person's history inside their record: what the audit trail holds about the file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.domain.french import format_count
from essdesk.services.audit_log import record_history
from essdesk.services.records import LoadedRecord
from essdesk.ui.ops import OpContext, QueryOp

COLUMNS = ("Date", "Utilisateur", "Action", "Champs")
_SHOWN = (0, 1, 3, 7)  # of audit_log.HEADERS: date, user, action, fields


class HistoryPanel(QGroupBox):
    """A record panel (RecordType.panels): refreshed with each record the editor shows."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Historique du dossier", parent)
        self.context = context
        self.hint = QLabel("")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.table.setRowCount(0)
        if record is None:
            self.hint.setText("L'historique apparaît une fois la fiche enregistrée.")
            return
        self.hint.setText("")
        youth_id = record.id
        QueryOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: record_history(db, youth_id),
            success=self._show,
        ).without_progress().run_in_background()

    def _show(self, rows: list[list]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, index in enumerate(_SHOWN):
                self.table.setItem(r, c, QTableWidgetItem(str(row[index])))
        self.hint.setText(
            f"{format_count(len(rows), 'entrée')} dans le journal." if rows else "Aucune entrée."
        )
