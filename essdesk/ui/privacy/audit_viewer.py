"""The administrator's view of the audit trail: filters, a page of entries, export to a file."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.services.audit_log import ACTIONS, HEADERS, AuditFilter, entries, export_audit
from essdesk.ui import messages
from essdesk.ui.worker import run_task

PAGE = 500


class AuditViewer(QDialog):
    """Entries between two days, by user and action; the query runs off the UI thread."""

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Journal des accès et modifications")
        self.resize(1100, 600)
        today = QDate.currentDate()
        self.start, self.end = QDateEdit(today.addDays(-30)), QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.actor = QLineEdit()
        self.actor.setPlaceholderText("Utilisateur (identifiant)")
        self.action = QComboBox()
        self.action.addItem("Toutes les actions", None)
        for code, label in ACTIONS.items():
            self.action.addItem(label, code)
        self.search_button = QPushButton("Afficher")
        self.export_button = QPushButton("Exporter…")
        self.status = QLabel("")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        filters = QHBoxLayout()
        for label, widget in (("Du", self.start), ("au", self.end)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        for widget in (self.actor, self.action, self.search_button, self.export_button):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.search_button.clicked.connect(self.load)
        self.export_button.clicked.connect(self.export)
        self.load()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            start=self.start.date().toPython(),
            end=self.end.date().toPython(),
            actor=self.actor.text().strip() or None,
            action=self.action.currentData(),
        )

    def load(self) -> None:
        where = self.current_filter()
        self.search_button.setEnabled(False)
        self._task = run_task(
            self,
            lambda _c: entries(self.db, where, limit=PAGE),
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, rows: list[list]) -> None:
        self.search_button.setEnabled(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        more = " (les premières seulement : précisez les filtres)" if len(rows) == PAGE else ""
        self.status.setText(f"{format_count(len(rows), 'entrée')}{more}.")

    def _failed(self, error: BaseException, trace: str) -> None:
        self.search_button.setEnabled(True)
        messages.show_error(self, error, trace)

    def export(self) -> None:
        path = messages.choose_save_file(self, "Exporter le journal", "journal.csv", "CSV (*.csv)")
        if not path:
            return
        where = self.current_filter()
        self._task = run_task(
            self,
            lambda _c: export_audit(self.db, path, where),
            on_done=lambda count: messages.show_info(
                self, f"{format_count(count, 'entrée exportée', 'entrées exportées')}."
            ),
            on_error=self._failed,
            label="Export du journal…",
        )


def open_audit_viewer(window) -> None:
    if window.db is None:
        return
    window.audit_viewer = AuditViewer(window.db, window)
    window.audit_viewer.open()
