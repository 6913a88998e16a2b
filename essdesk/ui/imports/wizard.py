"""The import wizard: kind and file, column mapping, a dry-run preview, then the import itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from essdesk.db.database import Database
from essdesk.errors import EssDeskError
from essdesk.services.import_mappings import FileLayout, Mapping
from essdesk.services.imports import ImportCancelled, ImportResult
from essdesk.ui import messages
from essdesk.ui.imports.pages import (
    GREEN,
    GREY,
    RED,
    MappingPage,
    ProblemsModel,
    SourcePage,
    note,
)
from essdesk.ui.worker import Task, TaskControl, run_task


class ImportWizard(QWizard):
    """Holds what the steps decide; runs their background work, one task per purpose."""

    def __init__(self, db: Database, signals: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.signals = db, signals
        self.entity = "employers"
        self.source: FileLayout | None = None  # the file as read on the first page
        self.mapping: Mapping = {}
        self.preview: ImportResult | None = None
        self.import_result: ImportResult | None = None
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


# What a dry run counts, as ImportResult names it and as the preview shows it.
COUNTS = (
    ("created", "à créer"),
    ("updated", "à mettre à jour"),
    ("skipped", "déjà à jour"),
    ("rejected", "ligne(s) rejetée(s)"),
)


class PreviewPage(QWizardPage):
    """Step 3: the whole file checked in a dry run; what would be created, updated, rejected."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle("Vérification avant import")
        self.setSubTitle(
            "Le fichier est lu et vérifié en entier avec la base ; rien n'est encore enregistré."
        )
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.status = note()
        self.cancel_button = QPushButton("Annuler la vérification")
        self.cancel_button.clicked.connect(lambda: self.owner.cancel("preview"))
        self.retry_button = QPushButton("Vérifier à nouveau")
        self.retry_button.clicked.connect(self.start)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.retry_button)
        self.counts: dict[str, QLabel] = {}
        cards = QGridLayout()
        for column, (key, caption) in enumerate(COUNTS):
            cards.addWidget(self._card(key, caption), 0, column)
        self.unknown = note(colour=GREY)
        self.model = ProblemsModel(self)
        self.problems = QTableView()
        self.problems.setModel(self.model)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.problems.setColumnWidth(1, 180)
        self.skip_invalid = QCheckBox(
            "Importer les lignes valides et écrire un rapport des lignes rejetées"
        )
        self.skip_invalid.toggled.connect(self.completeChanged)
        self.skip_hint = note(colour=GREY)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(cards)
        layout.addWidget(self.unknown)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self.skip_hint)

    def _card(self, key: str, caption: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        number = QLabel("–")
        number.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.counts[key] = number
        box = QVBoxLayout(frame)
        box.addWidget(number)
        box.addWidget(QLabel(caption))
        return frame

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.start()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt API
        self.owner.drop("preview")  # back to the mapping: this check is no longer wanted

    def start(self) -> None:
        from essdesk.services.imports import import_file

        owner = self.owner
        layout, entity, mapping = owner.source, owner.entity, dict(owner.mapping)
        assert layout is not None
        owner.preview = None
        self._show_counts(None)
        self.model.set_problems([])
        self.unknown.setVisible(False)
        self.skip_invalid.setChecked(False)
        self.skip_invalid.setVisible(False)
        self.skip_hint.setVisible(False)
        self._busy(True, "Lecture et vérification du fichier…")

        def work(control: TaskControl) -> ImportResult:
            return import_file(
                owner.db, entity, layout.path, mapping=mapping, dry_run=True,
                sheet=layout.sheet, progress=control.progress, cancelled=control.cancelled,
            )  # fmt: skip

        owner.run(
            "preview", work, on_done=self._done, on_error=self._failed, on_progress=self._tick
        )

    def _tick(self, done: int, _total: int, _label: str) -> None:
        self.status.setText(f"Vérification : {done} ligne(s) lue(s)…")

    def _busy(self, busy: bool, text: str = "", colour: str = GREY) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)  # the number of rows is not known before the end
        self.cancel_button.setVisible(busy)
        self.retry_button.setVisible(not busy and self.owner.preview is None)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")
        self.completeChanged.emit()

    def _show_counts(self, result: ImportResult | None) -> None:
        for key, label in self.counts.items():
            label.setText("–" if result is None else f"{getattr(result, key)}")

    def _done(self, result: ImportResult) -> None:
        self.owner.preview = result
        self._show_counts(result)
        self.model.set_problems(result.problems)
        self.unknown.setVisible(bool(result.unknown_columns))
        self.unknown.setText(f"Colonnes ignorées : {', '.join(result.unknown_columns)}.")
        if result.problems:
            self._busy(
                False,
                f"{result.rejected} ligne(s) rejetée(s) : leurs problèmes sont listés ci-dessous. "
                "Corrigez le fichier, ou importez seulement les lignes valides.",
                RED,
            )
            self.skip_invalid.setVisible(True)
            self.skip_hint.setVisible(True)
            self.skip_hint.setText(
                "Le rapport des lignes rejetées (CSV, avec leurs motifs) sera écrit à côté du "
                f"fichier importé, dans {self.owner.source.path.parent}."
            )
        elif result.created or result.updated:
            self._busy(False, "Toutes les lignes sont valides.", GREEN)
        else:
            self._busy(False, "Rien à enregistrer : la base est déjà à jour de ce fichier.", GREEN)

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, ImportCancelled):
            self._busy(False, "Vérification annulée.", GREY)
        elif isinstance(error, EssDeskError):
            self._busy(False, error.message, RED)
        else:
            self._busy(False, "La vérification a échoué.", RED)
            messages.show_error(self, error, trace)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        preview = self.owner.preview
        if preview is None or self.owner.running("preview"):
            return False
        return not preview.problems or self.skip_invalid.isChecked()


