"""The global search box: results grouped by kind as the user types, Enter opens the record."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_count
from essdesk.domain.search_keys import query_prefixes
from essdesk.services.search import HitGroup, global_search, record_to_open
from essdesk.ui.ops import OpContext, QueryOp

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
# The area that shows each kind of record opened from the search (a contact opens its employer).
AREA_OF = {"youth": "youths", "employer": "employers", "offer": "offers"}
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}


class GlobalSearchDialog(QDialog):
    """Type, see the matches by kind, move with the arrows, open with Enter."""

    open_requested = Signal(str, object)  # the kind of record to open ("employer"…), its id
    DEBOUNCE_MS = 150

    def __init__(self, context: OpContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Rechercher partout")
        self.resize(620, 480)
        self.line = QLineEdit(
            placeholderText="Un jeune, un employeur, un contact, une offre : nom, SIRET, "
            "e-mail, téléphone, intitulé…"
        )
        self.line.setAccessibleName("Rechercher partout")
        self.line.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("global_search_results")
        self.results.setUniformItemSizes(False)
        self.state = QLabel(
            "Tapez quelques lettres d'un nom : « helene dur » trouve Hélène Durand."
        )
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.line)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.state)
        self._generation = 0  # each query is numbered: an older answer never replaces a newer
        self.shown_query: str | None = None  # the text whose results are shown
        self._open_when_shown = False  # Enter pressed before the answer arrived
        self._debounce = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.line.textChanged.connect(lambda _text: self._debounce.start())
        self.line.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.open_current())

    # -- searching --------------------------------------------------------------------------

    def search_now(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation, text = self._generation, self.line.text()
        if not query_prefixes(text):
            self._show(generation, text, [])
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: global_search(db, text),
            success=lambda groups: self._show(generation, text, groups),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, generation: int, text: str, groups: list[HitGroup]) -> None:
        if generation != self._generation:
            return  # a newer keystroke's query is on its way, or already shown
        self.results.clear()
        count = 0
        for group in groups:
            header = QListWidgetItem(group.title, self.results)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a title, never selected
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
            for hit in group.hits:
                item = QListWidgetItem(f"    {hit.title}", self.results)
                if hit.detail:
                    item.setText(f"    {hit.title}  —  {hit.detail}")
                item.setData(HIT_ROLE, (hit.kind, hit.id))
                count += 1
            if group.more:
                more = QListWidgetItem(
                    "    … d'autres fiches : précisez la recherche", self.results
                )
                more.setFlags(Qt.ItemFlag.NoItemFlags)
        self.shown_query = text
        if not query_prefixes(text):
            self.state.setText(
                "Tapez quelques lettres d'un nom : « helene dur » trouve Hélène Durand."
            )
        elif count == 0:
            self.state.setText(f"Aucune fiche ne correspond à « {text.strip()} ».")
        else:
            self.state.setText(
                format_count(count, "résultat") + " — ↑ ↓ pour choisir, Entrée pour ouvrir."
            )
        self.move(1, from_row=-1)
        if self._open_when_shown:
            self._open_when_shown = False
            self.open_current()

    # -- choosing ---------------------------------------------------------------------------

    def hits(self) -> list[tuple[str, uuid.UUID]]:
        """The (kind, id) of every result shown, in order (for the tests and the keyboard)."""
        return [
            self.results.item(r).data(HIT_ROLE)
            for r in range(self.results.count())
            if self.results.item(r).data(HIT_ROLE) is not None
        ]

    def move(self, step: int, from_row: int | None = None) -> None:
        """Select the result `step` rows away, skipping the titles of the groups."""
        rows = [r for r in range(self.results.count()) if self.results.item(r).data(HIT_ROLE)]
        if not rows:
            return
        current = self.results.currentRow() if from_row is None else from_row
        if step > 0:
            after = [r for r in rows if r > current]
            target = after[min(step, len(after)) - 1] if after else rows[-1]
        else:
            before = [r for r in rows if r < current]
            target = before[max(step, -len(before))] if before else rows[0]
        self.results.setCurrentRow(target)

    def open_current(self) -> None:
        if self._debounce.isActive() or self.shown_query != self.line.text():
            self._open_when_shown = True  # Enter typed before the answer came: open once shown
            self.search_now()
            return
        item = self.results.currentItem()
        target = item.data(HIT_ROLE) if item is not None else None
        if target is None:
            return
        kind, record_id = target
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: record_to_open(db, kind, record_id),
            success=lambda found: self._opened(*found),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _opened(self, kind: str, record_id: uuid.UUID) -> None:
        self.open_requested.emit(kind, record_id)
        self.accept()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # The cursor stays in the box: the arrows move the selection, Enter opens it.
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _MOVES:
                self.move(_MOVES[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.line.setFocus()
        self.line.selectAll()  # Ctrl+K again: typing replaces the last search


def open_record_in(window, kind: str, record_id: uuid.UUID) -> None:
    """Show the area of `kind` in the main window and open the record in its editor."""
    key = AREA_OF[kind]
    window.show_area(key)
    editor = getattr(window.views[key], "editor", None)
    if editor is not None:
        editor.open_record(record_id)


def open_global_search(window) -> GlobalSearchDialog:
    """The main window's Ctrl+K: one dialog kept for the window, its last search kept too."""
    dialog = getattr(window, "_global_search", None)
    if dialog is None:
        dialog = GlobalSearchDialog(window.context, window)
        dialog.open_requested.connect(lambda kind, rid: open_record_in(window, kind, rid))
        window._global_search = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
