"""The young person's pathway in their record: every dated step, what is due, the sheet as a PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.reports.pathway_data import Pathway
from essdesk.services.deadlines import OVERDUE
from essdesk.services.placements.pathway import pathway_of, pathway_steps
from essdesk.services.records import LoadedRecord
from essdesk.ui import messages
from essdesk.ui.file_dialogs import choose_target
from essdesk.ui.ops import Changes, OpContext, QueryOp, WriteOp
from essdesk.ui.placements.sections import fill, table

REPORTS_FOLDER = "reports_dir"
# What the timeline shows: contracts, their trainings and follow-ups, and what they still owe.
SHOWN = (EntityKind.PLACEMENTS, EntityKind.TRAININGS, EntityKind.FOLLOW_UPS, EntityKind.YOUTHS)


def timeline_rows(sheet: Pathway) -> list[tuple[date, str, str]]:
    """(date, step, state) in date order: what happened, and what is due, each at its date."""
    rows = sheet.steps()
    rows += [
        (d.due, f"{d.label} ({d.employer})" if d.employer else d.label, d.state) for d in sheet.due
    ]
    return sorted(rows, key=lambda row: row[0])


def sheet_name(record: LoadedRecord) -> str:
    """« fiche-parcours-martin-lena.pdf »: letters and digits only, whatever the name holds."""
    words = f"{record.texts.get('last_name', '')} {record.texts.get('first_name', '')}"
    slug = re.sub(r"[^0-9a-zà-öø-ÿ]+", "-", words.lower()).strip("-")[:60] or "jeune"
    return f"fiche-parcours-{slug}.pdf"


class PathwayPanel(QGroupBox):
    """A record panel (RecordType.panels) of a young person: the timeline of the fiche parcours."""

    HEADERS = ["Date", "Étape", "État"]

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Parcours", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.today: date | None = None  # the day the states are seen from; None: today
        self.rows: list[tuple[date, str, str]] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = table(self.HEADERS, 220)
        self.table.setAccessibleName("Parcours du jeune")
        self.export_button = QPushButton("Fiche parcours (PDF)…")
        self.export_button.setToolTip(
            "Le document de la rencontre tripartite avec l'employeur : contrats, tuteur, aide, "
            "formations, suivis et échéances. L'édition est tracée au journal."
        )
        self.export_button.clicked.connect(self.export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        context.hub.changed.connect(self._on_changed)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        self.export_button.setEnabled(record is not None)
        actor = self.context.db.actor if self.context.db is not None else None
        if actor is not None:  # known once someone is working; the service checks anyway
            self.export_button.setVisible(actor.may("report.personal"))
        if record is None:
            self._fill(None)
            self.summary.setText("Le parcours s'affiche une fois la fiche enregistrée.")
            return
        self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: pathway_steps(db, record.id, today=self.today),
            success=lambda sheet: self._fill(sheet) if record is self.record else None,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _fill(self, sheet: Pathway | None) -> None:
        self.rows = timeline_rows(sheet) if sheet is not None else []
        fill(
            self.table,
            [(format_date(day), step, state) for day, step, state in self.rows],
            late=lambda r: self.rows[r][2] == OVERDUE,
        )
        if sheet is None:
            return
        late = sum(1 for d in sheet.due if d.state == OVERDUE)
        parts = [
            _count(len(sheet.placements), "contrat"),
            _count(len(sheet.trainings), "formation"),
            _count(len(sheet.follow_ups), "suivi"),
        ]
        if len(sheet.due) > late:
            parts.append(_count(len(sheet.due) - late, "échéance à venir", "échéances à venir"))
        if late:
            parts.append(_count(late, "échéance en retard", "échéances en retard"))
        self.summary.setText(" · ".join(parts) if self.rows else "Aucune étape enregistrée.")

    def export(self) -> None:
        record = self.record
        if record is None:
            return
        target = choose_target(
            self, "Enregistrer la fiche parcours", REPORTS_FOLDER, sheet_name(record),
            "Document PDF (*.pdf)", ".pdf",
        )  # fmt: skip
        if target is None:
            return

        def work(db, _control) -> Path:
            from essdesk.reports.pathway import write_pathway
            from essdesk.services.report_branding import load_branding

            return write_pathway(pathway_of(db, record.id), target, agency=load_branding().agency)

        WriteOp(
            parent=self, context=self.context, op=work,
            changes=(),  # only the trail gained an entry
            success=lambda written: messages.show_info(
                self, f"Fiche parcours enregistrée dans {written.name}."
            ),
        ).bound_to(self).with_progress("Édition de la fiche parcours…").run_in_background()  # fmt: skip

    def _on_changed(self, changes: Changes) -> None:
        if self.record is not None and changes.touches(*SHOWN):
            self.reload()


def _count(n: int, one: str, many: str | None = None) -> str:
    many = many or f"{one}s"
    return f"{n} {one if n <= 1 else many}"
