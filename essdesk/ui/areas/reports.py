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
from essdesk.ui import messages
from essdesk.ui.worker import run_task


class ReportsView(QWidget):
    """Reports partners and funders ask for; today the event report."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
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
        form.addRow(self.write_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.status)
        layout.addWidget(box)
        layout.addStretch(1)
        self._task = None

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.refresh()

    def refresh(self) -> None:
        from essdesk.services.events.review import list_events

        self.events.clear()
        self.status.clear()
        if self.db is None:
            return
        for event in list_events(self.db):
            self.events.addItem(event.label, event.id)
        has_events = self.events.count() > 0
        self.write_button.setEnabled(has_events)
        if not has_events:
            self.status.setText("Aucun événement dans la base pour l'instant.")

    def write_event_report(self) -> None:
        if self.db is None or self.events.currentData() is None:
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
        db, event_id = self.db, self.events.currentData()

        def work(_control) -> Path:
            from essdesk.services.report_files import write_event_report

            return write_event_report(db, event_id, Path(path))

        self.write_button.setEnabled(False)
        self._task = run_task(
            self, work, label="Écriture du rapport…", on_done=self._written, on_error=self._failed
        )

    def _written(self, path: Path) -> None:
        self.write_button.setEnabled(True)
        self.status.setText(f"Rapport écrit : {path}")

    def _failed(self, error: BaseException, trace: str) -> None:
        self.write_button.setEnabled(True)
        messages.show_error(self, error, trace)
