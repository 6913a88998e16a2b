"""A session's sheet: registrations (inscrit, désinscrit, refusé) and attendance taken."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count, format_date
from essdesk.domain.nomenclatures import ATTENDANCE_STATUSES, ATTENDEE_ROLES, REGISTRATION_STATUSES
from essdesk.services.events import details
from essdesk.services.events import sessions as ev
from essdesk.services.speed_meetings.participants import search_youths
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import (
    SearchPicker,
    code_combo,
    fill_table,
    find_data,
    make_table,
    selected_row,
    text_or_none,
    write,
)

HEADERS = ["Nom", "Rôle", "Structure", "Inscription", "Présence"]
KINDS = (EntityKind.EVENTS,)


class SheetTab(QWidget):
    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.EventDetail | None = None
        self.lines: list[details.SheetLine] = []
        self.session = QComboBox()
        self.figures = QLabel()
        self.table = make_table(HEADERS)
        self.youth = SearchPicker(context, search_youths, "Jeune à inscrire…")
        self.register_button = QPushButton("Inscrire le jeune")
        self.walk_in_button = QPushButton("Venu sans inscription")
        self.role = code_combo({k: v for k, v in ATTENDEE_ROLES.items() if k != "youth"})
        self.name = QLineEdit()
        self.name.setPlaceholderText("Nom du professionnel ou du recruteur")
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("Structure")
        self.register_other_button = QPushButton("Inscrire")
        self.present_button = QPushButton("Présent")
        self.absent_button = QPushButton("Absent")
        self.cancel_button = QPushButton("Désinscrire")
        top = QHBoxLayout()
        top.addWidget(QLabel("Session :"))
        top.addWidget(self.session, 1)
        youth_row = QHBoxLayout()
        youth_row.addWidget(self.youth, 1)
        youth_row.addWidget(self.register_button)
        youth_row.addWidget(self.walk_in_button)
        other_row = QHBoxLayout()
        other_row.addWidget(self.role)
        other_row.addWidget(self.name, 2)
        other_row.addWidget(self.organisation, 1)
        other_row.addWidget(self.register_other_button)
        marks = QHBoxLayout()
        marks.addWidget(QLabel("Pointage de la ligne choisie :"))
        marks.addWidget(self.present_button)
        marks.addWidget(self.absent_button)
        marks.addWidget(self.cancel_button)
        marks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addLayout(youth_row)
        layout.addLayout(other_row)
        self.session.currentIndexChanged.connect(lambda _i: self.reload())
        self.register_button.clicked.connect(lambda: self.register_youth(walk_in=False))
        self.walk_in_button.clicked.connect(lambda: self.register_youth(walk_in=True))
        self.register_other_button.clicked.connect(self.register_other)
        self.present_button.clicked.connect(lambda: self.mark("present"))
        self.absent_button.clicked.connect(lambda: self.mark("absent"))
        self.cancel_button.clicked.connect(lambda: self.mark("cancelled"))

    def show_detail(self, detail: details.EventDetail | None) -> None:
        chosen = self.session.currentData()
        self.detail = detail
        self.setEnabled(detail is not None)
        self.session.blockSignals(True)
        self.session.clear()
        for s in detail.sessions if detail else ():
            self.session.addItem(f"{format_date(s.starts_at.date())} · {s.title}", s.id)
        index = find_data(self.session, chosen)
        self.session.setCurrentIndex(index if index >= 0 else 0)
        self.session.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        session_id = self.session.currentData()
        if session_id is None:
            self._show([])
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: details.session_sheet(db, session_id), success=self._show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, lines: list[details.SheetLine]) -> None:
        self.lines = lines
        fill_table(
            self.table,
            [
                [
                    x.name,
                    ATTENDEE_ROLES.get(x.role, x.role),
                    x.organisation,
                    REGISTRATION_STATUSES.get(x.registration, x.registration),
                    ATTENDANCE_STATUSES.get(x.status, x.status),
                ]  # fmt: skip
                for x in lines
            ],
        )
        registered = Counter(x.registration for x in lines)
        present = Counter(x.role for x in lines if x.status == "present")
        self.figures.setText(
            f"{format_count(registered['registered'], 'inscrit')}, "
            f"{format_count(registered['cancelled'], 'désinscrit')}, "
            f"{format_count(registered['refused'], 'refusé')} · présents : "
            f"{format_count(present['youth'], 'jeune')}, "
            f"{format_count(present['professional'], 'professionnel')}, "
            f"{format_count(present['recruiter'], 'recruteur')}"
        )

    def register_youth(self, *, walk_in: bool) -> None:
        session_id, youth_id = self.session.currentData(), self.youth.chosen()
        if session_id is None or youth_id is None:
            messages.show_error(
                self, "Choisissez la session, puis cherchez et choisissez le jeune."
            )
            return
        if walk_in:

            def op(db):
                return ev.record_walk_in(db, session_id, youth_id=youth_id)
        else:

            def op(db):
                return ev.register(db, session_id, youth_id=youth_id)

        def done(result) -> None:
            if not walk_in and result[1] == "refused":
                messages.show_info(self, "Inscription refusée : la session est complète ou "
                                   "la date limite d'inscription est passée.")  # fmt: skip
            self.reload()
            self.changed.emit()

        write(self, self.context, op, KINDS, done)

    def register_other(self) -> None:
        session_id, role = self.session.currentData(), self.role.currentData()
        name, organisation = self.name.text(), text_or_none(self.organisation)
        if session_id is None:
            return

        def done(_r) -> None:
            self.name.clear()
            self.organisation.clear()
            self.reload()

        write(self, self.context, lambda db: ev.register(db, session_id, name=name, role=role,
              organisation=organisation), KINDS, done)  # fmt: skip

    def mark(self, status: str) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        line = self.lines[row]
        if status == "cancelled":

            def op(db):
                return ev.cancel_registration(db, line.id)
        else:

            def op(db):
                return ev.mark_attendance(db, line.id, status)

        write(self, self.context, op, KINDS, lambda _r: self._after_mark(row))

    def _after_mark(self, row: int) -> None:
        self.reload()
        self.changed.emit()
