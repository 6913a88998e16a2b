"""The home screen: the agency's key figures at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from essdesk.db.database import Database
from essdesk.services.listings import dashboard_counts


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
        layout.addStretch(1)
        self.cards: dict[str, QLabel] = {}

    def set_database(self, db: Database | None) -> None:
        self.refresh(db)

    def refresh(self, db: Database | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards.clear()
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
