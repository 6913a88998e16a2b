"""Moving a positioning to its next state: allowed targets only, date, counsellor, comment, refusal
reason; the history shown above; a refused move says why in French and writes nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain import positionings as rules
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.values import ValueProblem, parse_date
from essdesk.services import counsellors, positionings
from essdesk.services.positionings import Moved, PositioningRow
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp, WriteOp
from essdesk.ui.positionings import hooks
from essdesk.ui.records.form import ERROR_STYLE

CHANGES = frozenset({EntityKind.APPLICATIONS, EntityKind.OFFERS})


class PositioningView(QWidget):
    """One positioning: what it is, its history (date, state, counsellor, comment), the next move."""

    moved = Signal(object)  # Moved

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.row: PositioningRow | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.history = QListWidget()
        self.history.setMinimumHeight(110)
        self.history.setMaximumHeight(220)
        self.target = QComboBox()
        self.target.setAccessibleName("Nouvel état")
        self.on = QLineEdit(placeholderText="jj/mm/aaaa")
        self.counsellor = QComboBox()
        self.reason = QComboBox()
        self.reason.addItem("", None)
        for code, label in rules.REFUSAL_REASONS.items():
            self.reason.addItem(label, code)
        self.comment = QLineEdit(placeholderText="Ce qui s'est dit, la suite prévue…")
        self.problem = QLabel()
        self.problem.setObjectName("transition_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.save_button = QPushButton("Enregistrer le changement d'état")
        form = QFormLayout()
        form.addRow("Nouvel état :", self.target)
        form.addRow("Date :", self.on)
        form.addRow("Conseiller :", self.counsellor)
        form.addRow("Motif du refus :", self.reason)
        form.addRow("Commentaire :", self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Historique :"))
        layout.addWidget(self.history)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.target.currentIndexChanged.connect(self._on_target)
        self.save_button.clicked.connect(self.submit)
        self._counsellors_loaded = False
        self.show_row(None)

    # -- showing ---------------------------------------------------------------------------

    def open_positioning(self, application_id) -> None:
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: (positionings.get(db, application_id),
                               positionings.history(db, application_id)),
            success=lambda found: self.show_row(*found),
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def show_row(self, row: PositioningRow | None, steps=()) -> None:
        self.row = row
        self.problem.hide()
        self.history.clear()
        self.target.clear()
        enabled = row is not None
        for widget in (self.target, self.on, self.counsellor, self.comment, self.save_button):
            widget.setEnabled(enabled)
        if row is None:
            self.summary.setText("Choisissez une mise en relation pour voir son historique.")
            self.reason.setEnabled(False)
            return
        flag = " — ⚠ sans nouvelles depuis 60 jours ou plus" if row.without_news else ""
        self.summary.setText(
            f"<b>{row.youth}</b> sur « {row.offer} » ({row.employer})<br>"
            f"État : <b>{row.status_label}</b> — proposée le {format_date(row.proposed_on)}{flag}"
        )
        for step in steps:
            self.history.addItem(step.text)
        for state in rules.allowed_targets(row.status):
            if state != "obsolete":  # set only by a hire elsewhere, never chosen
                self.target.addItem(rules.label(state), state)
        if self.target.count() == 0:
            self.save_button.setEnabled(False)
        self.on.setText(format_date(dt.date.today()))
        self.comment.clear()
        self.reason.setCurrentIndex(0)
        self._on_target()
        if not self._counsellors_loaded:
            self._load_counsellors()

    def _load_counsellors(self) -> None:
        def show(rows) -> None:
            self._counsellors_loaded = True
            self.counsellor.clear()
            self.counsellor.addItem("— non précisé —", None)
            for counsellor in rows:
                self.counsellor.addItem(counsellor.name, counsellor.id)

        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: counsellors.list_counsellors(db), success=show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _on_target(self, *_args) -> None:
        refusing = self.target.currentData() == "refused"
        self.reason.setEnabled(refusing)
        if not refusing:
            self.reason.setCurrentIndex(0)

    def select_target(self, state: str) -> None:
        self.target.setCurrentIndex(self.target.findData(state))

    # -- moving ----------------------------------------------------------------------------

    def submit(self) -> None:
        row = self.row
        if row is None:
            return
        target = self.target.currentData()
        reason = self.reason.currentData() if target == "refused" else None
        comment = self.comment.text()
        try:
            on = parse_date(self.on.text())
            # The domain's own check first, so that the reason shows at once; the service
            # checks again in its transaction (the state may have changed meanwhile).
            rules.check_transition(
                row.status, target or "", on=on, today=dt.date.today(),
                proposed_on=row.proposed_on, reason=reason, comment=comment,
            )  # fmt: skip
        except ValueProblem as problem:
            self._refused(f"Date : {problem.reason}.")
            return
        except rules.TransitionRefused as refused:
            self._refused(refused.message)
            return
        counsellor_id = self.counsellor.currentData()
        WriteOp(
            parent=self, context=self.context,
            op=lambda db, _c: positionings.move(
                db, row.id, target, on=on, counsellor_id=counsellor_id, comment=comment,
                reason=reason, expected_version=row.version,
            ),
            changes=CHANGES, success=lambda moved: self._moved(row, moved),
        ).failure(self._failed).run_in_background()  # fmt: skip

    def _refused(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, rules.TransitionRefused):
            self._refused(error.message)
        else:
            messages.show_error(self, error, trace)
            if self.row is not None:
                self.open_positioning(self.row.id)

    def _moved(self, row: PositioningRow, moved: Moved) -> None:
        self.open_positioning(row.id)
        self.moved.emit(moved)
        if moved.obsoleted:
            messages.show_info(self, obsoleted_text(row.youth, len(moved.obsoleted)))
        if (
            moved.propose_placement
            and hooks.on_hired
            and messages.ask_yes_no(
                self, f"Enregistrer maintenant le contrat de {row.youth} (« {row.offer} ») ?"
            )
        ):
            for hook in hooks.on_hired:
                hook(self, self.context, row.id)


class TransitionDialog(QDialog):
    """The positioning view in a window of its own, opened from a record's panel."""

    def __init__(self, context: OpContext, application_id, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mise en relation")
        self.resize(620, 520)
        self.view = PositioningView(context, self)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.view.open_positioning(application_id)


def obsoleted_text(youth: str, count: int) -> str:
    if count == 1:
        return (
            f"{youth} est embauché(e) : son autre mise en relation en cours passe à « Obsolète »."
        )
    return (
        f"{youth} est embauché(e) : ses {count} autres mises en relation en cours passent à "
        "« Obsolète »."
    )
