"""Settings kept in the base: the SMIC table, the regional scheme rates, the members' fee scale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date, format_number
from essdesk.domain.nomenclatures import SIZE_BANDS
from essdesk.ui.ops import OpContext, QueryOp, WriteOp


def date_edit(day: date, tip: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setToolTip(tip)
    return edit


def agree_unit(box: QSpinBox, plural: str) -> None:
    """« 1 an », « 2 ans »: the unit after the number agrees with it (0 and 1 take the singular)."""
    singular = {" ans": " an", " jours": " jour"}.get(plural, plural)

    def agree(value: int) -> None:
        box.setSuffix(plural if value >= 2 else singular)

    box.valueChanged.connect(agree)
    agree(box.value())


def table(headers: list[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.verticalHeader().setVisible(False)
    return widget


def fill(widget: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            widget.setItem(r, c, QTableWidgetItem(value))


class BaseTab(QWidget):
    """A tab that reads its data in a worker and writes through a service in a WriteOp."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.status = QLabel()
        self.status.setWordWrap(True)

    def _query(self, op, show) -> None:
        QueryOp(parent=self, context=self.context, op=op, success=show).bound_to(
            self
        ).without_progress().run_in_background()

    def _write(self, op, done_text: str) -> None:
        def done(_result) -> None:
            self.status.setText(done_text)
            self.reload()

        WriteOp(
            parent=self, context=self.context, op=op, changes=[EntityKind.REFERENCE], success=done
        ).bound_to(self).run_in_background()

    def reload(self) -> None:  # pragma: no cover - each tab defines it
        raise NotImplementedError


class SmicTab(BaseTab):
    """The shipped SMIC table with the rates added here (they win on the same date)."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(context, parent)
        self.rates = table(["En vigueur au", "SMIC horaire brut"])
        today = date.today()
        self.valid_from = date_edit(
            date(today.year + (today.month == 12), today.month % 12 + 1, 1),
            "Le SMIC change un 1er du mois (1er janvier, ou en cours d'année après une hausse).",
        )
        self.hourly = QDoubleSpinBox()
        self.hourly.setRange(5, 50)
        self.hourly.setDecimals(2)  # the décrets publish the hourly SMIC to the cent
        self.hourly.setSuffix(" €")
        self.hourly.setToolTip("Montant horaire brut publié au Journal officiel.")
        self.add_button = QPushButton("Ajouter ce taux")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow("En vigueur au", self.valid_from)
        form.addRow("SMIC horaire brut", self.hourly)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Les aides des contrats aidés sont calculées sur ce barème."))
        layout.addWidget(self.rates, 1)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.status)

    def reload(self) -> None:
        from essdesk.services.placements.aid import smic_table

        def show(entries) -> None:
            rows = [(format_date(d), f"{format_number(v)} €") for d, v in reversed(entries)]
            fill(self.rates, rows)
            if entries and self.hourly.value() <= 5:
                self.hourly.setValue(float(entries[-1][1]))

        self._query(lambda db, _c: smic_table(db).entries(), show)

    def add(self) -> None:
        from essdesk.services.placements.aid import add_smic_rate

        day = self.valid_from.date().toPython()
        hourly = Decimal(str(round(self.hourly.value(), 3)))
        self._write(
            lambda db, _c: add_smic_rate(db, day, hourly),
            f"SMIC de {format_number(hourly)} € enregistré au {format_date(day)}.",
        )


class LocalRatesTab(BaseTab):
    """The PEC aid rate of the regional prefect's order, dated: a new order adds a line."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(context, parent)
        self.rates = table(["En vigueur au", "Taux (PEC)", "Arrêté"])
        self.valid_from = date_edit(date.today(), "Date d'effet de l'arrêté préfectoral.")
        self.rate = QDoubleSpinBox()
        self.rate.setRange(30, 60)
        self.rate.setDecimals(0)
        self.rate.setValue(40)
        self.rate.setSuffix(" %")
        self.rate.setToolTip("Part du SMIC brut prise en charge (30 à 60 % selon la loi).")
        self.note = QLineEdit()
        self.note.setPlaceholderText("ex. arrêté du préfet de région n° 2026-…")
        self.add_button = QPushButton("Enregistrer ce taux")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow("En vigueur au", self.valid_from)
        form.addRow("Taux de prise en charge", self.rate)
        form.addRow("Référence", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Le taux de l'aide PEC est fixé par arrêté du préfet de région : il est proposé "
                "à chaque nouvelle embauche en PEC à partir de sa date d'effet."
            )
        )
        layout.addWidget(self.rates, 1)
        # An empty table says what it means for the user, not just nothing.
        self.empty = QLabel(
            "Aucun arrêté enregistré : le taux de l'aide PEC se saisit sur chaque contrat."
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.status)

    def reload(self) -> None:
        from essdesk.services.placements.local_rates import local_rates

        def show(rows) -> None:
            fill(
                self.rates,
                [(format_date(r.valid_from), f"{format_number(r.rate)} %", r.note) for r in rows],
            )
            self.empty.setVisible(not rows)

        self._query(lambda db, _c: local_rates(db, "PEC"), show)

    def add(self) -> None:
        from essdesk.services.placements.local_rates import set_local_rate

        day, rate = self.valid_from.date().toPython(), Decimal(int(self.rate.value()))
        note = self.note.text().strip()
        self._write(
            lambda db, _c: set_local_rate(db, "PEC", day, rate, note),
            f"Taux PEC de {format_number(rate)} % enregistré à partir du {format_date(day)}.",
        )


class FeesTab(BaseTab):
    """The year's fee of member employers by size band (existing memberships keep theirs)."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(context, parent)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self.reload)
        self.amounts: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        form.addRow("Année", self.year)
        for band, label in SIZE_BANDS.items():
            box = QDoubleSpinBox()
            box.setRange(0, 100000)
            box.setDecimals(2)
            box.setGroupSeparatorShown(True)  # 1 200,00 €, as the amounts are written elsewhere
            box.setSuffix(" €")
            box.setAccessibleName(f"Cotisation {label}")
            self.amounts[band] = box
            form.addRow(f"Effectif {label}", box)
        self.save_button = QPushButton("Enregistrer le barème")
        self.save_button.setToolTip(
            "Les adhésions déjà enregistrées gardent leur montant ; le barème vaut pour les "
            "suivantes."
        )
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def reload(self) -> None:
        from essdesk.services.memberships import fee_scale

        year = self.year.value()

        def show(scale: dict[str, Decimal]) -> None:
            if year != self.year.value():
                return  # another year was chosen meanwhile
            for band, box in self.amounts.items():
                box.setValue(float(scale.get(band, 0)))

        self._query(lambda db, _c: fee_scale(db, year), show)

    def save(self) -> None:
        from essdesk.services.memberships import set_fee

        year = self.year.value()
        fees = {band: Decimal(str(round(box.value(), 2))) for band, box in self.amounts.items()}

        def work(db, _control) -> None:
            for band, amount in fees.items():
                set_fee(db, year, band, amount)

        self._write(work, f"Barème {year} enregistré.")
