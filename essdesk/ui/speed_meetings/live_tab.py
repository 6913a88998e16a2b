"""The « Direct » tab: on the day, mark absent or late young people, add walk-ins, re-plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.scheduling.scheduler import SchedulingCancelled
from essdesk.services.speed_meetings.live import (
    mark_late,
    mark_no_show,
    mark_present,
    replan_from,
    set_current_round,
    set_recruiter_present,
)
from essdesk.services.speed_meetings.participants import add_walk_in
from essdesk.services.speed_meetings.planning import load_instance
from essdesk.services.speed_meetings.sessions import ATTENDANCE_LABELS, get_speed_meeting
from essdesk.ui import messages
from essdesk.ui.ops import WriteOp
from essdesk.ui.speed_meetings.common import SPEED_MEETINGS, Context, hint, seconds_text
from essdesk.ui.speed_meetings.plan_grid import PlanGridModel, PlanGridView

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LiveTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.last_outcome = None
        self._before: set = set()
        # What to do once the grid is reloaded: kept when a newer reload supersedes the one
        # that was asked with it (only the newest answer is shown), run after that one.
        self._then: list[tuple[object, Callable[[], None]]] = []
        self.round_spin = QSpinBox(minimum=1, maximum=1)
        self.round_spin.setToolTip(
            "Premier tour qui peut encore changer : les tours précédents sont terminés."
        )
        self.round_spin.valueChanged.connect(self._round_changed)
        self.replan_button = QPushButton("Replanifier les tours restants")
        self.replan_button.setStyleSheet("font-weight: bold; padding: 4px 12px;")
        self.replan_button.clicked.connect(self.replan)
        top = QHBoxLayout()
        top.addWidget(QLabel("Prochain tour :"))
        top.addWidget(self.round_spin)
        top.addWidget(self.replan_button)
        self.summary_label = QLabel("Aucune replanification pour l'instant.")
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-weight: bold;")
        top.addSpacing(12)
        top.addWidget(self.summary_label, 1)

        self.candidates = QTableWidget(0, 3)
        self.candidates.setHorizontalHeaderLabels(["Jeune", "Présence", "Rencontres"])
        self.candidates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidates.verticalHeader().hide()
        self.candidates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.present_button = QPushButton("Présent")
        self.present_button.clicked.connect(lambda: self._mark(mark_present))
        self.absent_button = QPushButton("Absent")
        self.absent_button.clicked.connect(lambda: self._mark(mark_no_show))
        self.late_spin = QSpinBox(minimum=2, maximum=2)
        self.late_button = QPushButton("En retard jusqu'au tour")
        self.late_button.clicked.connect(self._mark_late)
        marks = QHBoxLayout()
        marks.addWidget(self.present_button)
        marks.addWidget(self.absent_button)
        marks.addStretch(1)
        late = QHBoxLayout()
        late.addWidget(self.late_button)
        late.addWidget(self.late_spin)
        late.addStretch(1)

        walk_in = QWidget()
        self.walk_in_name = QLineEdit(placeholderText="Prénom Nom")
        self.walk_in_recruiters = QListWidget()
        self.walk_in_button = QPushButton("Ajouter ce jeune")  # the tab says « sans rendez-vous »
        self.walk_in_button.clicked.connect(self.add_walk_in)
        form = QVBoxLayout(walk_in)
        form.addWidget(
            hint(
                "Un jeune venu sans inscription rejoint les tours à partir du prochain tour ; "
                "replanifiez ensuite pour lui trouver des rencontres."
            )
        )
        form.addWidget(self.walk_in_name)
        wanted = QLabel("Recruteurs qu'il ou elle souhaite rencontrer :")
        wanted.setWordWrap(True)  # the lists share the width with the grid of rounds
        form.addWidget(wanted)
        form.addWidget(self.walk_in_recruiters, 1)
        form.addWidget(self.walk_in_button)

        youths = QWidget()
        youths_layout = QVBoxLayout(youths)
        youths_layout.addWidget(
            hint("Choisissez un jeune puis indiquez sa présence ; replanifiez ensuite.")
        )
        youths_layout.addWidget(self.candidates, 1)
        youths_layout.addLayout(marks)
        youths_layout.addLayout(late)
        self.recruiters = QListWidget()
        self.recruiters.itemChanged.connect(self._recruiter_toggled)
        recruiters = QWidget()
        recruiters_layout = QVBoxLayout(recruiters)
        recruiters_layout.addWidget(
            hint(
                "Décochez un recruteur absent : à la replanification, ses jeunes sont orientés "
                "vers d'autres tables à partir du prochain tour ; les tours déjà joués avec lui "
                "restent acquis. Décoché avant le premier tour, il est compté comme non venu."
            )
        )
        recruiters_layout.addWidget(self.recruiters, 1)
        self.people = QTabWidget()
        self.people.addTab(youths, "Jeunes")
        self.people.addTab(recruiters, "Recruteurs")
        self.people.addTab(walk_in, "Sans rendez-vous")
        self.changes = QPlainTextEdit(readOnly=True)
        self.changes.setPlaceholderText("Les changements à annoncer aux jeunes s'afficheront ici.")
        self.changes.setMaximumHeight(110)
        self.model = PlanGridModel(self)
        # The grid shares the width with the lists: table numbers only (the names are in the
        # tooltip and the « Recruteurs » list), narrower rounds, so that four rounds show at once.
        self.model.name_chars = 0
        self.grid = PlanGridView(self.model)
        self.grid.setDragEnabled(False)  # moves are made in the « Planning » tab
        self.grid.horizontalHeader().setMinimumSectionSize(100)
        self.grid.horizontalHeader().setDefaultSectionSize(112)
        legend = hint(
            "Gris : tours passés · jaune gras : changé par la dernière replanification · "
            "✗ rouge barré : absent."
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.changes)
        right_layout.addWidget(self.grid, 1)
        right_layout.addWidget(legend)

        splitter = QSplitter()
        splitter.addWidget(self.people)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([285, 915])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Reload off the UI thread, then `then()`; a failure is shown to the user."""
        if not self.context.ready:
            self.candidates.setRowCount(0)
            self.walk_in_recruiters.clear()
            self.model.set_plan(None)
            return
        speed_id = self.context.speed_id
        if then is not None:
            self._then.append((speed_id, then))

        def run_pending() -> None:
            pending, self._then = self._then, []
            for asked_for, action in pending:
                if asked_for == speed_id:  # not another speed meeting's, chosen meanwhile
                    action()

        def show(found) -> None:
            self._show(*found)
            run_pending()

        self.context.query(
            self,
            lambda db: (get_speed_meeting(db, speed_id), load_instance(db, speed_id)),
            show,
            failed=run_pending,
        )

    def _show(self, detail, plan) -> None:
        self.candidates.setRowCount(0)
        self.walk_in_recruiters.clear()
        with QSignalBlocker(self.round_spin):  # loading the stored round is not a change
            self.round_spin.setMaximum(detail.rounds)
            self.round_spin.setValue(plan.ids.current_round)
        self.late_spin.setMaximum(max(2, detail.rounds))
        counts: dict[str, int] = {}
        for x in plan.schedule.meetings if plan.schedule else []:
            counts[x.candidate_id] = counts.get(x.candidate_id, 0) + 1
        self.candidates.setRowCount(len(detail.candidates))
        for row, candidate in enumerate(detail.candidates):
            name = candidate.name + (" (sans rendez-vous)" if candidate.walk_in else "")
            presence = candidate.attendance_label
            arrival = plan.ids.arrival.get(str(candidate.id))
            if candidate.attendance == "late" and arrival:
                presence = f"{ATTENDANCE_LABELS['late']} (tour {arrival})"
            cells = [name, presence, str(counts.get(str(candidate.id), 0))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, str(candidate.id))
                self.candidates.setItem(row, column, item)
        self.candidates.resizeColumnsToContents()
        blocker = QSignalBlocker(self.recruiters)
        self.recruiters.clear()
        for recruiter in detail.recruiters:
            item = QListWidgetItem(recruiter.name, self.recruiters)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if recruiter.present else Qt.CheckState.Unchecked
            )
            item.setData(ID_ROLE, str(recruiter.id))
        del blocker
        for recruiter in detail.recruiters:
            if not recruiter.present:
                continue  # a walk-in cannot ask for a recruiter who is not there
            item = QListWidgetItem(recruiter.name, self.walk_in_recruiters)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(ID_ROLE, str(recruiter.id))
        self.model.set_plan(plan)
        self._show_round()

    def _round_changed(self) -> None:
        if self.context.ready:
            speed_id, current = self.context.speed_id, self.round_spin.value()
            # Stored at once: reopening the app during the event comes back to this round.
            self.context.write(
                self, lambda db: set_current_round(db, speed_id, current), failed=self.refresh
            )
        self._show_round()

    def _show_round(self) -> None:
        self.model.from_round = self.round_spin.value()
        self.model.layoutChanged.emit()
        if self.model.rowCount():
            # The rounds still to come matter now: bring them into view.
            self.grid.scrollTo(self.model.index(0, self.model.columnCount() - 1))
            self.grid.scrollTo(self.model.index(0, self.model.from_round - 1))

    def selected_candidate(self) -> str | None:
        row = self.candidates.currentRow()
        item = self.candidates.item(row, 0) if row >= 0 else None
        return item.data(ID_ROLE) if item else None

    def select_candidate(self, name: str) -> None:
        for row in range(self.candidates.rowCount()):
            if self.candidates.item(row, 0).text().startswith(name):
                self.candidates.setCurrentCell(row, 0)
                return

    def _recruiter_toggled(self, item: QListWidgetItem) -> None:
        present = item.checkState() == Qt.CheckState.Checked
        recruiter_id = item.data(ID_ROLE)
        # Refused or not, the lists show what is stored (the walk-in list drops an absentee).
        self.context.write(
            self,
            lambda db: set_recruiter_present(db, recruiter_id, present),
            lambda _r: self.refresh(),
            failed=self.refresh,
        )

    def _mark(self, action) -> None:
        candidate_id = self.selected_candidate()
        if candidate_id is None:
            messages.show_info(self, "Choisissez d'abord un jeune dans la liste.")
            return
        row = self.candidates.currentRow()
        self.context.write(
            self,
            lambda db: action(db, candidate_id),
            lambda _r: self.refresh(lambda: self.candidates.setCurrentCell(row, 0)),
        )

    def _mark_late(self) -> None:
        until = self.late_spin.value()  # read here: the work runs on another thread
        self._mark(lambda db, candidate_id: mark_late(db, candidate_id, until))

    def add_walk_in(self) -> None:
        wished = [
            self.walk_in_recruiters.item(i).data(ID_ROLE)
            for i in range(self.walk_in_recruiters.count())
            if self.walk_in_recruiters.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not wished:
            messages.show_info(
                self, "Cochez au moins un recruteur que ce jeune souhaite rencontrer."
            )
            return
        speed_id, name, first = (
            self.context.speed_id,
            self.walk_in_name.text(),
            self.round_spin.value(),
        )

        def added(_result) -> None:
            self.walk_in_name.clear()
            self.refresh()
            self.summary_label.setText(
                "Jeune ajouté : cliquez sur « Replanifier les tours restants » pour lui trouver "
                "des rencontres."
            )

        self.context.write(
            self, lambda db: add_walk_in(db, speed_id, name, wished, from_round=first), added
        )

    def replan(self) -> None:
        if not self.context.ready:
            return
        speed_id, from_round = self.context.speed_id, self.round_spin.value()
        plan = self.model.plan
        self._before = set(plan.schedule.meetings) if plan and plan.schedule else set()
        self.replan_button.setEnabled(False)

        def work(db, control):
            def progress(label: str) -> None:
                control.progress(0, 0, f"Replanification : {label[0].lower()}{label[1:]}")

            return replan_from(
                db, speed_id, from_round, cancelled=control.cancelled, progress=progress
            )

        op = WriteOp(
            parent=self,
            context=self.context.ops,
            op=work,
            changes=SPEED_MEETINGS,
            success=self._replanned,
        )
        op.with_progress("Replanification en cours…", cancellable=True).failure(self._failed)
        op.run_in_background()

    def _replanned(self, outcome) -> None:
        def show_outcome() -> None:
            self.replan_button.setEnabled(True)
            # Cells that changed stand out until the next re-planning: what to announce.
            self.model.highlight = set(outcome.schedule.meetings) - self._before
            self.model.layoutChanged.emit()
            seconds = seconds_text(outcome.seconds)
            self.summary_label.setText(f"{outcome.summary}\n{outcome.quality} · en {seconds}")
            lines = outcome.changes or ["Aucun changement pour les jeunes."]
            self.changes.setPlainText("\n".join(lines + outcome.messages + outcome.problems))
            self.last_outcome = outcome

        # This tab initiates the broadcast: it reloads its grid itself, then says what changed.
        self.refresh(show_outcome)

    def _failed(self, error, trace) -> None:
        self.replan_button.setEnabled(True)
        if isinstance(error, SchedulingCancelled):  # the user asked: a status line is enough
            self.summary_label.setText(error.message)
            return
        messages.show_error(self, error, trace)
