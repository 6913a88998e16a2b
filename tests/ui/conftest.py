"""UI fixtures: modal dialogs are answered by the tests instead of blocking offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from essdesk.ui import messages


class DialogRecorder:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.answer_yes = True
        self.open_file = ""
        self.directory = ""
        self.save_file = ""


@pytest.fixture
def dialogs(monkeypatch) -> DialogRecorder:
    recorder = DialogRecorder()
    monkeypatch.setattr(
        messages, "show_error", lambda _p, error, trace="": recorder.errors.append(str(error))
    )
    monkeypatch.setattr(messages, "show_info", lambda _p, text: recorder.infos.append(text))

    def ask(_parent, text):
        recorder.questions.append(text)
        return recorder.answer_yes

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    monkeypatch.setattr(messages, "choose_open_file", lambda *_a: recorder.open_file)
    monkeypatch.setattr(messages, "choose_directory", lambda *_a: recorder.directory)
    monkeypatch.setattr(messages, "choose_save_file", lambda *_a: recorder.save_file)
    return recorder


@pytest.fixture
def settle(qtbot):
    """Wait until every operation started so far (and those their results started) is over."""
    from essdesk.ui import worker

    def wait(timeout: int = 20000) -> None:
        qtbot.waitUntil(lambda: not worker.running(), timeout=timeout)
        # The last results and the layouts they asked for are posted events: deliver them, as
        # the running application would at once, so that what is checked is what a user sees.
        for _ in range(3):
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: not worker.running(), timeout=timeout)

    return wait


@pytest.fixture(autouse=True)
def _widgets_outlive_the_test(qtbot):
    """Widgets a test made live until its background work is over.

    pytest-qt keeps only weak references: a widget held by a local variable would be destroyed
    when the test returns, while a query it started may still report to it.
    """
    from PySide6.QtCore import QThreadPool

    from essdesk.ui import worker

    kept = []
    add = qtbot.addWidget

    def add_and_keep(widget, **options):
        kept.append(widget)
        return add(widget, **options)

    qtbot.addWidget = add_and_keep
    yield
    QThreadPool.globalInstance().waitForDone(10000)
    for _ in range(100):  # the reports reach the UI thread: at most 5 s, never a failure here
        if not worker.running():
            break
        qtbot.wait(50)
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():  # a contract window left open by a hook
        if widget.isVisible():
            widget.close()
    kept.clear()
