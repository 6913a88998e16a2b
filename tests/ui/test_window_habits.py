"""Window habits: geometry, splitters, last area, columns and sort come back at the next start."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from essdesk import settings
from essdesk.ui.app import make_application
from essdesk.ui.main_window import MainWindow


def default_sizes(area) -> list[int]:
    """The sizes the area's splitter takes by itself (stretch 3 : 2)."""
    total = sum(area.splitter.sizes())
    return [total * 3 // 5, total - total * 3 // 5]


@pytest.fixture
def windows(qtbot, dialogs):
    make_application()
    made = []

    def make() -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        made.append(window)
        return window

    return make


def test_the_window_comes_back_as_it_was_left(qtbot, windows):
    first = windows()
    first.show()
    qtbot.waitExposed(first)
    # The test screen is 800 × 800, narrower than the window can be: Qt fits a restored window
    # in it, so the narrowest window is used and the height and place are compared.
    first.resize(first.minimumSizeHint().width(), 700)
    first.move(20, 30)
    first.show_area("employers")
    employers = first.views["employers"]
    qtbot.waitUntil(lambda: employers.splitter.sizes()[0] > 0)
    employers.splitter.setSizes([500, 400])
    kept = employers.splitter.sizes()
    assert kept != default_sizes(employers)
    table = employers.list.table
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    table.horizontalHeader().resizeSection(0, 321)
    first.close()
    saved = json.loads(settings.settings_path().read_text(encoding="utf-8"))["window_habits"]
    assert saved["area"] == "employers" and "employers" in saved["lists"]
    assert "youths" not in dict(first.views)  # a screen never shown is never built

    second = windows()
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (first.width(), 700)
    assert second.y() == 30  # x is moved by Qt so that the wide window fits the screen
    assert second.stack.currentWidget() is second.views["employers"]
    assert second.navigation.currentItem().text() == "Employeurs"
    employers = second.views["employers"]
    qtbot.waitUntil(lambda: employers.splitter.sizes() == kept, timeout=2000)
    header = employers.list.table.horizontalHeader()
    assert header.sectionSize(0) == 321
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    model = employers.list.model
    assert (model.sort_column, model.descending) == (1, True)  # the SQL sort follows the header
    second.show_area("dashboard")
    second.close()
    columns = json.loads(settings.settings_path().read_text(encoding="utf-8"))["window_habits"]
    # A session that never shows the employers keeps what was saved for them before.
    third = windows()
    assert "employers" not in dict(third.views)
    third.close()
    again = json.loads(settings.settings_path().read_text(encoding="utf-8"))["window_habits"]
    assert again["lists"]["employers"] == columns["lists"]["employers"]
    assert again["splitters"]["employers"] == columns["splitters"]["employers"]


def test_unreadable_habits_keep_the_defaults(qtbot, windows):
    settings.update(window_habits={"geometry": 12, "area": "nulle part", "lists": "?"})
    window = windows()
    assert window.stack.currentIndex() == 0
    assert (window.width(), window.height()) == (1200, 760)
    window.close()
