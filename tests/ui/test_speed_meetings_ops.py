"""The speed-meeting screens never query the base on the UI thread, and each write broadcasts once."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow

DEMO_TODAY = date(2026, 11, 22)


@pytest.fixture
def window(qtbot, dialogs, db_path, settle):
    db = open_database(str(db_path))
    fill_demo_data(db, youths=80, seed=7, event_history=False, today=DEMO_TODAY)
    db.close()
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    open_in_window(win, str(db_path))
    qtbot.waitUntil(lambda: win.db is not None, timeout=20000)
    win.show_area("speed_meetings")
    settle()
    return win


def test_every_read_and_write_of_the_area_runs_off_the_ui_thread(qtbot, window, dialogs, settle):
    area = window.views["speed_meetings"]
    on_ui_thread: list[str] = []
    on_workers: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        main = threading.current_thread() is threading.main_thread()
        (on_ui_thread if main else on_workers).append(statement)

    event.listen(window.db.engine, "before_cursor_execute", record)
    heard = []
    window.signals.changed.connect(heard.append)
    try:
        area.new_title.setText("Speed meeting des tiers-lieux")
        area.create()
        settle()
        participants = area.participants
        assert area.tabs.currentWidget() is participants
        participants.pick_employers()
        settle()
        for i in range(3):
            participants.picker.results.item(i).setCheckState(Qt.CheckState.Checked)
        participants.picker.accept()
        settle()
        participants.pick_youths()
        settle()
        for i in range(6):
            participants.picker.results.item(i).setCheckState(Qt.CheckState.Checked)
        participants.picker.accept()
        settle()
        assert participants.recruiters.rowCount() == 3
        assert participants.candidates.rowCount() == 6
        participants.candidates.item(0, 4).setText("2")  # at most two meetings
        settle()
        assert participants.candidates.item(0, 4).text() == "2"

        area.tabs.setCurrentWidget(area.wishes)
        settle()
        model = area.wishes.model
        for row in range(model.rowCount()):
            assert model.setData(model.index(row, row % 3), "1")
        settle()

        area.tabs.setCurrentWidget(area.timing)
        settle()
        area.timing.rounds.setValue(3)
        area.timing.save()
        settle()
        assert area.title.text().count("3 tours") == 1

        area.tabs.setCurrentWidget(area.planning)
        settle()
        area.planning.generate()
        settle()
        assert area.planning.model.cells
        area.planning.grid.setCurrentIndex(area.planning.model.index(0, 0))
        area.planning.toggle_lock()
        settle()
        assert area.planning.model.index(0, 0).data().startswith("🔒 ")

        area.tabs.setCurrentWidget(area.live)
        settle()
        live = area.live
        live.candidates.setCurrentCell(1, 0)
        live.absent_button.click()
        settle()
        assert live.candidates.item(1, 1).text() == "Absent"
        live.round_spin.setValue(2)
        live.people.setCurrentIndex(1)
        live.recruiters.item(2).setCheckState(Qt.CheckState.Unchecked)
        settle()
        assert live.recruiters.item(2).checkState() == Qt.CheckState.Unchecked

        area.tabs.setCurrentWidget(area.results)
        settle()
        assert area.results.meetings.rowCount() > 0
        area.results.set_outcome(0, "hired")
        settle()
    finally:
        event.remove(window.db.engine, "before_cursor_execute", record)
    assert dialogs.errors == []
    assert on_ui_thread == []
    assert len(on_workers) > 100  # the listener heard the work, all of it on workers
    # One broadcast per write, each naming speed meetings and the screen that wrote.
    assert len(heard) >= 12
    assert all(c.kinds == frozenset({EntityKind.SPEED_MEETINGS}) for c in heard)
    initiators = {type(c.initiator).__name__ for c in heard}
    assert initiators == {
        "SpeedMeetingsView",
        "ParticipantsTab",
        "WishesTab",
        "TimingTab",
        "PlanningTab",
        "LiveTab",
        "ResultsTab",
    }
