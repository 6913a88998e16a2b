"""The placement's own form: who, where, which scheme, the dates, hours, aid, tutor, commitments."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_date, format_number
from essdesk.domain.schemes import CATALOGUE
from essdesk.domain.schemes.catalogue import CONTRACT_FORMS
from essdesk.domain.value_problem import ValueProblem
from essdesk.domain.values import parse_date, parse_decimal
from essdesk.errors import EssDeskError
from essdesk.services.placements.file import tutors_of
from essdesk.services.placements.records import PlacementInput
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.records.form import ERROR_STYLE
from essdesk.ui.records.pickers import RecordPicker

DATE_HINT = "jj/mm/aaaa"
UNKNOWN = "Non renseigné"
SCHEMES = [(s.code, s.name) for s in CATALOGUE if s.code != "AUCUN"]


class FormProblems(EssDeskError):
    """Fields that cannot be read: each named in French, nothing was saved."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        lines = "\n".join(f"{label} : {text}" for label, text in problems.items())
        super().__init__(f"Le contrat n'a pas été enregistré :\n{lines}")


def compact(combo: QComboBox, chars: int = 16) -> QComboBox:
    """A combo as wide as its longest item would push the editor past the window: cap it."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def _date_line() -> QLineEdit:
    line = QLineEdit(placeholderText=DATE_HINT)
    line.setMaximumWidth(120)
    return line


def _yes_no() -> QComboBox:
    combo = compact(QComboBox())
    for label, value in ((UNKNOWN, None), ("Oui", True), ("Non", False)):
        combo.addItem(label, value)
    return combo


class PlacementForm(QWidget):
    """Loads a PlacementInput with signals blocked; `read()` gives one back or names the fields."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.youth = RecordPicker("youth", context, "Nom ou prénom du jeune")
        self.employer = RecordPicker("employer", context, "Nom ou SIRET de l'employeur")
        self.offer = RecordPicker("offer", context, "Offre pourvue (facultatif)")
        self.job_title = QLineEdit()
        self.scheme = compact(QComboBox())
        self.scheme.addItem("Sans dispositif", None)
        for code, name in SCHEMES:
            self.scheme.addItem(name, code)
            self.scheme.setItemData(self.scheme.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        # The whole name on hover, should a long one still be cut on a narrow screen.
        self.scheme.currentTextChanged.connect(self.scheme.setToolTip)
        self.contract_form = compact(QComboBox())
        self.contract_form.addItem("—", None)
        for code, label in CONTRACT_FORMS.items():
            self.contract_form.addItem(label, code)
        self.contract_type = QComboBox()
        for code in ("CDD", "CDI"):
            self.contract_type.addItem(code, code)
        self.start, self.end = _date_line(), _date_line()
        self.weekly_hours = QLineEdit("35")
        self.weekly_hours.setMaximumWidth(80)
        self.aid_rate = QLineEdit()
        self.aid_rate.setMaximumWidth(80)
        self.aid_start, self.aid_end = _date_line(), _date_line()
        self.aid_extension = QCheckBox("Aide prolongée pour achever une formation")
        self.tutor = compact(QComboBox(), 24)
        self.tutor.addItem("Aucun tuteur désigné", None)
        self.commitments = QPlainTextEdit()
        self.commitments.setPlaceholderText("Une action de formation promise par ligne")
        self.commitments.setMaximumHeight(70)
        self.qualification = QLineEdit()
        self.part_time_agreement = _yes_no()
        self.search_waiver = _yes_no()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self._labels: dict[QWidget, str] = {}

        who = QFormLayout()
        self._row(who, "Jeune", self.youth)
        self._row(who, "Employeur", self.employer)
        self._row(who, "Offre", self.offer)
        self._row(who, "Intitulé du poste", self.job_title)
        contract = QGridLayout()
        cells = (
            ("Dispositif", self.scheme), ("Forme du contrat", self.contract_form),
            ("Type de contrat", self.contract_type), ("Date de début", self.start),
            ("Date de fin prévue", self.end), ("Durée hebdomadaire (h)", self.weekly_hours),
            ("Taux d'aide (%)", self.aid_rate), ("Début de l'aide", self.aid_start),
            ("Fin de l'aide", self.aid_end),
        )  # fmt: skip
        for index, (label, widget) in enumerate(cells):
            row, column = divmod(index, 3)
            self._labels[widget] = label
            caption = QLabel(label)
            caption.setBuddy(widget)
            left = Qt.AlignmentFlag.AlignLeft  # a narrow date line is not centred in its cell
            contract.addWidget(caption, row * 2, column, left)
            if isinstance(widget, QComboBox) and widget is not self.contract_type:
                # A list fills its cell: « Contrat d'engagement jeune » is not cut to « …je ».
                contract.addWidget(widget, row * 2 + 1, column)
            else:
                contract.addWidget(widget, row * 2 + 1, column, left)
        contract.addWidget(self.aid_extension, 6, 0, 1, 3)
        commitments = QFormLayout()
        self._row(commitments, "Tuteur", self.tutor)
        self._row(commitments, "Actions de formation promises", self.commitments)
        self._row(commitments, "Qualification visée", self.qualification)
        self._row(commitments, "Accord du jeune au temps partiel", self.part_time_agreement)
        self._row(commitments, "Dérogation du prescripteur", self.search_waiver)
        self._row(commitments, "Notes", self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(who)
        box = QGroupBox("Contrat et aide de l'État")
        box.setLayout(contract)
        layout.addWidget(box)
        engagements = QGroupBox("Tutorat et engagements de l'employeur")
        engagements.setLayout(commitments)
        layout.addWidget(engagements)
        layout.addWidget(self.error)
        self._wanted_tutor: str | None = None
        self.employer.changed.connect(self._employer_chosen)

    def _employer_chosen(self) -> None:
        self.load_tutors(None)

    def _row(self, layout: QFormLayout, label: str, widget: QWidget) -> None:
        self._labels[widget] = label
        layout.addRow(label, widget)

    # -- loading ---------------------------------------------------------------------------

    def load(self, data: PlacementInput | None) -> None:
        """Show `data` (None: an empty form); no signal fires, nothing is saved."""
        self.set_problems({})
        for widget in self._labels:
            widget.blockSignals(True)
        try:
            self._load(data)
        finally:
            for widget in self._labels:
                widget.blockSignals(False)
        self.load_tutors(str(data.tutor_id) if data and data.tutor_id else None)

    def _load(self, d: PlacementInput | None) -> None:
        self.youth.set_value(str(d.youth_id) if d else "")
        self.employer.set_value(str(d.employer_id) if d else "")
        self.offer.set_value(str(d.offer_id) if d and d.offer_id else "")
        self.job_title.setText(d.job_title if d else "")
        _select(self.scheme, d.scheme_code if d else None)
        _select(self.contract_form, d.contract_form if d else None)
        _select(self.contract_type, d.contract_type if d else "CDD")
        self.start.setText(format_date(d.start_date) if d else "")
        self.end.setText(format_date(d.end_date) if d else "")
        self.weekly_hours.setText(format_number(d.weekly_hours) if d else "35")
        rate = d.aid_rate if d else None
        self.aid_rate.setText(format_number(rate) if rate is not None else "")
        self.aid_start.setText(format_date(d.aid_start) if d else "")
        self.aid_end.setText(format_date(d.aid_end) if d else "")
        self.aid_extension.setChecked(bool(d and d.aid_extension_for_training))
        self.commitments.setPlainText("\n".join(d.commitments) if d else "")
        self.qualification.setText((d.qualification_target or "") if d else "")
        _select(self.part_time_agreement, d.part_time_agreement if d else None)
        _select(self.search_waiver, d.search_waiver if d else None)
        self.notes.setPlainText((d.notes or "") if d else "")

    def load_tutors(self, wanted: str | None) -> None:
        """The employer's contacts, read off the UI thread; `wanted` is chosen when listed."""
        self._wanted_tutor = wanted if wanted is not None else self.tutor.currentData()
        employer = self.employer.value()
        try:
            employer_id = uuid.UUID(employer)
        except ValueError:
            self._fill_tutors([])
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: tutors_of(db, employer_id),
            success=self._fill_tutors,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _fill_tutors(self, contacts: list[tuple[str, str]]) -> None:
        self.tutor.blockSignals(True)
        self.tutor.clear()
        self.tutor.addItem("Aucun tuteur désigné", None)
        for ident, name in contacts:
            self.tutor.addItem(name, ident)
        self.tutor.setCurrentIndex(max(self.tutor.findData(self._wanted_tutor), 0))
        self.tutor.blockSignals(False)

    # -- reading ---------------------------------------------------------------------------

    def read(self, justification: str | None = None) -> PlacementInput:
        """What the form says, or FormProblems naming each field that cannot be read."""
        problems: dict[QWidget, str] = {}

        def parse(widget, parser, required=False):
            text = widget.text().strip()
            if not text:
                if required:
                    problems[widget] = "à renseigner"
                return None
            try:
                return parser(text)
            except ValueProblem as problem:
                problems[widget] = str(problem)
                return None

        youth = _uuid(self.youth.value(), self.youth, problems, "choisissez le jeune dans la liste")
        employer = _uuid(
            self.employer.value(), self.employer, problems, "choisissez l'employeur dans la liste"
        )
        offer = (
            _uuid(self.offer.value(), self.offer, problems, "choisissez l'offre dans la liste")
            if self.offer.value()
            else None
        )
        if not self.job_title.text().strip():
            problems[self.job_title] = "à renseigner"
        start = parse(self.start, parse_date, required=True)
        end = parse(self.end, parse_date)
        hours = parse(self.weekly_hours, parse_decimal, required=True)
        rate = parse(self.aid_rate, parse_decimal)
        aid_start, aid_end = parse(self.aid_start, parse_date), parse(self.aid_end, parse_date)
        if hours is not None and not Decimal(0) < hours <= Decimal(48):
            problems[self.weekly_hours] = "entre 1 et 48 heures par semaine"
        if rate is not None and not Decimal(0) <= rate <= Decimal(100):
            problems[self.aid_rate] = "un pourcentage entre 0 et 100"
        if start and end and end < start:
            problems[self.end] = f"la fin précède le début ({format_date(start)})"
        if self.contract_type.currentData() == "CDI" and end is not None:
            problems[self.end] = "un CDI n'a pas de date de fin"
        self.set_problems({self._labels[w]: text for w, text in problems.items()}, problems)
        if problems:
            raise FormProblems({self._labels[w]: text for w, text in problems.items()})
        assert youth and employer and start and hours is not None
        tutor = self.tutor.currentData()
        return PlacementInput(
            youth_id=youth,
            employer_id=employer,
            job_title=self.job_title.text().strip(),
            start_date=start,
            contract_type=self.contract_type.currentData(),
            end_date=end,
            scheme_code=self.scheme.currentData(),
            contract_form=self.contract_form.currentData(),
            weekly_hours=hours,
            aid_rate=rate,
            aid_start=aid_start,
            aid_end=aid_end,
            tutor_id=uuid.UUID(tutor) if tutor else None,
            offer_id=offer,
            commitments=[c for c in self.commitments.toPlainText().splitlines() if c.strip()],
            qualification_target=self.qualification.text().strip() or None,
            part_time_agreement=self.part_time_agreement.currentData(),
            search_waiver=self.search_waiver.currentData(),
            aid_extension_for_training=self.aid_extension.isChecked(),
            notes=self.notes.toPlainText().strip() or None,
            justification=justification,
        )

    def set_problems(self, by_label: dict[str, str], widgets: dict | None = None) -> None:
        for widget in self._labels:
            widget.setStyleSheet("")
        for widget in widgets or {}:
            widget.setStyleSheet("border: 1px solid #b3261e;")
        self.error.setText("\n".join(f"{label} : {text}" for label, text in by_label.items()))
        self.error.setVisible(bool(by_label))


def _uuid(value: str, widget, problems: dict, message: str) -> uuid.UUID | None:
    if not value:
        problems[widget] = "à renseigner"
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        problems[widget] = message
        return None


def _select(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def parse_day(text: str, what: str) -> date:
    """A date typed jj/mm/aaaa in a small section form, or a French error naming the field."""
    try:
        return parse_date(text)
    except ValueProblem as problem:
        raise EssDeskError(f"{what} : {problem}.") from None
