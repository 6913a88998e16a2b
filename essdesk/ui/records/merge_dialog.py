"""Merging two duplicate records: both side by side, the one kept chosen, nothing written before
« Fusionner »; the merge itself runs on a worker."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import ALL_KINDS
from essdesk.domain.french import format_count
from essdesk.services.merge import Merged, MergeNeedsChoice
from essdesk.services.merge_preview import MergePreview, MergeSide
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.records.form import ERROR_STYLE
from essdesk.ui.records.kinds import RecordType

SIDE_NAMES = ("Fiche ouverte", "Doublon probable")


class MergeDialog(QDialog):
    """« Fusionner deux fiches »: the user picks the record kept and, if asked, the contract."""

    merged = Signal(object)  # the kept record's id

    def __init__(
        self,
        record_type: RecordType,
        context: OpContext,
        current_id: uuid.UUID,
        other_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert record_type.duplicates is not None
        self.type, self.context = record_type, context
        self.ids = (current_id, other_id)
        self.preview: MergePreview | None = None
        self.setWindowTitle("Fusionner deux fiches")
        self.resize(760, 460)
        intro = QLabel(
            "Choisissez la fiche à garder : tout ce qui est lié à l'autre (mises en relation, "
            "contrats, journal, présences…) lui sera rattaché, ses champs vides seront complétés, "
            "puis l'autre fiche sera supprimée et la fusion notée au journal. "
            "Rien n'est modifié avant « Fusionner »."
        )
        intro.setWordWrap(True)
        self.compare = QGridLayout()
        self.compare.setHorizontalSpacing(16)
        self.keep_group = QButtonGroup(self)
        self.keep_buttons = [QRadioButton("Garder cette fiche") for _ in range(2)]
        for index, button in enumerate(self.keep_buttons):
            self.keep_group.addButton(button, index)
        self.keep_group.idToggled.connect(lambda _id, on: on and self._update_moves())
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        self.placements_box = QGroupBox(
            "Les deux fiches ont un contrat en cours : lequel reste ouvert ?"
        )
        self.placements_layout = QVBoxLayout(self.placements_box)
        self.placement_group = QButtonGroup(self)
        self.placement_group.idToggled.connect(lambda _id, _on: self._update_buttons())
        self.placement_buttons: dict[uuid.UUID, QRadioButton] = {}
        self.placements_box.hide()
        self.state = QLabel("Lecture des deux fiches…")
        self.state.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.merge_button = self.buttons.addButton(
            "Fusionner", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)  # not accept(): the merge must succeed first
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.compare)
        layout.addWidget(self.moves)
        layout.addWidget(self.placements_box)
        layout.addStretch(1)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)
        self.load()

    # -- reading ----------------------------------------------------------------------------

    def load(self) -> None:
        preview, (first, second) = self.type.duplicates.preview, self.ids  # type: ignore[union-attr]
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: preview(db, first, second), success=self._show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, preview: MergePreview) -> None:
        self.preview = preview
        while self.compare.count():
            widget = self.compare.takeAt(0).widget()
            if widget is not None and widget not in self.keep_buttons:
                widget.deleteLater()
        sides = preview.sides
        for column, (name, button) in enumerate(zip(SIDE_NAMES, self.keep_buttons, strict=True)):
            self.compare.addWidget(QLabel(f"<b>{name}</b>"), 0, column + 1)
            self.compare.addWidget(button, 1, column + 1)
        shown = {label for side in sides for label, _t in side.fields}
        labels = [label for label in preview.labels().values() if label in shown]
        values = [dict(side.fields) for side in sides]
        row = 2
        for row, label in enumerate(labels, start=2):
            self.compare.addWidget(QLabel(label), row, 0)
            differ = values[0].get(label, "") != values[1].get(label, "")
            for column in (0, 1):
                text = values[column].get(label, "") or "—"
                cell = QLabel(f"<b>{text}</b>" if differ else text)
                cell.setTextFormat(Qt.TextFormat.RichText if differ else Qt.TextFormat.PlainText)
                cell.setWordWrap(True)
                self.compare.addWidget(cell, row, column + 1)
        self.compare.addWidget(QLabel("Liée à"), row + 1, 0, Qt.AlignmentFlag.AlignTop)
        for column, side in enumerate(sides):
            links = QLabel(_links_text(side) or "rien")
            links.setWordWrap(True)
            self.compare.addWidget(links, row + 1, column + 1, Qt.AlignmentFlag.AlignTop)
        self.compare.setColumnStretch(1, 1)
        self.compare.setColumnStretch(2, 1)
        self._fill_placements(preview)
        if self.keep_group.checkedId() < 0:
            # By default the record with the most history is kept (on a tie, the older one found).
            weights = [sum(side.links.values()) for side in sides]
            self.keep_buttons[0 if weights[0] > weights[1] else 1].setChecked(True)
        if self.state.text() == "Lecture des deux fiches…":
            self.state.setText("")  # a refusal said while reloading stays shown
        self._update_moves()

    def _fill_placements(self, preview: MergePreview) -> None:
        for button in self.placement_buttons.values():
            self.placement_group.removeButton(button)
            button.deleteLater()
        self.placement_buttons = {}
        if preview.needs_choice:
            for name, side in zip(SIDE_NAMES, preview.sides, strict=True):
                for placement_id, label in side.open_placements:
                    button = QRadioButton(f"{label} ({name.lower()})")
                    self.placement_group.addButton(button)
                    self.placements_layout.addWidget(button)
                    self.placement_buttons[placement_id] = button
        self.placements_box.setVisible(preview.needs_choice)

    def _update_moves(self) -> None:
        preview, keep = self.preview, self.keep_group.checkedId()
        if preview is None or keep < 0:
            return
        kept, gone = preview.sides[keep], preview.sides[1 - keep]
        moved = _links_text(gone)
        labels = preview.labels()
        filled = [labels[k] for k, v in gone.texts.items() if v and not kept.texts.get(k)]
        parts = [f"Seront rattachés à la fiche gardée : {moved}." if moved else
                 "L'autre fiche n'a rien de lié à rattacher."]  # fmt: skip
        if filled:
            parts.append("Champs vides complétés depuis l'autre fiche : " + ", ".join(filled) + ".")
        parts.append(f"La fiche « {SIDE_NAMES[1 - keep].lower()} » sera supprimée.")
        self.moves.setText(" ".join(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.preview is not None and self.keep_group.checkedId() >= 0
        if ready and self.preview.needs_choice:  # type: ignore[union-attr]
            ready = self.placement_group.checkedButton() is not None
        self.merge_button.setEnabled(ready)

    # -- writing ----------------------------------------------------------------------------

    def kept_placement(self) -> uuid.UUID | None:
        checked = self.placement_group.checkedButton()
        return next((pid for pid, b in self.placement_buttons.items() if b is checked), None)

    def confirm(self) -> None:
        if self.preview is None or self.keep_group.checkedId() < 0:
            return
        if self.preview.needs_choice and self.kept_placement() is None:
            self._say("Choisissez le contrat qui reste ouvert : rien n'a été fusionné.")
            return
        keep = self.keep_group.checkedId()
        kept, gone = self.ids[keep], self.ids[1 - keep]
        merge, placement = self.type.duplicates.merge, self.kept_placement()  # type: ignore[union-attr]
        self.merge_button.setEnabled(False)
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: merge(db, kept, gone, placement),
            changes=ALL_KINDS, success=self._merged,
        ).failure(self._failed).with_progress("Fusion des deux fiches…").run_in_background()  # fmt: skip

    def _merged(self, result: Merged) -> None:
        self.merged.emit(result.kept_id)
        self.accept()

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, MergeNeedsChoice):  # a contract opened meanwhile on another PC
            self._say(str(error))
            self.load()
            return
        messages.show_error(self, error, trace)
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.state.setStyleSheet(ERROR_STYLE)
        self.state.setText(text)


def _links_text(side: MergeSide) -> str:
    return ", ".join(format_count(n, *words) for words, n in side.links.items())
