"""An event's partner organisations and the offers its sessions present."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.services.events import details
from essdesk.services.events import sessions as ev
from essdesk.ui.ops import OpContext
from essdesk.ui.partnerships.widgets import (
    SearchPicker,
    fill_table,
    find_data,
    make_table,
    selected_row,
    text_or_none,
    write,
)

KINDS = (EntityKind.EVENTS,)


class PartnersOffersTab(QWidget):
    changed = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.EventDetail | None = None
        self.partners = make_table(["Organisation partenaire", "Rôle"], min_height=110)
        self.partner_name = QLineEdit()
        self.partner_name.setPlaceholderText("Organisation (co-organisateur, réseau, employeur…)")
        self.partner_role = QLineEdit()
        self.partner_role.setPlaceholderText("Rôle")
        self.add_partner_button = QPushButton("Ajouter")
        self.remove_partner_button = QPushButton("Retirer")
        self.session = QComboBox()
        self.offers = QListWidget()
        self.offer = SearchPicker(context, details.search_open_offers, "Offre ouverte…")
        self.present_button = QPushButton("Présenter l'offre à cette session")
        partners_box = QGroupBox("Partenaires de l'événement")
        box = QVBoxLayout(partners_box)
        box.addWidget(self.partners)
        row = QHBoxLayout()
        row.addWidget(self.partner_name, 2)
        row.addWidget(self.partner_role, 1)
        row.addWidget(self.add_partner_button)
        row.addWidget(self.remove_partner_button)
        box.addLayout(row)
        offers_box = QGroupBox("Offres présentées")
        box = QVBoxLayout(offers_box)
        box.addWidget(self.session)
        box.addWidget(self.offers)
        box.addWidget(self.offer)
        box.addWidget(self.present_button)
        layout = QHBoxLayout(self)
        layout.addWidget(partners_box)
        layout.addWidget(offers_box)
        self.session.currentIndexChanged.connect(lambda _i: self._show_offers())
        self.add_partner_button.clicked.connect(self.add_partner)
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.present_button.clicked.connect(self.present_offer)

    def show_detail(self, detail: details.EventDetail | None) -> None:
        chosen = self.session.currentData()
        self.detail = detail
        self.setEnabled(detail is not None)
        fill_table(self.partners, [[name, role] for _id, name, role in (detail.partners if detail
                                                                         else ())])  # fmt: skip
        self.session.blockSignals(True)
        self.session.clear()
        for s in detail.sessions if detail else ():
            self.session.addItem(f"{format_date(s.starts_at.date())} · {s.title}", s.id)
        index = find_data(self.session, chosen)
        self.session.setCurrentIndex(index if index >= 0 else 0)
        self.session.blockSignals(False)
        self._show_offers()

    def _show_offers(self) -> None:
        self.offers.clear()
        if self.detail is None:
            return
        session_id = self.session.currentData()
        for s in self.detail.sessions:
            if s.id == session_id:
                self.offers.addItems(list(s.offers) or ["Aucune offre présentée pour l'instant."])

    def add_partner(self) -> None:
        detail, name, role = self.detail, self.partner_name.text(), text_or_none(self.partner_role)
        if detail is None:
            return

        def done(_r) -> None:
            self.partner_name.clear()
            self.partner_role.clear()
            self.changed.emit()

        write(self, self.context, lambda db: ev.add_event_partner(db, detail.id, name, role=role),
              KINDS, done)  # fmt: skip

    def remove_partner(self) -> None:
        row = selected_row(self.partners)
        if self.detail is None or row is None:
            return
        partner_id = self.detail.partners[row][0]
        write(self, self.context, lambda db: details.remove_event_partner(db, partner_id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip

    def present_offer(self) -> None:
        session_id, offer_id = self.session.currentData(), self.offer.chosen()
        if session_id is None or offer_id is None:
            return
        write(self, self.context, lambda db: ev.present_offer(db, session_id, offer_id), KINDS,
              lambda _r: self.changed.emit())  # fmt: skip
