"""Keyboard and screen readers: menus with accelerators, every control named and reachable by
Tab, state colours of the speed-meeting grid readable (WCAG 4.5:1) and never the only cue."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
)

from essdesk.ui import printing, worker
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow
from essdesk.ui.speed_meetings import plan_grid
from tests.ui import screens

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)


@pytest.fixture
def window(qtbot, dialogs, db_path, settle, monkeypatch):
    monkeypatch.setattr(printing, "ask_print", lambda _dialog: False)
    screens.fill_demo(db_path)
    make_application()
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    open_in_window(main, str(db_path))
    qtbot.waitUntil(lambda: main.db is not None, timeout=20000)
    settle()
    yield main
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=20000)
    QThreadPool.globalInstance().waitForDone()


def unnamed(root, where: str) -> list[str]:
    """Controls a screen reader would announce without a name, or that Tab never reaches."""
    found = []
    for widget in screens.descendants(root):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if not widget.isEnabled():
            continue
        name = f"{where} · {screens._describe(widget)}"
        if not screens.accessible_name(widget):
            found.append(f"{name} : pas de nom accessible")
        # Qt gives Tab to the checked radio button of a group; the arrows move within it.
        grouped = isinstance(widget, QRadioButton) and not widget.isChecked()
        if not grouped and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(f"{name} : hors de portée de la touche Tab")
    return found


def test_every_control_of_the_screens_has_a_name(qtbot, window, settle):
    found, checked = [], 0
    for area in screens.areas(window, settle):
        for state in screens.tab_states(window.stack.currentWidget(), settle, area):
            checked += 1
            found += unnamed(window.stack.currentWidget(), state)
    found += unnamed(window.navigation, "navigation")
    assert checked > window.navigation.count()
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_control_of_the_dialogs_has_a_name(qtbot, window, dialogs, settle):
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
            for state in screens.tab_states(shown, settle, where):
                found += unnamed(shown, state)
            if isinstance(shown, QDialog):
                shown.reject()
            shown.close()
            settle()
    assert opened >= 8
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_menu_and_action_has_a_keyboard_letter(window):
    """Alt + the underlined letter opens a menu, then one letter runs its action."""
    titles = [action.text() for action in window.menuBar().actions()]
    assert all(re.search(r"&\w", t) for t in titles), titles
    assert len({_mnemonic(t) for t in titles}) == len(titles)
    for top in window.menuBar().actions():
        letters = []
        for action in top.menu().actions():
            if action.isSeparator():
                continue
            assert _mnemonic(action.text()), f"{top.text()} ▸ {action.text()} : pas de lettre"
            letters.append(_mnemonic(action.text()))
        assert len(set(letters)) == len(letters), f"{top.text()} : lettres en double {letters}"


def _mnemonic(text: str) -> str:
    match = re.search(r"&(\w)", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


def contrast(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(x) for x in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_grid_states_are_readable_and_not_told_by_colour_alone(qtbot, window, settle):
    """Absent, conflict, locked, past, changed: text contrast ≥ 4.5:1 and a symbol or a style."""
    window.show_area("speed_meetings")
    settle()
    view = window.views["speed_meetings"]
    view.tabs.setCurrentWidget(view.planning)
    settle()
    model = view.planning.grid.model()
    assert model.rowCount() > 0
    text_colour = view.planning.grid.palette().text().color()
    seen = {}
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is None:
                continue
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            colour = foreground.color() if foreground is not None else text_colour
            ratio = contrast(colour, background.color())
            assert ratio >= 4.5, f"{index.data()!r} : contraste {ratio:.2f}"
            seen[background.color().name()] = index.data()
    absent = seen.get(plan_grid.ABSENT.name())
    assert absent and plan_grid.ABSENT_MARK in absent  # a symbol, not only red
    for state, mark in (
        (plan_grid.ABSENT, plan_grid.ABSENT_MARK),
        (plan_grid.CONFLICT, plan_grid.CONFLICT_MARK),
        (plan_grid.LOCKED, plan_grid.LOCKED_MARK),
    ):
        assert contrast(text_colour, state) >= 4.5
        assert mark.strip()
    for colour in (plan_grid.PAST, plan_grid.CHANGED):
        assert contrast(plan_grid.PAST_TEXT, plan_grid.PAST) >= 4.5
        assert contrast(text_colour, colour) >= 4.5
    legend = view.planning.findChildren(type(view.title))
    assert any(plan_grid.ABSENT_MARK.strip() in label.text() for label in legend)


def test_focus_is_visible(qtbot, window, settle):
    """The navigation, a list and a search box look different when they have the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_area("youths")
    settle()
    view = window.stack.currentWidget()
    search = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    controls = [
        window.navigation,
        next(
            t
            for t in view.findChildren(QAbstractItemView)
            if t.accessibleName().startswith("Liste")
        ),
        search,
    ]
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)  # Qt draws focus once the keyboard moved it
    for control in controls:
        elsewhere = window.navigation if control is search else search
        elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda c=control: not c.hasFocus())
        before = control.grab().toImage()
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        after = control.grab().toImage()
        assert before != after, f"{screens._describe(control)} : le focus ne se voit pas"
