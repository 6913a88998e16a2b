"""The reports screen: pick what to report on, write the PDF off the UI thread."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.entities import EntityKind
from essdesk.services.event_report import list_events
from essdesk.ui import messages
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp


class ReportsView(QWidget):
    """Reports partners and funders ask for; today the event report."""

    kinds = (EntityKind.EVENTS,)  # the list of events is all it reads before a report

    def __init__(self, context: OpContext | None = None, parent=None) -> None:
        super().__init__(parent)
        # The window's context when it hands one over; otherwise one fed by set_database().
        self.context = context if context is not None else OpContext(ChangeHub(self))
        self._ticket = 0
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Rapports</h2>"))
        box = QGroupBox("Rapport d'événement")
        form = QFormLayout(box)
        explanation = QLabel(
            "Sessions, présences, profil des jeunes venus et suites des speed meetings : le "
            "bilan qu'attendent partenaires et financeurs après une semaine thématique ou un forum."
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.events = QComboBox()
        form.addRow("Événement :", self.events)
        self.write_button = QPushButton("Enregistrer le rapport PDF…")
        self.write_button.clicked.connect(self.write_event_report)
        self.write_button.setEnabled(False)
        form.addRow(self.write_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.status)
        layout.addWidget(box)
        layout.addStretch(1)

    @property
    def db(self) -> Database | None:
        return self.context.db

    def set_database(self, db: Database | None) -> None:
        self.context.db = db
        self.refresh()

    def refresh(self) -> None:
        """Read the events off the UI thread; the choice made stays selected if it still exists."""
        if self.context.db is None:
            self._show_events([])
            return
        self._ticket += 1
        ticket = self._ticket

        def show(events: list) -> None:
            if ticket == self._ticket:  # an older read arriving late is not shown
                self._show_events(events)

        self.write_button.setEnabled(False)
        self.status.setText("Chargement des événements…")
        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: list_events(db), success=show
        ).without_progress().run_in_background()

    def _show_events(self, events: list) -> None:
        chosen = self.events.currentData()
        self.events.clear()
        self.status.clear()
        for event in events:
            self.events.addItem(event.label, event.id)
        if chosen is not None and self.events.findData(chosen) >= 0:
            self.events.setCurrentIndex(self.events.findData(chosen))
        has_events = self.events.count() > 0
        self.write_button.setEnabled(has_events)
        if self.context.db is not None and not has_events:
            self.status.setText("Aucun événement dans la base pour l'instant.")

    def write_event_report(self) -> None:
        if self.context.db is None or self.events.currentData() is None:
            return
        # Characters Windows refuses in a file name are replaced.
        title = re.sub(r'[<>:"/\\|?*]+', "-", self.events.currentText()[:60]).strip(" .-")
        suggested = Path.home() / f"rapport - {title}.pdf"
        path = messages.choose_save_file(
            self, "Enregistrer le rapport", str(suggested), "Documents PDF (*.pdf)"
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        event_id = self.events.currentData()

        def work(db: Database, _control) -> Path:
            from essdesk.services.report_files import write_event_report

            return write_event_report(db, event_id, Path(path))

        self.write_button.setEnabled(False)
        # A read of the base (it writes a file, not the base): nothing to broadcast.
        QueryOp(parent=self, context=self.context, op=work, success=self._written).with_progress(
            "Écriture du rapport…"
        ).failure(self._failed).run_in_background()

    def _written(self, path: Path) -> None:
        self.write_button.setEnabled(True)
        self.status.setText(f"Rapport écrit : {path}")

    def _failed(self, error: BaseException, trace: str) -> None:
        self.write_button.setEnabled(True)
        messages.show_error(self, error, trace)
