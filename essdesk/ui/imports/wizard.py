"""The import wizard: kind and file, column mapping, a dry-run preview, then the import itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget, QWizard

from essdesk.db.database import Database
from essdesk.ui import messages
from essdesk.ui.imports.draft import ImportDraft
from essdesk.ui.imports.mapping_page import MappingPage
from essdesk.ui.imports.preview_page import PreviewPage
from essdesk.ui.imports.result_page import ResultPage
from essdesk.ui.imports.source_page import SourcePage
from essdesk.ui.worker import Task, TaskControl, run_task


class ImportWizard(QWizard):
    """Holds the draft the steps fill in; runs their background work, one task per purpose."""

    def __init__(self, db: Database, signals: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.signals = db, signals
        self.draft = ImportDraft()
        self._tasks: dict[str, Task] = {}
        self._closing = False
        self.setWindowTitle("Importer un fichier")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        for button, text in (
            (QWizard.WizardButton.BackButton, "< Précédent"),
            (QWizard.WizardButton.NextButton, "Suivant >"),
            (QWizard.WizardButton.CommitButton, "Importer"),
            (QWizard.WizardButton.FinishButton, "Terminer"),
            (QWizard.WizardButton.CancelButton, "Annuler"),
        ):
            self.setButtonText(button, text)
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.source_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(920, 640)

    def run(
        self,
        slot: str,
        work: Callable[[TaskControl], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskControl:
        """Run `work` off the UI thread; a newer task in the same slot makes this one stale."""
        previous = self._tasks.get(slot)
        if previous is not None:
            previous.control.cancel()
        # No label: each page shows its own progress bar and cancel button, so the worker's
        # pop-up progress dialog would only repeat them.
        task = run_task(self, work, cancellable=True)
        self._tasks[slot] = task

        def finished(callback: Callable[..., None], *args: Any) -> None:
            if self._tasks.get(slot) is not task:
                return  # superseded: its answer is about a file or mapping no longer shown
            del self._tasks[slot]
            callback(*args)
            if self._closing and "import" not in self._tasks:
                super(ImportWizard, self).reject()

        task.done.connect(lambda result: finished(on_done, result))
        task.error.connect(lambda error, trace: finished(on_error, error, trace))
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        return task.control

    def cancel(self, slot: str) -> None:
        """Ask the task to stop; its page still hears how it ended (cancelled, rolled back)."""
        task = self._tasks.get(slot)
        if task is not None:
            task.control.cancel()

    def drop(self, slot: str) -> None:
        """Stop the task and ignore its answer: the page it was working for was left."""
        task = self._tasks.pop(slot, None)
        if task is not None:
            task.control.cancel()

    def running(self, slot: str) -> bool:
        return slot in self._tasks

    def reject(self) -> None:
        for task in self._tasks.values():
            task.control.cancel()
        if "import" in self._tasks:
            # The window stays until the rollback is over: closing earlier would look like
            # the import was stopped while it still holds the base.
            self._closing = True
            self.result_page.cancel_import()
            return
        self._tasks.clear()
        super().reject()


def open_import_wizard(window) -> ImportWizard | None:
    """From the Fichier menu: the wizard over the window's base, window-modal, not blocking."""
    if window.db is None:
        messages.show_error(window, "Aucune base n'est ouverte : rien ne peut être importé.")
        return None
    wizard = ImportWizard(window.db, window.signals, window)
    window._import_wizard = wizard  # kept alive while it is open
    wizard.open()
    return wizard
