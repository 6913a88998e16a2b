"""The axes of a partnership and the yearly roadmap of actions of each axis (status editable)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.nomenclatures import ACTION_STATUSES
from essdesk.services import partnership_details as details
from essdesk.services import partnerships as ps
from essdesk.ui import messages
from essdesk.ui.ops import OpContext
from essdesk.ui.partnerships.widgets import (
    code_combo,
    date_edit,
    date_of,
    fill_table,
    grid_form,
    make_table,
    selected_row,
    text_or_none,
    write,
)

ACTION_HEADERS = ["Action", "Statut", "Échéance", "Cible", "Indicateur", "Responsable", "Année"]
STATUS_COLUMN = 1  # next to the title: the status is what changes during the year
KINDS = (EntityKind.PARTNERSHIPS,)


class RoadmapTab(QWidget):
    """Axes on the left, the selected axis' actions on the right; a status changes in place."""

    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.PartnershipDetail | None = None
        self.axes = QListWidget()
        self.axes.setMaximumWidth(230)
        self.axes.setWordWrap(True)
        self.axis_title = QLineEdit()
        self.axis_title.setPlaceholderText("Intitulé du nouvel axe")
        self.add_axis_button = QPushButton("Ajouter l'axe")
        self.remove_axis_button = QPushButton("Retirer l'axe")
        left = QVBoxLayout()
        left.addWidget(QLabel("Axes (champs de coopération)"))
        left.addWidget(self.axes, 1)
        left.addWidget(self.axis_title)
        row = QHBoxLayout()
        row.addWidget(self.add_axis_button)
        row.addWidget(self.remove_axis_button)
        left.addLayout(row)
        self.actions = make_table(ACTION_HEADERS, min_height=180)
        # The action's title takes the room left; the status picker stays in view at the end.
        self.actions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.actions.setColumnWidth(0, 190)
        self.title = QLineEdit()
        self.target = QLineEdit()
        self.indicator = QLineEdit()
        self.owner = QLineEdit()
        self.due = date_edit(optional=True)
        self.status = code_combo(ACTION_STATUSES)
        form = grid_form([
            [("Action :", self.title), ("Cible :", self.target)],
            [("Indicateur :", self.indicator), ("Responsable :", self.owner)],
            [("Échéance :", self.due), ("Statut :", self.status)],
        ])  # fmt: skip
        self.add_action_button = QPushButton("Ajouter l'action à l'axe")
        self.remove_action_button = QPushButton("Retirer l'action")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_action_button)
        buttons.addWidget(self.remove_action_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        self.roadmap_label = QLabel("Feuille de route de l'axe")
        right.addWidget(self.roadmap_label)
        right.addWidget(self.actions, 1)
        right.addLayout(form)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.axes.currentRowChanged.connect(lambda _r: self._show_actions())
        self.add_axis_button.clicked.connect(self.add_axis)
        self.remove_axis_button.clicked.connect(self.remove_axis)
        self.add_action_button.clicked.connect(self.add_action)
        self.remove_action_button.clicked.connect(self.remove_action)

    def show_detail(self, detail: details.PartnershipDetail | None) -> None:
        current = self.current_axis()
        self.detail = detail
        self.axes.blockSignals(True)
        self.axes.clear()
        for axis in detail.axes if detail else ():
            item = QListWidgetItem(f"{axis.position}. {axis.title} ({len(axis.actions)})")
            item.setData(256, axis.id)
            self.axes.addItem(item)
        self.axes.blockSignals(False)
        rows = [i for i in range(self.axes.count()) if self.axes.item(i).data(256) == current]
        self.axes.setCurrentRow(rows[0] if rows else (0 if self.axes.count() else -1))
        self._show_actions()
        self.setEnabled(detail is not None)

    def current_axis(self):
        item = self.axes.currentItem()
        return item.data(256) if item else None

    def _axis(self):
        axis_id = self.current_axis()
        if self.detail is None:
            return None
        return next((a for a in self.detail.axes if a.id == axis_id), None)

    def _show_actions(self) -> None:
        axis = self._axis()
        actions = axis.actions if axis else ()
        self.roadmap_label.setText(
            f"Feuille de route de l'axe « {axis.title} »" if axis else "Ajoutez d'abord un axe."
        )
        fill_table(
            self.actions,
            [
                [
                    a.title,
                    "",
                    format_date(a.due_date),
                    a.target,
                    a.indicator,
                    a.owner,
                    str(a.year or ""),
                ]  # fmt: skip
                for a in actions
            ],
        )
        for row, action in enumerate(actions):
            combo = code_combo(ACTION_STATUSES)
            combo.setCurrentIndex(combo.findData(action.status))
            combo.currentIndexChanged.connect(
                lambda _i, a=action, c=combo: self.set_status(a.id, c.currentData())
            )
            self.actions.setCellWidget(row, STATUS_COLUMN, combo)
        self.add_action_button.setEnabled(axis is not None)
        self.remove_axis_button.setEnabled(axis is not None)

    def status_combo(self, row: int) -> QComboBox:
        return self.actions.cellWidget(row, STATUS_COLUMN)

    def set_status(self, action_id, status: str) -> None:
        write(self, self.context, lambda db: ps.set_action_status(db, action_id, status), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip

    def add_axis(self) -> None:
        detail, title = self.detail, self.axis_title.text()
        if detail is None:
            return

        def done(_r) -> None:
            self.axis_title.clear()
            self.changed.emit()

        write(self, self.context, lambda db: ps.add_axis(db, detail.id, title), KINDS, done)

    def remove_axis(self) -> None:
        axis = self._axis()
        if axis is None or not messages.ask_yes_no(
            self,
            f"Retirer l'axe « {axis.title} » et {'son action' if len(axis.actions) == 1 else f'ses {len(axis.actions)} actions'} ?",
        ):
            return
        write(self, self.context, lambda db: details.remove_item(db, "axis", axis.id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip

    def add_action(self) -> None:
        axis = self._axis()
        if axis is None:
            return
        values = dict(
            target=text_or_none(self.target), indicator=text_or_none(self.indicator),
            owner=text_or_none(self.owner), due_date=date_of(self.due),
            status=self.status.currentData(),
        )  # fmt: skip
        title = self.title.text()

        def done(_r) -> None:
            for edit in (self.title, self.target, self.indicator, self.owner):
                edit.clear()
            self.changed.emit()

        write(self, self.context, lambda db: ps.add_action(db, axis.id, title, **values), KINDS,
              done)  # fmt: skip

    def remove_action(self) -> None:
        axis, row = self._axis(), selected_row(self.actions)
        if axis is None or row is None:
            return
        action = axis.actions[row]
        if not messages.ask_yes_no(self, f"Retirer l'action « {action.title} » ?"):
            return
        write(self, self.context, lambda db: details.remove_item(db, "action", action.id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip
