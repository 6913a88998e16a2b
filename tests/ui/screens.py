"""Walking the app for the French, layout and accessibility checks: every screen, tab and dialog.

Nothing here lists the screens: the navigation, the tab widgets and the menus say what exists,
so a screen added later is walked too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data

ROWS_READ = 25  # cells read per view: enough to meet every kind of value the demo holds


def fill_demo(path) -> None:
    db = open_database(str(path))
    fill_demo_data(db, youths=60, seed=7)
    db.close()


def shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or widget.isVisibleTo(root)


def descendants(root: QWidget) -> list[QWidget]:
    """`root` and the widgets under it that are visible with it (Qt's own parts left out)."""
    found = [root]
    for widget in root.findChildren(QWidget):
        if shown(widget, root) and not _internal(widget):
            found.append(widget)
    return found


def _internal(widget: QWidget) -> bool:
    """Parts a Qt widget builds for itself (viewports, spin box editors, tab scroll buttons)."""
    if widget.objectName().startswith("qt_"):  # qt_scrollarea_viewport, qt_spinbox_lineedit…
        return True
    parent = widget.parentWidget()
    if parent is not None and parent.objectName().startswith("qt_scrollarea_"):
        return parent.objectName() != "qt_scrollarea_viewport"  # scroll bars' containers
    return isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit))  # clear buttons…


# -- texts ------------------------------------------------------------------------------------


def plain(text: str) -> str:
    """The words a reader sees: tags and entities of rich text removed, mnemonics dropped."""
    if "<" in text and ">" in text:
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text shown under `root`: labels, buttons, titles, cells, tips."""
    for widget in descendants(root):
        where = _describe(widget)
        if widget.isWindow():
            yield where + " (titre)", widget.windowTitle()
        if widget.toolTip():
            yield where + " (infobulle)", widget.toolTip()
        if widget.accessibleName():
            yield where + " (nom accessible)", widget.accessibleName()
        yield from ((where, t) for t in _own_texts(widget))


def _own_texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield widget.itemText(i)
        if widget.isEditable():
            yield widget.lineEdit().placeholderText()
    elif isinstance(widget, QDateTimeEdit):
        yield widget.text()
    elif isinstance(widget, QAbstractSpinBox):
        yield widget.text()
        yield widget.specialValueText()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
        yield widget.text()
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield widget.placeholderText()
        yield widget.toPlainText()
    elif (
        isinstance(widget, QAbstractItemView)
        and not isinstance(widget, QHeaderView)
        and not widget.property("properNames")  # software and licence names stay as they are
    ):
        yield from _view_texts(widget)
    for action in QWidget.actions(widget):  # unbound: an editor may name a field « actions »
        yield from _action_texts(action)


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = view.rootIndex()  # a file dialog shows one folder of its model
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model: its column count is private in Qt
        columns = 1
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield _str(model.headerData(column, Qt.Orientation.Horizontal, role))
    for row in range(min(model.rowCount(root), ROWS_READ)):
        yield _str(model.headerData(row, Qt.Orientation.Vertical))
        for column in range(columns):
            index = model.index(row, column, root)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield _str(index.data(role))


def _str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value)
    return f"<valeur {type(value).__name__} : {value}>"


def _action_texts(action: QAction) -> Iterator[str]:
    if action.isVisible():
        yield action.text()
        if action.toolTip() != action.text().replace("&", "") and action.toolTip():
            yield action.toolTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            for sub in menu.actions():
                yield from _action_texts(sub)


def _describe(widget: QWidget) -> str:
    names = []
    walker: QWidget | None = widget
    while walker is not None and len(names) < 4:
        label = walker.objectName() or type(walker).__name__
        names.append(label)
        walker = walker.parentWidget()
    return " < ".join(names)


# -- walking ----------------------------------------------------------------------------------


def areas(window, settle: Callable[[], None] | None = None) -> Iterator[str]:
    """Show each screen of the navigation in turn (whatever it lists) and yield its label;
    with `settle`, once more with the first record of its lists opened in its editor."""
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        label = window.navigation.item(row).text()
        yield label
        if settle is not None and open_first_records(window.stack.currentWidget(), settle):
            yield f"{label} (une fiche ouverte)"


def open_first_records(root: QWidget, settle: Callable[[], None]) -> int:
    """Select the first row of each record list under `root` (« Liste : … »); how many."""
    settle()
    opened = 0
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or not view.accessibleName().startswith("Liste : "):
            continue
        if model is None or model.rowCount() == 0:
            continue
        view.setCurrentIndex(model.index(0, 0))
        view.activated.emit(model.index(0, 0))  # as Enter or a double-click does
        opened += 1
    settle()
    return opened


def tab_states(root: QWidget, settle: Callable[[], None], where: str) -> Iterator[str]:
    """Yield `where` once as it is, then once per tab of each visible tab widget (nested too)."""
    settle()
    yield where
    for tabs in _outer_tab_widgets(root):
        for i in range(tabs.count()):
            if not tabs.isTabEnabled(i):
                continue
            tabs.setCurrentIndex(i)
            yield from tab_states(tabs.widget(i), settle, f"{where} ▸ {tabs.tabText(i)}")
        tabs.setCurrentIndex(0)


def _outer_tab_widgets(root: QWidget) -> list[QTabWidget]:
    found = []
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        walker = tabs.parentWidget()
        while walker is not None and walker is not root and not isinstance(walker, QTabWidget):
            walker = walker.parentWidget()
        if walker is root or walker is None:
            found.append(tabs)
    return found


def new_windows(before: set[int]) -> list[QWidget]:
    """Windows that opened since `before` (ids of the windows then)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in before and not isinstance(w, QMenu)
    ]


def open_windows() -> set[int]:
    return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}


def menu_actions(window) -> Iterator[tuple[str, QAction]]:
    """(menu ▸ action, action) for every enabled action of the menu bar."""
    for top in window.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if menu else []:
            if action.isSeparator() or action.menu() or not action.isVisible():
                continue
            yield f"{plain(top.text())} ▸ {plain(action.text())}", action


def wizard_pages(wizard: QWizard) -> Iterator[QWidget]:
    """Each page of an assistant, reached or not: its texts are those it will show."""
    for page_id in wizard.pageIds():
        yield wizard.page(page_id)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
