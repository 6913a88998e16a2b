"""The « Partenariats » area: the agreements listed beside the editor of the one opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from essdesk.domain.entities import EntityKind
from essdesk.services.listings import LISTINGS
from essdesk.ui.areas.record_list import RecordListView
from essdesk.ui.ops import Changes, OpContext
from essdesk.ui.partnerships.editor import PartnershipEditor


class PartnershipsArea(QWidget):
    kinds = (EntityKind.PARTNERSHIPS, EntityKind.EVENTS, EntityKind.EMPLOYERS)

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.list = RecordListView(LISTINGS["partnerships"], context)
        self.editor = PartnershipEditor(context)
        self.members_button = QPushButton("Adhérents et cotisations…")
        self.new_button = QPushButton("Nouvelle convention")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.members_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 980])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.open_requested.connect(self.editor.open_record)
        self.list.table.clicked.connect(self.list._open_index)
        self.new_button.clicked.connect(lambda: self.editor.show_detail(None))
        self.members_button.clicked.connect(self.show_members)
        self.editor.saved.connect(lambda _id: self.list.refresh())
        self.editor.deleted.connect(self.list.refresh)
        self.members_dialog = None

    def set_database(self, db) -> None:
        self.list.set_database(db)
        self.editor.show_detail(None)

    def refresh(self, _changes: Changes | None = None) -> None:
        self.list.refresh()
        self.editor.reload()

    def show_members(self) -> None:
        from essdesk.ui.partnerships.members import MembersDialog

        if self.members_dialog is None:
            self.members_dialog = MembersDialog(self.context, self)
        self.members_dialog.reload()
        self.members_dialog.show()
        self.members_dialog.raise_()
