"""Governance meetings of a partnership: committees held or planned, attendees, minutes and file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count, format_date
from essdesk.domain.nomenclatures import GOVERNANCE_KINDS, GOVERNANCE_STATUSES
from essdesk.services import attachments
from essdesk.services import partnership_details as details
from essdesk.services import partnerships as ps
from essdesk.ui import messages
from essdesk.ui.file_dialogs import remember_folder, start_folder
from essdesk.ui.ops import OpContext
from essdesk.ui.partnerships.widgets import (
    code_combo,
    date_edit,
    date_of,
    fill_table,
    make_table,
    selected_row,
    set_code,
    set_date,
    write,
)

HEADERS = ["Instance", "Date", "Statut", "Participants", "Compte rendu", "Fichier joint"]
KINDS = (EntityKind.PARTNERSHIPS,)
MINUTES_FOLDER = "minutes_dir"


def open_file(path: Path) -> None:
    """Open an attached file with the system's viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _frequency(per_year: int) -> str:
    if per_year <= 0:
        return "non prévu"
    return "une fois par an" if per_year == 1 else f"{per_year} fois par an"


class GovernanceTab(QWidget):
    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.PartnershipDetail | None = None
        self.expected = QLabel()
        self.expected.setWordWrap(True)
        self.table = make_table(HEADERS)
        self.kind = code_combo(GOVERNANCE_KINDS)
        self.held_on = date_edit()
        self.status = code_combo(GOVERNANCE_STATUSES)
        set_code(self.status, "held")  # most meetings are recorded once held
        self.attendees = QLineEdit()
        self.attendees.setPlaceholderText("Structures et personnes présentes")
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText("Compte rendu : décisions, suites à donner…")
        self.minutes.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow("Instance :", self.kind)
        form.addRow("Date :", self.held_on)
        form.addRow("Statut :", self.status)
        form.addRow("Participants :", self.attendees)
        form.addRow("Compte rendu :", self.minutes)
        self.new_button = QPushButton("Nouvelle réunion")
        self.save_button = QPushButton("Enregistrer la réunion")
        self.attach_button = QPushButton("Joindre le compte rendu signé…")
        self.open_button = QPushButton("Ouvrir le fichier")
        self.remove_button = QPushButton("Supprimer")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.attach_button, self.open_button,
                       self.remove_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.expected)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_meeting)
        self.save_button.clicked.connect(self.save_meeting)
        self.attach_button.clicked.connect(self.attach_minutes)
        self.open_button.clicked.connect(self.open_minutes)
        self.remove_button.clicked.connect(self.remove_meeting)
        self._selected()

    def show_detail(self, detail: details.PartnershipDetail | None) -> None:
        self.detail = detail
        self.setEnabled(detail is not None)
        meetings = detail.meetings if detail else ()
        fill_table(
            self.table,
            [
                [
                    GOVERNANCE_KINDS.get(x.kind, x.kind),
                    format_date(x.held_on),
                    GOVERNANCE_STATUSES.get(x.status, x.status),
                    x.attendees,
                    x.minutes[:80],
                    Path(x.minutes_file).name if x.minutes_file else "",
                ]  # fmt: skip
                for x in meetings
            ],
        )
        if detail is not None:
            held = sum(1 for x in meetings if x.kind == "steering" and x.status == "held")
            self.expected.setText(
                f"Comité de pilotage attendu {_frequency(detail.steering_per_year)}, comité "
                f"technique {_frequency(detail.technical_per_year)} ; "
                f"{format_count(held, 'comité de pilotage tenu', 'comités de pilotage tenus')}."
            )
        self._selected()

    def current(self) -> details.MeetingRow | None:
        row = selected_row(self.table)
        return self.detail.meetings[row] if self.detail and row is not None else None

    def _selected(self) -> None:
        meeting = self.current()
        self.attach_button.setEnabled(meeting is not None)
        self.remove_button.setEnabled(meeting is not None)
        self.open_button.setEnabled(bool(meeting and meeting.minutes_file))
        if meeting is None:
            return
        set_code(self.kind, meeting.kind)
        set_date(self.held_on, meeting.held_on)
        set_code(self.status, meeting.status)
        self.attendees.setText(meeting.attendees)
        self.minutes.setPlainText(meeting.minutes)

    def new_meeting(self) -> None:
        self.table.clearSelection()
        self.attendees.clear()
        self.minutes.clear()
        set_code(self.status, "held")

    def save_meeting(self) -> None:
        detail, meeting = self.detail, self.current()
        if detail is None:
            return
        values = dict(
            kind=self.kind.currentData(), held_on=date_of(self.held_on),
            status=self.status.currentData(), attendees=self.attendees.text().strip() or None,
            minutes=self.minutes.toPlainText().strip() or None,
        )  # fmt: skip
        if meeting is None:

            def op(db):
                return ps.record_meeting(db, detail.id, values.pop("kind"), values.pop("held_on"),
                                         **values)  # fmt: skip
        else:

            def op(db):
                return details.update_meeting(db, meeting.id, **values)

        write(self, self.context, op, KINDS, lambda _r: self.changed.emit())

    def attach_minutes(self) -> None:
        meeting = self.current()
        if meeting is None:
            return
        chosen = messages.choose_open_file(
            self, "Joindre le compte rendu", str(start_folder(MINUTES_FOLDER)),
            "Documents (*.pdf *.odt *.docx *.doc *.jpg *.png);;Tous les fichiers (*)",
        )  # fmt: skip
        if not chosen:
            return
        remember_folder(MINUTES_FOLDER, chosen)
        write(self, self.context, lambda db: attachments.attach_minutes(db, meeting.id, chosen),
              KINDS, lambda _r: self.changed.emit())  # fmt: skip

    def open_minutes(self) -> None:
        meeting = self.current()
        if meeting and meeting.minutes_file:
            open_file(Path(meeting.minutes_file))

    def remove_meeting(self) -> None:
        meeting = self.current()
        if meeting is None:
            return
        name = GOVERNANCE_KINDS.get(meeting.kind, meeting.kind)
        if not messages.ask_yes_no(self, f"Supprimer {name} du {format_date(meeting.held_on)} ?"):
            return
        write(self, self.context, lambda db: details.remove_item(db, "meeting", meeting.id),
              KINDS, lambda _r: self.changed.emit())  # fmt: skip
