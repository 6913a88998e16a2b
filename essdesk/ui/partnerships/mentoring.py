"""Mentoring pairs (parrainage) of a young person, a company's volunteers or a partnership."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_count
from essdesk.services import mentoring
from essdesk.services.speed_meetings.participants import search_employers, search_youths
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.partnerships.widgets import (
    SearchPicker,
    date_edit,
    date_of,
    fill_table,
    make_table,
    selected_row,
    text_or_none,
    write,
)

HEADERS = ["Jeune", "Parrain ou marraine", "Entreprise", "Période", "Rencontres", "Issue"]
KINDS = (EntityKind.YOUTHS, EntityKind.PARTNERSHIPS)
SCOPES = ("youth", "employer", "partnership")


class MentoringPanel(QGroupBox):
    """`show_record(record)` with the youth, employer or partnership (anything with an `id`)."""

    def __init__(self, context: OpContext, parent=None, *, scope: str = "youth") -> None:
        super().__init__("Parrainages", parent)
        assert scope in SCOPES
        self.context, self.scope = context, scope
        self.owner_id = None
        self.pairs: list[mentoring.Pair] = []
        self.hint = QLabel()
        self.table = make_table(HEADERS, min_height=120)
        self.youth = SearchPicker(context, search_youths, "Jeune parrainé…")
        self.volunteer = QLineEdit()
        self.volunteer.setPlaceholderText("Prénom et nom du parrain ou de la marraine")
        self.company = SearchPicker(context, search_employers, "Entreprise du parrain…")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("Téléphone ou courriel")
        self.partnership = QComboBox()
        self.start = date_edit(date.today())
        self.end = date_edit(date.today())
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText("Issue : CDI chez le parrain, entrée en formation…")
        form = QFormLayout()
        if scope != "youth":
            form.addRow("Jeune :", self.youth)
        form.addRow("Parrain :", self.volunteer)
        if scope != "employer":
            form.addRow("Entreprise :", self.company)
        form.addRow("Contact :", self.contact)
        if scope == "youth":
            form.addRow("Convention :", self.partnership)
        form.addRow("Début :", self.start)
        self.add_button = QPushButton("Nouveau parrainage")
        self.meeting_button = QPushButton("Une rencontre de plus")
        self.end_button = QPushButton("Clore le parrainage")
        close_row = QHBoxLayout()
        close_row.addWidget(QLabel("Fin :"))
        close_row.addWidget(self.end)
        close_row.addWidget(self.outcome, 1)
        close_row.addWidget(self.end_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.meeting_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(close_row)
        self.add_button.clicked.connect(self.add_pair)
        self.meeting_button.clicked.connect(self.add_meeting)
        self.end_button.clicked.connect(self.end_pair)
        self.show_record(None)

    def show_record(self, record) -> None:
        self.owner_id = getattr(record, "id", None)
        enabled = self.owner_id is not None
        for widget in (self.table, self.add_button, self.meeting_button, self.end_button):
            widget.setEnabled(enabled)
        if not enabled:
            self.hint.setText("Enregistrez d'abord la fiche pour y ajouter des parrainages.")
            fill_table(self.table, [])
            return
        self.reload()
        if self.scope == "youth":
            self._load_partnerships()

    def reload(self) -> None:
        owner, scope = self.owner_id, self.scope
        if owner is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: mentoring.list_pairs(db, **{f"{scope}_id": owner}),
            success=self._show,
        ).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def _show(self, pairs: list[mentoring.Pair]) -> None:
        self.pairs = pairs
        fill_table(
            self.table,
            [
                [
                    p.youth_name,
                    p.volunteer_name,
                    p.volunteer_employer or "",
                    p.period,
                    str(p.meetings),
                    p.outcome or "",
                ]  # fmt: skip
                for p in pairs
            ],
        )
        running = sum(1 for p in pairs if p.end_date is None)
        if not pairs:
            self.hint.setText("Aucun parrainage pour l'instant.")
        else:
            ongoing = f"dont {running} en cours" if running else "aucun en cours"
            self.hint.setText(f"{format_count(len(pairs), 'parrainage')}, {ongoing}.")

    def _load_partnerships(self) -> None:
        from essdesk.services.partnerships import list_partnerships

        def show(items) -> None:
            self.partnership.clear()
            self.partnership.addItem("Hors convention", None)
            for item in items:
                self.partnership.addItem(item.label, item.id)

        QueryOp(parent=self, context=self.context, op=lambda db, _c: list_partnerships(db)[:300],
                success=show).bound_to(self).without_progress().run_in_background()  # fmt: skip

    def add_pair(self) -> None:
        owner = self.owner_id
        if owner is None:
            return
        youth_id = owner if self.scope == "youth" else self.youth.chosen()
        employer_id = owner if self.scope == "employer" else self.company.chosen()
        partnership_id = owner if self.scope == "partnership" else self.partnership.currentData()
        name, start = self.volunteer.text(), date_of(self.start)
        contact = text_or_none(self.contact)
        if youth_id is None:
            from essdesk.ui import messages

            messages.show_error(self, "Cherchez puis choisissez le jeune parrainé.")
            return

        def op(db):
            return mentoring.start_mentorship(
                db, youth_id, name, start, volunteer_employer_id=employer_id,
                volunteer_contact=contact, partnership_id=partnership_id,
            )  # fmt: skip

        def done(_r) -> None:
            self.volunteer.clear()
            self.contact.clear()
            self.reload()

        write(self, self.context, op, KINDS, done)

    def _current(self) -> mentoring.Pair | None:
        row = selected_row(self.table)
        return self.pairs[row] if row is not None and row < len(self.pairs) else None

    def add_meeting(self) -> None:
        pair = self._current()
        if pair is not None:
            write(self, self.context, lambda db: mentoring.record_mentoring_meeting(db, pair.id),
                  KINDS, lambda _r: self.reload())  # fmt: skip

    def end_pair(self) -> None:
        pair, end, outcome = self._current(), date_of(self.end), self.outcome.text()
        if pair is not None and end is not None:
            write(self, self.context, lambda db: mentoring.end_mentorship(db, pair.id, end, outcome),
                  KINDS, lambda _r: self.reload())  # fmt: skip
