"""A partnership's partners (employers, networks, public bodies), linked events and employers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.nomenclatures import PARTNER_KINDS
from essdesk.services import partnership_details as details
from essdesk.services import partnerships as ps
from essdesk.services.speed_meetings.participants import search_employers
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import (
    SearchPicker,
    code_combo,
    fill_table,
    make_table,
    selected_row,
    text_or_none,
    write,
)

KINDS = (EntityKind.PARTNERSHIPS,)


class PartnersTab(QWidget):
    """Who signed or joined the agreement; an employer partner is also covered by it."""

    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.PartnershipDetail | None = None
        self.table = make_table(["Partenaire", "Type", "Rôle"])
        self.name = QLineEdit()
        self.name.setPlaceholderText("Nom du partenaire (réseau, organisme public…)")
        self.kind = code_combo(PARTNER_KINDS)
        self.role = QLineEdit()
        self.role.setPlaceholderText("Rôle (signataire, financeur…)")
        self.employer = SearchPicker(context, search_employers, "Employeur de la base…")
        self.add_button = QPushButton("Ajouter le partenaire")
        self.remove_button = QPushButton("Retirer")
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.name, 2)
        row.addWidget(self.role, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.employer)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.add_button.clicked.connect(self.add_partner)
        self.remove_button.clicked.connect(self.remove_partner)
        self._kind_changed()  # the list opens on « Employeur »: its search, not a free name

    def _kind_changed(self) -> None:
        is_employer = self.kind.currentData() == "employer"
        self.employer.setVisible(is_employer)
        self.name.setVisible(not is_employer)

    def show_detail(self, detail: details.PartnershipDetail | None) -> None:
        self.detail = detail
        self.setEnabled(detail is not None)
        rows = detail.partners if detail else ()
        fill_table(
            self.table, [[p.label, PARTNER_KINDS.get(p.detail, p.detail), p.role] for p in rows]
        )

    def add_partner(self) -> None:
        detail = self.detail
        if detail is None:
            return
        kind, role = self.kind.currentData(), text_or_none(self.role)
        employer_id = self.employer.chosen() if kind == "employer" else None
        name = self.employer.results.currentText() if employer_id else self.name.text()
        if kind == "employer" and employer_id is None:
            messages.show_error(self, "Cherchez puis choisissez l'employeur partenaire.")
            return
        if kind == "employer":
            name = name.split(" · ")[0]

        def done(_r) -> None:
            self.name.clear()
            self.role.clear()
            self.changed.emit()

        write(self, self.context, lambda db: ps.add_partner(db, detail.id, name, kind,
              employer_id=employer_id, role=role), KINDS, done)  # fmt: skip

    def remove_partner(self) -> None:
        row = selected_row(self.table)
        if self.detail is None or row is None:
            return
        partner = self.detail.partners[row]
        if messages.ask_yes_no(self, f"Retirer « {partner.label} » des partenaires ?"):
            write(self, self.context, lambda db: details.remove_item(db, "partner", partner.id),
                  KINDS, lambda _r: self.changed.emit())  # fmt: skip


class LinksTab(QWidget):
    """Events co-organised under the agreement and employers it covers (counted in the review)."""

    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.PartnershipDetail | None = None
        self.events = make_table(["Événement co-organisé", "Début"], min_height=110)
        self.event_choice = QComboBox()
        self.link_event_button = QPushButton("Lier l'événement")
        self.unlink_event_button = QPushButton("Délier")
        self.employers = make_table(["Employeur couvert", "Commune"], min_height=110)
        self.employer = SearchPicker(context, search_employers, "Employeur de la base…")
        self.link_employer_button = QPushButton("Couvrir cet employeur")
        self.unlink_employer_button = QPushButton("Retirer")
        events_box = QGroupBox("Événements")
        box = QVBoxLayout(events_box)
        box.addWidget(self.events)
        row = QHBoxLayout()
        row.addWidget(self.event_choice, 1)
        row.addWidget(self.link_event_button)
        row.addWidget(self.unlink_event_button)
        box.addLayout(row)
        employers_box = QGroupBox("Employeurs")
        box = QVBoxLayout(employers_box)
        box.addWidget(self.employers)
        box.addWidget(self.employer)
        row = QHBoxLayout()
        row.addWidget(self.link_employer_button)
        row.addWidget(self.unlink_employer_button)
        row.addStretch(1)
        box.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addWidget(events_box)
        layout.addWidget(employers_box)
        self.link_event_button.clicked.connect(self.link_event)
        self.unlink_event_button.clicked.connect(lambda: self._unlink("event", self.events))
        self.link_employer_button.clicked.connect(self.link_employer)
        self.unlink_employer_button.clicked.connect(
            lambda: self._unlink("employer", self.employers)
        )

    def show_detail(self, detail: details.PartnershipDetail | None) -> None:
        self.detail = detail
        self.setEnabled(detail is not None)
        fill_table(self.events, [[e.label, e.detail] for e in (detail.events if detail else ())])
        fill_table(
            self.employers, [[e.label, e.detail] for e in (detail.employers if detail else ())]
        )
        if detail is not None:
            self._load_events()

    def _load_events(self) -> None:
        from essdesk.services.events.review import list_events

        def show(events) -> None:
            self.event_choice.clear()
            for event in events:
                self.event_choice.addItem(event.label, event.id)

        QueryOp(parent=self, context=self.context, op=lambda db, _c: list_events(db)[:500],
                success=show).without_progress().run_in_background()  # fmt: skip

    def link_event(self) -> None:
        detail, event_id = self.detail, self.event_choice.currentData()
        if detail is not None and event_id is not None:
            write(self, self.context, lambda db: ps.link_event(db, detail.id, event_id), KINDS,
                  lambda _r: self.changed.emit())  # fmt: skip

    def link_employer(self) -> None:
        detail, employer_id = self.detail, self.employer.chosen()
        if detail is not None and employer_id is not None:
            write(self, self.context, lambda db: ps.link_employer(db, detail.id, employer_id),
                  KINDS, lambda _r: self.changed.emit())  # fmt: skip

    def _unlink(self, what: str, table) -> None:
        row = selected_row(table)
        if self.detail is None or row is None:
            return
        link = (self.detail.events if what == "event" else self.detail.employers)[row]
        write(self, self.context, lambda db: details.remove_item(db, what, link.id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip
