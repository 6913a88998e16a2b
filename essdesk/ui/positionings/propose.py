"""Proposing young people for an offer, or offers to a young person: the suggestions with their
French reasons, a search for anyone else, several ticked at once, one write for all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.domain.french import format_count, format_date
from essdesk.errors import EssDeskError
from essdesk.services import counsellors, positionings, suggestions
from essdesk.services.positionings import Proposed
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.positionings.transition import CHANGES
from essdesk.ui.records.form import ERROR_STYLE
from essdesk.ui.records.pickers import RecordPicker

SEARCHED = "ajouté par recherche"


@dataclass(frozen=True)
class Suggested:
    """One line of the dialog: who or what, the score (None when found by search) and why."""

    id: uuid.UUID
    name: str
    detail: str
    score: int | None
    reasons: str


def youths_for_offer(db, offer_id: uuid.UUID) -> list[Suggested]:
    found = []
    for youth, fit in suggestions.suggest_youths(db, offer_id):
        detail = f"né(e) le {format_date(youth.birth_date)}"
        if youth.commune:
            detail += f" — {youth.commune}"
        name = f"{youth.last_name.upper()} {youth.first_name}"
        found.append(Suggested(youth.id, name, detail, fit.score, fit.text))
    return found


def offers_for_youth(db, youth_id: uuid.UUID) -> list[Suggested]:
    found = []
    for offer, fit in suggestions.suggest_offers(db, youth_id):
        found.append(Suggested(offer.id, offer.title, offer.place or "", fit.score, fit.text))
    return found


class ProposeDialog(QDialog):
    """« Proposer des jeunes… » (for an offer) or « Proposer des offres… » (for a young person)."""

    proposed = Signal(object)  # Proposed

    def __init__(self, context: OpContext, *, offer_id=None, youth_id=None, about="", parent=None):
        super().__init__(parent)
        if (offer_id is None) == (youth_id is None):
            raise ValueError("one offer or one young person")
        self.context, self.offer_id, self.youth_id = context, offer_id, youth_id
        for_offer = offer_id is not None
        self.setWindowTitle("Proposer des jeunes" if for_offer else "Proposer des offres")
        self.resize(900, 600)
        self.rows: list[Suggested] = []
        heading = QLabel(
            f"<h3>{'Jeunes à proposer pour' if for_offer else 'Offres à proposer à'} {about}</h3>"
        )
        self.status = QLabel("Recherche des suggestions…")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            ["Jeune" if for_offer else "Offre", "Score", "Pourquoi cette suggestion"]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.search = RecordPicker(
            "youth" if for_offer else "offer", context,
            "Un autre jeune : nom, prénom…" if for_offer else "Une autre offre : intitulé, code ROME…",
        )  # fmt: skip
        self.search.changed.connect(self._add_searched)
        self.counsellor = QComboBox()
        self.comment = QLineEdit(placeholderText="Commentaire de la mise en relation (facultatif)")
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.propose_button = QPushButton("Proposer")
        self.propose_button.setDefault(True)
        cancel = QPushButton("Annuler")
        form = QFormLayout()
        form.addRow("Rechercher :", self.search)
        form.addRow("Conseiller :", self.counsellor)
        form.addRow("Commentaire :", self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.propose_button)
        layout.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.propose_button.clicked.connect(self.submit)
        self._load()

    def _load(self) -> None:
        offer_id, youth_id = self.offer_id, self.youth_id

        def work(db, _c):
            if offer_id is not None:
                found = youths_for_offer(db, offer_id)
            else:
                found = offers_for_youth(db, youth_id)
            return found, counsellors.list_counsellors(db)

        QueryOp(parent=self, context=self.context, op=work, success=lambda r: self._show(*r)
                ).failure(self._failed).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, found: list[Suggested], staff) -> None:
        self.counsellor.clear()
        self.counsellor.addItem("— non précisé —", None)
        for counsellor in staff:
            self.counsellor.addItem(counsellor.name, counsellor.id)
        for item in found:
            self._append(item, checked=False)
        self.status.setText(
            f"{format_count(len(found), 'suggestion')}, les mieux placées d'abord. Cochez celles à proposer ; "
            "la recherche ajoute quelqu'un d'autre."
            if found
            else "Aucune suggestion : recherchez ci-dessous."
        )

    def _append(self, item: Suggested, *, checked: bool) -> None:
        if any(r.id == item.id for r in self.rows):
            row = next(k for k, r in enumerate(self.rows) if r.id == item.id)
            self.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
            return
        row = len(self.rows)
        self.rows.append(item)
        self.table.insertRow(row)
        name = QTableWidgetItem(f"{item.name}\n{item.detail}" if item.detail else item.name)
        name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        name.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem("" if item.score is None else str(item.score)))
        self.table.setItem(row, 2, QTableWidgetItem(item.reasons))
        self.table.resizeRowToContents(row)

    def _add_searched(self) -> None:
        value = self.search.value()
        choices = {c.value: c for c in self.search.choices()}
        choice = choices.get(value)
        if choice is None:  # the value was cleared by typing, or the list has moved on
            return
        self._append(
            Suggested(uuid.UUID(choice.value), choice.label, choice.detail, None, SEARCHED),
            checked=True,
        )
        self.search.set_value("")

    def check(self, row: int, checked: bool = True) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.item(row, 0).setCheckState(state)

    def chosen(self) -> list[uuid.UUID]:
        return [
            r.id
            for k, r in enumerate(self.rows)
            if self.table.item(k, 0).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        ids = self.chosen()
        if not ids:
            self._problem("Cochez au moins une ligne à proposer.")
            return
        counsellor_id, comment = self.counsellor.currentData(), self.comment.text()
        offer_id, youth_id = self.offer_id, self.youth_id

        def op(db, _c) -> Proposed:
            if offer_id is not None:
                return positionings.propose_youths(
                    db, offer_id, ids, counsellor_id=counsellor_id, comment=comment
                )
            return positionings.propose_offers(
                db, youth_id, ids, counsellor_id=counsellor_id, comment=comment
            )

        self.propose_button.setEnabled(False)
        WriteOp(parent=self, context=self.context, op=op, changes=CHANGES, success=self._done
                ).failure(self._failed).run_in_background()  # fmt: skip

    def _done(self, result: Proposed) -> None:
        self.proposed.emit(result)
        if result.already:
            messages.show_info(
                self.parentWidget(),
                "Déjà en relation, non reproposé : " + " ; ".join(result.already),
            )
        self.accept()

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _failed(self, error: BaseException, trace: str) -> None:
        self.propose_button.setEnabled(True)
        if isinstance(error, EssDeskError):
            self._problem(error.message)
        else:
            messages.show_error(self, error, trace)
