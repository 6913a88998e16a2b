"""The dashboard's warning: the files the retention rules will anonymise within the coming days."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from essdesk.domain.french import format_count, format_date
from essdesk.services.retention import DueFile, dashboard_warning
from essdesk.ui.ops import OpContext, QueryOp

HEADERS = ["Jeune", "Anonymisation", "Motif"]
SHOWN = 200  # a first purge on an old base can list thousands: the dry run lists them all
DUE = QColor("#b3261e")


class RetentionPanel(QWidget):
    """Reads its list off the UI thread; hidden for roles that do not read youth files."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(180)
        self.table.setAccessibleName("Dossiers qui seront bientôt anonymisés")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.hide()

    def refresh(self) -> None:
        if self.context.db is None:
            self.hide()
            return
        today = date.today()
        QueryOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: dashboard_warning(db, today),
            success=lambda warning: self.show_files(warning, today),
        ).bound_to(self).without_progress().run_in_background()

    def show_files(self, warning: tuple[int, list[DueFile]] | None, today: date) -> None:
        if warning is None:
            self.hide()
            return
        self.show()
        days, files = warning
        files = sorted(files, key=lambda f: (f.keep_until or today, f.name))
        title = f"<h3>Dossiers qui seront anonymisés dans les {days} jours</h3>"
        if not files:
            title += f"<p>Aucun dossier n'atteint sa durée de conservation d'ici {days} jours.</p>"
        else:
            title += (
                f"<p>{format_count(len(files), 'dossier')}. L'administrateur les anonymise avec "
                "<code>essdesk purge</code> ; la liste complète : <code>essdesk purge "
                "--dry-run</code>.</p>"
            )
        self.title.setText(title)
        self.table.setVisible(bool(files))
        self.table.setRowCount(min(len(files), SHOWN))
        for row, due in enumerate(files[:SHOWN]):
            late = due.keep_until is not None and due.keep_until <= today
            when = "à la prochaine purge" if late else format_date(due.keep_until)
            for column, text in enumerate((due.name, when, due.reason)):
                item = QTableWidgetItem(text)
                if late:
                    item.setForeground(QBrush(DUE))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
