"""The global search box: results grouped by kind as the user types, Enter opens the record."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
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
HINT = "Tapez quelques lettres d'un nom : « helene dur » trouve Hélène Durand."
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}


class GlobalSearchDialog(QDialog):
    """Type, see the matches by kind, move with the arrows, open with Enter."""

    open_requested = Signal(str, object)  # the kind of record to open ("employer"…), its id
    DEBOUNCE_MS = 150

    def __init__(self, context: OpContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Rechercher partout")
        self.resize(720, 500)
        self.line = QLineEdit(
            placeholderText="Un jeune, un employeur, un contact, une offre : nom, SIRET, "
            "e-mail, téléphone, intitulé…"
        )
        self.line.setAccessibleName("Rechercher partout")
        self.line.setClearButtonEnabled(True)
        # Two columns (the name, what tells it apart) under one title row per kind.
        self.results = QTreeWidget()
        self.results.setObjectName("global_search_results")
        self.results.setColumnCount(2)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setIndentation(14)
        self.results.setItemsExpandable(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.header().setStretchLastSection(True)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._items: list[QTreeWidgetItem] = []  # the hits, in the order shown
        self.state = QLabel(HINT)
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
        self.results.itemActivated.connect(lambda _item, _column: self.open_current())

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
        self._items = []
        for group in groups:
            header = QTreeWidgetItem(self.results, [group.title])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a title, never selected
            header.setFirstColumnSpanned(True)
            font = QFont(header.font(0))
            font.setBold(True)
            header.setFont(0, font)
            for hit in group.hits:
                item = QTreeWidgetItem(header, [hit.title, hit.detail])
                item.setForeground(1, QBrush(QColor("#5f6368")))
                item.setData(0, HIT_ROLE, (hit.kind, hit.id))
                self._items.append(item)
            if group.more:
                more = QTreeWidgetItem(header, ["… d'autres fiches : précisez la recherche"])
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                more.setFirstColumnSpanned(True)
        self.results.expandAll()
        count = len(self._items)
        self.shown_query = text
        if not query_prefixes(text):
            self.state.setText(HINT)
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
        return [item.data(0, HIT_ROLE) for item in self._items]

    def lines(self) -> list[str]:
        """What the list shows, row by row: the titles of the kinds and « name — detail »."""
        shown = []
        for index in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(index)
            shown.append(group.text(0))
            for child in range(group.childCount()):
                item = group.child(child)
                shown.append(" — ".join(t for t in (item.text(0), item.text(1)) if t))
        return shown

    def current(self) -> str:
        item = self.results.currentItem()
        return " — ".join(t for t in (item.text(0), item.text(1)) if t) if item else ""

    def move(self, step: int, from_row: int | None = None) -> None:
        """Select the result `step` rows away, skipping the titles of the kinds."""
        if not self._items:
            return
        current = self.results.currentItem()
        row = next((k for k, item in enumerate(self._items) if item is current), -1)
        if from_row is not None:
            row = from_row
        target = min(max(row + step, 0), len(self._items) - 1)
        self.results.setCurrentItem(self._items[target])
        self.results.scrollToItem(self._items[target])

    def open_current(self) -> None:
        if self._debounce.isActive() or self.shown_query != self.line.text():
            self._open_when_shown = True  # Enter typed before the answer came: open once shown
            self.search_now()
            return
        item = self.results.currentItem()
        target = item.data(0, HIT_ROLE) if any(item is hit for hit in self._items) else None
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
    view = window.views[key]
    listing = getattr(view, "list", None)
    if listing is not None:  # the list's selection no longer tells which record is open
        listing.table.clearSelection()
        listing.select_id(record_id)
    editor = getattr(view, "editor", None)
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
