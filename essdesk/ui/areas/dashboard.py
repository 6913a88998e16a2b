"""The home screen: the agency's key figures and what is due soon for the hires it follows."""

from __future__ import annotations

from dataclasses import dataclass
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
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.services import access
from essdesk.services.dashboard import dashboard_counts
from essdesk.services.deadlines import upcoming_deadlines
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp
from essdesk.ui.partnerships.flags_panel import FlagsPanel
from essdesk.ui.privacy.retention_panel import RetentionPanel

DEADLINE_HEADERS = ["Échéance", "À faire", "Jeune", "Employeur", "Dispositif"]
OVERDUE = QColor("#b3261e")


class _Keep:
    """`refresh()` without a base: keep the one the view reads from."""


KEEP = _Keep()


class DashboardView(QWidget):
    # What the figures and deadlines are read from: other writes do not reload the screen.
    kinds = (
        EntityKind.YOUTHS,
        EntityKind.EMPLOYERS,
        EntityKind.OFFERS,
        EntityKind.PLACEMENTS,
        EntityKind.PARTNERSHIPS,
        EntityKind.EVENTS,
        EntityKind.REFERENCE,  # scheme names in the deadlines
    )

    def __init__(self, context: OpContext | None = None, parent=None) -> None:
        super().__init__(parent)
        # The window's context when it hands one over; otherwise one fed by set_database().
        self.context = context if context is not None else OpContext(ChangeHub(self))
        self._ticket = 0
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
        self.flags = FlagsPanel(self.context)  # partnership alerts, read on their own
        layout.addWidget(self.flags)
        self.retention = RetentionPanel(self.context, self)  # files anonymised within 30 days
        layout.addWidget(self.retention)
        self.cards: dict[str, QLabel] = {}

    def set_database(self, db: Database | None) -> None:
        self.refresh(db)

    def refresh(self, db: Database | None | _Keep = KEEP) -> None:
        """Read the figures off the UI thread; `db` replaces the base when given."""
        if not isinstance(db, _Keep):
            self.context.db = db
        if self.context.db is None:
            self._show(None)
            return
        self._ticket += 1
        ticket, today = self._ticket, date.today()

        def show(figures: Figures) -> None:
            if ticket == self._ticket:  # an older read arriving late is not shown
                self._show(figures)

        self.hint.setText("Chargement…")
        self.flags.refresh()
        self.retention.refresh()
        QueryOp(
            parent=self, context=self.context, op=lambda base, _c: _read(base, today), success=show
        ).without_progress().run_in_background()

    def _show(self, figures: Figures | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards.clear()
        self.deadlines.setRowCount(0)
        if figures is None:
            self.hint.setText("Ouverture de la base…")
            return
        counts = figures.counts
        empty = not any(counts.values())
        self.hint.setText(
            "La base est vide. Pour découvrir ESS Desk avec des données d'exemple, lancez "
            "<code>essdesk demo</code>, ou importez vos fichiers (menu Fichier)."
            if empty
            else f"Base : {figures.base}"
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
        self._fill_deadlines(figures.deadlines)

    def _fill_deadlines(self, rows: list) -> None:
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


@dataclass(frozen=True)
class Figures:
    """What the dashboard shows, read in one trip off the UI thread."""

    base: str
    counts: dict[str, int]
    deadlines: list


def _read(db: Database, today: date) -> Figures:
    # Reception reads no youth file: no deadlines, rather than a refusal at every refresh.
    files = access.current_actor(db).may("youth.file")
    deadlines = upcoming_deadlines(db, today=today) if files else []
    return Figures(db.target.describe(), dashboard_counts(db), deadlines)
