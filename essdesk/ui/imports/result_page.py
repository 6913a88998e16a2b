"""Step 4 of the import wizard: the import in the background, with cancel, then its account."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.services.imports import ImportCancelled, ImportResult
from essdesk.ui import messages
from essdesk.ui.imports.widgets import GREEN, GREY, RED, note
from essdesk.ui.worker import TaskControl

if TYPE_CHECKING:
    from essdesk.ui.imports.wizard import ImportWizard


# What each import writes, for the broadcast that refreshes the lists.
IMPORTED_KINDS = {
    "employers": EntityKind.EMPLOYERS,
    "contacts": EntityKind.CONTACTS,
    "offers": EntityKind.OFFERS,
    "youths": EntityKind.YOUTHS,
}


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
        draft = owner.draft
        layout, entity, mapping = draft.source, draft.entity, dict(draft.mapping)
        skip = draft.skip_invalid
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
            self._say(f"Enregistrement : {done} / {format_count(total, 'fiche')}…", GREY)
        else:
            self._say(
                f"Lecture et vérification : {format_count(done, 'ligne lue', 'lignes lues')}…", GREY
            )

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
        self.owner.draft.result = result
        self._end()
        self._say("Import terminé.", GREEN)
        text = result.summary()
        if not remembered:
            text += "\nLa correspondance des colonnes n'a pas pu être mémorisée."
        self.summary.setText(text)
        self.open_folder.setVisible(result.report_path is not None)
        if self.owner.signals is not None:
            kind = IMPORTED_KINDS.get(self.owner.draft.entity, EntityKind.REFERENCE)
            self.owner.signals.notify({kind}, self.owner)

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
        result = self.owner.draft.result
        if result is not None and result.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result.report_path).parent)))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.over
