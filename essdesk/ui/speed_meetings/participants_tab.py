"""The « Participants » tab: recruiters with their tables and windows, candidates, pickers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.services.speed_meetings.participants import (
    add_candidates,
    add_recruiters,
    add_walk_in,
    meetings_on_removed_tables,
    remove_participants,
    search_employers,
    search_youths,
    update_candidate,
    update_recruiter,
)
from essdesk.services.speed_meetings.sessions import get_speed_meeting
from essdesk.ui import messages
from essdesk.ui.speed_meetings.common import Context, hint

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECRUITER_HEADERS = ["Recruteur", "Tables", "Du tour", "Au tour"]
CANDIDATE_HEADERS = ["Jeune", "Origine", "Du tour", "Au tour", "Max. rencontres", "Présence"]
SEARCH_DELAY_MS = 250
NAMES_LISTED = 12  # a removal question names at most this many people
Search = Callable[[Database, str], list]  # a picker's search: (base, typed text) → choices


class PickerDialog(QDialog):
    """Search employers or young people and tick those to add; ticks survive a new search."""

    def __init__(self, title: str, search: Search, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 480)
        self._search, self.context = search, context
        self.ticked: dict[str, None] = {}  # ordered set: ids ticked under any search text
        self.query = QLineEdit(placeholderText="Rechercher (nom, commune…)")
        self.query.setClearButtonEnabled(True)
        # One query once typing pauses, not one per key pressed.
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(self.timer.start)
        self.results = QListWidget()
        self.results.itemChanged.connect(self._ticked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ajouter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        text, search = self.query.text(), self._search
        self.context.query(self, lambda db: search(db, text), self._show)

    def _show(self, choices: list) -> None:
        with QSignalBlocker(self.results):  # rebuilding the list is not ticking
            self.results.clear()
            for choice in choices:
                text = f"{choice.label} — {choice.detail}" if choice.detail else choice.label
                item = QListWidgetItem(text, self.results)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setData(ID_ROLE, str(choice.id))
                ticked = str(choice.id) in self.ticked
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _ticked(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked[item.data(ID_ROLE)] = None
        else:
            self.ticked.pop(item.data(ID_ROLE), None)

    def checked_ids(self) -> list[str]:
        return list(self.ticked)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, row_id: str, editable: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(ID_ROLE, row_id)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _number(text: str) -> int | None:
    text = text.strip().strip("—").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise EssDeskError(f"« {text} » n'est pas un nombre entier.") from None


class ParticipantsTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.picker: PickerDialog | None = None
        self.recruiters = _table(RECRUITER_HEADERS)
        self.recruiters.itemChanged.connect(self._recruiter_edited)
        self.candidates = _table(CANDIDATE_HEADERS)
        self.candidates.itemChanged.connect(self._candidate_edited)
        # Clicking « Retirer » takes the focus away: remember the list chosen from last.
        self.last_table: QTableWidget | None = None
        for table in (self.recruiters, self.candidates):
            table.itemSelectionChanged.connect(lambda table=table: self._chosen(table))
        add_recruiters_button = QPushButton("Ajouter des recruteurs…")
        add_recruiters_button.clicked.connect(self.pick_employers)
        add_youths_button = QPushButton("Ajouter des jeunes…")
        add_youths_button.clicked.connect(self.pick_youths)
        self.walk_in_name = QLineEdit(placeholderText="Nom d'un jeune venu sans rendez-vous")
        walk_in_button = QPushButton("Ajouter sans rendez-vous")
        walk_in_button.clicked.connect(self.add_walk_in)
        remove_button = self.remove_button = QPushButton("Retirer la sélection")
        remove_button.clicked.connect(self.remove_selected)
        self.recruiter_count = QLabel()
        self.candidate_count = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.recruiter_count)
        left_layout.addWidget(self.recruiters, 1)
        left_layout.addWidget(add_recruiters_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.candidate_count)
        right_layout.addWidget(self.candidates, 1)
        row = QHBoxLayout()
        row.addWidget(add_youths_button)
        row.addWidget(self.walk_in_name, 1)
        row.addWidget(walk_in_button)
        right_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Double-cliquez une case pour modifier le nombre de tables, la présence (tours) "
                "ou le maximum de rencontres ; une case vide signifie « sans limite »."
            )
        )
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(remove_button)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        """Reload from the base off the UI thread; a failure is shown to the user."""
        if not self.context.ready:
            self._show(None)
            return
        speed_id = self.context.speed_id
        self.context.query(self, lambda db: get_speed_meeting(db, speed_id), self._show)

    def _show(self, detail) -> None:
        blockers = [QSignalBlocker(self.recruiters), QSignalBlocker(self.candidates)]
        self.recruiters.setRowCount(0)
        self.candidates.setRowCount(0)
        if detail is None:
            return
        self.recruiters.setRowCount(len(detail.recruiters))
        for row, r in enumerate(detail.recruiters):
            values = [r.name, str(r.tables), _text(r.available_from), _text(r.available_to)]
            for column, value in enumerate(values):
                self.recruiters.setItem(row, column, _cell(value, str(r.id), column > 0))
        self.candidates.setRowCount(len(detail.candidates))
        for row, c in enumerate(detail.candidates):
            values = [
                c.name,
                "Sans rendez-vous" if c.walk_in else "Inscrit",
                _text(c.available_from),
                _text(c.available_to),
                _text(c.max_meetings),
                c.attendance_label,
            ]
            for column, value in enumerate(values):
                self.candidates.setItem(row, column, _cell(value, str(c.id), 2 <= column <= 4))
        self.recruiters.resizeColumnsToContents()
        self.candidates.resizeColumnsToContents()
        self.recruiter_count.setText(
            f"<b>{len(detail.recruiters)} recruteurs</b>, "
            f"{sum(r.tables for r in detail.recruiters)} tables"
            if detail.recruiters
            else "<b>Aucun recruteur</b> : ajoutez des employeurs ci-dessous."
        )
        walk_ins = sum(c.walk_in for c in detail.candidates)
        self.candidate_count.setText(
            f"<b>{len(detail.candidates)} jeunes</b> dont {walk_ins} sans rendez-vous"
            if detail.candidates
            else "<b>Aucun jeune</b> : ajoutez des jeunes accompagnés ci-dessous."
        )
        del blockers

    def _recruiter_edited(self, item: QTableWidgetItem) -> None:
        row = item.row()
        texts = [self.recruiters.item(row, c).text() for c in range(1, 4)]
        recruiter_id, name = item.data(ID_ROLE), self.recruiters.item(row, 0).text()
        try:
            tables, start, end = _tables(texts[0]), _number(texts[1]), _number(texts[2])
        except EssDeskError as error:
            self._refused(error)
            return

        def save() -> None:
            self._save(
                lambda db: update_recruiter(
                    db, recruiter_id, tables=tables, available_from=start, available_to=end
                )
            )

        def confirm(count: int) -> None:
            # Fewer tables delete the meetings planned on the removed ones: ask before.
            if not count or messages.ask_yes_no(
                self,
                f"Passer « {name} » à {format_count(tables, 'table')} supprime "
                f"{format_count(count, 'rencontre prévue', 'rencontres prévues')} aux tables "
                "retirées ; il faudra replanifier pour leur trouver une autre place.\n\nContinuer ?",
            ):
                save()
            else:
                self.refresh()  # the stored values come back in the cells

        # Refused (held or printed meetings) before any question: the error says why.
        self.context.query(
            self,
            lambda db: meetings_on_removed_tables(db, recruiter_id, tables),
            confirm,
            failed=self.refresh,
            key="tables",
        )

    def _candidate_edited(self, item: QTableWidgetItem) -> None:
        row, candidate_id = item.row(), item.data(ID_ROLE)
        texts = [self.candidates.item(row, c).text() for c in range(2, 5)]
        try:
            start, end, most = (_number(text) for text in texts)
        except EssDeskError as error:
            self._refused(error)
            return
        self._save(
            lambda db: update_candidate(
                db, candidate_id, available_from=start, available_to=end, max_meetings=most
            )
        )

    def _refused(self, error: EssDeskError) -> None:
        messages.show_error(self, error)
        self.refresh()

    def _save(self, write: Callable[[Database], int | None]) -> None:
        # Refused or not, the tables show the stored values afterwards.
        def saved(removed: int | None) -> None:
            if removed:
                messages.show_info(
                    self,
                    f"{format_count(removed, 'rencontre supprimée', 'rencontres supprimées')} aux tables "
                    "retirées : replanifiez pour leur trouver une autre place.",
                )
            self.refresh()

        self.context.write(self, write, saved, failed=self.refresh)

    def pick_employers(self) -> None:
        self._pick("Ajouter des recruteurs", search_employers, add_recruiters)

    def pick_youths(self) -> None:
        self._pick("Ajouter des jeunes", search_youths, add_candidates)

    def _pick(self, title: str, search: Search, add) -> None:
        if not self.context.ready:
            return
        speed_id = self.context.speed_id
        picker = self.picker = PickerDialog(title, search, self.context, self)

        def chosen() -> None:
            ids = picker.checked_ids()
            self.context.write(self, lambda db: add(db, speed_id, ids), lambda _r: self.refresh())

        picker.accepted.connect(chosen)
        picker.open()

    def add_walk_in(self) -> None:
        if not self.context.ready:
            return
        speed_id, name = self.context.speed_id, self.walk_in_name.text()

        def added(_result) -> None:
            self.walk_in_name.clear()
            self.refresh()

        self.context.write(self, lambda db: add_walk_in(db, speed_id, name), added)

    def _chosen(self, table: QTableWidget) -> None:
        if table.selectedItems():
            self.last_table = table
            # One selection at a time: what « Retirer » acts on is never ambiguous.
            other = self.candidates if table is self.recruiters else self.recruiters
            other.clearSelection()

    def remove_selected(self) -> None:
        """Remove every selected row of the list chosen last, after one question."""
        table = self.last_table
        rows = sorted({i.row() for i in table.selectedItems()}) if table is not None else []
        items = [x for x in (table.item(r, 0) for r in rows) if x is not None]
        if not items:
            messages.show_info(self, "Choisissez d'abord un recruteur ou un jeune.")
            return
        if len(items) == 1:
            question = (
                f"Retirer « {items[0].text()} » du speed meeting, avec ses souhaits et rencontres ?"
            )
        else:
            names = [f"• {x.text()}" for x in items[:NAMES_LISTED]]
            if len(items) > NAMES_LISTED:
                names.append(f"• … et {format_count(len(items) - NAMES_LISTED, 'autre')}")
            question = (
                f"Retirer ces {len(items)} participants du speed meeting, avec leurs souhaits "
                "et rencontres ?\n" + "\n".join(names)
            )
        ids = [x.data(ID_ROLE) for x in items]
        if messages.ask_yes_no(self, question):
            self.context.write(
                self, lambda db: remove_participants(db, ids), lambda _r: self.refresh()
            )


def _tables(text: str) -> int:
    count = _number(text)
    return 1 if count is None else count  # the service refuses 0 with a message


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
