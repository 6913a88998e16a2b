"""The dashboard's deadlines: what is due and overdue, for one counsellor or everyone; a row opens it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_count, format_date
from essdesk.services import access
from essdesk.services.counsellors import CounsellorRow, list_counsellors
from essdesk.services.deadlines import OVERDUE, TO_DO, Deadline, due_by_week, upcoming_deadlines
from essdesk.services.placements.follow_ups import export_calendar
from essdesk.ui import messages
from essdesk.ui.file_dialogs import choose_target
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.placements.form import compact
from essdesk.ui.placements.sections import fill, table

HEADERS = ["Échéance", "À faire", "Jeune", "Employeur", "Dispositif"]
AHEAD, BEHIND = 90, 365  # a review missed in the spring is still to do in the autumn
BAR = "#3f6fb5"
CALENDAR_FOLDER = "export_dir"
CALENDAR_PAST_DAYS = 30  # the calendar keeps last month's meetings, for the notes taken there


@dataclass(frozen=True)
class DeadlineBoard:
    rows: list[Deadline]
    weeks: list[tuple[date, int]]
    counsellors: list[CounsellorRow]

    @property
    def overdue(self) -> int:
        return sum(1 for d in self.rows if d.state == OVERDUE)

    @property
    def due(self) -> int:
        return sum(1 for d in self.rows if d.state == TO_DO)


def read_board(db: Database, counsellor_id: uuid.UUID | None, today: date) -> DeadlineBoard | None:
    """None for the roles that do not read youth files (reception): the panel hides."""
    if not access.current_actor(db).may("youth.file"):
        return None
    rows = upcoming_deadlines(db, today=today, ahead_days=AHEAD, behind_days=BEHIND,
                              counsellor_id=counsellor_id)  # fmt: skip
    weeks = due_by_week(db, today=today, counsellor_id=counsellor_id)
    return DeadlineBoard(rows, weeks, list_counsellors(db))


class WeekChart(QWidget):
    """Actions to do per week over the next weeks, as bars: plain widgets, no chart library."""

    WEEKS, HEIGHT = 12, 70

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.weeks: list[tuple[date, int]] = []
        self.counts, self.bars, self.days = [], [], []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for _ in range(self.WEEKS):
            column = QVBoxLayout()
            count, bar, day = QLabel(), QFrame(), QLabel()
            for label in (count, day):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar.setStyleSheet(f"background: {BAR};")
            column.addStretch(1)
            column.addWidget(count)
            column.addWidget(bar)
            column.addWidget(day)
            layout.addLayout(column)
            self.counts.append(count)
            self.bars.append(bar)
            self.days.append(day)
        self.setMinimumHeight(self.HEIGHT + 50)

    def set_weeks(self, weeks: list[tuple[date, int]]) -> None:
        self.weeks = weeks[: self.WEEKS]
        highest = max((count for _, count in self.weeks), default=0) or 1
        for index in range(self.WEEKS):
            monday, count = self.weeks[index] if index < len(self.weeks) else (None, 0)
            self.counts[index].setText(str(count) if monday else "")
            self.days[index].setText(monday.strftime("%d/%m") if monday else "")
            self.bars[index].setFixedHeight(max(1, round(self.HEIGHT * count / highest)))


class DeadlinesPanel(QWidget):
    """Reads off the UI thread; double-clicking a row opens its placement (`open_requested`)."""

    open_requested = Signal(object)  # the placement's id

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.board: DeadlineBoard | None = None
        self.today: date | None = None  # None: the day it reads (a fixed day to look back)
        self._ticket = 0
        self.title = QLabel(
            f"<h3>Échéances des contrats suivis : en retard et {AHEAD} prochains jours</h3>"
        )
        self.counsellor = compact(QComboBox(), 20)
        self.counsellor.setAccessibleName("Conseiller")
        self.counsellor.addItem("Tous les conseillers", None)
        self.calendar_button = QPushButton("Exporter l'agenda (.ics)…")
        self.calendar_button.setToolTip(
            "Les entretiens de suivi du conseiller choisi, depuis un mois, en agenda .ics "
            "à ouvrir dans Outlook ou Thunderbird"
        )
        self.calendar_button.setEnabled(False)
        self.calendar_button.clicked.connect(self.export_calendar)
        self.counts = QLabel()
        self.counts.setObjectName("deadline_counts")
        self.table = table(HEADERS, 10_000)
        self.table.setAccessibleName("Échéances des contrats")
        self.table.setMinimumHeight(220)
        self.chart_title = QLabel("Actions à faire par semaine (12 prochaines semaines)")
        self.chart = WeekChart(self)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(QLabel("Conseiller"))
        head.addWidget(self.counsellor)
        head.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart)
        self.counsellor.currentIndexChanged.connect(self._counsellor_chosen)
        self.open_requested.connect(self._open_dialog)

    def _counsellor_chosen(self, index: int) -> None:
        if index >= 0:  # -1 when the combo is emptied, as when the screen is deleted
            self._enable_calendar()
            self.refresh()

    def _enable_calendar(self) -> None:
        # One counsellor's meetings: « Tous les conseillers » has no calendar of its own.
        self.calendar_button.setEnabled(self.counsellor_id() is not None)

    def export_calendar(self) -> None:
        counsellor_id = self.counsellor_id()
        if counsellor_id is None:
            return
        name = self.counsellor.currentText()
        since = (self.today or date.today()) - timedelta(days=CALENDAR_PAST_DAYS)
        target = choose_target(
            self, "Exporter l'agenda des suivis", CALENDAR_FOLDER,
            f"suivis-{name.replace(' ', '-')}.ics", "Agenda iCalendar (*.ics)", ".ics",
        )  # fmt: skip
        if target is None:
            return
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: export_calendar(db, counsellor_id, target, since=since),
            changes=(),  # only the trail gained an entry
            success=lambda count: messages.show_info(
                self,
                f"{format_count(count, 'entretien', 'entretiens')} de {name} depuis le "
                f"{format_date(since)} dans {target.name}.",
            ),
        ).bound_to(self).with_progress("Export de l'agenda…").run_in_background()  # fmt: skip

    def _double_clicked(self, row: int, _column: int) -> None:
        self.open_row(row)

    def counsellor_id(self) -> uuid.UUID | None:
        value = self.counsellor.currentData()
        return uuid.UUID(value) if value else None

    def refresh(self) -> None:
        if self.context.db is None:
            self.show_board(None)
            return
        self._ticket += 1
        ticket, today, who = self._ticket, self.today or date.today(), self.counsellor_id()
        # No parent: on the dashboard a task owned by the screen crashed PySide when the
        # screen was deleted soon after; bound_to drops the answer of a deleted panel.
        QueryOp(
            parent=None, context=self.context,
            op=lambda db, _c: read_board(db, who, today),
            success=lambda board: self.show_board(board) if ticket == self._ticket else None,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def show_board(self, board: DeadlineBoard | None) -> None:
        self.board = board
        self.setVisible(board is not None)
        if board is None:
            fill(self.table, [])
            return
        self._fill_counsellors(board.counsellors)
        rows = board.rows
        fill(
            self.table,
            [
                (format_date(d.due) + (" (dépassée)" if d.overdue else ""), d.label, d.youth,
                 d.employer, d.scheme or "Sans dispositif")
                for d in rows
            ],
            late=lambda r: rows[r].overdue,
        )  # fmt: skip
        self.counts.setText(
            f"<b>{board.overdue}</b> en retard · <b>{board.due}</b> à faire dans les {AHEAD} "
            "jours" + ("" if rows else " — rien n'est dû.")
        )
        self.chart.set_weeks(board.weeks)

    def _fill_counsellors(self, rows: list[CounsellorRow]) -> None:
        current = self.counsellor.currentData()
        self.counsellor.blockSignals(True)
        self.counsellor.clear()
        self.counsellor.addItem("Tous les conseillers", None)
        for row in rows:
            self.counsellor.addItem(row.name, str(row.id))
        self.counsellor.setCurrentIndex(max(self.counsellor.findData(current), 0))
        self.counsellor.blockSignals(False)
        self._enable_calendar()

    def select_counsellor(self, counsellor_id: uuid.UUID | None) -> None:
        index = self.counsellor.findData(str(counsellor_id)) if counsellor_id else 0
        self.counsellor.setCurrentIndex(max(index, 0))

    def open_row(self, row: int) -> None:
        if self.board is not None and 0 <= row < len(self.board.rows):
            placement_id = self.board.rows[row].placement_id
            if placement_id is not None:
                self.open_requested.emit(placement_id)

    def _open_dialog(self, placement_id: uuid.UUID) -> None:
        from essdesk.ui.placements.area import open_placement_dialog  # the editor, when needed

        self.dialog = open_placement_dialog(self, self.context, placement_id)