class ResultPage(QWizardPage):
    """Step 4: the import in the background, with progress and cancel, then its account."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle("Import")
        self.progress = QProgressBar()
        self.cancel_button = QPushButton("Annuler l'import")
        self.cancel_button.clicked.connect(self.cancel_import)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        self.status = note()
        self.status.setStyleSheet("font-size: 11pt;")
        self.summary = note()
        self.summary.setStyleSheet("font-size: 10.5pt;")
        self.open_folder = QPushButton("Ouvrir le dossier du rapport des rejets")
        self.open_folder.clicked.connect(self._open_report_folder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder)
        folder_row.addStretch(1)
        layout.addLayout(folder_row)
        layout.addStretch(1)
        self.over = False

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        from essdesk.services.import_mappings import remember_mapping
        from essdesk.services.imports import import_file

        owner = self.owner
        layout, entity, mapping = owner.source, owner.entity, dict(owner.mapping)
        skip = owner.preview_page.skip_invalid.isChecked()
        assert layout is not None
        self.setSubTitle(
            ("Une copie de la base est faite avant d'écrire. " if owner.db.is_sqlite else "")
            + "Annuler l'import n'enregistre rien."
        )
        self.over = False
        self.summary.setText("")
        self.open_folder.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self._say("Sauvegarde de la base, lecture et vérification du fichier…", GREY)

        def work(control: TaskControl) -> tuple[ImportResult, bool]:
            result = import_file(
                owner.db, entity, layout.path, mapping=mapping, skip_invalid=skip,
                sheet=layout.sheet, progress=control.progress, cancelled=control.cancelled,
            )  # fmt: skip
            try:
                remember_mapping(entity, layout.headers, mapping)
            except OSError:
                return result, False  # written all the same: only the next import will ask
            return result, True

        owner.run("import", work, on_done=self._done, on_error=self._failed, on_progress=self._tick)
        self.completeChanged.emit()

    def _tick(self, done: int, total: int, _label: str) -> None:
        if not self.owner.running("import") or not self.cancel_button.isEnabled():
            return  # after a cancel request, the rollback message stays
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self._say(f"Enregistrement : {done} / {total} fiche(s)…", GREY)
        else:
            self._say(f"Lecture et vérification : {done} ligne(s) lue(s)…", GREY)

    def cancel_import(self) -> None:
        if self.owner.running("import"):
            self.owner.cancel("import")
            self.cancel_button.setEnabled(False)
            self._say("Annulation en cours : retour à l'état d'avant l'import…", GREY)

    def _end(self) -> None:
        self.over = True
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.completeChanged.emit()

    def _done(self, outcome: tuple[ImportResult, bool]) -> None:
        result, remembered = outcome
        self.owner.import_result = result
        self._end()
        self._say("Import terminé.", GREEN)
        text = result.summary()
        if not remembered:
            text += "\nLa correspondance des colonnes n'a pas pu être mémorisée."
        self.summary.setText(text)
        self.open_folder.setVisible(result.report_path is not None)
        if self.owner.signals is not None:
            self.owner.signals.changed.emit("*")

    def _failed(self, error: BaseException, trace: str) -> None:
        self._end()
        if isinstance(error, ImportCancelled):
            self._say("Import annulé : rien n'a été enregistré.", GREY)
        elif isinstance(error, EssDeskError):
            self._say(error.message, RED)
            self.summary.setText(error.detail or "")
        else:
            self._say("L'import a échoué ; rien n'a été enregistré.", RED)
            messages.show_error(self, error, trace)

    def _say(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"font-size: 11pt; color: {colour};")

    def _open_report_folder(self) -> None:
        result = self.owner.import_result
        if result is not None and result.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result.report_path).parent)))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.over


def open_import_wizard(window) -> ImportWizard | None:
    """From the Fichier menu: the wizard over the window's base, window-modal, not blocking."""
    if window.db is None:
        messages.show_error(window, "Aucune base n'est ouverte : rien ne peut être importé.")
        return None
    wizard = ImportWizard(window.db, window.signals, window)
    window._import_wizard = wizard  # kept alive while it is open
    wizard.open()
    return wizard
