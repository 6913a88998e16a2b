"""Errors nobody caught, on any thread: logged with their trace and shown in French, never lost.

The Windows build has no console: without these hooks an exception raised in a slot or a thread
would print to nowhere and the user would only see a screen that stopped responding.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger("essdesk.errors")


class UnhandledErrors(QObject):
    """`sys.excepthook` and `threading.excepthook` for the desktop app."""

    # Errors of other threads cross to the UI thread through this (queued) signal.
    _reported = Signal(object, str)

    def __init__(self, parent_window: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_window = parent_window
        self._showing = False
        self._previous: tuple | None = None
        self._reported.connect(self._show)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace_back: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal keeps its meaning
            sys.__excepthook__(kind, error, trace_back)
            return
        trace = "".join(traceback.format_exception(kind, error, trace_back))
        log.critical("Erreur non interceptée\n%s", trace)
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            self._show(error, trace)
        else:
            self._reported.emit(error, trace)  # queued: shown once the UI thread gets to it

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(object, str)
    def _show(self, error: BaseException, trace: str) -> None:
        # An error that repeats while its dialog is open (a failing paint) is logged only:
        # one dialog, not a cascade the user cannot get out of.
        if self._showing:
            return
        self._showing = True
        try:
            from essdesk.ui import messages

            messages.show_error(self._parent_window(), error, trace)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("Impossible d'afficher l'erreur à l'utilisateur")
        finally:
            self._showing = False


def install_error_hooks(parent_window: Callable[[], QWidget | None]) -> UnhandledErrors:
    """Install the hooks; keep the returned object for the life of the app."""
    hooks = UnhandledErrors(parent_window)
    hooks.install()
    return hooks
