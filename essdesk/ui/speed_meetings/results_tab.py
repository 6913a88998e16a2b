"""The « Résultats » tab: what came of each meeting, and the summary per recruiter."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.nomenclatures import MEETING_OUTCOMES
from essdesk.services.speed_meetings.results import meeting_rows, outcome_summary, set_outcome
from essdesk.services.speed_meetings.sessions import ATTENDANCE_LABELS
from essdesk.ui.speed_meetings.common import Context, hint

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
OUTCOME_COLUMN = 5
MEETING_HEADERS = ["Tour", "Horaire", "Table", "Recruteur", "Jeune", "Suite donnée"]
# (code, label): "" means not filled in yet.
CHOICES = [("", "—"), *MEETING_OUTCOMES.items()]


class OutcomeDelegate(QStyledItemDelegate):
    """A combo box of the outcome labels; the cell keeps the code in CODE_ROLE."""

    def createEditor(self, parent, _option, _index):  # noqa: N802 - Qt API
        combo = QComboBox(parent)
        for code, label in CHOICES:
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE) or "")))

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class ResultsTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.meetings = QTableWidget(0, len(MEETING_HEADERS))
        self.meetings.setHorizontalHeaderLabels(MEETING_HEADERS)
        self.meetings.verticalHeader().hide()
        self.meetings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meetings.setItemDelegateForColumn(OUTCOME_COLUMN, OutcomeDelegate(self))
        self.meetings.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.meetings.itemChanged.connect(self._edited)
        self.summary = QTableWidget(0, 3 + len(MEETING_OUTCOMES))
        self.summary.setHorizontalHeaderLabels(
            ["Recruteur", "Rencontres", *MEETING_OUTCOMES.values(), "Non renseigné"]
        )
        self.summary.verticalHeader().hide()
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for table in (self.meetings, self.summary):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.meetings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.meetings.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Room for the longest outcome label in the combo (« Second entretien »).
        self.meetings.horizontalHeader().setSectionResizeMode(
            OUTCOME_COLUMN, QHeaderView.ResizeMode.Fixed
        )
        self.meetings.setColumnWidth(OUTCOME_COLUMN, 170)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = hint("")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(
            hint(
                "Double-cliquez la colonne « Suite donnée » pour noter ce qu'a donné la rencontre."
            )
        )
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.meetings, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>Bilan par recruteur</b> (rencontres tenues)"))
        bottom_layout.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        """Reload from the base off the UI thread; a failure is shown to the user."""
        if not self.context.ready:
            self._show(([], []))
            return
        speed_id = self.context.speed_id
        self.context.query(
            self,
            lambda db: (meeting_rows(db, speed_id), outcome_summary(db, speed_id)),
            self._show,
        )

    def _show(self, found) -> None:
        rows, lines = found
        blocker = QSignalBlocker(self.meetings)
        self.meetings.setRowCount(len(rows))
        for r, row in enumerate(rows):
            candidate = row.candidate
            if row.attendance == "no_show":
                candidate += f" ({ATTENDANCE_LABELS['no_show'].lower()})"
            values = [str(row.round), row.hours, str(row.table), row.recruiter, candidate]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.meetings.setItem(r, column, item)
            outcome = QTableWidgetItem(row.outcome_label or "—")
            outcome.setData(CODE_ROLE, row.outcome or "")
            outcome.setData(ID_ROLE, str(row.id))
            self.meetings.setItem(r, OUTCOME_COLUMN, outcome)
        del blocker
        empty = self.context.ready and not rows
        self.empty.setText("Aucune rencontre : générez d'abord le planning." if empty else "")
        self.empty.setVisible(empty)
        self._fill_summary(lines)

    def _fill_summary(self, lines) -> None:
        self.summary.setRowCount(len(lines))
        for r, line in enumerate(lines):
            values = [line.name, line.meetings, *line.counts.values(), line.unknown]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.summary.setItem(r, column, item)

    def set_outcome(self, row: int, code: str | None) -> None:
        """What the combo does, for a given row (used by keyboard users and the tests)."""
        item = self.meetings.item(row, OUTCOME_COLUMN)
        item.setData(CODE_ROLE, code or "")
        item.setText(MEETING_OUTCOMES.get(code or "", "—"))

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() != OUTCOME_COLUMN or item.data(ID_ROLE) is None:
            return
        meeting_id, code = item.data(ID_ROLE), item.data(CODE_ROLE) or None
        speed_id = self.context.speed_id

        def record(db):
            set_outcome(db, meeting_id, code)
            return outcome_summary(db, speed_id)  # read in the same trip, after the commit

        # The rows are up to date (this tab initiates the broadcast): only the summary changes.
        self.context.write(self, record, self._fill_summary, failed=self.refresh)
