"""The editor of one partnership agreement: its own fields, then one tab per part of it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.entities import EntityKind
from essdesk.services import partnership_details as details
from essdesk.services import partnerships as ps
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.governance import GovernanceTab
from essdesk.ui.partnerships.links import LinksTab, PartnersTab
from essdesk.ui.partnerships.mentoring import MentoringPanel
from essdesk.ui.partnerships.roadmap import RoadmapTab
from essdesk.ui.partnerships.widgets import date_edit, date_of, grid_form, set_date, write

KINDS = (EntityKind.PARTNERSHIPS,)


class PartnershipEditor(QWidget):
    saved = Signal(object)  # the partnership's id
    deleted = Signal()

    def __init__(self, context: OpContext) -> None:
        super().__init__()
        self.context = context
        self.detail: details.PartnershipDetail | None = None
        self.heading = QLabel("<h3>Nouvelle convention</h3>")
        self.title = QLineEdit()
        self.partner_name = QLineEdit()
        self.signed_on = date_edit(optional=True)
        self.start = date_edit(optional=True)
        self.end = date_edit(optional=True)
        self.steering = QSpinBox()
        self.steering.setRange(0, 12)
        self.steering.setValue(1)
        self.steering.setSuffix(" par an")
        self.technical = QSpinBox()
        self.technical.setRange(0, 12)
        self.technical.setSuffix(" par an")
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(46)
        period = QHBoxLayout()
        period.addWidget(QLabel("du"))
        period.addWidget(self.start)
        period.addWidget(QLabel("au"))
        period.addWidget(self.end)
        period.addStretch(1)
        committees = QHBoxLayout()
        committees.addWidget(QLabel("de pilotage"))
        committees.addWidget(self.steering)
        committees.addWidget(QLabel("  technique"))
        committees.addWidget(self.technical)
        committees.addStretch(1)
        form = grid_form([
            [("Intitulé :", self.title)],
            [("Partenaire principal :", self.partner_name)],
            [("Période :", period), ("Signée le :", self.signed_on)],
            [("Comités attendus :", committees)],
            [("Objet :", self.description)],
        ])  # fmt: skip
        self.save_button = QPushButton("Enregistrer la convention")
        self.new_button = QPushButton("Nouvelle convention")
        self.delete_button = QPushButton("Supprimer")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.partners = PartnersTab(context)
        self.roadmap = RoadmapTab(context)
        self.governance = GovernanceTab(context)
        self.links = LinksTab(context)
        self.mentoring = MentoringPanel(context, scope="partnership")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.partners, "Partenaires")
        self.tabs.addTab(self.roadmap, "Axes et feuille de route")
        self.tabs.addTab(self.governance, "Instances")
        self.tabs.addTab(self.links, "Événements et employeurs")
        self.tabs.addTab(self.mentoring, "Parrainages")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        for tab in (self.partners, self.roadmap, self.governance, self.links):
            tab.changed.connect(self.reload)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(lambda: self.show_detail(None))
        self.delete_button.clicked.connect(self.delete)
        self.show_detail(None)

    def open_record(self, partnership_id: uuid.UUID) -> None:
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: details.load_partnership(db, partnership_id),
            success=self.show_detail,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def reload(self) -> None:
        if self.detail is not None:
            self.open_record(self.detail.id)

    def show_detail(self, detail: details.PartnershipDetail | None) -> None:
        self.detail = detail
        self.heading.setText(
            f"<h3>{detail.title}</h3>" if detail else "<h3>Nouvelle convention</h3>"
        )
        self.title.setText(detail.title if detail else "")
        self.partner_name.setText(detail.partner_name if detail else "")
        set_date(self.signed_on, detail.signed_on if detail else None)
        set_date(self.start, detail.start_date if detail else None)
        set_date(self.end, detail.end_date if detail else None)
        self.steering.setValue(detail.steering_per_year if detail else 1)
        self.technical.setValue(detail.technical_per_year if detail else 0)
        self.description.setPlainText(detail.description if detail else "")
        self.delete_button.setEnabled(detail is not None)
        for tab in (self.partners, self.roadmap, self.governance, self.links):
            tab.show_detail(detail)
        self.mentoring.show_record(detail)

    def values(self) -> dict:
        return dict(
            title=self.title.text(), partner_name=self.partner_name.text(),
            signed_on=date_of(self.signed_on), start_date=date_of(self.start),
            end_date=date_of(self.end), steering_per_year=self.steering.value(),
            technical_per_year=self.technical.value(),
            description=self.description.toPlainText().strip() or None,
        )  # fmt: skip

    def save(self) -> None:
        detail, values = self.detail, self.values()
        if detail is None:

            def op(db):
                return ps.create_partnership(db, **values)
        else:
            for name in ("title", "partner_name"):
                values[name] = " ".join(values[name].split())
                if not values[name]:
                    messages.show_error(self, "L'intitulé et le partenaire principal sont requis.")
                    return

            def op(db):
                ps.update_partnership(db, detail.id, detail.version, **values)
                return detail.id

        def done(partnership_id) -> None:
            self.open_record(partnership_id)
            self.saved.emit(partnership_id)

        write(self, self.context, op, KINDS, done)

    def delete(self) -> None:
        detail = self.detail
        if detail is None or not messages.ask_yes_no(
            self, f"Supprimer la convention « {detail.title} », ses axes, actions et réunions ?"
        ):
            return

        def done(_r) -> None:
            self.show_detail(None)
            self.deleted.emit()

        write(self, self.context,
              lambda db: details.delete_partnership(db, detail.id, detail.version), KINDS, done)  # fmt: skip
