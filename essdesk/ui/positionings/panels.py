"""The positionings of an offer and of a young person, shown as a panel of their record."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count, format_date
from essdesk.services import positionings
from essdesk.services.positionings import PositioningRow
from essdesk.services.records import LoadedRecord
from essdesk.ui.fitting import fit_columns, keep_fitted
from essdesk.ui.ops import Changes, OpContext, QueryOp
from essdesk.ui.positionings.propose import ProposeDialog
from essdesk.ui.positionings.transition import TransitionDialog

NO_NEWS = "⚠ sans nouvelles (60 j)"


class _PositioningsPanel(QGroupBox):
    """A table of positionings, « Proposer… » and « Changer l'état… » (double-click too)."""

    columns: tuple[str, ...] = ()
    propose_text = ""
    save_first = ""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Mises en relation", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.rows: list[PositioningRow] = []
        self.propose_dialog: ProposeDialog | None = None
        self.transition_dialog: TransitionDialog | None = None
        self.hint = QLabel()
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels(list(self.columns))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        keep_fitted(self.table)  # a long title never pushes « État » out of the panel
        self.table.setMinimumHeight(150)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(lambda *_a: self.change_state())
        self.propose_button = QPushButton(self.propose_text)
        self.move_button = QPushButton("Changer l'état…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.move_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.propose_button.clicked.connect(self.propose)
        self.move_button.clicked.connect(self.change_state)
        context.hub.changed.connect(self._on_changed)
        self.show_record(None)

    # -- what a record type's panel does --------------------------------------------------

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        self.table.setEnabled(record is not None)
        self.propose_button.setEnabled(record is not None)
        self.move_button.setEnabled(False)
        if record is None:
            self._show([])
            self.hint.setText(self.save_first)
        else:
            self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: self._rows_of(db, record.id),
            success=lambda rows: self._show(rows) if self.record is record else None,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _on_changed(self, changes: Changes) -> None:
        if self.record is not None and changes.touches(EntityKind.APPLICATIONS):
            self.reload()

    def _show(self, rows: list[PositioningRow]) -> None:
        selected = self.selected()
        self.rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for row, positioning in enumerate(rows):
            for column, text in enumerate(self._cells(positioning)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        fit_columns(self.table)
        if self.record is not None:
            stale = sum(r.without_news for r in rows)
            self.hint.setText(
                format_count(len(rows), "mise en relation", "mises en relation")
                + (f" — {stale} sans nouvelles depuis 60 jours" if stale else "")
            )
        for row, positioning in enumerate(rows):
            if selected is not None and positioning.id == selected.id:
                self.table.selectRow(row)
        self._on_selection()

    def selected(self) -> PositioningRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _on_selection(self) -> None:
        self.move_button.setEnabled(self.selected() is not None)

    def change_state(self) -> None:
        positioning = self.selected()
        if positioning is None:
            return
        self.transition_dialog = TransitionDialog(self.context, positioning.id, self)
        self.transition_dialog.finished.connect(lambda _r: self.reload())
        self.transition_dialog.open()

    def propose(self) -> None:
        record = self.record
        if record is None:
            return
        self.propose_dialog = self._propose_dialog(record)
        self.propose_dialog.proposed.connect(lambda _r: self.reload())
        self.propose_dialog.open()

    # -- what each side says --------------------------------------------------------------

    def _rows_of(self, db, record_id: uuid.UUID) -> list[PositioningRow]:
        raise NotImplementedError

    def _cells(self, positioning: PositioningRow) -> tuple[str, ...]:
        raise NotImplementedError

    def _propose_dialog(self, record: LoadedRecord) -> ProposeDialog:
        raise NotImplementedError


def _news(positioning: PositioningRow) -> str:
    return NO_NEWS if positioning.without_news else format_date(positioning.last_news_on)


class OfferPositioningsPanel(_PositioningsPanel):
    """On the offer: the young people positioned, « Proposer des jeunes… » with suggestions."""

    columns = ("Jeune", "État", "Proposée le", "Dernière nouvelle")
    propose_text = "Proposer des jeunes…"
    save_first = "Enregistrez d'abord l'offre pour y positionner des jeunes."

    def _rows_of(self, db, record_id):
        return positionings.of_offer(db, record_id)

    def _cells(self, p):
        return (p.youth, p.status_label, format_date(p.proposed_on), _news(p))

    def _propose_dialog(self, record):
        about = f"« {record.texts.get('title', '')} »"
        return ProposeDialog(self.context, offer_id=record.id, about=about, parent=self)


class YouthPositioningsPanel(_PositioningsPanel):
    """On the young person: the offers they were proposed, « Proposer des offres… »."""

    columns = ("Offre", "Employeur", "État", "Proposée le", "Dernière nouvelle")
    propose_text = "Proposer des offres…"
    save_first = "Enregistrez d'abord la fiche du jeune pour lui proposer des offres."

    def _rows_of(self, db, record_id):
        return positionings.of_youth(db, record_id)

    def _cells(self, p):
        return (p.offer, p.employer, p.status_label, format_date(p.proposed_on), _news(p))

    def _propose_dialog(self, record):
        texts = record.texts
        about = f"{texts.get('first_name', '')} {texts.get('last_name', '')}".strip()
        return ProposeDialog(self.context, youth_id=record.id, about=about, parent=self)
