"""The master grid of a speed meeting: one row per table, one column per round, drag to move."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from essdesk.domain.french import format_span
from essdesk.domain.scheduling.model import Meeting, table_numbers
from essdesk.services.speed_meetings.planning import LoadedPlan

MEETING_MIME = "application/x-essdesk-speed-meeting"
ROOT = QModelIndex()
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

LOCKED = QColor("#dbe9f7")
ABSENT = QColor("#f6d5d5")
PAST = QColor("#dedede")
PAST_TEXT = QColor("#595959")  # 4.5:1 at least on the grey of past rounds (WCAG AA)
CONFLICT = QColor("#f3b3b3")
CHANGED = QColor("#fff1b8")
# Colour is never the only cue (colour-blind users, grey printers): each state has its symbol.
LOCKED_MARK = "🔒 "
ABSENT_MARK = "✗ "
CONFLICT_MARK = "⚠ "

HEADER_NAME_CHARS = 30

# Called with (meeting id, round, recruiter id, table) when a cell is dropped on another.
MoveHandler = Callable[[str, int, str, int], None]


class PlanGridModel(QAbstractTableModel):
    """Cells hold the candidate of each (table, round); the stored plan is the only source."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: LoadedPlan | None = None
        self.tables: list[tuple[str, int, int, str]] = []  # recruiter id, table, number, name
        self.cells: dict[tuple[int, int], Meeting] = {}
        self.spans: list[str] = []
        self.conflicted: set[str] = set()  # candidate ids named by a validation problem
        self.from_round = 1  # rounds before it are over: shown greyed in live mode
        self.highlight: set[Meeting] = set()  # what the last re-planning changed
        self.name_chars = HEADER_NAME_CHARS
        self.on_move: MoveHandler | None = None

    def set_plan(self, plan: LoadedPlan | None, conflicted: Iterable[str] = ()) -> None:
        """Show `plan`; `conflicted` are the ids of the young people a broken rule concerns."""
        self.beginResetModel()
        self.plan = plan
        self.tables, self.cells, self.spans = [], {}, []
        self.conflicted = set(conflicted)
        if plan is not None:
            names = {r.id: r.name for r in plan.instance.recruiters}
            # The same numbering as the printouts: one source for « Table 7 ».
            for (rid, table), number in table_numbers(plan.instance.recruiters).items():
                self.tables.append((rid, table, number, names[rid]))
            rows = {(rid, table): row for row, (rid, table, _n, _name) in enumerate(self.tables)}
            for x in plan.schedule.meetings if plan.schedule else []:
                row = rows.get((x.recruiter_id, x.table))
                if row is not None:
                    self.cells[(row, x.round - 1)] = x
            self.spans = [format_span(*s) for s in plan.timing.round_times(plan.instance.rounds)]
        self.endResetModel()

    def meeting_at(self, index: QModelIndex) -> Meeting | None:
        return self.cells.get((index.row(), index.column())) if index.isValid() else None

    def cell_text(self, row: int, column: int) -> str:
        meeting = self.cells.get((row, column))
        return self.plan.ids.candidate_names[meeting.candidate_id] if meeting and self.plan else ""

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.tables)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.plan is None else self.plan.instance.rounds

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"Tour {section + 1}\n{self.spans[section]}" if self.spans else None
        rid, _table, number, name = self.tables[section]
        absent = self.plan is not None and rid in self.plan.ids.absent_recruiters
        absence = " (absent)" if absent else ""
        if role == Qt.ItemDataRole.DisplayRole and not self.name_chars:
            return f"Table {number}{absence}"  # the names are in the tooltip
        if role == Qt.ItemDataRole.DisplayRole and len(name) > self.name_chars:
            # Long structure names would leave no room for the rounds: shortened, full in tooltip.
            name = name[: self.name_chars - 1].rstrip() + "…"
        return f"Table {number} · {name}{absence}"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        meeting = self.meeting_at(index)
        past = index.column() + 1 < self.from_round
        if meeting is None or self.plan is None:
            if role == Qt.ItemDataRole.BackgroundRole and past:
                return QBrush(PAST)
            return None
        ids = self.plan.ids
        state = ids.attendance.get(meeting.candidate_id, "expected")
        name = ids.candidate_names[meeting.candidate_id]
        locked = meeting in ids.locked
        if role == Qt.ItemDataRole.DisplayRole:
            marks = LOCKED_MARK if locked else ""
            if state == "no_show":
                marks += ABSENT_MARK
            elif meeting.candidate_id in self.conflicted:
                marks += CONFLICT_MARK
            return marks + name
        if role == MEETING_ID_ROLE:
            return str(ids.meeting_ids[meeting])
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == "no_show":
                return QBrush(ABSENT)
            if meeting in self.highlight:
                return QBrush(CHANGED)
            if meeting.candidate_id in self.conflicted:
                return QBrush(CONFLICT)
            if past:
                return QBrush(PAST)
            return QBrush(LOCKED) if locked else None
        if role == Qt.ItemDataRole.ForegroundRole and past:
            return QBrush(PAST_TEXT)
        if role == Qt.ItemDataRole.FontRole and (state == "no_show" or meeting in self.highlight):
            font = QFont()
            font.setStrikeOut(state == "no_show")
            font.setBold(meeting in self.highlight)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [name, self.plan.timing.label(meeting.round)]
            if locked:
                notes.append("Verrouillée : gardée telle quelle à la prochaine génération.")
            if state == "no_show":
                notes.append("Absent : cette rencontre disparaîtra à la replanification.")
            elif meeting.candidate_id in self.conflicted:
                notes.append("Conflit : une règle du planning n'est pas respectée pour ce jeune.")
            elif state == "late":
                notes.append("En retard : arrive pour un tour plus tardif.")
            return "\n".join(notes)
        return None

    def flags(self, index: QModelIndex):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDropEnabled
        if self.meeting_at(index) is not None:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MEETING_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [self.data(i, MEETING_ID_ROLE) for i in indexes if self.meeting_at(i)]
        if ids:
            data.setData(MEETING_MIME, QByteArray(ids[0].encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MEETING_MIME) and parent.isValid()

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        """Hand the move to the screen (it goes through a service); the grid reloads after."""
        if not self.canDropMimeData(data, action, row, column, parent) or self.on_move is None:
            return False
        meeting_id = bytes(data.data(MEETING_MIME).data()).decode()
        recruiter_id, table, _number, _name = self.tables[parent.row()]
        self.on_move(meeting_id, parent.column() + 1, recruiter_id, table)
        # False: Qt must not delete the dragged cell itself, the reload shows the result.
        return False


class PlanGridView(QTableView):
    """The grid, with drag and drop of one cell onto another."""

    def __init__(self, model: PlanGridModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName("Grille des rencontres : une ligne par table, une colonne par tour")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(True)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(150)
        self.horizontalHeader().setMinimumSectionSize(120)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
