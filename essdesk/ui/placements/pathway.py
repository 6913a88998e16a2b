"""The placement's trainings and follow-ups: the lists, « Ajouter une formation », « Enregistrer un suivi »."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_date
from essdesk.domain.schemes.pathway import FOLLOW_UP_KINDS, TRAINING_KINDS, TRAINING_STATUSES
from essdesk.domain.value_problem import ValueProblem
from essdesk.domain.values import parse_decimal
from essdesk.errors import EssDeskError
from essdesk.services.counsellors import CounsellorRow
from essdesk.services.placements.file import PlacementFile
from essdesk.services.placements.follow_ups import FollowUpInput
from essdesk.services.placements.trainings import TrainingInput
from essdesk.ui import messages
from essdesk.ui.placements.form import _date_line, compact, parse_day
from essdesk.ui.placements.sections import fill, table

# The steps a follow-up may still be recorded against: a missed step of an ended contract
# (« non réalisée ») too, as when an agency types in its Emplois d'avenir history.
ACTIONS_TO_DO = ("à faire", "en retard", "non réalisée")


def _combo(items, first: str | None = None) -> QComboBox:
    combo = compact(QComboBox())
    if first is not None:
        combo.addItem(first, None)
    for code, label in items:
        combo.addItem(label, code)
    return combo


class PathwaySection(QWidget):
    """Reads its forms into service inputs; the editor runs them on a worker."""

    follow_up_requested = Signal(object)  # FollowUpInput
    training_requested = Signal(object)  # TrainingInput

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.file: PlacementFile | None = None
        self.share = QLabel()
        self.trainings = table(["Formation", "Type", "Statut", "Heures", "Du", "Au",
                                "Engagement"], 150)  # fmt: skip
        self.training_title = QLineEdit(placeholderText="Intitulé de la formation")
        self.training_kind = _combo(TRAINING_KINDS.items(), "Type…")
        self.training_status = _combo(TRAINING_STATUSES.items())
        self.training_hours = QLineEdit(placeholderText="Heures")
        self.training_hours.setMaximumWidth(70)
        self.training_start = _date_line()
        self.training_commitment = compact(QComboBox())
        self.training_button = QPushButton("Ajouter la formation")
        self.training_button.clicked.connect(self._training)
        self.follow_ups = table(["Date", "Type", "Conseiller", "Échéance", "Notes"], 150)
        self.on = _date_line()
        self.kind = _combo(FOLLOW_UP_KINDS.items())
        self.counsellor = compact(QComboBox())
        self.milestone = compact(QComboBox(), 14)  # the popup shows whole labels
        self.notes = QLineEdit(placeholderText="Ce qui a été dit, décidé")
        self.record_button = QPushButton("Enregistrer un suivi")
        self.record_button.clicked.connect(self._follow_up)

        training_box = QGroupBox("Formations du parcours")
        grid = QGridLayout(training_box)
        grid.addWidget(self.share, 0, 0, 1, 4)
        grid.addWidget(self.trainings, 1, 0, 1, 4)
        grid.addWidget(self.training_title, 2, 0, 1, 2)
        grid.addWidget(self.training_kind, 2, 2)
        grid.addWidget(self.training_status, 2, 3)
        grid.addWidget(QLabel("Début"), 3, 0)
        grid.addWidget(self.training_start, 3, 1)
        grid.addWidget(self.training_hours, 3, 2)
        grid.addWidget(self.training_commitment, 3, 3)
        grid.addWidget(self.training_button, 4, 3)
        follow_box = QGroupBox("Suivis")
        form = QGridLayout(follow_box)
        form.addWidget(self.follow_ups, 0, 0, 1, 4)
        cells = (("Date", self.on), ("Type", self.kind), ("Conseiller", self.counsellor),
                 ("Échéance remplie", self.milestone))  # fmt: skip
        for index, (label, widget) in enumerate(cells):
            row, column = divmod(index, 2)
            form.addWidget(QLabel(label), row + 1, column * 2)
            form.addWidget(widget, row + 1, column * 2 + 1)
        form.addWidget(self.notes, 3, 0, 1, 3)
        form.addWidget(self.record_button, 3, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(follow_box)
        layout.addWidget(training_box)

    def set_counsellors(self, rows: list[CounsellorRow]) -> None:
        current = self.counsellor.currentData()
        self.counsellor.clear()
        self.counsellor.addItem("—", None)
        for row in rows:
            self.counsellor.addItem(row.name, str(row.id))
        if current is None and self.file is not None and self.file.referent_id is not None:
            current = str(self.file.referent_id)  # the young person's referent, by default
        self.counsellor.setCurrentIndex(max(self.counsellor.findData(current), 0))

    def show_file(self, file: PlacementFile | None) -> None:
        self.file = file
        self.setEnabled(file is not None)
        fill(self.follow_ups, [(format_date(f.on), f.kind, f.counsellor, f.milestone, f.notes)
                               for f in (file.follow_ups if file else [])])  # fmt: skip
        fill(self.trainings, [
            (t.title, t.kind, t.status, str(t.hours or ""), format_date(t.start_date),
             format_date(t.end_date), t.commitment) for t in (file.trainings if file else [])
        ])  # fmt: skip
        self.on.setText(format_date(date.today()))
        self.notes.clear()
        self.milestone.clear()
        self.milestone.addItem("Aucune (suivi libre)", None)
        for line in file.milestones if file else []:
            if line.action and line.state in ACTIONS_TO_DO:
                self.milestone.addItem(f"{line.label} — {format_date(line.due)}", line.code)
        if self.milestone.count() > 1:
            self.milestone.setCurrentIndex(1)  # the next one due is what a meeting usually meets
        if file is not None and file.referent_id is not None:
            index = self.counsellor.findData(str(file.referent_id))
            self.counsellor.setCurrentIndex(max(index, 0))
        self.training_commitment.clear()
        self.training_commitment.addItem("Engagement rempli…", None)
        met = file.commitments if file else None
        for text in met.commitments if met else []:
            self.training_commitment.addItem(text, text)
        if met is None or met.share is None:
            self.share.setText("L'employeur n'a pris aucun engagement de formation.")
        else:
            self.share.setText(
                f"Engagements de l'employeur remplis : {len(met.met)} sur "
                f"{len(met.commitments)} ({round(met.share * 100)} %)."
            )
        self.training_title.clear()
        self.training_hours.clear()
        self.training_start.clear()

    def _follow_up(self) -> None:
        try:
            self._read_follow_up()
        except EssDeskError as error:
            messages.show_error(self, error)

    def _training(self) -> None:
        try:
            self._read_training()
        except EssDeskError as error:
            messages.show_error(self, error)

    def _read_follow_up(self) -> None:
        file = self.file
        if file is None:
            return
        counsellor = self.counsellor.currentData()
        self.follow_up_requested.emit(
            FollowUpInput(
                youth_id=file.data.youth_id,
                on=parse_day(self.on.text(), "Date du suivi"),
                kind=self.kind.currentData(),
                placement_id=file.id,
                counsellor_id=uuid.UUID(counsellor) if counsellor else None,
                milestone_code=self.milestone.currentData(),
                notes=self.notes.text().strip() or None,
            )
        )

    def _read_training(self) -> None:
        file = self.file
        if file is None:
            return
        hours = None
        if self.training_hours.text().strip():
            try:
                hours = int(parse_decimal(self.training_hours.text()))
            except ValueProblem as problem:
                raise EssDeskError(f"Heures de formation : {problem}.") from None
        start = self.training_start.text().strip()
        self.training_requested.emit(
            TrainingInput(
                youth_id=file.data.youth_id,
                title=self.training_title.text().strip(),
                kind=self.training_kind.currentData(),
                placement_id=file.id,
                hours=hours,
                start_date=parse_day(start, "Début de la formation") if start else None,
                status=self.training_status.currentData(),
                commitment=self.training_commitment.currentData(),
            )
        )
