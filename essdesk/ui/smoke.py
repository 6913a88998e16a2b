"""`essdesk --database FILE --smoke-test`: start the real app, show each screen once, quit by itself.

Run on a freshly built or installed copy: it proves that the window opens, that the base opens
(and migrates), that every screen builds and loads its data, and that every data file is there.
No dialog waits for a click: any error shown to the user fails the test instead.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from essdesk.errors import EssDeskError
from essdesk.resources import check_resources
from essdesk.ui import messages, worker

log = logging.getLogger("essdesk.smoke")
TIMEOUT_S = 180  # a demo base opens and every screen loads in a few seconds on a slow PC
POLL_MS = 50
SCREENSHOTS_VARIABLE = "ESSDESK_SMOKE_SCREENSHOTS"
QUIET_POLLS = 4  # idle this many polls in a row: the screen's queries and their follow-ups are done


def _say(text: str, *, error: bool = False) -> None:
    # A windowed executable on Windows has no console: sys.stdout and sys.stderr are None there.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _idle() -> bool:
    return worker.running() == 0 and QThreadPool.globalInstance().activeThreadCount() == 0


class SmokeTest(QObject):
    """Drives the main window through its screens, one step per timer tick."""

    def __init__(
        self,
        database: str,
        timeout_s: float = TIMEOUT_S,
        on_finished: Callable[[], None] = QCoreApplication.quit,
    ) -> None:
        super().__init__()
        from essdesk.ui.main_window import AREAS, MainWindow

        self.database = database
        self.failures: list[str] = []
        self.shown: list[str] = []
        self.finished = False
        self._on_finished = on_finished
        self.stage = "ouverture de la base"
        self._areas = list(AREAS)
        self._quiet = 0
        self._started = time.monotonic()
        self._deadline = self._started + timeout_s
        self.window = MainWindow()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        from essdesk.ui.app import open_in_window

        self.window.show()
        open_in_window(self.window, self.database)
        self._timer.start()

    def fail(self, parent, error: BaseException | str, trace: str = "") -> None:
        """Stands in for the error dialog: the message is kept, the trace goes to the log."""
        if isinstance(error, str):
            text = error
        elif isinstance(error, EssDeskError):
            text = error.message
            log.warning("Test de démarrage : %s\n%s", type(error).__name__, trace)
        else:
            from essdesk.log import user_message

            text = user_message(error)
            if trace:
                log.error("Test de démarrage, pendant %s\n%s", self.stage, trace)
        self.failures.append(f"{self.stage} : {text}")
        log.error("Test de démarrage échoué, %s", self.failures[-1])
        self._finish()

    def _step(self) -> None:
        if self.failures:
            return
        if time.monotonic() > self._deadline:
            self.fail(None, f"délai de {self._deadline - self._started:.0f} s dépassé")
            return
        waiting = _dialog_waiting()
        if waiting is not None:  # a key or a login asked for: nobody is there to answer
            self.fail(None, f"une fenêtre attend une réponse (« {waiting} »)")
            return
        if self.window.db is None:
            return  # still opening
        if not _idle():
            self._quiet = 0
            return
        self._quiet += 1
        if self._quiet < QUIET_POLLS:
            return
        if self.shown:
            key, label = self._areas[len(self.shown) - 1]
            if self.window.stack.currentWidget() is not self.window.views[key]:
                self.fail(None, f"l'écran « {label} » ne s'est pas affiché")
                return
            _say(f"Écran affiché : {label}")
            self._grab(key)
        if len(self.shown) == len(self._areas):
            self._finish()
            return
        key, label = self._areas[len(self.shown)]
        self.stage = f"écran « {label} »"
        self.shown.append(key)
        self._quiet = 0
        self.window.show_area(key)

    def _grab(self, key: str) -> None:
        """Each screen as PNG when SCREENSHOTS_VARIABLE names a folder: a build's pictures."""
        folder = os.environ.get(SCREENSHOTS_VARIABLE)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            number = len(self.shown)
            self.window.grab().save(str(Path(folder) / f"{number:02d}-{key}.png"))

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._timer.stop()
        QTimer.singleShot(0, self.window.close)  # closes the base once its queries are over
        QTimer.singleShot(0, self._on_finished)


def _dialog_waiting() -> str | None:
    """The title of a dialog shown and waiting for the user, progress dialogs aside."""
    for widget in QApplication.topLevelWidgets():
        dialog = isinstance(widget, QDialog) and not isinstance(widget, QProgressDialog)
        if dialog and widget.isVisible():
            return widget.windowTitle() or type(widget).__name__
    return None


def _french_qt() -> bool:
    """Whether Qt's own buttons read in French (its translation was found and loaded)."""
    return QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def run_smoke_test(database: str | None, timeout_s: float = TIMEOUT_S) -> int:
    """0 when every screen showed with no error; 1 with French lines on stderr otherwise."""
    from essdesk.ui.app import make_application
    from essdesk.ui.errors import install_error_hooks

    if not database:
        _say("Erreur : --smoke-test demande --database FICHIER (une base d'essai).", error=True)
        return 1
    app = make_application()
    problems = [f"fichier manquant : {line}" for line in check_resources()]
    if not problems and not _french_qt():
        problems.append("la traduction française de Qt n'a pas été chargée")
    if not problems and app.windowIcon().pixmap(32, 32).isNull():  # the SVG plugin is missing
        problems.append("l'icône de l'application ne s'affiche pas (module SVG de Qt absent ?)")
    if problems:
        for line in problems:
            log.error("Test de démarrage : %s", line)
            _say(f"Erreur : {line}", error=True)
        return 1
    smoke = SmokeTest(database, timeout_s)
    restore = answer_dialogs(smoke.fail)
    hooks = install_error_hooks(lambda: smoke.window)
    started = time.monotonic()
    try:
        smoke.start()
        app.exec()
        QThreadPool.globalInstance().waitForDone()
    finally:
        hooks.uninstall()
        restore()
    if smoke.failures:
        for line in smoke.failures:
            _say(f"Erreur : test de démarrage échoué, {line}", error=True)
        return 1
    _say(
        f"Test de démarrage réussi : {len(smoke.shown)} écrans affichés en "
        f"{time.monotonic() - started:.1f} s."
    )
    return 0


def answer_dialogs(on_error: Callable) -> Callable[[], None]:
    """Route the app's dialogs away from the screen for the run; returns what puts them back."""
    saved = {name: getattr(messages, name) for name in ("show_error", "show_info", "ask_yes_no")}
    messages.show_error = on_error
    messages.show_info = lambda _parent, text: log.info("Test de démarrage, message : %s", text)
    messages.ask_yes_no = lambda _parent, _text: False  # never replace or change anything

    def restore() -> None:
        for name, function in saved.items():
            setattr(messages, name, function)

    return restore
