"""The dashboard's partnership alerts: committees and actions overdue, agreements about to end."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from essdesk.domain.french import format_date
from essdesk.services.partnerships import partnership_flags
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import make_table

KIND_LABELS = {
    "meeting_overdue": "Instance en retard",
    "action_overdue": "Action en retard",
    "ending_soon": "Fin de convention proche",
}
URGENT = QColor("#b3261e")
SOON = QColor("#8a5a00")
MAX_SHOWN = 50


class FlagsPanel(QWidget):
    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.title = QLabel("<h3>Partenariats à surveiller</h3>")
        self.table = make_table(["Échéance", "Alerte", "Convention", "Détail"], min_height=90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.flags: list = []
        self.table.cellDoubleClicked.connect(self._open)
        self.table.setToolTip("Double-cliquez pour ouvrir la convention.")

    def refresh(self) -> None:
        if self.context.db is None:
            self.show_flags([])
            return
        today = date.today()
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: partnership_flags(db, today), success=self.show_flags,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def show_flags(self, flags) -> None:
        shown = self.flags = flags[:MAX_SHOWN]
        self.table.setRowCount(len(shown))
        for row, flag in enumerate(shown):
            color = SOON if flag.kind == "ending_soon" else URGENT
            cells = [format_date(flag.due), KIND_LABELS.get(flag.kind, flag.kind),
                     flag.partnership_title, flag.message]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(color))
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(shown))
        more = f" ({len(flags) - MAX_SHOWN} autres non affichées)" if len(flags) > MAX_SHOWN else ""
        self.title.setText(
            "<h3>Partenariats à surveiller</h3>"
            + (
                "<p>Aucune instance ni action en retard, aucune convention ne finit dans les "
                "3 mois.</p>"
                if not flags
                else more
            )  # fmt: skip
        )

    def _open(self, row: int, _column: int) -> None:
        """Open the agreement the alert is about, in the Partenariats area."""
        window = self.window()
        if row < len(self.flags) and hasattr(window, "show_area"):
            window.show_area("partnerships")
            window.views["partnerships"].editor.open_record(self.flags[row].partnership_id)
