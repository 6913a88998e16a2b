"""Small widgets the partnership and event screens share: tables, optional dates, code pickers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp

NO_DATE = QDate(1900, 1, 1)  # the minimum of an optional date: shown blank, read as None


def grid_form(rows: Sequence[Sequence[tuple[str, object]]]) -> QGridLayout:
    """A form of one or two (label, field) pairs per row: half the height of a long form."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    for r, pairs in enumerate(rows):
        for i, (label, field) in enumerate(pairs):
            grid.addWidget(QLabel(label), r, 2 * i)
            span = 3 if len(pairs) == 1 else 1
            if isinstance(field, QLayout):
                if field.spacing() < 0:  # a grid with its own spacings hands none down
                    field.setSpacing(4)
                grid.addLayout(field, r, 2 * i + 1, 1, span)
            else:
                grid.addWidget(field, r, 2 * i + 1, 1, span)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return grid


def make_table(headers: Sequence[str], *, min_height: int = 140) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setMinimumHeight(min_height)
    return table


def fill_table(table: QTableWidget, rows: Iterable[Sequence[str]]) -> None:
    rows = list(rows)
    table.blockSignals(True)
    table.clearContents()
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.blockSignals(False)


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def date_edit(day: date | None = None, *, optional: bool = False) -> QDateEdit:
    """A jj/mm/aaaa date with a calendar; an optional one starts blank (« — »)."""
    edit = QDateEdit()
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
    set_date(edit, day)
    return edit


def set_date(edit: QDateEdit, day: date | None) -> None:
    if day is None:
        edit.setDate(edit.minimumDate() if edit.specialValueText() else QDate.currentDate())
    else:
        edit.setDate(QDate(day.year, day.month, day.day))


def date_of(edit: QDateEdit) -> date | None:
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        return None
    return edit.date().toPython()


def code_combo(codes: dict[str, str]) -> QComboBox:
    """A picker showing the French labels of a nomenclature and giving back its codes."""
    combo = QComboBox()
    for code, label in codes.items():
        combo.addItem(label, code)
    return combo


def find_data(combo: QComboBox, value: object) -> int:
    """The row holding `value` (compared in Python: Qt's findData misses equal UUID objects)."""
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            return index
    return -1


def set_code(combo: QComboBox, code: object) -> None:
    combo.setCurrentIndex(max(find_data(combo, code), 0))


def text_or_none(edit: QLineEdit) -> str | None:
    return " ".join(edit.text().split()) or None


class SearchPicker(QWidget):
    """A search box and the matches it found (employers, young people, offers), read off the UI
    thread; `search(db, text)` returns Choice rows (id, label)."""

    def __init__(self, context: OpContext, search: Callable, placeholder: str) -> None:
        super().__init__()
        self.context, self._search = context, search
        self.text = QLineEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setMinimumWidth(90)  # in a narrow panel, room to read what is typed
        self.button = QPushButton("Chercher")
        self.results = QComboBox()
        self.results.setMinimumWidth(160)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.results, 2)
        self.button.clicked.connect(self.search)
        self.text.returnPressed.connect(self.search)

    def search(self) -> None:
        text = self.text.text()
        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: self._search(db, text),
            success=self._show,
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, choices) -> None:
        self.results.clear()
        for choice in choices:
            self.results.addItem(choice.label, choice.id)
        if not choices:
            self.results.addItem("Aucun résultat", None)

    def chosen(self):
        return self.results.currentData()

    def clear(self) -> None:
        self.text.clear()
        self.results.clear()


def write(
    parent: QWidget,
    context: OpContext,
    op: Callable,
    kinds: Iterable[EntityKind],
    success: Callable | None = None,
) -> None:
    """Run a service's write off the UI thread; its French error shown, then `success`."""
    WriteOp(
        parent=parent, context=context, op=lambda db, _c: op(db), changes=kinds,
        success=(lambda result: success(result)) if success else None,
    ).failure(lambda error, trace: messages.show_error(parent, error, trace)).run_in_background()  # fmt: skip
