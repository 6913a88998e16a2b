"""The filter bar above the offers list: each change rebuilds the list's query, run off the UI thread."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from essdesk.domain.nomenclatures import CONTRACT_TYPES, OFFER_STATUSES, ROME_DOMAINS
from essdesk.domain.values import ValueProblem, parse_date
from essdesk.services.offer_list import OfferCriteria
from essdesk.ui.ops import OpContext
from essdesk.ui.records.form import ERROR_STYLE
from essdesk.ui.records.pickers import RecordPicker


def _combo(codes: dict[str, str], everything: str, *, show_code: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, "")
    for code, label in codes.items():
        combo.addItem(f"{code} — {label}" if show_code else label, code)
    return combo


class OfferFilters(QWidget):
    """Statut, contrat, domaine ROME, commune, employeur, dates de publication, sans nouvelles."""

    changed = Signal(object)  # OfferCriteria

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.status = _combo(OFFER_STATUSES, "Tous les statuts")
        self.status.setCurrentIndex(self.status.findData("open"))  # the daily view
        self.contract = _combo(CONTRACT_TYPES, "Tous les contrats")
        self.domain = _combo(ROME_DOMAINS, "Tous les domaines ROME", show_code=True)
        self.domain.setMinimumContentsLength(18)  # the labels are long: the code leads
        self.domain.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.commune = QLineEdit(placeholderText="Commune ou code postal")
        self.commune.setClearButtonEnabled(True)
        self.employer = RecordPicker("employer", context, "Employeur : nom ou SIRET")
        self.published_from = QLineEdit(placeholderText="publiée du jj/mm/aaaa")
        self.published_to = QLineEdit(placeholderText="au jj/mm/aaaa")
        self.without_news = QCheckBox("Sans nouvelles depuis 60 jours")
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.status, 0, 0)
        grid.addWidget(self.contract, 0, 1)
        grid.addWidget(self.domain, 0, 2, 1, 2)
        grid.addWidget(self.commune, 1, 0)
        grid.addWidget(self.employer, 1, 1, 1, 3)
        grid.addWidget(self.without_news, 2, 0, 1, 2)
        grid.addWidget(self.published_from, 2, 2)
        grid.addWidget(self.published_to, 2, 3)
        grid.addWidget(self.problem, 3, 0, 1, 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        for combo in (self.status, self.contract, self.domain):
            combo.currentIndexChanged.connect(self._emit)
        for line in (self.commune, self.published_from, self.published_to):
            line.editingFinished.connect(self._emit)
        self.employer.changed.connect(self._emit)
        self.without_news.toggled.connect(self._emit)

    def criteria(self) -> OfferCriteria:
        problems, dates = [], []
        for line, what in ((self.published_from, "début"), (self.published_to, "fin")):
            text = line.text().strip()
            try:
                dates.append(parse_date(text) if text else None)
            except ValueProblem as problem:
                problems.append(f"Date de {what} : {problem.reason}")
                dates.append(None)
        self.problem.setText(" ; ".join(problems))
        self.problem.setVisible(bool(problems))
        employer = self.employer.value()
        return OfferCriteria(
            status=self.status.currentData() or "",
            contract_type=self.contract.currentData() or "",
            rome_domain=self.domain.currentData() or "",
            commune=self.commune.text(),
            employer_id=_uuid(employer),
            published_from=dates[0],
            published_to=dates[1],
            without_news=self.without_news.isChecked(),
        )

    def _emit(self, *_args) -> None:
        self.changed.emit(self.criteria())


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None  # typed but not chosen: no employer filter yet
