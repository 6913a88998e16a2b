"""Window habits: geometry, splitters, the last area, each list's column widths and sort,
saved when the main window closes and restored when it opens (in the typed settings file)."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView

from essdesk import settings

_log = logging.getLogger(__name__)


def _encoded(state: QByteArray) -> str:
    return bytes(state.toBase64().data()).decode("ascii")


def _decoded(text: Any) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    return QByteArray.fromBase64(text.encode("ascii"))


def _tables(window) -> dict[str, QTableView]:
    """Each area's record list (an area with an editor has it under `.list`)."""
    found = {}
    for key, view in window.views.items():
        listing = getattr(view, "list", view)
        table = getattr(listing, "table", None)
        if isinstance(table, QTableView):
            found[key] = table
    return found


def _splitters(window) -> dict[str, QSplitter]:
    found = (
        {"main": window.centralWidget()} if isinstance(window.centralWidget(), QSplitter) else {}
    )
    for key, view in window.views.items():
        # Every splitter of a screen (list | record, a tab's panes), named by its place in it.
        splitters = [view] if isinstance(view, QSplitter) else []
        splitters += view.findChildren(QSplitter)
        for index, splitter in enumerate(splitters):
            found[key if index == 0 else f"{key}/{index}"] = splitter
    return found


def capture(window) -> dict[str, Any]:
    """The habits of `window` as plain JSON values."""
    from essdesk.ui.main_window import AREAS

    row = window.navigation.currentRow()
    return {
        "geometry": _encoded(window.saveGeometry()),
        "state": _encoded(QMainWindow.saveState(window)),
        "area": AREAS[row][0] if 0 <= row < len(AREAS) else "",
        "splitters": {k: _encoded(s.saveState()) for k, s in _splitters(window).items()},
        "lists": {
            k: _encoded(t.horizontalHeader().saveState()) for k, t in _tables(window).items()
        },
    }


def save_habits(window) -> None:
    """Remember the window as it is now; a failure to write is logged, never shown."""
    try:
        settings.update(window_habits=capture(window))
    except (OSError, ValueError):
        _log.warning("Habitudes de la fenêtre non enregistrées", exc_info=True)


def restore_habits(window) -> None:
    """Put the window back as the user left it; what is unreadable keeps its default."""
    habits = settings.load().window_habits
    if not habits:
        return
    from essdesk.ui.main_window import AREAS

    geometry = _decoded(habits.get("geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _decoded(habits.get("state"))
    if state is not None:
        window.restoreState(state)
    splitters = habits.get("splitters") if isinstance(habits.get("splitters"), dict) else {}
    for key, splitter in _splitters(window).items():
        saved = _decoded(splitters.get(key))
        if saved is not None:
            # A splitter not yet laid out (an area never shown) would squeeze the sizes it is
            # given: they are set once it is first shown, at its real width.
            splitter.installEventFilter(
                _OnFirstShow(splitter, partial(splitter.restoreState, saved))
            )
    lists = habits.get("lists") if isinstance(habits.get("lists"), dict) else {}
    for key, table in _tables(window).items():
        saved = _decoded(lists.get(key))
        header = table.horizontalHeader()
        if saved is None or not header.restoreState(saved):
            continue
        # The header shows the sort; the model sorts in SQL when asked, so ask it.
        table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        getattr(window.views[key], "list", window.views[key]).keep_column_widths()
    if habits.get("area") in [k for k, _label in AREAS]:
        window.show_area(habits["area"])


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
