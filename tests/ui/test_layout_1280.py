"""At 1280 × 720, every screen, tab and dialog fits: no widget below its minimum size or out of
its parent, no label or button cut, headers and names readable, the live grid shows its rounds."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMenuBar,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QSplitterHandle,
    QStatusBar,
    QWidget,
)

from essdesk.ui import printing, worker
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow
from essdesk.ui.speed_meetings.plan_grid import PlanGridView
from tests.ui import screens

WIDTH, HEIGHT = 1280, 720
SLACK = 1  # pixels of rounding
LONGEST_WORD = re.compile(r"\w[\w'’.-]*")
PARTS = (QScrollBar, QSplitterHandle, QMenuBar, QHeaderView)  # sized by the widget they serve
ROWS_READ = 25
READABLE = 8  # characters: a column narrower than this and than its words shows initials


@pytest.fixture
def window(qtbot, dialogs, db_path, settle, monkeypatch):
    monkeypatch.setattr(printing, "ask_print", lambda _dialog: False)
    screens.fill_demo(db_path)
    make_application()
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(WIDTH, HEIGHT)
    main.show()
    qtbot.waitExposed(main)
    open_in_window(main, str(db_path))
    qtbot.waitUntil(lambda: main.db is not None, timeout=20000)
    settle()
    yield main
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=20000)
    QThreadPool.globalInstance().waitForDone()


def cut(root: QWidget, where: str) -> list[str]:
    """What does not fit under `root`: each problem says where and by how much."""
    found = []
    for widget in screens.descendants(root):
        if widget is root or isinstance(widget, PARTS):
            continue
        if isinstance(widget, QLabel) and not (widget.text() or widget.pixmap()):
            continue  # an empty message line takes no room until it has something to say
        name = f"{where} · {screens._describe(widget)}"
        found += _below_minimum(widget, name)
        found += _outside_parent(widget, name)
        found += _text_cut(widget, name)
        bar = widget.horizontalScrollBar() if isinstance(widget, QScrollArea) else None
        if bar is not None and bar.isVisible() and bar.maximum() > 0:
            # A form wider than its panel: its fields are cut at the right edge.
            inner = widget.widget().minimumSizeHint().width() if widget.widget() else 0
            found.append(
                f"{name} : formulaire plus large ({inner}) que sa zone ({widget.width()}) "
                f"de {bar.maximum()} px"
            )
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found += _unreadable_header(widget, name)
            found += _unreadable_cells(widget, name)
        if isinstance(widget, QListView) and not widget.wordWrap():
            found += _cut_items(widget, name)
    return found


def _cut_items(view: QListView, name: str) -> list[str]:
    """A list without word wrap shows each item whole (the navigation, the pick lists)."""
    model = view.model()
    room = view.viewport().width()
    metrics = view.fontMetrics()
    for row in range(min(model.rowCount(view.rootIndex()), ROWS_READ) if model else 0):
        text = str(model.index(row, 0, view.rootIndex()).data() or "")
        needed = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
        if needed + 8 > room:
            return [f"{name} : élément coupé {text[:40]!r} ({room} < {needed + 8})"]
    return []


def _below_minimum(widget: QWidget, name: str) -> list[str]:
    policy = widget.sizePolicy()
    hint = widget.minimumSizeHint()
    if not hint.isValid() or isinstance(widget.parentWidget(), QStatusBar):
        return []
    found = []
    ignored = QSizePolicy.Policy.Ignored
    # A maximum set on purpose (a two-line note field) is a choice, not a squeeze.
    least = hint.boundedTo(widget.maximumSize())
    if policy.horizontalPolicy() != ignored and widget.width() + SLACK < least.width():
        found.append(f"{name} : largeur {widget.width()} < minimum {least.width()}")
    if policy.verticalPolicy() != ignored and widget.height() + SLACK < least.height():
        found.append(f"{name} : hauteur {widget.height()} < minimum {least.height()}")
    return found


def _outside_parent(widget: QWidget, name: str) -> list[str]:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return []
    scrolled = parent.objectName() == "qt_scrollarea_viewport"  # a scroll area shows the rest
    if scrolled or isinstance(parent.parentWidget(), QAbstractScrollArea):
        return []
    inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if not inside.contains(widget.geometry()):
        return [f"{name} : {_rect(widget.geometry())} dépasse de {_rect(parent.rect())}"]
    return []


def _text_cut(widget: QWidget, name: str) -> list[str]:
    if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
        if isinstance(widget.parentWidget(), QStatusBar):
            return []  # the status bar's base path may be long: it shows the start, by design
        if widget.width() + SLACK < widget.sizeHint().width():
            return [f"{name} : texte coupé {widget.text()[:40]!r} ({widget.width()} < "
                    f"{widget.sizeHint().width()})"]  # fmt: skip
    button = isinstance(widget, QAbstractButton) and widget.text()
    if button and widget.width() + SLACK < widget.sizeHint().width():
        return [f"{name} : bouton coupé {widget.text()!r} ({widget.width()} < "
                f"{widget.sizeHint().width()})"]  # fmt: skip
    return []


def _unreadable_header(view: QAbstractItemView, name: str) -> list[str]:
    """Each column at least as wide as the longest word of its title: no title in initials."""
    header = getattr(view, "horizontalHeader", lambda: None)()
    model = view.model()
    if header is None or model is None or not header.isVisible():
        return []
    found = []
    metrics = header.fontMetrics()
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = str(model.headerData(section, header.orientation()) or "")
        words = LONGEST_WORD.findall(title) or [""]
        needed = max(metrics.horizontalAdvance(w) for w in words) + 6
        if header.sectionSize(section) + SLACK < needed:
            found.append(
                f"{name} : colonne {title!r} trop étroite ({header.sectionSize(section)} < {needed})"
            )
    return found


def _unreadable_cells(view: QAbstractItemView, name: str) -> list[str]:
    """No column so narrow that its values show as initials (« Adr… »)."""
    model = view.model()
    header = getattr(view, "horizontalHeader", lambda: None)()
    if model is None or header is None:
        return []
    metrics = view.fontMetrics()
    floor = metrics.horizontalAdvance("x" * READABLE)
    root = view.rootIndex()
    found = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        width = header.sectionSize(column)
        for row in range(min(model.rowCount(root), ROWS_READ)):
            text = str(model.index(row, column, root).data() or "")
            words = LONGEST_WORD.findall(text)
            if not words:
                continue
            needed = min(max(metrics.horizontalAdvance(w) for w in words), floor) + 6
            if width + SLACK < needed:
                found.append(f"{name} : {text[:30]!r} illisible en colonne {column} ({width}px)")
                break
    return found


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()}"


def _window_size(window, where: str) -> list[str]:
    size = window.size()
    if (size.width(), size.height()) != (WIDTH, HEIGHT):
        return [f"{where} : la fenêtre passe à {size.width()}×{size.height()}"]
    return []


def test_every_screen_fits_at_1280_by_720(qtbot, window, settle):
    found, visited = [], 0
    for area in screens.areas(window, settle):
        for state in screens.tab_states(window.stack.currentWidget(), settle, area):
            visited += 1
            found += _window_size(window, state)
            found += cut(window, state)
    assert visited > window.navigation.count()
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_dialog_fits_at_1280_by_720(qtbot, window, dialogs, settle):
    dialogs.answer_yes = False
    found, opened = [], 0
    for where, action in screens.menu_actions(window):
        if action.shortcut().toString() == "Ctrl+Q":
            continue
        before = screens.open_windows()
        action.trigger()
        settle()
        for shown in screens.new_windows(before):
            opened += 1
            size = shown.size()
            if size.width() > WIDTH or size.height() > HEIGHT:
                found.append(f"{where} : {size.width()}×{size.height()} dépasse l'écran")
            for state in screens.tab_states(shown, settle, where):
                found += cut(shown, state)
            if isinstance(shown, QDialog):
                shown.reject()
            shown.close()
            settle()
    assert opened >= 8
    assert not found, "\n".join(dict.fromkeys(found))


def test_speed_meeting_grids_show_their_rounds(qtbot, window, settle):
    """The planning and the live tab show at least four rounds side by side, names whole."""
    window.show_area("speed_meetings")
    view = window.views["speed_meetings"]
    seen = 0
    for state in screens.tab_states(view, settle, "speed meetings"):
        for grid in view.findChildren(PlanGridView):
            if not grid.isVisible() or grid.model().columnCount() == 0:
                continue
            seen += 1
            header = grid.horizontalHeader()
            whole = [
                c
                for c in range(header.count())
                if header.sectionViewportPosition(c) >= 0
                and header.sectionViewportPosition(c) + header.sectionSize(c)
                <= grid.viewport().width()
            ]
            assert len(whole) >= 4, f"{state} : {len(whole)} tours visibles en entier"
    assert seen >= 2  # the planning and the live tab
