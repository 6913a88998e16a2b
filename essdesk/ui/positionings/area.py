"""The « Mises en relation » area: the filtered list, and the chosen positioning's history and moves."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain import positionings as rules
from essdesk.domain.entities import EntityKind
from essdesk.domain.values import ValueProblem, parse_date
from essdesk.services import counsellors, suggestions
from essdesk.services.positioning_list import PositioningCriteria, positioning_listing
from essdesk.ui import messages
from essdesk.ui.areas.record_list import RecordListView
from essdesk.ui.ops import Changes, OpContext, QueryOp, WriteOp
from essdesk.ui.positionings.transition import PositioningView
from essdesk.ui.records.form import ERROR_STYLE
from essdesk.ui.records.pickers import RecordPicker


class PositioningFilters(QWidget):
    """État, conseiller, offre, employeur, jeune, dates de mise en relation, sans nouvelles."""

    def __init__(self, context: OpContext, on_change, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.status = QComboBox()
        self.status.addItem("Tous les états", "")
        for code, label in rules.STATES.items():
            self.status.addItem(label, code)
        self.counsellor = QComboBox()
        self.counsellor.addItem("Tous les conseillers", None)
        self.offer = RecordPicker("offer", context, "Offre : intitulé ou code ROME")
        self.employer = RecordPicker("employer", context, "Employeur : nom ou SIRET")
        self.youth = RecordPicker("youth", context, "Jeune : nom, prénom…")
        self.proposed_from = QLineEdit(placeholderText="proposée du jj/mm/aaaa")
        self.proposed_to = QLineEdit(placeholderText="au jj/mm/aaaa")
        self.without_news = QCheckBox("En cours, sans nouvelles depuis 60 jours")
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.status, 0, 0)
        grid.addWidget(self.counsellor, 0, 1)
        grid.addWidget(self.proposed_from, 0, 2)
        grid.addWidget(self.proposed_to, 0, 3)
        grid.addWidget(self.youth, 1, 0)
        grid.addWidget(self.offer, 1, 1)
        grid.addWidget(self.employer, 1, 2, 1, 2)
        grid.addWidget(self.without_news, 2, 0, 1, 2)
        grid.addWidget(self.problem, 2, 2, 1, 2)
        for combo in (self.status, self.counsellor):
            combo.currentIndexChanged.connect(lambda *_a: on_change())
        for line in (self.proposed_from, self.proposed_to):
            line.editingFinished.connect(on_change)
        for picker in (self.offer, self.employer, self.youth):
            picker.changed.connect(on_change)
        self.without_news.toggled.connect(lambda *_a: on_change())

    def load_counsellors(self) -> None:
        def show(rows) -> None:
            current = self.counsellor.currentData()
            self.counsellor.blockSignals(True)
            self.counsellor.clear()
            self.counsellor.addItem("Tous les conseillers", None)
            for row in rows:
                self.counsellor.addItem(row.name, row.id)
            self.counsellor.setCurrentIndex(max(self.counsellor.findData(current), 0))
            self.counsellor.blockSignals(False)

        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: counsellors.list_counsellors(db, include_inactive=True),
            success=show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def criteria(self) -> PositioningCriteria:
        problems, dates = [], []
        for line, what in ((self.proposed_from, "début"), (self.proposed_to, "fin")):
            text = line.text().strip()
            try:
                dates.append(parse_date(text) if text else None)
            except ValueProblem as problem:
                problems.append(f"Date de {what} : {problem.reason}")
                dates.append(None)
        self.problem.setText(" ; ".join(problems))
        self.problem.setVisible(bool(problems))
        return PositioningCriteria(
            status=self.status.currentData() or "",
            counsellor_id=self.counsellor.currentData(),
            offer_id=_uuid(self.offer.value()),
            employer_id=_uuid(self.employer.value()),
            youth_id=_uuid(self.youth.value()),
            proposed_from=dates[0],
            proposed_to=dates[1],
            without_news=self.without_news.isChecked(),
        )


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None  # typed but not chosen yet


class PositioningsArea(QWidget):
    """List on the left, the positioning (history, next state) on the right."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.kinds = frozenset(
            {EntityKind.APPLICATIONS, EntityKind.YOUTHS, EntityKind.OFFERS, EntityKind.EMPLOYERS}
        )
        self.filters = PositioningFilters(context, self.apply_filters)
        self.list = RecordListView(positioning_listing(), context)
        self.list.layout().insertWidget(2, self.filters)
        self.list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.view = PositioningView(context)
        self.import_button = QPushButton("Importer les proximités ROME…")
        self.import_button.setToolTip(
            "Table des mobilités entre fiches ROME (France Travail) : colonnes code source, "
            "code cible et libellé ; elle élargit les suggestions."
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.import_button)
        right_layout.addLayout(top)
        right_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.open_requested.connect(self.view.open_positioning)
        self.list.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.moved.connect(lambda _m: self.list.refresh())
        self.import_button.clicked.connect(self.import_proximities)

    def _on_selection(self, *_args) -> None:
        selected = self.list.selected_id()  # a click shows it: no need to press Enter here
        if selected is not None and (self.view.row is None or self.view.row.id != selected):
            self.view.open_positioning(selected)

    def set_database(self, db) -> None:
        self.view.show_row(None)
        if db is not None:
            self.filters.load_counsellors()
        self.list.set_database(db)

    def refresh(self, _changes: Changes | None = None) -> None:
        self.list.refresh()
        if self.view.row is not None:
            self.view.open_positioning(self.view.row.id)

    def apply_filters(self) -> None:
        self.list.model.listing = positioning_listing(self.filters.criteria())
        self.list.refresh()

    def import_proximities(self) -> None:
        path = messages.choose_open_file(
            self, "Table des proximités ROME", "", "Tableaux (*.csv *.xlsx);;Tous les fichiers (*)"
        )
        if not path:
            return
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: suggestions.import_proximities(db, path),
            changes={EntityKind.REFERENCE},
            success=lambda count: messages.show_info(
                self, f"{count} proximités entre métiers importées : les suggestions en tiennent "
                "compte dès maintenant (elles remplacent la table précédente)."
            ),
        ).with_progress("Import des proximités ROME…").run_in_background()  # fmt: skip


def make_positionings_area(context: OpContext) -> PositioningsArea:
    return PositioningsArea(context)
