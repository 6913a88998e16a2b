"""The home screen: the agency's key figures and what is due soon for the hires it follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.entities import EntityKind
from essdesk.services.dashboard import dashboard_counts
from essdesk.ui.fitting import FormScrollArea
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp
from essdesk.ui.partnerships.flags_panel import FlagsPanel
from essdesk.ui.placements.deadlines import DeadlinesPanel
from essdesk.ui.privacy.retention_panel import RetentionPanel


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
        # The figures, the deadlines and the alerts scroll together on a small screen
        # (1280 × 720): the dashboard never makes the window taller than the screen.
        body = QWidget()
        scroll = FormScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel("<h2>Tableau de bord</h2>"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        # What is due for the hires followed, per counsellor, read on its own (a row opens it).
        self.deadline_panel = DeadlinesPanel(self.context, self)
        self.deadlines, self.deadlines_title = self.deadline_panel.table, self.deadline_panel.title
        layout.addWidget(self.deadline_panel, 1)
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
        self.deadline_panel.refresh()  # hides itself without a base
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
        # Not owned by the screen: a task parented to it, deleted with it soon after it
        # reported, crashed PySide ("shared QObject was deleted directly").
        QueryOp(
            parent=None, context=self.context, op=lambda base, _c: _read(base, today), success=show
        ).bound_to(self).without_progress().run_in_background()

    def _show(self, figures: Figures | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards.clear()
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


@dataclass(frozen=True)
class Figures:
    """What the dashboard shows, read in one trip off the UI thread."""

    base: str
    counts: dict[str, int]


def _read(db: Database, _today: date) -> Figures:
    return Figures(db.target.describe(), dashboard_counts(db))
