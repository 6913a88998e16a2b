"""A young person's dated situations (scolarité, emploi, alternance…): the history and a new one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.values import ValueProblem, parse_date
from essdesk.domain.youth_file import SITUATION_KINDS
from essdesk.services import youth_file
from essdesk.services.counsellors import InvalidFields
from essdesk.services.records import LoadedRecord
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.records.form import DATE_HINT, ERROR_STYLE

_CHANGES = frozenset({EntityKind.YOUTHS})  # the completeness and the list read situations


class SituationsPanel(QGroupBox):
    """Newest first; a new situation closes the open one before it (the service does)."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Situations", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.situations: list[youth_file.Situation] = []
        self.list = QListWidget()
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(150)
        self.list.setAlternatingRowColors(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Situation")
        for code, label in SITUATION_KINDS.items():
            self.kind.addItem(label, code)
        self.start = QLineEdit(placeholderText=f"début {DATE_HINT}")
        self.start.setAccessibleName("Début de la situation")
        self.end = QLineEdit(placeholderText=f"fin {DATE_HINT} (facultatif)")
        self.end.setAccessibleName("Fin de la situation")
        self.note = QLineEdit(placeholderText="précision (établissement, employeur…)")
        self.note.setAccessibleName("Précision")
        self.add_button = QPushButton("Ajouter la situation")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel()
        line = QHBoxLayout()
        for widget in (self.kind, self.start, self.end):
            line.addWidget(widget, 1)
        second = QHBoxLayout()
        second.addWidget(self.note, 1)
        second.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(line)
        layout.addLayout(second)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add)
        for field in (self.start, self.end, self.note):
            field.returnPressed.connect(self.add)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        for widget in (self.kind, self.start, self.end, self.note, self.add_button):
            widget.setEnabled(record is not None)
        self._set_error("")
        self.list.clear()
        if record is None:
            self.hint.setText("Enregistrez d'abord la fiche pour noter ses situations.")
            self.hint.show()
            return
        self.start.setText(format_date(dt.date.today()))
        self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: youth_file.situations(db, record.id),
            success=lambda found: self._show(record, found),
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, record: LoadedRecord, found: list[youth_file.Situation]) -> None:
        if record is not self.record:
            return
        self.situations = found
        self.list.clear()
        for situation in found:
            text = situation.text + (f" — {situation.note}" if situation.note else "")
            self.list.addItem(text)
        self.hint.setText("" if found else "Aucune situation notée.")
        self.hint.setVisible(not found)

    def add(self) -> None:
        record = self.record
        if record is None:
            return
        try:
            start = parse_date(self.start.text())
            end = parse_date(self.end.text()) if self.end.text().strip() else None
        except ValueProblem as problem:
            self._set_error(f"Date : {problem.reason}.")
            return
        kind, note = self.kind.currentData(), self.note.text().strip() or None

        def op(db, _c):
            return youth_file.add_situation(db, record.id, kind, start, end, note)

        WriteOp(
            parent=self, context=self.context, op=op, changes=_CHANGES,
            success=lambda _id: self._added(),
        ).failure(self._failed).run_in_background()  # fmt: skip

    def _added(self) -> None:
        self._set_error("")
        self.end.clear()
        self.note.clear()
        self.reload()

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, InvalidFields):
            self._set_error(" ".join(error.problems.values()))
        else:
            messages.show_error(self, error, trace)

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
