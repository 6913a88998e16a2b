"""An employer's contacts inside its record: add, edit, remove, mark the tutor."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.domain.catalogue import CONTACT
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count
from essdesk.services import employers
from essdesk.services.records import FieldErrors, LoadedRecord, save_record
from essdesk.ui import messages
from essdesk.ui.fitting import fit_columns, keep_fitted
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.records.form import RecordForm

_CHANGES = frozenset({EntityKind.CONTACTS})


class ContactsPanel(QGroupBox):
    """The contacts of the employer shown in the editor; each contact saves on its own."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Contacts", parent)
        self.context = context
        self.employer: LoadedRecord | None = None
        self.contacts: list[LoadedRecord] = []
        self.current: LoadedRecord | None = None  # the contact in the form (None: a new one)
        self.hint = QLabel()
        self.table = QTableWidget(0, len(CONTACT.listed))
        self.table.setHorizontalHeaderLabels([f.label for f in CONTACT.listed])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        keep_fitted(self.table)  # a long e-mail never pushes « Tuteur » out of the panel
        self.table.setMinimumHeight(160)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.form = RecordForm(CONTACT)
        self.add_button = QPushButton("Nouveau contact")
        self.save_button = QPushButton("Enregistrer le contact")
        self.remove_button = QPushButton("Retirer le contact")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.new_contact)
        self.save_button.clicked.connect(self.save_contact)
        self.remove_button.clicked.connect(self.remove_contact)
        self.show_record(None)

    def show_record(self, employer: LoadedRecord | None) -> None:
        self.employer = employer
        enabled = employer is not None
        for widget in (self.table, self.form, self.add_button, self.save_button):
            widget.setEnabled(enabled)
        self.remove_button.setEnabled(False)
        self.hint.setText(
            "" if enabled else "Enregistrez d'abord l'employeur pour lui ajouter des contacts."
        )
        self.current = None
        self.form.clear()
        if employer is None:
            self._show([])
        else:
            self.reload()

    def reload(self, select_id=None) -> None:
        employer = self.employer
        if employer is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: employers.list_contacts(db, employer.id),
            success=lambda contacts: self._show(contacts, select_id),
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, contacts: list[LoadedRecord], select_id=None) -> None:
        self.contacts = contacts
        self.table.blockSignals(True)
        self.table.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            for column, item in enumerate(CONTACT.listed):
                cell = QTableWidgetItem(contact.texts[item.name])
                cell.setToolTip(contact.texts[item.name])
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        fit_columns(self.table)
        self.hint.setText(
            self.hint.text() if self.employer is None else format_count(len(contacts), "contact")
        )
        for row, contact in enumerate(contacts):
            if contact.id == select_id:
                self.table.selectRow(row)

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.current = self.contacts[rows[0].row()] if rows else None
        self.form.load(self.current.texts if self.current else {})
        self.remove_button.setEnabled(self.current is not None)

    def new_contact(self) -> None:
        self.table.clearSelection()
        self.current = None
        self.form.clear()
        self.form.fields["last_name"].input.setFocus()

    def save_contact(self) -> None:
        employer, contact = self.employer, self.current
        if employer is None or self.form.check_all():
            return
        texts = self.form.texts()
        if contact is None:

            def op(db, _c):
                return employers.add_contact(db, employer.id, texts)
        else:

            def op(db, _c):
                return save_record(db, EntityKind.CONTACTS, contact.id, contact.version, texts)

        WriteOp(
            parent=self, context=self.context, op=op, changes=_CHANGES,
            success=lambda saved: self.reload(saved.id),
        ).failure(self._failed).run_in_background()  # fmt: skip

    def remove_contact(self) -> None:
        contact = self.current
        if contact is None:
            return
        name = f"{contact.texts['first_name']} {contact.texts['last_name']}".strip()
        if not messages.ask_yes_no(self, f"Retirer le contact « {name} » ?"):
            return
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: employers.remove_contact(db, contact.id, contact.version),
            changes=_CHANGES, success=lambda _r: self.new_contact_after_reload(),
        ).failure(self._failed).run_in_background()  # fmt: skip

    def new_contact_after_reload(self) -> None:
        self.new_contact()
        self.reload()

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, FieldErrors):
            self.form.set_errors(error.errors)
        else:
            messages.show_error(self, error, trace)
            self.reload()
