"""The « Événements » area: the events listed beside the editor of the one opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from essdesk.domain.entities import EntityKind
from essdesk.services.listings import LISTINGS
from essdesk.ui.areas.record_list import RecordListView
from essdesk.ui.events.editor import EventEditor
from essdesk.ui.ops import Changes, OpContext


class EventsArea(QWidget):
    kinds = (EntityKind.EVENTS, EntityKind.OFFERS, EntityKind.SPEED_MEETINGS)

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.list = RecordListView(LISTINGS["events"], context)
        self.editor = EventEditor(context)
        self.new_button = QPushButton("Nouvel événement")
        self.board_button = QPushButton("Toutes les offres à la une")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.board_button)
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
        self.board_button.clicked.connect(self.show_board)
        self.editor.saved.connect(lambda _id: self.list.refresh())

    def set_database(self, db) -> None:
        self.list.set_database(db)
        self.editor.show_detail(None)

    def refresh(self, _changes: Changes | None = None) -> None:
        self.list.refresh()
        self.editor.reload()

    def show_board(self) -> None:
        from essdesk.ui.events.offers_board_view import open_offers_board

        open_offers_board(self, self.context)
