"""Member employers and their fees: memberships by year, the fee scale, payments, who may publish."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date, format_money
from essdesk.domain.nomenclatures import SIZE_BANDS
from essdesk.services import memberships
from essdesk.services.speed_meetings.participants import search_employers
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import (
    SearchPicker,
    fill_table,
    make_table,
    selected_row,
    write,
)

HEADERS = ["Employeur", "Tranche d'effectif", "Cotisation", "Réglée", "Le"]
KINDS = (EntityKind.EMPLOYERS,)


class MembersDialog(QDialog):
    """The year's members with their fee (from the scale by size band) and payment."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Adhérents et cotisations")
        self.resize(820, 560)
        self.context = context
        self.members: list[memberships.Member] = []
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.scale_button = QPushButton("Barème des cotisations…")
        self.summary = QLabel()
        self.table = make_table(HEADERS)
        self.employer = SearchPicker(context, search_employers, "Employeur à faire adhérer…")
        self.fee = QLineEdit()
        self.fee.setPlaceholderText("Montant négocié (vide : barème)")
        self.enrol_button = QPushButton("Inscrire comme adhérent")
        self.paid_button = QPushButton("Marquer réglée")
        self.unpaid_button = QPushButton("Marquer non réglée")
        self.publishing = QLabel()
        self.publishing.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Année :"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.scale_button)
        enrol = QHBoxLayout()
        enrol.addWidget(self.employer, 3)
        enrol.addWidget(self.fee, 1)
        enrol.addWidget(self.enrol_button)
        payment = QHBoxLayout()
        payment.addWidget(self.paid_button)
        payment.addWidget(self.unpaid_button)
        payment.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(payment)
        layout.addLayout(enrol)
        layout.addWidget(QLabel("<b>Adhérents à jour, qui peuvent publier des offres :</b>"))
        layout.addWidget(self.publishing)
        layout.addWidget(close)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.scale_button.clicked.connect(self.edit_scale)
        self.enrol_button.clicked.connect(self.enrol)
        self.paid_button.clicked.connect(lambda: self.set_paid(True))
        self.unpaid_button.clicked.connect(lambda: self.set_paid(False))

    def reload(self) -> None:
        year = self.year.value()
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: memberships.list_members(db, year), success=self._show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, members: list[memberships.Member]) -> None:
        self.members = members
        fill_table(
            self.table,
            [
                [
                    x.employer_name,
                    x.size_label,
                    format_money(x.fee),
                    "Oui" if x.paid else "Non",
                    format_date(x.paid_on),
                ]  # fmt: skip
                for x in members
            ],
        )
        self.summary.setText(memberships.fees_summary(members))
        publishing = [x.employer_name for x in members if x.paid]
        self.publishing.setText(", ".join(publishing) or "Aucun adhérent n'a encore réglé.")

    def enrol(self) -> None:
        employer_id, year = self.employer.chosen(), self.year.value()
        fee = self.fee.text().strip() or None
        if employer_id is None:
            messages.show_error(self, "Cherchez puis choisissez l'employeur à faire adhérer.")
            return

        def done(_r) -> None:
            self.fee.clear()
            self.reload()

        write(self, self.context,
              lambda db: memberships.enrol_member(db, employer_id, year, fee=fee), KINDS, done)  # fmt: skip

    def set_paid(self, paid: bool) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        member = self.members[row]
        write(self, self.context,
              lambda db: memberships.record_payment(db, member.membership_id, paid=paid), KINDS,
              lambda _r: self.reload())  # fmt: skip

    def edit_scale(self) -> None:
        year = self.year.value()
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: memberships.fee_scale(db, year),
            success=lambda scale: self._open_scale(year, scale),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _open_scale(self, year: int, scale: dict[str, Decimal]) -> None:
        self.scale_dialog = FeeScaleDialog(self.context, year, scale, self)
        self.scale_dialog.accepted.connect(self.reload)
        self.scale_dialog.open()


class FeeScaleDialog(QDialog):
    """The year's fee for each size band, as the agency's board voted it."""

    def __init__(self, context: OpContext, year: int, scale: dict[str, Decimal], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Barème des cotisations {year}")
        self.context, self.year = context, year
        self.amounts: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for band, label in SIZE_BANDS.items():
            edit = QLineEdit("" if band not in scale else f"{scale[band]:.2f}".replace(".", ","))
            edit.setPlaceholderText("non fixé")
            self.amounts[band] = edit
            form.addRow(f"Effectif {label} :", edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Cotisation annuelle en euros, par tranche d'effectif ({year})"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        year = self.year
        amounts = {band: e.text().strip() for band, e in self.amounts.items() if e.text().strip()}

        def op(db):
            for band, amount in amounts.items():
                memberships.set_fee(db, year, band, amount)

        write(self, self.context, op, (EntityKind.REFERENCE,), lambda _r: self.accept())
