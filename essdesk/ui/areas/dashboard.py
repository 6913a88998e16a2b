"""The home screen: the agency's key figures and what is due soon for the hires it follows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_date
from essdesk.services.deadlines import upcoming_deadlines
from essdesk.services.listings import dashboard_counts

DEADLINE_HEADERS = ["Échéance", "À faire", "Jeune", "Employeur", "Dispositif"]
OVERDUE = QColor("#b3261e")


class DashboardView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Tableau de bord</h2>"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.deadlines_title = QLabel("<h3>Échéances des contrats suivis (90 prochains jours)</h3>")
        layout.addWidget(self.deadlines_title)
        self.deadlines = QTableWidget(0, len(DEADLINE_HEADERS))
        self.deadlines.setHorizontalHeaderLabels(DEADLINE_HEADERS)
        self.deadlines.verticalHeader().hide()
        self.deadlines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.deadlines.setAlternatingRowColors(True)
        self.deadlines.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.deadlines, 1)
        self.cards: dict[str, QLabel] = {}

    def set_database(self, db: Database | None) -> None:
        self.refresh(db)

    def refresh(self, db: Database | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards.clear()
        self.deadlines.setRowCount(0)
        if db is None:
            self.hint.setText("Ouverture de la base…")
            return
        counts = dashboard_counts(db)
        empty = not any(counts.values())
        self.hint.setText(
            "La base est vide. Pour découvrir ESS Desk avec des données d'exemple, lancez "
            "<code>essdesk demo</code>, ou importez vos fichiers (menu Fichier)."
            if empty
            else f"Base : {db.target.describe()}"
        )
        for index, (label, value) in enumerate(counts.items()):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            number = QLabel(f"<span style='font-size:28pt; font-weight:600'>{value}</span>")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(number)
            inner.addWidget(caption)
            self.grid.addWidget(card, index // 3, index % 3)
            self.cards[label] = number
        self._fill_deadlines(db)

    def _fill_deadlines(self, db: Database) -> None:
        today = date.today()
        rows = upcoming_deadlines(db, today=today)
        self.deadlines.setRowCount(len(rows))
        for row, deadline in enumerate(rows):
            late = deadline.overdue
            due = format_date(deadline.due) + (" (dépassée)" if late else "")
            values = [due, deadline.label, deadline.youth, deadline.employer, deadline.scheme]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if late:
                    item.setForeground(QBrush(OVERDUE))
                self.deadlines.setItem(row, column, item)
        self.deadlines.resizeColumnsToContents()
        self.deadlines.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Interactive
        )
        title = "<h3>Échéances des contrats suivis (90 prochains jours)</h3>"
        if not rows:
            title += "<p>Rien n'est dû dans les 90 prochains jours.</p>"
        self.deadlines_title.setText(title)
