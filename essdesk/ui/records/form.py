"""A form generated from a catalogue: one widget per field, its French error shown beside it."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.catalogue import Catalogue, Field, Widget
from essdesk.domain.values import ValueProblem
from essdesk.ui.records.pickers import RecordPicker

ERROR_STYLE = "color: #b3261e;"  # the same red as overdue deadlines; the text says it too
DATE_HINT = "jj/mm/aaaa"


class FieldEditor(QWidget):
    """One field: its input widget and, under it, the reason it cannot be saved."""

    edited = Signal(str)  # the field's name

    def __init__(self, item: Field, parent: QWidget | None = None, context=None) -> None:
        super().__init__(parent)
        self.item = item
        self.input = _make_input(item, context)
        self.input.setAccessibleName(item.label)
        self.error = QLabel()
        self.error.setObjectName(f"error_{item.name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        _changed_signal(self.input).connect(lambda *_: self._on_edit())

    def text(self) -> str:
        widget = self.input
        if isinstance(widget, RecordPicker):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return "Oui" if widget.isChecked() else "Non"
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def set_text(self, text: str) -> None:
        widget = self.input
        with QSignalBlocker(widget):  # loading a record is not an edit (and never a save)
            if isinstance(widget, RecordPicker):
                widget.set_value(text)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(text == "Oui")
            elif isinstance(widget, QComboBox):
                index = widget.findText(text)
                if index < 0 and text:  # a code no longer in the list: kept, not lost
                    widget.addItem(text)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)
                widget.setCursorPosition(0)
        self.set_error("")

    def check(self) -> str:
        """Validate as the service will; the French reason, or empty when the value is fine."""
        try:
            self.item.parse_text(self.text())
        except ValueProblem as problem:
            return problem.reason
        return ""

    def set_error(self, reason: str) -> None:
        self.error.setText(reason[:1].upper() + reason[1:] if reason else "")
        self.error.setVisible(bool(reason))
        self.input.setProperty("invalid", bool(reason))
        self.input.setToolTip(reason)

    def _on_edit(self) -> None:
        self.set_error(self.check())
        self.edited.emit(self.item.name)


class RecordForm(QWidget):
    """All the editable fields of a catalogue in a QFormLayout, in catalogue order."""

    edited = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None, context=None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.fields: dict[str, FieldEditor] = {}
        self.dirty = False
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for item in catalogue.editable:
            editor = FieldEditor(item, self, context)  # context: for the pickers' queries
            label = QLabel(item.label + (" *" if item.required else "") + " :")
            label.setBuddy(editor.input)
            layout.addRow(label, editor)
            editor.edited.connect(self._on_edit)
            self.fields[item.name] = editor

    def load(self, texts: dict[str, str]) -> None:
        for name, editor in self.fields.items():
            editor.set_text(texts.get(name, ""))
        self.dirty = False

    def clear(self) -> None:
        self.load({})

    def texts(self) -> dict[str, str]:
        return {name: editor.text() for name, editor in self.fields.items()}

    def check_all(self) -> dict[str, str]:
        """Every field's problem at once (shown beside each), before anything is sent."""
        errors = {name: reason for name, e in self.fields.items() if (reason := e.check())}
        self.set_errors(errors)
        return errors

    def set_errors(self, errors: dict[str, str]) -> None:
        for name, editor in self.fields.items():
            editor.set_error(errors.get(name, ""))
        if errors:
            self.fields[next(iter(errors))].input.setFocus()

    def error_of(self, name: str) -> str:
        error = self.fields[name].error
        return "" if error.isHidden() else error.text()

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.fields.values():
            editor.input.setEnabled(not read_only)

    def _on_edit(self, _name: str) -> None:
        self.dirty = True
        self.edited.emit()


def _make_input(item: Field, context) -> QWidget:
    if item.widget is Widget.PICKER:
        return RecordPicker(item.picks, context, item.hint)
    if item.widget is Widget.BOOLEAN:
        return QCheckBox()
    if item.widget is Widget.CHOICE:
        combo = QComboBox()
        combo.addItem("")
        combo.addItems(list((item.choices or {}).values()))
        return combo
    if item.widget is Widget.LONG_TEXT:
        area = QPlainTextEdit()
        area.setTabChangesFocus(True)
        area.setMaximumHeight(90)
        return area
    line = QLineEdit()
    line.setPlaceholderText(DATE_HINT if item.widget is Widget.DATE else item.hint)
    return line


def _changed_signal(widget: QWidget):
    if isinstance(widget, RecordPicker):
        return widget.changed
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    return widget.textChanged
