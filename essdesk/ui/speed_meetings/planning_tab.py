"""The « Planning » tab: generate the plan, look at the master grid, lock, move, print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from essdesk.domain.scheduling.scheduler import SchedulingCancelled
from essdesk.services.speed_meetings.moves import move_meeting, set_locked
from essdesk.services.speed_meetings.planning import (
    generate_schedule,
    load_instance,
    plan_conflicts,
    plan_quality,
)
from essdesk.services.speed_meetings.results import export_printouts
from essdesk.ui import messages
from essdesk.ui.ops import WriteOp
from essdesk.ui.speed_meetings.common import SPEED_MEETINGS, Context, hint, seconds_text
from essdesk.ui.speed_meetings.plan_grid import MEETING_ID_ROLE, PlanGridModel, PlanGridView

LEGEND = (
    "Glissez une case sur une autre pour déplacer ou échanger deux rencontres (elles sont alors "
    "verrouillées). Clic droit : verrouiller ou déverrouiller. 🔒 bleu : verrouillée · ✗ rouge "
    "barré : jeune absent · ⚠ rouge : conflit."
)


class PlanningTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = PlanGridModel(self)
        self.model.on_move = self.move
        self.grid = PlanGridView(self.model)
        self.grid.customContextMenuRequested.connect(self._menu)
        self.generate_button = QPushButton("Générer le planning")
        self.generate_button.clicked.connect(self.generate)
        self.lock_button = QPushButton("Verrouiller / déverrouiller")
        self.lock_button.setToolTip("Une rencontre verrouillée reste en place quand on régénère.")
        self.lock_button.clicked.connect(self.toggle_lock)
        self.print_button = QPushButton("Imprimer…")
        self.print_button.setToolTip(
            "Écrit les convocations, fiches recruteurs, grille et chevalets (PDF) et le planning "
            "(CSV) dans un dossier."
        )
        self.print_button.clicked.connect(self.print_documents)
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.lock_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.quality_label = QLabel()
        self.quality_label.setStyleSheet("font-weight: bold;")
        self.messages_label = hint("")
        self.empty_label = hint("")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.quality_label)
        layout.addWidget(self.messages_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.grid, 1)
        layout.addWidget(hint(LEGEND))

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Reload the grid off the UI thread, then `then()`; a failure is shown to the user."""
        if not self.context.ready:
            self.model.set_plan(None)
            return
        speed_id = self.context.speed_id

        def read(db):
            plan = load_instance(db, speed_id)
            return plan, plan_conflicts(plan)

        def show(found) -> None:
            self._show(*found)
            if then is not None:
                then()

        self.context.query(self, read, show, failed=then)

    def _show(self, plan, conflicts) -> None:
        problems, concerned = conflicts
        self.model.set_plan(plan, concerned)
        if not plan.instance.recruiters or not plan.instance.candidates:
            empty = (
                "Pas encore de planning possible : ajoutez des recruteurs et des jeunes dans "
                "l'onglet « Participants », puis leurs souhaits dans « Souhaits »."
            )
        elif plan.schedule is None or not plan.schedule.meetings:
            empty = "Aucun planning pour l'instant : cliquez sur « Générer le planning »."
        else:
            empty = ""
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))
        if plan.schedule is not None and plan.schedule.meetings:
            self.quality_label.setText(
                f"{len(plan.schedule.meetings)} rencontres · {plan_quality(plan.schedule)}"
            )
        else:
            self.quality_label.setText("")
        self.quality_label.setVisible(bool(self.quality_label.text()))
        if problems:
            self.messages_label.setText("Conflits : " + " ; ".join(problems[:8]))
        self.messages_label.setVisible(bool(self.messages_label.text()))
        self.grid.resizeColumnsToContents()

    # -- generation -------------------------------------------------------------------------

    def generate(self) -> None:
        if not self.context.ready:
            return
        speed_id = self.context.speed_id
        self.generate_button.setEnabled(False)

        def work(db, control):
            def progress(label: str) -> None:
                control.progress(0, 0, f"Calcul du planning : {label[0].lower()}{label[1:]}")

            return generate_schedule(db, speed_id, cancelled=control.cancelled, progress=progress)

        op = WriteOp(
            parent=self,
            context=self.context.ops,
            op=work,
            changes=SPEED_MEETINGS,
            success=self._generated,
        )
        op.with_progress("Calcul du planning…", cancellable=True).failure(self._failed)
        op.run_in_background()

    def _generated(self, outcome) -> None:
        def show_outcome() -> None:
            self.generate_button.setEnabled(True)
            self.quality_label.show()
            self.quality_label.setText(
                f"{len(outcome.schedule.meetings)} rencontres · {outcome.quality} · "
                f"calculé en {seconds_text(outcome.seconds)}"
            )
            notes = outcome.messages + outcome.problems
            self.messages_label.setText("\n".join(notes))
            self.messages_label.setVisible(bool(notes))

        # This tab initiates the broadcast: it reloads its grid itself, then says how it went.
        self.refresh(show_outcome)

    def _failed(self, error, trace) -> None:
        self.generate_button.setEnabled(True)
        self.print_button.setEnabled(True)
        if isinstance(error, SchedulingCancelled):  # the user asked: a status line is enough
            self.messages_label.setText(error.message)
            self.messages_label.show()
            return
        messages.show_error(self, error, trace)

    # -- editing the grid -------------------------------------------------------------------

    def move(self, meeting_id: str, round_: int, recruiter_id: str, table: int) -> None:
        """Move (or swap) a meeting; conflicts are explained and saved only if the user insists."""
        speed_id = self.context.speed_id
        # The grid the user dropped on: a plan changed since (another window) is refused.
        stamp = self.model.plan.ids.stamp if self.model.plan is not None else None

        def attempt(force: bool) -> None:
            self.context.write(
                self,
                lambda db: move_meeting(
                    db,
                    speed_id,
                    meeting_id,
                    round=round_,
                    recruiter_id=recruiter_id,
                    table=table,
                    force=force,
                    expected_stamp=stamp,
                ),
                answered,
                failed=self.refresh,  # show the plan as it is now
            )

        def answered(result) -> None:
            if result.saved:
                self.refresh()
                return
            if not result.conflicts:
                return
            listing = "\n• ".join(result.conflicts)
            if not result.forceable:
                messages.show_error(self, f"Déplacement impossible :\n• {listing}")
            elif messages.ask_yes_no(
                self,
                f"Ce déplacement crée des conflits :\n• {listing}\n\nL'enregistrer quand même ?",
            ):
                attempt(force=True)

        attempt(force=False)

    def toggle_lock(self, index=None) -> None:
        index = index if index is not None else self.grid.currentIndex()
        meeting = self.model.meeting_at(index)
        if meeting is None or self.model.plan is None:
            messages.show_info(self, "Choisissez d'abord une rencontre dans la grille.")
            return
        locked = meeting not in self.model.plan.ids.locked
        meeting_id = index.data(MEETING_ID_ROLE)
        self.context.write(
            self, lambda db: set_locked(db, meeting_id, locked), lambda _r: self.refresh()
        )

    def _menu(self, point: QPoint) -> None:
        index = self.grid.indexAt(point)
        meeting = self.model.meeting_at(index)
        if meeting is None or self.model.plan is None:
            return
        menu = QMenu(self)
        locked = meeting in self.model.plan.ids.locked
        action = menu.addAction("Déverrouiller" if locked else "Verrouiller à cette place")
        action.triggered.connect(lambda: self.toggle_lock(index))
        menu.popup(self.grid.viewport().mapToGlobal(point))

    # -- printouts --------------------------------------------------------------------------

    def print_documents(self) -> None:
        if not self.context.ready:
            return
        folder = messages.choose_directory(
            self, "Dossier des documents à imprimer", str(Path.home())
        )
        if not folder:
            return
        speed_id = self.context.speed_id
        self.print_button.setEnabled(False)
        # A write: the printed meetings are marked announced (kept at the next re-planning).
        op = WriteOp(
            parent=self,
            context=self.context.ops,
            op=lambda db, _control: export_printouts(db, speed_id, folder),
            changes=SPEED_MEETINGS,
            success=self._printed,
        )
        op.with_progress("Écriture des documents…").failure(self._failed)
        op.run_in_background()

    def _printed(self, paths) -> None:
        self.print_button.setEnabled(True)
        names = "\n".join(f"• {p.name}" for p in paths)
        messages.show_info(self, f"{len(paths)} documents écrits dans {paths[0].parent} :\n{names}")
