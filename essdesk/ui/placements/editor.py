"""The placement editor: its form, the rules it breaks, the justification, and its sections."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.schemes.placement_rules import PlacementCheck
from essdesk.errors import EssDeskError
from essdesk.services.counsellors import list_counsellors
from essdesk.services.placements.file import PlacementFile, load_placement
from essdesk.services.placements.follow_ups import record_follow_up
from essdesk.services.placements.records import (
    PlacementInput,
    PlacementRulesBroken,
    add_renewal,
    create_placement,
    record_end,
    update_placement,
)
from essdesk.services.placements.trainings import save_training
from essdesk.ui import messages
from essdesk.ui.fitting import FormScrollArea
from essdesk.ui.ops import Changes, OpContext, QueryOp, WriteOp
from essdesk.ui.placements.form import FormProblems, PlacementForm, parse_day
from essdesk.ui.placements.pathway import PathwaySection
from essdesk.ui.placements.sections import (
    AidSection,
    EndSection,
    MilestonesSection,
    RenewalsSection,
)
from essdesk.ui.records.form import ERROR_STYLE

CHANGES = frozenset({EntityKind.PLACEMENTS})
PATHWAY_CHANGES = frozenset({EntityKind.FOLLOW_UPS, EntityKind.TRAININGS, EntityKind.PLACEMENTS})
JUSTIFY = (
    "Pour l'enregistrer quand même, écrivez pourquoi ci-dessous : la justification est gardée "
    "avec le contrat et figure dans les bilans."
)


class PlacementEditor(QWidget):
    """Saves through the placement services on a worker; a broken rule is never saved silently."""

    saved = Signal(object)  # the placement's id

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.file: PlacementFile | None = None
        self.placement_id: uuid.UUID | None = None
        self.version = 0
        self.title = QLabel("<h2>Nouveau contrat</h2>")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setObjectName("rules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet(ERROR_STYLE)
        self.rules.hide()
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText("Justification de la dérogation (obligatoire)")
        self.justification.setMaximumHeight(70)
        self.justification.hide()
        self.form = PlacementForm(context, self)
        self.renewals = RenewalsSection(self)
        self.end = EndSection(self)
        self.aid = AidSection(self)
        self.milestones = MilestonesSection(self)
        self.pathway = PathwaySection(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.milestones, "Échéances")
        self.tabs.addTab(self.pathway, "Suivis et formations")
        self.tabs.addTab(self.renewals, "Renouvellements")
        self.tabs.addTab(self.aid, "Aide de l'État")
        self.tabs.addTab(self.end, "Fin du contrat")
        self.new_button = QPushButton("Nouveau contrat")
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setDefault(True)
        self.new_button.clicked.connect(self._new_clicked)
        self.save_button.clicked.connect(self.save)
        self.renewals.add_requested.connect(self.add_renewal)
        self.end.end_requested.connect(self.record_end)
        self.pathway.follow_up_requested.connect(self.record_follow_up)
        self.pathway.training_requested.connect(self.add_training)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.form)
        inner.addWidget(self.tabs)
        scroll = FormScrollArea()  # as wide as the form: no field cut at the right
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.rules)
        layout.addWidget(self.justification)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        context.hub.changed.connect(self._on_changed)
        self.new_placement(None)
        self.load_counsellors()

    # -- loading ---------------------------------------------------------------------------

    def load_counsellors(self) -> None:
        if self.context.db is None:
            return
        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: list_counsellors(db),
            success=self.pathway.set_counsellors,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _new_clicked(self) -> None:
        self.new_placement(None)

    def new_placement(self, data: PlacementInput | None) -> None:
        """An unsaved placement, empty or pre-filled (from a hired positioning)."""
        self.file, self.placement_id, self.version = None, None, 0
        self.title.setText("<h2>Nouveau contrat</h2>")
        self.state.setText(
            "Pré-rempli depuis la mise en relation : vérifiez puis enregistrez."
            if data is not None
            else "Choisissez le jeune, l'employeur et le dispositif."
        )
        self._show_rules([], "")
        self.form.load(data)
        for section in (self.renewals, self.end, self.aid, self.milestones, self.pathway):
            section.show_file(None)

    def open_placement(self, placement_id: uuid.UUID) -> None:
        self.load_counsellors()  # a counsellor may have joined since: a short list, read again
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: load_placement(db, placement_id),
            success=self.show_file,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def show_file(self, file: PlacementFile) -> None:
        self.file, self.placement_id, self.version = file, file.id, file.version
        self.title.setText(f"<h2>{file.title}</h2>")
        notes = []
        if file.to_complete:
            notes.append("<b>À compléter :</b> " + ", ".join(file.to_complete) + ".")
        self.state.setText(" ".join(notes) or "Contrat conforme aux règles de son dispositif.")
        self._show_rules(file.overridden_rules, file.data.justification or "", saved=True)
        self.form.load(file.data)
        for section in (self.renewals, self.end, self.aid, self.milestones, self.pathway):
            section.show_file(file)

    def _show_rules(self, messages_: list[str], justification: str, *, saved=False) -> None:
        if not messages_:
            self.rules.hide()
            self.justification.hide()
            self.justification.clear()
            return
        lines = "".join(f"<li>{text}</li>" for text in messages_)
        head = (
            "Enregistré par dérogation aux règles du dispositif :"
            if saved
            else "<b>Ce contrat ne respecte pas les règles du dispositif ; rien n'a été "
            "enregistré.</b>"
        )
        self.rules.setText(f"{head}<ul style='margin:0'>{lines}</ul>{'' if saved else JUSTIFY}")
        self.rules.show()
        self.justification.show()
        if justification or saved:
            self.justification.setPlainText(justification)

    def show_check(self, check: PlacementCheck) -> None:
        self.state.setText("Vos modifications ne sont pas enregistrées.")
        self._show_rules([v.message for v in check.violations], self.justification.toPlainText())
        self.justification.setFocus()

    # -- writing ---------------------------------------------------------------------------

    def _justification(self) -> str | None:
        if self.justification.isHidden():  # no rule broken on screen: keep the stored one
            return self.file.data.justification if self.file else None
        return self.justification.toPlainText().strip() or None

    def save(self) -> None:
        try:
            data = self.form.read(self._justification())
        except FormProblems:
            return  # the form names each field
        placement_id, version = self.placement_id, self.version

        def op(db, _control):
            if placement_id is None:
                return create_placement(db, data)
            update_placement(db, placement_id, version, data)
            return placement_id

        self._write(op, self._saved)

    def _saved(self, placement_id: uuid.UUID) -> None:
        self.open_placement(placement_id)
        self.saved.emit(placement_id)

    def add_renewal(self, end: str, aid_end: str, start: str) -> None:
        placement_id = self.placement_id
        if placement_id is None:
            return
        try:
            end_day = parse_day(end, "Fin du renouvellement")
            aid_day = parse_day(aid_end, "Fin de l'aide") if aid_end.strip() else None
            start_day = parse_day(start, "Début du renouvellement") if start.strip() else None
        except EssDeskError as error:
            messages.show_error(self, error)
            return
        justification = self._justification()
        self._write(
            lambda db, _c: add_renewal(
                db, placement_id, end_date=end_day, aid_end=aid_day, start_date=start_day,
                justification=justification,
            ),
            lambda _id: self.open_placement(placement_id),
        )  # fmt: skip

    def record_end(self, actual: str, reason: str, outcome: str | None) -> None:
        placement_id = self.placement_id
        if placement_id is None:
            return
        try:
            day = parse_day(actual, "Fin réelle")
        except EssDeskError as error:
            messages.show_error(self, error)
            return
        self._write(
            lambda db, _c: record_end(
                db, placement_id, actual_end=day, reason=reason, exit_outcome=outcome
            ),
            lambda _none: self.open_placement(placement_id),
        )

    def record_follow_up(self, data) -> None:
        self._write(
            lambda db, _c: record_follow_up(db, data),
            lambda _id: self.open_placement(data.placement_id),
            PATHWAY_CHANGES,
        )

    def add_training(self, data) -> None:
        self._write(
            lambda db, _c: save_training(db, data),
            lambda _id: self.open_placement(data.placement_id),
            PATHWAY_CHANGES,
        )

    def _write(self, op, success, changes=CHANGES) -> None:
        WriteOp(
            parent=self, context=self.context, op=op, changes=changes, success=success,
        ).failure(self._failed).bound_to(self).run_in_background()  # fmt: skip

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, PlacementRulesBroken):
            self.show_check(error.check)  # said here, next to the justification to write
            return
        messages.show_error(self, error, trace)

    def _on_changed(self, changes: Changes) -> None:
        # Another screen (the dashboard, an import) changed this placement: show it again.
        if (
            changes.initiator is not self
            and self.placement_id is not None
            and changes.touches(*PATHWAY_CHANGES)
        ):
            self.open_placement(self.placement_id)
