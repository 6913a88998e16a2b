"""Panels of the young person's record: eligibility to a scheme on a date, and their placements."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.schemes import BY_CODE
from essdesk.domain.schemes.eligibility import ELIGIBLE, NOT_ELIGIBLE, Eligibility
from essdesk.errors import EssDeskError
from essdesk.services.placements.common import contract_end
from essdesk.services.placements.eligibility import eligibility_of
from essdesk.services.placements.records import placements_of_youth
from essdesk.services.records import LoadedRecord
from essdesk.ui import messages
from essdesk.ui.ops import Changes, OpContext, QueryOp
from essdesk.ui.placements.area import open_placement_dialog
from essdesk.ui.placements.form import SCHEMES, _date_line, compact, parse_day
from essdesk.ui.placements.sections import fill, table

COLOURS = {ELIGIBLE: "#1b6e20", NOT_ELIGIBLE: "#b3261e"}  # « à compléter »: orange below
TO_COMPLETE_COLOUR = "#9a5b00"


class EligibilityPanel(QGroupBox):
    """Pick a scheme and a date (today by default): the verdict, its reasons, what is missing."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Éligibilité aux dispositifs", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.result: Eligibility | None = None
        self._ticket = 0
        self.scheme = compact(QComboBox())
        for code, name in SCHEMES:
            self.scheme.addItem(name, code)
        self.on = _date_line()
        self.on.setText(format_date(date.today()))
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addWidget(QLabel("Dispositif"))
        row.addWidget(self.scheme, 1)
        row.addWidget(QLabel("à la date du"))
        row.addWidget(self.on)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        self.scheme.currentIndexChanged.connect(self._scheme_chosen)
        self.on.editingFinished.connect(self.reload)
        context.hub.changed.connect(self._on_changed)
        self.show_record(None)

    def _scheme_chosen(self, index: int) -> None:
        if index >= 0:  # -1 when the combo is emptied, as when the panel is deleted
            self.reload()

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        if record is None:
            self.result = None
            self.verdict.setText("L'éligibilité est calculée une fois la fiche enregistrée.")
            self.details.clear()
            return
        self.reload()

    def select_scheme(self, code: str) -> None:
        self.scheme.setCurrentIndex(max(self.scheme.findData(code), 0))

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        try:
            on = parse_day(self.on.text(), "Date")
        except EssDeskError as error:
            messages.show_error(self, error)
            return
        scheme = BY_CODE[self.scheme.currentData()]
        self._ticket += 1
        ticket = self._ticket
        self.verdict.setText("Calcul…")
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: eligibility_of(db, record.id, scheme, on),
            success=lambda result: self._show(ticket, result),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, ticket: int, result: Eligibility) -> None:
        if ticket != self._ticket:  # the user picked another scheme or date meanwhile
            return
        self.result = result
        colour = COLOURS.get(result.verdict, TO_COMPLETE_COLOUR)
        self.verdict.setText(
            f"<span style='font-size:13pt; font-weight:600; color:{colour}'>"
            f"{result.verdict.capitalize()}</span>"
        )
        parts = []
        if result.reasons:
            items = "".join(f"<li>{reason}</li>" for reason in result.reasons)
            parts.append(f"<b>Motifs :</b><ul style='margin:0'>{items}</ul>")
        if result.missing:
            items = "".join(f"<li>{fact}</li>" for fact in result.missing)
            parts.append(f"<b>À renseigner pour décider :</b><ul style='margin:0'>{items}</ul>")
        self.details.setText("".join(parts))

    def _on_changed(self, changes: Changes) -> None:
        # A placement saved elsewhere (a CEJ, a PACEA) can change the verdict as much as the file.
        if self.record is not None and changes.touches(EntityKind.YOUTHS, EntityKind.PLACEMENTS):
            self.reload()


class YouthPlacementsPanel(QGroupBox):
    """The young person's placements, newest first; a double-click opens one in its window."""

    HEADERS = ["Employeur", "Poste", "Dispositif", "Début", "Fin", "État"]

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Contrats", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.rows: list = []
        self.hint = QLabel()
        self.table = table(self.HEADERS, 180)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        context.hub.changed.connect(self._on_changed)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        if record is None:
            self._fill([])
            self.hint.setText("")
            return
        self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: placements_of_youth(db, record.id),
            success=lambda rows: self._fill(rows) if record is self.record else None,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _fill(self, rows: list) -> None:
        self.rows = rows
        today = date.today()

        def state(p) -> str:
            if p.actual_end_date is not None:
                return f"terminé le {format_date(p.actual_end_date)}"
            end = contract_end(p)
            return "terminé" if end is not None and end < today else "en cours"

        fill(self.table, [
            (p.employer.name, p.job_title, p.scheme.name if p.scheme else "Sans dispositif",
             format_date(p.start_date), format_date(contract_end(p)), state(p)) for p in rows
        ])  # fmt: skip
        self.hint.setText(
            "Double-cliquez sur un contrat pour l'ouvrir." if rows else "Aucun contrat enregistré."
        )

    def _double_clicked(self, row: int, _column: int) -> None:
        self.open_row(row)

    def open_row(self, row: int):
        if 0 <= row < len(self.rows):
            return open_placement_dialog(self, self.context, self.rows[row].id)
        return None

    def _on_changed(self, changes: Changes) -> None:
        if self.record is not None and changes.touches(EntityKind.PLACEMENTS):
            self.reload()
