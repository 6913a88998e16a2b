"""The editor of one event over one or several days, with its sessions, sheets and partners."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.nomenclatures import EVENT_KINDS
from essdesk.services.events import details
from essdesk.services.events import sessions as ev
from essdesk.ui.events.partners_tab import PartnersOffersTab
from essdesk.ui.events.sessions_tab import SessionsTab
from essdesk.ui.events.sheet_tab import SheetTab
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import (
    code_combo,
    date_edit,
    date_of,
    grid_form,
    set_code,
    set_date,
    write,
)

KINDS = (EntityKind.EVENTS,)


class EventEditor(QWidget):
    saved = Signal(object)

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.EventDetail | None = None
        self.heading = QLabel()
        self.title = QLineEdit()
        self.kind = code_combo(EVENT_KINDS)
        self.start = date_edit(date.today())
        self.end = date_edit(date.today())
        self.place = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(46)
        days = QHBoxLayout()
        days.addWidget(QLabel("du"))
        days.addWidget(self.start)
        days.addWidget(QLabel("au"))
        days.addWidget(self.end)
        days.addStretch(1)
        form = grid_form([
            [("Intitulé :", self.title), ("Type :", self.kind)],
            [("Dates :", days), ("Lieu :", self.place)],
            [("Présentation :", self.description)],
        ])  # fmt: skip
        self.save_button = QPushButton("Enregistrer l'événement")
        self.board_button = QPushButton("Offres à la une (plein écran)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.board_button)
        self.sessions = SessionsTab(context)
        self.sheet = SheetTab(context)
        self.partners = PartnersOffersTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sessions, "Sessions")
        self.tabs.addTab(self.sheet, "Inscriptions et présences")
        self.tabs.addTab(self.partners, "Partenaires et offres")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        for tab in (self.sessions, self.partners):
            tab.changed.connect(self.reload)
        self.sessions.speed_meeting_created.connect(self._go_to_speed_meetings)
        self.save_button.clicked.connect(self.save)
        self.board_button.clicked.connect(self.show_board)
        self.show_detail(None)

    def open_record(self, event_id: uuid.UUID) -> None:
        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: details.load_event(db, event_id),
            success=self.show_detail,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def reload(self) -> None:
        if self.detail is not None:
            self.open_record(self.detail.id)

    def show_detail(self, detail: details.EventDetail | None) -> None:
        self.detail = detail
        self.heading.setText(f"<h3>{detail.title}</h3>" if detail else "<h3>Nouvel événement</h3>")
        self.title.setText(detail.title if detail else "")
        set_code(self.kind, detail.kind if detail else "week")
        self.kind.setEnabled(detail is None)  # the service sets the kind at creation only
        set_date(self.start, detail.start_date if detail else date.today())
        set_date(self.end, (detail.end_date or detail.start_date) if detail else date.today())
        self.place.setText(detail.place if detail else "")
        self.description.setPlainText(detail.description if detail else "")
        for tab in (self.sessions, self.sheet, self.partners):
            tab.show_detail(detail)
        if detail is None:
            self.tabs.setTabText(0, "Sessions (enregistrez d'abord l'événement)")
        else:
            self.tabs.setTabText(0, f"Sessions ({len(detail.sessions)})")

    def save(self) -> None:
        detail = self.detail
        title, start, end = self.title.text(), date_of(self.start), date_of(self.end)
        place = self.place.text().strip() or None
        description = self.description.toPlainText().strip() or None
        kind = self.kind.currentData()
        if detail is None:

            def op(db):
                return ev.create_event(db, title, start, end, place=place,
                                       description=description, kind=kind)  # fmt: skip
        else:

            def op(db):
                details.update_event(db, detail.id, detail.version, title=title,
                                     start_date=start, end_date=end, place=place,
                                     description=description)  # fmt: skip
                return detail.id

        def done(event_id) -> None:
            self.open_record(event_id)
            self.saved.emit(event_id)

        write(self, self.context, op, KINDS, done)

    def show_board(self) -> None:
        from essdesk.ui.events.offers_board_view import open_offers_board

        open_offers_board(self, self.context, self.detail.id if self.detail else None)

    def _go_to_speed_meetings(self, _speed_id) -> None:
        window = self.window()
        if hasattr(window, "show_area"):
            window.show_area("speed_meetings")
