"""The sessions of an event: format, day and times, place, audience, capacity and deadline."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_clock, format_date
from essdesk.domain.nomenclatures import SESSION_AUDIENCES, SESSION_FORMATS
from essdesk.services.events import details
from essdesk.services.events import sessions as ev
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
    set_code,
    set_date,
    write,
)

HEADERS = ["Session", "Format", "Jour", "Horaires", "Lieu", "Public", "Places", "Inscriptions "
           "jusqu'au", "Speed meeting"]  # fmt: skip
KINDS = (EntityKind.EVENTS,)


def _time_edit(hour: int) -> QTimeEdit:
    edit = QTimeEdit(QTime(hour, 0))
    edit.setDisplayFormat("HH:mm")
    return edit


def session_cells(s: details.SessionRow) -> list[str]:
    hours = format_clock(s.starts_at.time())
    if s.ends_at:
        hours += f" – {format_clock(s.ends_at.time())}"
    return [
        s.title, SESSION_FORMATS.get(s.format, s.format), format_date(s.starts_at.date()), hours,
        s.room, SESSION_AUDIENCES.get(s.audience, s.audience),
        str(s.capacity) if s.capacity else "sans limite", format_date(s.registration_deadline),
        "créé" if s.speed_meeting_id else "",
    ]  # fmt: skip


class SessionsTab(QWidget):
    changed = Signal()
    speed_meeting_created = Signal(object)

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.EventDetail | None = None
        self.table = make_table(HEADERS, min_height=200)
        self.title = QLineEdit()
        self.format = code_combo(SESSION_FORMATS)
        self.day = date_edit()
        self.starts = _time_edit(9)
        self.ends = _time_edit(12)
        self.room = QLineEdit()
        self.audience = code_combo(SESSION_AUDIENCES)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 10000)
        self.capacity.setSpecialValueText("sans limite")
        self.deadline = date_edit(optional=True)
        hours = QHBoxLayout()
        hours.setSpacing(0)  # the row sets the editor's width: packed, it fits at 1280 × 720
        hours.addWidget(self.day)
        hours.addWidget(QLabel("de"))
        hours.addWidget(self.starts)
        hours.addWidget(QLabel("à"))
        hours.addWidget(self.ends)
        hours.addStretch(1)
        form = grid_form([
            [("Intitulé :", self.title), ("Format :", self.format)],
            [("Jour :", hours), ("Lieu, salle :", self.room)],
            [("Public :", self.audience), ("Capacité :", self.capacity)],
            [("Inscriptions jusqu'au :", self.deadline)],
        ])  # fmt: skip
        self.new_button = QPushButton("Nouvelle session")
        self.save_button = QPushButton("Enregistrer la session")
        self.delete_button = QPushButton("Supprimer la session")
        self.speed_button = QPushButton("Créer le speed meeting")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button, self.speed_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_session)
        self.save_button.clicked.connect(self.save_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.speed_button.clicked.connect(self.create_speed_meeting)

    def show_detail(self, detail: details.EventDetail | None) -> None:
        chosen = self.current()
        self.detail = detail
        self.setEnabled(detail is not None)
        rows = detail.sessions if detail else ()
        fill_table(self.table, [session_cells(s) for s in rows])
        for row, s in enumerate(rows):
            if chosen is not None and s.id == chosen.id:
                self.table.selectRow(row)
        if detail is not None and not rows:
            set_date(self.day, detail.start_date)
        self._selected()

    def current(self) -> details.SessionRow | None:
        row = selected_row(self.table)
        return self.detail.sessions[row] if self.detail and row is not None else None

    def _selected(self) -> None:
        s = self.current()
        self.delete_button.setEnabled(s is not None)
        self.speed_button.setEnabled(s is not None and s.speed_meeting_id is None)
        if s is None:
            return
        self.title.setText(s.title)
        set_code(self.format, s.format)
        set_date(self.day, s.starts_at.date())
        self.starts.setTime(QTime(s.starts_at.hour, s.starts_at.minute))
        if s.ends_at:
            self.ends.setTime(QTime(s.ends_at.hour, s.ends_at.minute))
        self.room.setText(s.room)
        set_code(self.audience, s.audience)
        self.capacity.setValue(s.capacity or 0)
        set_date(self.deadline, s.registration_deadline)

    def new_session(self) -> None:
        self.table.clearSelection()
        self.title.clear()
        self.room.clear()
        self.capacity.setValue(0)
        set_date(self.deadline, None)

    def values(self) -> dict:
        day = date_of(self.day)
        start, end = self.starts.time(), self.ends.time()
        return dict(
            title=self.title.text(), format=self.format.currentData(),
            starts_at=datetime.combine(day, time(start.hour(), start.minute())),
            ends_at=datetime.combine(day, time(end.hour(), end.minute())),
            room=self.room.text().strip() or None, audience=self.audience.currentData(),
            capacity=self.capacity.value() or None, registration_deadline=date_of(self.deadline),
        )  # fmt: skip

    def save_session(self) -> None:
        detail, current, values = self.detail, self.current(), self.values()
        if detail is None:
            return
        if current is None:

            def op(db):
                title, starts, ends = values.pop("title"), values.pop("starts_at"), values.pop(
                    "ends_at")  # fmt: skip
                return ev.add_session(db, detail.id, title, starts, ends, **values)
        else:

            def op(db):
                return details.update_session(db, current.id, **values)

        write(self, self.context, op, KINDS, lambda _r: self.changed.emit())

    def delete_session(self) -> None:
        s = self.current()
        if s is None or not messages.ask_yes_no(
            self, f"Supprimer la session « {s.title} » et ses inscriptions ?"
        ):
            return
        write(self, self.context, lambda db: details.delete_session(db, s.id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip

    def create_speed_meeting(self) -> None:
        from essdesk.services.speed_meetings.sessions import create_speed_meeting

        s = self.current()
        if s is None:
            return

        def done(speed_id) -> None:
            self.changed.emit()
            self.speed_meeting_created.emit(speed_id)

        write(self, self.context, lambda db: create_speed_meeting(db, s.title, s.id),
              (EntityKind.SPEED_MEETINGS, EntityKind.EVENTS), done)  # fmt: skip
