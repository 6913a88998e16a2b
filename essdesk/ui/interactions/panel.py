"""The interaction log inside a record: newest first, and a call noted in two keystrokes."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_datetime
from essdesk.domain.youth_file import INTERACTION_KINDS
from essdesk.services import access, employers, interactions
from essdesk.services.counsellors import InvalidFields, list_counsellors
from essdesk.services.records import LoadedRecord
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp

SHORTCUT = "Ctrl+J"
SHOWN = 50  # the latest entries; the log of a ten-year file is read by pages, never whole


class InteractionsPanel(QGroupBox):
    """For a young person, an employer (and then optionally one of its contacts).

    Ctrl+J puts the cursor in the note line (pressed again, it moves to the next kind);
    Enter saves the entry as the kind shown, now, by the counsellor chosen.
    """

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Journal des échanges", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.entries: list[interactions.Entry] = []
        self.kind = QComboBox()
        for code, label in INTERACTION_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setAccessibleName("Type d'échange")
        self.counsellor = QComboBox()
        self.counsellor.setAccessibleName("Conseiller")
        self.contact = QComboBox()  # an employer's contacts; hidden for a young person
        self.contact.setAccessibleName("Contact")
        self.note = QLineEdit(placeholderText=f"Note ({SHORTCUT}), Entrée enregistre")
        self.note.setAccessibleName("Note de l'échange")
        self.note.returnPressed.connect(self.log)
        self.last_contact = QLabel()
        self.last_contact.setObjectName("last_contact")
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.setMaximumHeight(240)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for combo in (self.counsellor, self.contact):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        line = QHBoxLayout()
        line.addWidget(self.kind)
        line.addWidget(self.note, 1)
        line.addWidget(self.contact)
        line.addWidget(self.counsellor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.last_contact)
        layout.addLayout(line)
        layout.addWidget(self.list)
        # On the editor, not the panel: the shortcut works from anywhere in the record.
        shortcut = QShortcut(QKeySequence(SHORTCUT), parent or self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.start_entry)
        self.show_record(None)

    # -- showing ----------------------------------------------------------------------------

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        for widget in (self.kind, self.note, self.counsellor, self.contact):
            widget.setEnabled(record is not None)
        self.contact.setVisible(record is not None and record.kind is EntityKind.EMPLOYERS)
        self.list.clear()
        self.entries = []
        if record is None:
            self.last_contact.setText("Enregistrez d'abord la fiche pour noter des échanges.")
            return
        self.last_contact.setText("Chargement du journal…")
        self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        subject = _subject(record)
        is_employer = record.kind is EntityKind.EMPLOYERS

        def load(db, _c):
            found = interactions.entries(db, limit=SHOWN, **subject)
            people = list_counsellors(db)
            contacts = employers.list_contacts(db, record.id) if is_employer else []
            return found, people, contacts, access.current_actor(db).counsellor_id

        QueryOp(
            parent=self, context=self.context, op=load,
            success=lambda result: self._show(record, *result),
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, record: LoadedRecord, found, people, contacts, own_id) -> None:
        if record is not self.record:
            return  # another record was opened meanwhile
        self.entries = found
        self.list.clear()
        for entry in found:
            self.list.addItem(entry.text)
        self.last_contact.setText(last_contact_text(found[0].occurred_at if found else None))
        # Ids travel as text: a combo finds a str again, not always an equal UUID object.
        _fill(
            self.counsellor,
            "Conseiller…",
            [(p.name, str(p.id)) for p in people],
            self._default(own_id),
        )
        _fill(
            self.contact,
            "Contact…",
            [
                (f"{c.texts['first_name']} {c.texts['last_name']}".strip(), str(c.id))
                for c in contacts
            ],
            self.contact.currentData(),
        )

    def _default(self, own_id):
        # The counsellor picked last, else the user's own counsellor, else the referent.
        current = self.counsellor.currentData()
        if current is not None:
            return current
        if own_id is not None:
            return str(own_id)
        referent = self.record.extra.get("referent_id") if self.record else None
        return str(referent) if referent else None

    # -- noting an entry --------------------------------------------------------------------

    def start_entry(self) -> None:
        if self.record is None:
            return
        if self.note.hasFocus():
            self.kind.setCurrentIndex((self.kind.currentIndex() + 1) % self.kind.count())
        self.note.setFocus()
        self.note.selectAll()

    def log(self) -> None:
        record = self.record
        if record is None:
            return
        kind, notes = self.kind.currentData(), self.note.text()
        counsellor_id, contact_id = _id(self.counsellor), _id(self.contact)
        subject = _subject(record)
        if record.kind is EntityKind.EMPLOYERS and contact_id is not None:
            subject["contact_id"] = contact_id
        changes = frozenset({record.kind})

        def op(db, _c):
            return interactions.log_interaction(
                db, kind, counsellor_id=counsellor_id, notes=notes, **subject
            )

        WriteOp(
            parent=self, context=self.context, op=op, changes=changes,
            success=lambda _id: self._logged(),
        ).failure(self._failed).run_in_background()  # fmt: skip

    def _logged(self) -> None:
        self.note.clear()
        self.reload()

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, InvalidFields):
            self.last_contact.setText(str(error))
        else:
            messages.show_error(self, error, trace)


def last_contact_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return "Dernier contact : aucun échange noté."
    return f"Dernier contact : {format_datetime(moment)}"


def _subject(record: LoadedRecord) -> dict:
    if record.kind is EntityKind.YOUTHS:
        return {"youth_id": record.id}
    if record.kind is EntityKind.CONTACTS:
        return {"contact_id": record.id}
    return {"employer_id": record.id}


def _id(combo: QComboBox) -> uuid.UUID | None:
    data = combo.currentData()
    return uuid.UUID(data) if data else None


def _fill(combo: QComboBox, empty: str, items, selected) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(empty, None)
    for label, value in items:
        combo.addItem(label, value)
    index = combo.findData(selected) if selected is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
