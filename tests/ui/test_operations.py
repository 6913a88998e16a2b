"""Operations and app plumbing: errors shown, one broadcast per write, no database work on the UI thread."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QWidget

from essdesk.domain.entities import EntityKind
from essdesk.errors import EssDeskError
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.speed_meetings.wishes_timing import wish_grid
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.areas import dashboard as dashboard_module
from essdesk.ui.errors import install_error_hooks
from essdesk.ui.main_window import MainWindow
from essdesk.ui.notices import NOTICE_BAR
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp, WriteOp


@pytest.fixture
def context(qtbot, db):
    make_application()
    return OpContext(ChangeHub(), db)


@pytest.fixture
def widget(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent


@pytest.fixture
def window(qtbot, dialogs):
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def _open(qtbot, window, path) -> None:
    open_in_window(window, str(path))
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)


def test_an_error_nobody_handles_is_shown(qtbot, context, widget, dialogs, settle):
    def refused(_db, _control):
        raise EssDeskError("Cette fiche n'existe plus.")

    def broken(_db, _control):
        raise RuntimeError("bug")

    QueryOp(parent=widget, context=context, op=refused).run_in_background()
    settle()
    assert dialogs.errors == ["Cette fiche n'existe plus."]
    WriteOp(
        parent=widget, context=context, op=broken, changes={EntityKind.EMPLOYERS}
    ).run_in_background()
    settle()
    assert dialogs.errors[-1] == "bug"  # the recorder keeps str(error); the dialog says more


def test_an_op_without_a_base_says_so(qtbot, widget, dialogs, settle):
    make_application()
    ran = []
    QueryOp(
        parent=widget, context=OpContext(ChangeHub()), op=lambda *_a: ran.append(1)
    ).run_in_background()
    settle()
    assert dialogs.errors == ["Aucune base n'est ouverte."] and ran == []


def test_a_write_broadcasts_once_after_success_with_its_kinds_and_initiator(
    qtbot, context, widget, dialogs, settle
):
    heard, order = [], []
    context.hub.changed.connect(lambda changes: (heard.append(changes), order.append("broadcast")))
    kinds = {EntityKind.EMPLOYERS, EntityKind.CONTACTS}
    WriteOp(
        parent=widget,
        context=context,
        op=lambda _db, _control: 7,
        changes=kinds,
        success=lambda result: order.append(f"success {result}"),
    ).run_in_background()
    settle()
    assert len(heard) == 1
    assert heard[0].kinds == frozenset(kinds) and heard[0].initiator is widget
    assert heard[0].touches(EntityKind.CONTACTS) and not heard[0].touches(EntityKind.OFFERS)
    assert order == ["success 7", "broadcast"]  # the initiator is up to date when others hear
    assert dialogs.errors == []

    def refused(_db, _control):
        raise EssDeskError("Refusé.")

    WriteOp(parent=widget, context=context, op=refused, changes=kinds).run_in_background()
    settle()
    assert len(heard) == 1 and dialogs.errors == ["Refusé."]  # a failed write changed nothing


def test_dashboard_and_reports_read_off_the_ui_thread(
    qtbot, window, dialogs, db_path, monkeypatch, settle
):
    from essdesk.db.database import open_database

    base = open_database(str(db_path))
    fill_demo_data(base, youths=40, seed=3)
    base.close()
    threads: list[str] = []

    def spy(module, name):
        real = getattr(module, name)

        def recorded(*args, **kwargs):
            threads.append(threading.current_thread().name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, recorded)

    spy(dashboard_module, "dashboard_counts")
    from essdesk.ui.placements import deadlines as deadlines_module

    spy(deadlines_module, "upcoming_deadlines")  # the dashboard's deadlines panel reads through it
    from essdesk.services.events import review as review_module

    spy(review_module, "list_events")  # the reports screen lists its subjects through it
    _open(qtbot, window, db_path)
    settle()
    dashboard = window.views["dashboard"]
    shown = len(threads)
    expected = dashboard_module.dashboard_counts(window.db)  # read here only to compare
    del threads[shown:]
    assert {label: card.text() for label, card in dashboard.cards.items()} == {
        label: f"<span style='font-size:28pt; font-weight:600'>{value}</span>"
        for label, value in expected.items()
    }
    assert any(expected.values())
    window.show_area("reports")
    settle()
    assert window.views["reports"]._subjects["event"]  # the ESS week, listed off the UI thread
    assert len(threads) == 3
    assert threading.main_thread().name not in threads
    assert dialogs.errors == []


def test_a_wish_saved_while_another_window_writes_does_not_freeze_the_ui(
    qtbot, window, dialogs, db_path, settle
):
    from essdesk.db.database import open_database

    base = open_database(str(db_path))
    fill_demo_data(base, youths=80, seed=7, event_history=False)
    base.close()
    _open(qtbot, window, db_path)
    window.show_area("speed_meetings")
    area = window.views["speed_meetings"]
    settle()
    area.tabs.setCurrentWidget(area.wishes)
    settle()
    model = area.wishes.model
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if not model.index(r, c).data()
    )
    candidate_id, recruiter_id = model._key(index)
    heard = []
    window.signals.changed.connect(heard.append)
    ticks = []
    clock = QTimer(interval=50)
    clock.timeout.connect(lambda: ticks.append(1))
    clock.start()
    other = sqlite3.connect(db_path, isolation_level=None)  # another window, mid-import
    other.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    assert model.setData(index, "2")
    assert time.monotonic() - started < 0.5  # the cell does not wait for the base
    assert index.data() == "2"
    qtbot.wait(1000)  # the base is still locked: the event loop keeps running meanwhile
    assert len(ticks) >= 10 and heard == []
    other.rollback()
    other.close()
    settle()
    clock.stop()
    assert dialogs.errors == []
    assert [(c.kinds, c.initiator) for c in heard] == [
        (frozenset({EntityKind.SPEED_MEETINGS}), area.wishes)
    ]
    stored = wish_grid(window.db, area.context.speed_id).ranks
    assert stored[(candidate_id, recruiter_id)] == 2
    assert index.data() == "2"  # the initiator kept its grid; no reset under the user


def test_a_refused_wish_is_explained_and_the_stored_grid_shown(
    qtbot, window, dialogs, db_path, settle
):
    from essdesk.db.database import open_database

    base = open_database(str(db_path))
    fill_demo_data(base, youths=80, seed=7, event_history=False)
    base.close()
    _open(qtbot, window, db_path)
    window.show_area("speed_meetings")
    area = window.views["speed_meetings"]
    settle()
    area.tabs.setCurrentWidget(area.wishes)
    settle()
    model = area.wishes.model
    index = model.index(0, 0)
    before = index.data()
    assert not model.setData(index, "premier")  # not a rank: refused by the model itself
    assert "saisissez un rang" in dialogs.errors[-1] and index.data() == before
    assert model.setData(index, "0")  # a rank the service refuses
    settle()
    assert len(dialogs.errors) == 2 and index.data() == before


def test_the_excepthook_logs_and_shows(qtbot, dialogs, caplog, monkeypatch):
    make_application()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    hooks = install_error_hooks(lambda: None)
    try:
        with caplog.at_level(logging.CRITICAL, logger="essdesk.errors"):
            try:
                raise ValueError("un bogue sur le fil principal")
            except ValueError:
                sys.excepthook(*sys.exc_info())
            assert dialogs.errors == ["un bogue sur le fil principal"]
            assert "Erreur non interceptée" in caplog.text and "ValueError" in caplog.text

            def fails() -> None:
                raise LookupError("un bogue dans un fil")

            thread = threading.Thread(target=fails)
            thread.start()
            thread.join()
            qtbot.waitUntil(lambda: len(dialogs.errors) == 2, timeout=3000)  # on the UI thread
            assert dialogs.errors[-1] == "un bogue dans un fil"
            assert "LookupError" in caplog.text

            def slot() -> None:
                raise KeyError("un bogue dans un slot Qt")

            QTimer.singleShot(0, slot)  # what a stray error in a button's handler looks like
            qtbot.waitUntil(lambda: len(dialogs.errors) == 3, timeout=3000)
            assert "un bogue dans un slot Qt" in dialogs.errors[-1]
            assert "KeyError" in caplog.text
    finally:
        hooks.uninstall()
    assert sys.excepthook is not hooks.handle


def test_start_up_warnings_are_shown_without_blocking(
    qtbot, window, dialogs, db_path, tmp_path, monkeypatch, settle
):
    not_a_folder = tmp_path / "cle-usb"
    not_a_folder.write_text("")  # the backup folder cannot be created: the routine backup fails
    monkeypatch.setenv("ESSDESK_BACKUP_DIR", str(not_a_folder))
    _open(qtbot, window, db_path)
    settle()
    bar = window.findChild(QToolBar, NOTICE_BAR)
    assert bar is not None and not bar.isHidden()
    text = bar.findChild(QLabel, "notice_text").text()
    assert "Sauvegarde automatique impossible" in text and "cle-usb" in text
    assert dialogs.errors == [] and dialogs.infos == [] and dialogs.questions == []
    assert window.status_label.text().startswith("Base « ")  # the base is open and usable
    bar.findChild(QPushButton, "notice_close").click()
    qtbot.waitUntil(lambda: window.findChild(QToolBar, NOTICE_BAR) is None, timeout=3000)


def test_no_bar_when_the_start_had_nothing_to_say(qtbot, window, dialogs, db_path, settle):
    _open(qtbot, window, db_path)
    settle()
    assert window.db.warnings == [] and window.findChild(QToolBar, NOTICE_BAR) is None


def test_a_task_deleted_with_its_parent_is_not_kept_running(qtbot, context, dialogs, settle):
    from essdesk.ui import worker

    parent = QWidget()
    release = threading.Event()
    QueryOp(parent=parent, context=context, op=lambda _db, _c: release.wait(5)).run_in_background()
    assert worker.running() == 1
    parent.deleteLater()  # the screen closes before its read answers
    qtbot.waitUntil(lambda: not worker.running(), timeout=3000)
    release.set()
    qtbot.wait(100)  # the late answer finds no receiver: nothing shown, nothing raised
    assert dialogs.errors == []


def test_writes_of_the_area_run_in_the_order_typed(qtbot, window, dialogs, db_path, settle):
    from essdesk.db.database import open_database

    base = open_database(str(db_path))
    fill_demo_data(base, youths=80, seed=7, event_history=False)
    base.close()
    _open(qtbot, window, db_path)
    window.show_area("speed_meetings")
    area = window.views["speed_meetings"]
    settle()
    area.tabs.setCurrentWidget(area.wishes)
    settle()
    model = area.wishes.model
    index = model.index(0, 0)
    candidate_id, recruiter_id = model._key(index)
    for rank in ("1", "2", "3", "4", "5", "6"):  # typed faster than the base answers
        assert model.setData(index, rank)
    settle()
    assert dialogs.errors == []
    assert wish_grid(window.db, area.context.speed_id).ranks[(candidate_id, recruiter_id)] == 6
    assert index.data() == "6"


def test_the_dashboard_reloads_only_for_what_it_counts(
    qtbot, window, dialogs, db_path, monkeypatch, settle
):
    reads = []
    real = dashboard_module.dashboard_counts
    monkeypatch.setattr(
        dashboard_module, "dashboard_counts", lambda db: reads.append(1) or real(db)
    )
    _open(qtbot, window, db_path)
    settle()
    assert len(reads) == 1  # shown at start
    window.signals.notify({EntityKind.SPEED_MEETINGS})  # a wish typed: no figure changes
    settle()
    assert len(reads) == 1
    window.signals.notify({EntityKind.EMPLOYERS})
    settle()
    assert len(reads) == 2
