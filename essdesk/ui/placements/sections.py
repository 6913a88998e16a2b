"""The placement's sections under its form: renewals, the end, the monthly aid, the milestones."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_date, format_money, format_month, format_number
from essdesk.domain.schemes.pathway import END_REASONS, EXIT_OUTCOMES
from essdesk.services.deadlines import OVERDUE
from essdesk.services.placements.file import PlacementFile
from essdesk.ui.placements.form import DATE_HINT, _date_line, _select, compact

LATE = QColor("#b3261e")


def table(headers: Sequence[str], height: int = 160) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(list(headers))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.setAlternatingRowColors(True)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setMinimumHeight(min(height, 120))
    widget.setMaximumHeight(height)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[str]], late: Callable[[int], bool] = None):
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if late is not None and late(r):
                item.setForeground(QBrush(LATE))
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class RenewalsSection(QWidget):
    """The renewals, each dated with its own end; `add_requested(end, aid_end, start)` as text."""

    add_requested = Signal(str, str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = table(["Du", "Au", "Fin de l'aide", "Notes"], 130)
        self.start, self.end, self.aid_end = _date_line(), _date_line(), _date_line()
        self.start.setPlaceholderText(f"{DATE_HINT} (lendemain de la fin)")
        self.start.setMaximumWidth(220)
        self.add_button = QPushButton("Ajouter le renouvellement")
        self.add_button.clicked.connect(self._add)
        row = QHBoxLayout()
        for label, widget in (("Début", self.start), ("Fin", self.end),
                              ("Fin de l'aide", self.aid_end)):  # fmt: skip
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addStretch(1)

    def _add(self) -> None:
        self.add_requested.emit(self.end.text(), self.aid_end.text(), self.start.text())

    def show_file(self, file: PlacementFile | None) -> None:
        rows = [
            (format_date(r.start_date), format_date(r.end_date), format_date(r.aid_end), r.notes)
            for r in (file.renewals if file else [])
        ]
        fill(self.table, rows)
        for line in (self.start, self.end, self.aid_end):
            line.clear()
        self.setEnabled(file is not None)


class EndSection(QWidget):
    """The actual end, its reason and the young person's exit; `end_requested(date, reason, exit)`."""

    end_requested = Signal(str, str, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.actual_end = _date_line()
        self.reason = compact(QComboBox(), 24)
        for code, label in END_REASONS.items():
            self.reason.addItem(label, code)
        self.outcome = compact(QComboBox(), 24)
        self.outcome.addItem("Non renseignée", None)
        for code, label in EXIT_OUTCOMES.items():
            self.outcome.addItem(label, code)
        self.save_button = QPushButton("Enregistrer la fin du contrat")
        self.save_button.clicked.connect(self._save)
        form = QFormLayout()
        form.addRow("Fin réelle", self.actual_end)
        form.addRow("Motif de fin", self.reason)
        form.addRow("Situation de sortie", self.outcome)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addStretch(1)

    def _save(self) -> None:
        self.end_requested.emit(
            self.actual_end.text(), self.reason.currentData(), self.outcome.currentData()
        )

    def show_file(self, file: PlacementFile | None) -> None:
        self.setEnabled(file is not None)
        if file is None or file.actual_end is None:
            self.summary.setText("Contrat en cours." if file else "")
            self.actual_end.clear()
            self.reason.setCurrentIndex(0)
            self.outcome.setCurrentIndex(0)
            return
        self.actual_end.setText(format_date(file.actual_end))
        _select(self.reason, file.end_reason)
        _select(self.outcome, file.exit_outcome)
        outcome = EXIT_OUTCOMES.get(file.exit_outcome or "", "situation de sortie non renseignée")
        self.summary.setText(
            f"Contrat terminé le {format_date(file.actual_end)} : "
            f"{END_REASONS.get(file.end_reason or '', file.end_reason or '')} ; {outcome}."
        )


class AidSection(QWidget):
    """The State aid month by month (SMIC × monthly hours × rate), with its total."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.table = table(["Mois", "Jours", "Taux", "Heures mensuelles", "SMIC horaire",
                            "Montant"], 260)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(self.table)
        layout.addStretch(1)

    def show_file(self, file: PlacementFile | None) -> None:
        months = file.aid_months if file else []
        rows = [
            (
                format_month(x.month),
                f"{x.days_covered}/{x.days_in_month}",
                f"{format_number(x.rate)} %",
                format_number(x.monthly_hours),
                format_money(x.smic, grouping=False).replace("€", "€/h"),
                format_money(x.amount),
            )
            for x in months
        ]
        fill(self.table, rows)
        if file is None:
            text = ""
        elif not months:
            text = "Pas d'aide de l'État sur ce contrat (taux ou dates de l'aide non renseignés)."
        else:
            text = (
                f"<b>Total de l'aide : {format_money(file.aid_total)}</b> sur {len(months)} mois "
                f"({format_month(months[0].month)} à {format_month(months[-1].month)})."
            )
        if file is not None and file.aid_problem:
            text += f"<br><span style='color:#b3261e'>{file.aid_problem}</span>"
        self.total.setText(text)


class MilestonesSection(QWidget):
    """What the scheme asks for and when: done, overdue, to do."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = table(["Échéance", "Date", "État"], 200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.lines: list = []

    def show_file(self, file: PlacementFile | None) -> None:
        self.lines = file.milestones if file else []
        fill(
            self.table,
            [(x.label, format_date(x.due), x.state) for x in self.lines],
            late=lambda r: self.lines[r].state == OVERDUE,
        )
