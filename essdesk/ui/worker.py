"""Background work for the UI: result and error always come back to the UI thread; progress and cancel."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import SIGNAL, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

PROGRESS_DELAY_MS = 500  # quick work finishes before any dialog flashes
log = logging.getLogger(__name__)
_running: set[Task] = set()  # tasks without a parent stay alive until they report
# The signals a worker reports through, kept until the UI thread lets them go: were a worker
# to drop the last reference (its task deleted with a closed screen), the QObject would be
# destroyed on the wrong thread.
_held: set[_Signals] = set()


class TaskControl:
    """Handed to the work function: report progress, ask whether the user cancelled."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._signals.progress.emit(done, total, label)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)
    spent = Signal(object)  # the last report: the UI thread may let these signals go


class _Reaper(QObject):
    """Lives on the UI thread: a task's signals are released there, never on a worker."""

    @Slot(object)
    def release(self, signals: _Signals) -> None:
        _held.discard(signals)


_reaper: list[_Reaper] = []  # made by the first task, on the UI thread


def _the_reaper() -> _Reaper:
    if not _reaper:
        _reaper.append(_Reaper())
    return _reaper[0]


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[TaskControl], Any], signals: _Signals, control: TaskControl
    ) -> None:
        super().__init__()
        self.work, self.signals, self.control = work, signals, control

    def run(self) -> None:
        try:
            result = self.work(self.control)
        except Exception as error:  # never swallowed: delivered to the UI thread
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            self.signals.spent.emit(self.signals)


class Task(QObject):
    """A running piece of work; keep a reference until `done` or `error` fires."""

    done = Signal(object)
    error = Signal(object, str)

    def __init__(self, parent: QWidget | None, label: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.signals = _Signals()
        _held.add(self.signals)
        self.signals.spent.connect(_the_reaper().release, Qt.ConnectionType.QueuedConnection)
        self.control = TaskControl(self.signals)
        self.finished_flag = False
        self._dialog: QProgressDialog | None = None
        self._parent, self._label, self._cancellable = parent, label, cancellable
        self._last = (0, 0, "")
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        # A task deleted with its parent (a dialog closed mid-search) never reports: forget it,
        # or the set of running tasks would keep it for ever.
        self.destroyed.connect(partial(_running.discard, self))
        QTimer.singleShot(PROGRESS_DELAY_MS, self._show_progress)

    def _show_progress(self) -> None:
        if self.finished_flag or not self._label:
            return
        dialog = QProgressDialog(
            self._label, "Annuler" if self._cancellable else "", 0, 0, self._parent
        )
        dialog.setWindowTitle("ESS Desk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.control.cancel)
        self._dialog = dialog
        self._on_progress(*self._last)
        dialog.show()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        self._last = (done, total, label)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(done)
            if label:
                self._dialog.setLabelText(label)

    def _close(self) -> None:
        self.finished_flag = True
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)
        self.deleteLater()  # a finished task is not kept for the life of its parent

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._close()
        self.done.emit(result)

    @Slot(object, str)
    def _on_failed(self, error: BaseException, trace: str) -> None:
        self._close()
        if trace:
            log.error("Échec d'une tâche en arrière-plan\n%s", trace)
        if self.receivers(SIGNAL("error(PyObject,QString)")) == 0:  # shown, never dropped
            from essdesk.ui.messages import show_error

            show_error(self._parent, error, trace)
        else:
            self.error.emit(error, trace)


def running() -> int:
    """How many tasks have not reported yet (the tests and benchmarks wait for none)."""
    return len(_running)


def run_task(
    parent: QWidget | None,
    work: Callable[[TaskControl], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException, str], None] | None = None,
    label: str = "",
    cancellable: bool = False,
) -> Task:
    """Run `work(control)` on the thread pool; callbacks run on the UI thread.

    Without `on_error`, an error is shown in the French error dialog (and logged).
    """
    task = Task(parent, label, cancellable)
    _running.add(task)
    if on_done:
        task.done.connect(on_done)
    if on_error:
        task.error.connect(on_error)
    QThreadPool.globalInstance().start(_Runnable(work, task.signals, task.control))
    return task
