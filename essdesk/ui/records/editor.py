"""The record editor: loads under blocked signals, saves at the version loaded, says what is wrong."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import ConcurrentEditError
from essdesk.services.lookup import GoneError
from essdesk.services.records import FieldErrors, LoadedRecord
from essdesk.ui import messages
from essdesk.ui.fitting import FormScrollArea
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.records.duplicates import DuplicateBanner
from essdesk.ui.records.form import RecordForm
from essdesk.ui.records.kinds import RecordType


class RecordEditor(QWidget):
    """Nouveau / Enregistrer / Annuler / Archiver over a catalogue-built form."""

    saved = Signal(object)  # LoadedRecord
    closed = Signal()  # the record is gone (deleted here or elsewhere)
    new_started = Signal()  # the form is empty for a new record

    def __init__(self, record_type: RecordType, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.type, self.context = record_type, context
        self.record: LoadedRecord | None = None
        self.title = QLabel()
        self.title.setObjectName("record_title")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.form = RecordForm(record_type.catalogue, context=context)
        self.form.edited.connect(self._on_edited)
        self.panels = [make(context, self) for make in record_type.panels]
        # « Doublon probable : … » after a create or a save, for kinds that declare a lookup.
        self.duplicates: DuplicateBanner | None = None
        if record_type.duplicates is not None:
            self.duplicates = DuplicateBanner(record_type, context, self)
            self.duplicates.open_requested.connect(self.open_record)
            self.duplicates.merged.connect(self._after_merge)
        for panel in self.panels:
            # A panel may hold part of the record (a referent): its edits make the form dirty
            # and its `record_texts()` are saved with the form's.
            edited = getattr(panel, "edited", None)
            if edited is not None:
                edited.connect(self._on_panel_edited)
            # A panel that writes the record itself (an erasure) asks for it to be reloaded.
            changed = getattr(panel, "record_changed", None)
            if changed is not None:
                changed.connect(self.open_record)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.form)
        for panel in self.panels:
            body_layout.addWidget(panel)
        body_layout.addStretch(1)
        scroll = FormScrollArea()  # as wide as the form: no field cut at the right
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.new_button = QPushButton("Nouveau")
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Annuler")
        self.archive_button = QPushButton("Archiver")
        self.delete_button = QPushButton("Supprimer…")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        self.archive_button.setVisible(record_type.archive is not None)
        self.delete_button.setVisible(record_type.delete is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        if self.duplicates is not None:
            layout.addWidget(self.duplicates)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete)
        for keys, slot in (
            ("Ctrl+S", self.save),
            ("Escape", self.cancel),
            ("Ctrl+N", self.new_record),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.new_record()

    # -- showing a record -----------------------------------------------------------------

    def open_record(self, record_id: uuid.UUID) -> None:
        if not self.confirm_discard():
            return
        QueryOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: self.type.load(db, record_id),
            success=self.show_record,
        ).failure(self._on_load_failed).run_in_background()

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        self.form.load(record.texts if record else {})
        for panel in self.panels:
            panel.show_record(record)
        if self.duplicates is not None:
            self.duplicates.clear()
        self._update_title()
        self._update_buttons()

    def new_record(self) -> None:
        if not self.confirm_discard():
            return
        self.show_record(None)
        self.new_started.emit()
        first = next(iter(self.form.fields.values()), None)
        if first is not None:
            first.input.setFocus()

    def confirm_discard(self) -> bool:
        """Unsaved edits are never dropped silently."""
        if not self.form.dirty:
            return True
        return messages.ask_yes_no(
            self, "Les modifications de cette fiche ne sont pas enregistrées. Les abandonner ?"
        )

    # -- actions --------------------------------------------------------------------------

    def save(self) -> None:
        if self.form.check_all():
            self.state.setText("Corrigez les champs signalés en rouge : rien n'a été enregistré.")
            return
        texts, record = {**self.form.texts(), **self._panel_texts()}, self.record
        if record is None:

            def op(db, _c):
                return self.type.create(db, texts)
        else:

            def op(db, _c):
                return self.type.save(db, record.id, record.version, texts)

        WriteOp(
            parent=self, context=self.context, op=op, changes=self.type.written,
            success=self._on_saved,
        ).failure(self._on_save_failed).run_in_background()  # fmt: skip

    def cancel(self) -> None:
        self.form.load(self.record.texts if self.record else {})
        for panel in self.panels:
            if hasattr(panel, "record_texts"):
                panel.show_record(self.record)
        self.state.setText("")
        self._update_buttons()

    def toggle_archived(self) -> None:
        record, archive = self.record, self.type.archive
        if record is None or archive is None:
            return
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: archive(db, record.id, record.version, not record.archived),
            changes=self.type.written, success=self._on_saved,
        ).failure(self._on_save_failed).run_in_background()  # fmt: skip

    def delete(self) -> None:
        record, delete, can_delete = self.record, self.type.delete, self.type.can_delete
        if record is None or delete is None:
            return

        def asked(reason: str) -> None:
            if reason:
                messages.show_error(self, reason)
                return
            name = self.type.title(record.texts)
            if not messages.ask_yes_no(self, f"Supprimer définitivement « {name} » ?"):
                return
            WriteOp(
                parent=self, context=self.context,
                op=lambda db, _c: delete(db, record.id, record.version),
                changes=self.type.written, success=lambda _r: self._gone(),
            ).failure(self._on_save_failed).run_in_background()  # fmt: skip

        if can_delete is None:
            asked("")
        else:
            QueryOp(
                parent=self, context=self.context,
                op=lambda db, _c: can_delete(db, record.id), success=asked,
            ).run_in_background()  # fmt: skip

    # -- results --------------------------------------------------------------------------

    def _on_saved(self, record: LoadedRecord) -> None:
        self.show_record(record)
        self.state.setText("Fiche enregistrée.")
        self.saved.emit(record)
        if self.duplicates is not None:
            self.duplicates.look_for(record)

    def _after_merge(self, kept_id: uuid.UUID) -> None:
        self.open_record(kept_id)  # the merged record may be gone: show the one kept

    def _on_save_failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, FieldErrors):
            self.form.set_errors(error.errors)
            self.state.setText(error.message)
            return
        messages.show_error(self, error, trace)
        if isinstance(error, ConcurrentEditError) and self.record is not None:
            self.form.dirty = False  # the user was told: the stored version is shown again
            self.open_record(self.record.id)
        elif isinstance(error, GoneError):
            self._gone()

    def _on_load_failed(self, error: BaseException, trace: str) -> None:
        messages.show_error(self, error, trace)
        if isinstance(error, GoneError):
            self._gone()

    def _gone(self) -> None:
        self.form.dirty = False
        self.show_record(None)
        self.closed.emit()
        self.context.hub.notify(self.type.written, None)

    def _panel_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for panel in self.panels:
            if hasattr(panel, "record_texts"):
                texts.update(panel.record_texts())
        return texts

    def _on_panel_edited(self) -> None:
        self.form.dirty = True
        self._on_edited()

    def _on_edited(self) -> None:
        self.state.setText("Modifications non enregistrées.")
        self._update_buttons()

    def _update_title(self) -> None:
        record, catalogue = self.record, self.type.catalogue
        if record is None:
            self.title.setText(f"<h3>Nouvelle fiche : {catalogue.singular}</h3>")
            self.state.setText("Les champs marqués * sont obligatoires.")
        else:
            archived = " (archivé)" if record.archived else ""
            self.title.setText(f"<h3>{self.type.title(record.texts)}{archived}</h3>")
            self.state.setText("")

    def _update_buttons(self) -> None:
        record = self.record
        self.save_button.setEnabled(record is None or self.form.dirty)
        self.cancel_button.setEnabled(self.form.dirty)
        self.archive_button.setEnabled(record is not None)
        self.archive_button.setText("Restaurer" if record and record.archived else "Archiver")
        self.delete_button.setEnabled(record is not None)
