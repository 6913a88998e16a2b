"""A search-as-you-type picker: the user types a name or a code, the base answers off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from essdesk.db.database import Database
from essdesk.services import pickers
from essdesk.services.pickers import Choice
from essdesk.ui.ops import OpContext, QueryOp


@dataclass(frozen=True)
class PickerSource:
    """Where a picker looks: what matches the typed text, and the name of a stored value."""

    find: Callable[[Database, str], list[Choice]]
    choice_of: Callable[[Database, str], Choice | None]
    empty: str  # « Aucun employeur ne correspond. »


SOURCES: dict[str, PickerSource] = {
    "employer": PickerSource(
        pickers.find_employers, pickers.employer_choice, "Aucun employeur ne correspond."
    ),
    "rome": PickerSource(pickers.find_rome, pickers.rome_choice, "Aucun métier ne correspond."),
    "youth": PickerSource(pickers.find_youths, pickers.youth_choice, "Aucun jeune ne correspond."),
    "offer": PickerSource(pickers.find_offers, pickers.offer_choice, "Aucune offre ne correspond."),
}


class RecordPicker(QWidget):
    """A line to type in and, under it, what matches; the chosen value is kept apart from the text.

    `value()` is what a form saves (an id, a code); the line shows the choice's name. Typing
    clears the value until a line of the list is chosen (Enter, a click, or the only match).
    """

    changed = Signal()  # the chosen value changed (by the user, never by set_value)
    DEBOUNCE_MS = 200

    def __init__(self, picks: str, context: OpContext | None, hint: str = "", parent=None) -> None:
        super().__init__(parent)
        self.source, self.context = SOURCES[picks], context
        self._value = ""
        self._generation = 0  # a newer query makes older answers stale
        self.line = QLineEdit(placeholderText=hint)
        self.line.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(140)
        self.matches.hide()
        self.empty = QLabel()
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.matches)
        layout.addWidget(self.empty)
        self.setFocusProxy(self.line)
        self._debounce = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.line.textEdited.connect(self._on_typed)
        self.line.returnPressed.connect(self._choose_current)
        self.matches.itemActivated.connect(self._choose_item)
        self.matches.itemClicked.connect(self._choose_item)
        self.line.installEventFilter(self)

    # -- value -----------------------------------------------------------------------------

    def value(self) -> str:
        """The stored value; typed text not chosen is kept so that the form says what is wrong."""
        return self._value or self.line.text().strip()

    def set_value(self, value: str) -> None:
        """Show a stored value (loading a record): its name is read off the UI thread."""
        self._generation += 1
        self._value = value
        self.matches.hide()
        self.empty.hide()
        self.line.setText(value)
        if not value or self.context is None or self.context.db is None:
            return
        generation = self._generation
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: self.source.choice_of(db, value),
            success=lambda choice: self._named(generation, choice),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _named(self, generation: int, choice: Choice | None) -> None:
        if generation == self._generation and choice is not None:
            self.line.setText(choice.text)
            self.line.setCursorPosition(0)

    def choose(self, choice: Choice) -> None:
        self._generation += 1
        self._value = choice.value
        self.line.setText(choice.text)
        self.line.setCursorPosition(0)
        self.matches.hide()
        self.empty.hide()
        self.changed.emit()

    def choices(self) -> list[Choice]:
        return [
            self.matches.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.matches.count())
        ]

    # -- searching -------------------------------------------------------------------------

    def _on_typed(self, _text: str) -> None:
        had_value = bool(self._value)
        self._value = ""
        if had_value:
            self.changed.emit()
        self._debounce.start()

    def _search(self) -> None:
        text = self.line.text().strip()
        self._generation += 1
        generation = self._generation
        if not text or self.context is None or self.context.db is None:
            self._show(generation, [])
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: self.source.find(db, text),
            success=lambda found: self._show(generation, found),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, generation: int, found: list[Choice]) -> None:
        if generation != self._generation:
            return
        self.matches.clear()
        for choice in found:
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        self.empty.setText(self.source.empty)
        self.empty.setVisible(not found and bool(self.line.text().strip()))
        if found:
            self.matches.setCurrentRow(0)

    def _choose_current(self) -> None:
        item = self.matches.currentItem() if self.matches.isVisible() else None
        if item is not None:
            self._choose_item(item)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.choose(item.data(Qt.ItemDataRole.UserRole))
        self.line.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # Down from the line goes into the matches, as in any combo box.
        if (
            watched is self.line
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.matches.isVisible()
        ):
            self.matches.setFocus()
            return True
        return super().eventFilter(watched, event)
