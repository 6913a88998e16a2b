"""« Aides de l'État » over a period: the total, per employer and per month, and the CSV export."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from essdesk.domain.french import format_count, format_money, format_month
from essdesk.domain.schemes.calendar import month_end
from essdesk.domain.value_problem import ValueProblem
from essdesk.domain.values import parse_month
from essdesk.services.placements.aid import AidCancelled, AidTotals, aid_totals, export_aid
from essdesk.ui import messages
from essdesk.ui.file_dialogs import choose_target
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.placements.sections import fill, table

EXPORT_FOLDER = "export_dir"


def _month_line(text: str, name: str) -> QLineEdit:
    line = QLineEdit(text)
    line.setPlaceholderText("mm/aaaa")
    line.setAccessibleName(name)
    line.setMaximumWidth(110)
    return line


class AidTotalsDialog(QDialog):
    """The state aid of every placement over the months chosen, as the funders ask for it."""

    def __init__(self, context: OpContext, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Aides de l'État sur une période")
        self.resize(820, 560)
        self.context = context
        self.totals: AidTotals | None = None
        self.period: tuple[date, date] | None = None
        today = today or date.today()
        self.first = _month_line(f"01/{today.year}", "Premier mois")
        self.last = _month_line(f"{today.month:02d}/{today.year}", "Dernier mois")
        self.compute_button = QPushButton("Calculer")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.export_button = QPushButton("Exporter le détail (CSV)…")
        self.export_button.setToolTip(
            "Une ligne par contrat et par mois : Nom;Prénom;Employeur;Mois;Taux;"
            "Heures mensuelles;SMIC horaire;Montant (comme « essdesk aid »). L'export est tracé."
        )
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.summary = QLabel("Choisissez les mois, puis « Calculer ».")
        self.summary.setWordWrap(True)
        self.employers = table(["Employeur", "Contrats", "Montant"], 2000)
        self.employers.setAccessibleName("Aide par employeur")
        self.months = table(["Mois", "Montant"], 2000)
        self.months.setAccessibleName("Aide par mois")
        period = QHBoxLayout()
        for caption, line in (("Du mois", self.first), ("au mois", self.last)):
            label = QLabel(caption)
            label.setBuddy(line)
            period.addWidget(label)
            period.addWidget(line)
        period.addWidget(self.compute_button)
        period.addStretch(1)
        period.addWidget(self.export_button)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Par employeur</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Par mois</b>"), 0, 1)
        grid.addWidget(self.employers, 1, 0)
        grid.addWidget(self.months, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _period(self) -> tuple[date, date] | None:
        try:
            first = parse_month(self.first.text())
            last = month_end(parse_month(self.last.text()))
        except ValueProblem as problem:
            self.summary.setText(f"<span style='color:#b3261e'>{problem.reason}.</span>")
            return None
        if last < first:
            self.summary.setText(
                "<span style='color:#b3261e'>Le dernier mois précède le premier.</span>"
            )
            return None
        return first, last

    def compute(self) -> None:
        period = self._period()
        if period is None:
            return
        self.summary.setText("Calcul…")
        self.export_button.setEnabled(False)
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, control: aid_totals(db, *period, cancelled=control.cancelled),
            success=lambda totals: self._show(period, totals),
        ).bound_to(self).with_progress(
            "Calcul des aides…", cancellable=True
        ).failure(self._failed).run_in_background()  # fmt: skip

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, AidCancelled):  # the user asked: a line says so, no error box
            self.summary.setText(error.message)
            return
        self.summary.setText("")
        messages.show_error(self, error, trace)

    def _show(self, period: tuple[date, date], totals: AidTotals) -> None:
        self.period, self.totals = period, totals
        by_employer = sorted(totals.by_employer.values(), key=lambda e: (-e.amount, e.name))
        fill(self.employers, [
            (e.name, str(e.contracts), format_money(e.amount)) for e in by_employer
        ])  # fmt: skip
        fill(self.months, [
            (format_month(month), format_money(amount))
            for month, amount in sorted(totals.by_month.items())
        ])  # fmt: skip
        first, last = period
        span = f"de {format_month(first)} à {format_month(last)}"
        if not totals.by_placement:
            self.summary.setText(f"Aucune aide de l'État {span}.")
            return
        self.summary.setText(
            f"<b>Total de l'aide {span} : {format_money(totals.total)}</b> — "
            f"{format_count(len(totals.by_placement), 'contrat')}, "
            f"{format_count(len(totals.by_employer), 'employeur')}."
        )
        self.export_button.setEnabled(True)

    def export(self) -> None:
        period = self.period
        if period is None:
            return
        first, last = period
        name = f"aides-{first:%Y-%m}-{last:%Y-%m}.csv"
        target = choose_target(
            self, "Exporter le détail des aides", EXPORT_FOLDER, name,
            "Fichier CSV pour Excel (*.csv)", ".csv",
        )  # fmt: skip
        if target is None:
            return
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: export_aid(db, first, last, target),
            changes=(),  # only the trail gained an entry
            success=lambda result: messages.show_info(
                self,
                f"{format_count(result[0], 'ligne exportée', 'lignes exportées')} dans "
                f"{target.name} ; total {format_money(result[1])}.",
            ),
        ).bound_to(self).with_progress("Export des aides…").run_in_background()  # fmt: skip
