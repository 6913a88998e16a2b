"""The agency's counsellors (Outils ▸ Conseillers…): name, e-mail, phone, active."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.values import format_phone
from essdesk.services import counsellors
from essdesk.services.counsellors import CounsellorRow, InvalidFields
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.records.form import ERROR_STYLE

COLUMNS = ("Nom", "Prénom", "Courriel", "Téléphone", "Actif")
_CHANGES = frozenset({EntityKind.COUNSELLORS})


class CounsellorsDialog(QDialog):
    """A list and a small form; each save goes through services/counsellors.py."""

    FIELDS = (
        ("first_name", "Prénom *"),
        ("last_name", "Nom *"),
        ("email", "Courriel"),
        ("phone", "Téléphone"),
    )

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conseillers")
        self.resize(760, 480)
        self.context = context
        self.rows: list[CounsellorRow] = []
        self.current: CounsellorRow | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label in self.FIELDS:
            line, error = QLineEdit(), QLabel()
            line.setAccessibleName(label.rstrip(" *"))
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(line)
            box.addWidget(error)
            form.addRow(label + " :", cell)
            self.inputs[name], self.errors[name] = line, error
        self.active = QCheckBox("Actif (proposé comme référent)")
        self.active.setChecked(True)
        form.addRow("", self.active)
        self.new_button = QPushButton("Nouveau conseiller")
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setDefault(True)
        self.state = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.state, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.new_button.clicked.connect(self.new_counsellor)
        self.save_button.clicked.connect(self.save)
        self.reload()

    def reload(self, select_id=None) -> None:
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: counsellors.list_counsellors(db, include_inactive=True),
            success=lambda rows: self._show(rows, select_id),
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, rows: list[CounsellorRow], select_id=None) -> None:
        self.rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.last_name, row.first_name, row.email, format_phone(row.phone))
            for c, value in enumerate((*cells, "Oui" if row.active else "Non")):
                self.table.setItem(r, c, QTableWidgetItem(value or ""))
        self.table.blockSignals(False)
        for r, row in enumerate(rows):
            if row.id == select_id:
                self.table.selectRow(r)

    def _on_selection(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        self.current = self.rows[selected[0].row()] if selected else None
        row = self.current
        for name, line in self.inputs.items():
            value = (getattr(row, name) or "") if row else ""
            line.setText(format_phone(value) if name == "phone" and value else value)
        self.active.setChecked(row.active if row else True)
        self._set_errors({})

    def new_counsellor(self) -> None:
        self.table.clearSelection()
        self.current = None
        for line in self.inputs.values():
            line.clear()
        self.active.setChecked(True)
        self._set_errors({})
        self.inputs["first_name"].setFocus()

    def save(self) -> None:
        values = {name: line.text() for name, line in self.inputs.items()}
        current, active = self.current, self.active.isChecked()
        if current is None:

            def op(db, _c):
                return counsellors.create_counsellor(
                    db, values["first_name"], values["last_name"],
                    email=values["email"], phone=values["phone"],
                )  # fmt: skip
        else:

            def op(db, _c):
                counsellors.update_counsellor(
                    db, current.id, current.version, active=active, **values
                )
                return current.id

        WriteOp(
            parent=self, context=self.context, op=op, changes=_CHANGES, success=self._saved
        ).failure(self._failed).run_in_background()

    def _saved(self, counsellor_id) -> None:
        self._set_errors({})
        self.state.setText("Conseiller enregistré.")
        self.reload(counsellor_id)

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, InvalidFields):
            self._set_errors(error.problems)
            self.state.setText("Corrigez les champs signalés : rien n'a été enregistré.")
        else:
            messages.show_error(self, error, trace)
            self.reload()

    def _set_errors(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        if problems:
            self.state.setText("")


def open_counsellors_dialog(window) -> None:
    if window.db is None:
        return
    window.counsellors_dialog = CounsellorsDialog(window.context, window)
    window.counsellors_dialog.open()
