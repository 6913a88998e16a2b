"""Window habits: geometry, splitters, the last area, each list's column widths and sort,
saved when the main window closes and restored when it opens (in the typed settings file)."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QWidget

from essdesk import settings

_log = logging.getLogger(__name__)


def _encoded(state: QByteArray) -> str:
    return bytes(state.toBase64().data()).decode("ascii")


def _decoded(text: Any) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    return QByteArray.fromBase64(text.encode("ascii"))


def _table_of(view: QWidget) -> QTableView | None:
    """A screen's record list (an area with an editor has it under `.list`)."""
    table = getattr(getattr(view, "list", view), "table", None)
    return table if isinstance(table, QTableView) else None


def _splitters_of(key: str, view: QWidget) -> dict[str, QSplitter]:
    # Every splitter of a screen (list | record, a tab's panes), named by its place in it.
    splitters = [view] if isinstance(view, QSplitter) else []
    splitters += view.findChildren(QSplitter)
    return {key if i == 0 else f"{key}/{i}": s for i, s in enumerate(splitters)}


def capture(window) -> dict[str, Any]:
    """The habits of `window` as plain JSON values.

    Screens not built in this session (never shown) keep the habits saved before.
    """
    from essdesk.ui.main_window import AREAS

    before = getattr(window, "_habits", {}) or {}
    splitters = dict(before.get("splitters") or {})
    lists = dict(before.get("lists") or {})
    if isinstance(window.centralWidget(), QSplitter):
        splitters["main"] = _encoded(window.centralWidget().saveState())
    for key, view in window.views.items():
        splitters.update((k, _encoded(s.saveState())) for k, s in _splitters_of(key, view).items())
        table = _table_of(view)
        if table is not None:
            lists[key] = _encoded(table.horizontalHeader().saveState())
    row = window.navigation.currentRow()
    return {
        "geometry": _encoded(window.saveGeometry()),
        "state": _encoded(QMainWindow.saveState(window)),
        "area": AREAS[row][0] if 0 <= row < len(AREAS) else "",
        "splitters": splitters,
        "lists": lists,
    }


def save_habits(window) -> None:
    """Remember the window as it is now; a failure to write is logged, never shown."""
    try:
        settings.update(window_habits=capture(window))
    except (OSError, ValueError):
        _log.warning("Habitudes de la fenêtre non enregistrées", exc_info=True)


def restore_habits(window) -> None:
    """Put the window back as the user left it; what is unreadable keeps its default.

    Each screen gets its own habits when it is built (restore_view_habits).
    """
    habits = settings.load().window_habits
    window._habits = habits if isinstance(habits, dict) else {}  # noqa: SLF001
    if not habits:
        return
    from essdesk.ui.main_window import AREAS

    geometry = _decoded(habits.get("geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _decoded(habits.get("state"))
    if state is not None:
        window.restoreState(state)
    if isinstance(window.centralWidget(), QSplitter):
        _restore_splitter(window.centralWidget(), _saved(habits, "splitters", "main"))
    for key, view in list(window.views.items()):
        restore_view_habits(window, key, view)
    if habits.get("area") in [k for k, _label in AREAS]:
        window.show_area(habits["area"])


def restore_view_habits(window, key: str, view: QWidget) -> None:
    """The splitters, column widths and sort a screen had when the window was last closed."""
    habits = getattr(window, "_habits", None)
    if not habits:
        return
    for name, splitter in _splitters_of(key, view).items():
        _restore_splitter(splitter, _saved(habits, "splitters", name))
    table = _table_of(view)
    saved = _saved(habits, "lists", key)
    if table is None or saved is None or not table.horizontalHeader().restoreState(saved):
        return
    header = table.horizontalHeader()
    # The header shows the sort; the model sorts in SQL when asked, so ask it.
    table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
    getattr(view, "list", view).keep_column_widths()


def _saved(habits: dict, group: str, name: str) -> QByteArray | None:
    entries = habits.get(group)
    return _decoded(entries.get(name)) if isinstance(entries, dict) else None


def _restore_splitter(splitter: QSplitter, saved: QByteArray | None) -> None:
    if saved is not None:
        # A splitter not yet laid out (a screen not shown yet) would squeeze the sizes it is
        # given: they are set once it is first shown, at its real width.
        splitter.installEventFilter(_OnFirstShow(splitter, partial(splitter.restoreState, saved)))


class _OnFirstShow(QObject):
    """Run `action` once, just after `widget` is first shown and laid out."""

    def __init__(self, widget, action) -> None:
        super().__init__(widget)
        self.action = action

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.action)
        return False
