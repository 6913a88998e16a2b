"""Step 3 of the import wizard: the whole file checked in a dry run, nothing written yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
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
    QWizardPage,
)

from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.services.imports import ImportCancelled, ImportResult
from essdesk.ui import messages
from essdesk.ui.imports.widgets import GREEN, GREY, RED, ProblemsModel, note
from essdesk.ui.worker import TaskControl

if TYPE_CHECKING:
    from essdesk.ui.imports.wizard import ImportWizard

# What a dry run counts, as ImportResult names it and as the preview shows it.
COUNTS = (
    ("created", "à créer"),
    ("updated", "à mettre à jour"),
    ("skipped", "déjà à jour"),
    ("rejected", "lignes rejetées"),
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
        self.skip_invalid.toggled.connect(self._skip_toggled)
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
        draft = owner.draft
        layout, entity, mapping = draft.source, draft.entity, dict(draft.mapping)
        assert layout is not None
        draft.preview = None
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
        self.status.setText(f"Vérification : {format_count(done, 'ligne lue', 'lignes lues')}…")

    def _busy(self, busy: bool, text: str = "", colour: str = GREY) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)  # the number of rows is not known before the end
        self.cancel_button.setVisible(busy)
        self.retry_button.setVisible(not busy and self.owner.draft.preview is None)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")
        self.completeChanged.emit()

    def _show_counts(self, result: ImportResult | None) -> None:
        for key, label in self.counts.items():
            label.setText("–" if result is None else f"{getattr(result, key)}")

    def _done(self, result: ImportResult) -> None:
        self.owner.draft.preview = result
        self._show_counts(result)
        self.model.set_problems(result.problems)
        self.unknown.setVisible(bool(result.unknown_columns))
        self.unknown.setText(f"Colonnes ignorées : {', '.join(result.unknown_columns)}.")
        if result.problems:
            self._busy(
                False,
                f"{format_count(result.rejected, 'ligne rejetée', 'lignes rejetées')} : leurs "
                "problèmes sont listés ci-dessous. "
                "Corrigez le fichier, ou importez seulement les lignes valides.",
                RED,
            )
            self.skip_invalid.setVisible(True)
            self.skip_hint.setVisible(True)
            self.skip_hint.setText(
                "Le rapport des lignes rejetées (CSV, avec leurs motifs) sera écrit à côté du "
                f"fichier importé, dans {self.owner.draft.source.path.parent}."
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

    def _skip_toggled(self, checked: bool) -> None:
        self.owner.draft.skip_invalid = checked
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        preview = self.owner.draft.preview
        if preview is None or self.owner.running("preview"):
            return False
        return not preview.problems or self.skip_invalid.isChecked()
