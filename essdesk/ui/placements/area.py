"""« Contrats et dispositifs »: the filtered list beside the editor, the editor's window, the hire hook."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.services.listings import LISTINGS
from essdesk.services.placements.file import ENDED, RUNNING, PlacementFilters
from essdesk.services.placements.hiring import placement_from_application
from essdesk.ui.areas.record_list import RecordListView
from essdesk.ui.ops import Changes, OpContext, QueryOp
from essdesk.ui.placements.editor import PlacementEditor
from essdesk.ui.placements.form import SCHEMES, compact
from essdesk.ui.positionings import hooks

ALL = "Tous"


class PlacementFilterBar(QWidget):
    """Scheme, in progress or ended, ending within 6 months; `changed` carries PlacementFilters."""

    changed = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.scheme = compact(QComboBox())
        self.scheme.setAccessibleName("Dispositif")
        self.scheme.addItem(ALL, None)
        for code, name in SCHEMES:
            self.scheme.addItem(name, code)
        self.state = QComboBox()
        self.state.setAccessibleName("État")
        for label, value in ((ALL, None), ("En cours", RUNNING), ("Terminés", ENDED)):
            self.state.addItem(label, value)
        self.ending_soon = QCheckBox("Finissent dans les 6 mois")
        # Two rows: beside the editor, the list keeps its room at 1280 pixels wide.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, (label, widget) in enumerate(
            (("Dispositif", self.scheme), ("État", self.state))
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption, 0, column * 2)
            layout.addWidget(widget, 0, column * 2 + 1)
        layout.addWidget(self.ending_soon, 1, 0, 1, 4)
        self.aid_button = QPushButton("Aides sur une période…")
        self.aid_button.setToolTip("Total de l'aide de l'État par employeur et par mois")
        # Its own row: beside the check box it would widen the list past 1280 pixels.
        layout.addWidget(self.aid_button, 2, 0, 1, 4, Qt.AlignmentFlag.AlignLeft)
        layout.setColumnStretch(4, 1)
        self.scheme.currentIndexChanged.connect(self._emit)
        self.state.currentIndexChanged.connect(self._emit)
        self.ending_soon.toggled.connect(self._emit)

    def filters(self) -> PlacementFilters:
        return PlacementFilters(
            self.scheme.currentData(), self.state.currentData(), self.ending_soon.isChecked()
        )

    def _emit(self, index: int | bool = 0) -> None:
        if index is not True and index is not False and index < 0:
            return  # a combo emptied, as when the screen is deleted: no query then
        self.changed.emit(self.filters())


class PlacementsArea(QWidget):
    """The list opens a placement in the editor; a save reloads the list and keeps it selected."""

    kinds = (EntityKind.PLACEMENTS, EntityKind.YOUTHS, EntityKind.EMPLOYERS, EntityKind.REFERENCE)

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.list = RecordListView(LISTINGS["placements"], context)
        self.filter_bar = PlacementFilterBar(self)
        self.list.add_filter_bar(self.filter_bar)
        self.filter_bar.changed.connect(self.apply_filters)
        self.filter_bar.aid_button.clicked.connect(self.show_aid_totals)
        self.aid_dialog = None
        self.editor = PlacementEditor(context)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.open_requested.connect(self.editor.open_placement)
        self.editor.saved.connect(self._saved)
        self._pending: uuid.UUID | None = None
        self.list.model.loaded.connect(self._select_pending)

    def set_database(self, db) -> None:
        self.list.set_database(db)
        self.editor.new_placement(None)
        self.editor.load_counsellors()

    def refresh(self, _changes: Changes | None = None) -> None:
        self.list.refresh()

    def apply_filters(self, filters: PlacementFilters) -> None:
        self.list.set_filters(filters.conditions_for if filters != PlacementFilters() else None)

    def open_placement(self, placement_id: uuid.UUID) -> None:
        self.editor.open_placement(placement_id)

    def show_aid_totals(self):
        """The aid over a period, in a window beside the list (one, raised again if open)."""
        from essdesk.ui.placements.aid_totals import AidTotalsDialog

        if self.aid_dialog is None or not shiboken6.isValid(self.aid_dialog):
            self.aid_dialog = AidTotalsDialog(self.context, self)
        self.aid_dialog.show()
        self.aid_dialog.raise_()
        return self.aid_dialog

    def _saved(self, placement_id: uuid.UUID) -> None:
        self._pending = placement_id
        self.list.refresh()

    def _select_pending(self) -> None:
        if self._pending is not None:
            self.list.select_id(self._pending)
            self._pending = None


class PlacementDialog(QDialog):
    """The placement editor in a window of its own: from a hire, a deadline, a young person."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Contrat")
        self.resize(900, 860)
        self.editor = PlacementEditor(context, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)

    def forget(self, _result: int = 0) -> None:
        if self in _open_dialogs:
            _open_dialogs.remove(self)


_open_dialogs: list[PlacementDialog] = []  # a non-modal window nobody else keeps


def open_dialog(_parent: QWidget | None, context: OpContext) -> PlacementDialog:
    """A window of its own, not a child of the screen that asked: closing the positioning's
    window (or the dashboard reloading) must not take the contract being typed with it."""
    dialog = PlacementDialog(context)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)
    dialog.finished.connect(dialog.forget)
    dialog.show()  # not exec(): the rest of the application stays usable
    return dialog


def close_dialogs() -> None:
    """Close the contract windows still open (the application quits, a test ends)."""
    for dialog in list(_open_dialogs):
        if shiboken6.isValid(dialog):
            dialog.close()
    _open_dialogs.clear()


def open_placement_dialog(
    parent: QWidget | None, context: OpContext, placement_id: uuid.UUID
) -> PlacementDialog:
    dialog = open_dialog(parent, context)
    dialog.editor.open_placement(placement_id)
    return dialog


def propose_placement(parent: QWidget, context: OpContext, application_id: uuid.UUID) -> None:
    """The hook run when a positioning becomes « embauchée »: the editor, pre-filled."""
    dialog = open_dialog(parent, context)
    QueryOp(
        parent=dialog, context=context,
        op=lambda db, _c: placement_from_application(db, application_id),
        success=dialog.editor.new_placement,
    ).bound_to(dialog).run_in_background()  # fmt: skip


def install() -> None:
    """Register the placement editor on hires (once, whatever the number of areas made)."""
    if propose_placement not in hooks.on_hired:
        hooks.on_hired.append(propose_placement)


def make_placements_area(context: OpContext) -> PlacementsArea:
    install()
    return PlacementsArea(context)
