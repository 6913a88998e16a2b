"""The speed-meetings area: the list of sessions on the left, the selected one's tabs on the right."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.entities import EntityKind
from essdesk.services.speed_meetings.sessions import (
    create_speed_meeting,
    get_speed_meeting,
    list_event_sessions,
    list_speed_meetings,
)
from essdesk.ui.ops import Changes
from essdesk.ui.speed_meetings.common import SHOWN_KINDS, Context, hint
from essdesk.ui.speed_meetings.live_tab import LiveTab
from essdesk.ui.speed_meetings.participants_tab import ParticipantsTab
from essdesk.ui.speed_meetings.planning_tab import PlanningTab
from essdesk.ui.speed_meetings.results_tab import ResultsTab
from essdesk.ui.speed_meetings.timing_tab import TimingTab
from essdesk.ui.speed_meetings.wishes_tab import WishesTab

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SpeedMeetingsView(QWidget):
    """Everything about recruiter speed meetings, from participants to results."""

    def __init__(self, signals, parent=None) -> None:
        super().__init__(parent)
        self.context = Context(signals)
        self.list = QListWidget()
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Liste des speed meetings")
        self.list.currentItemChanged.connect(self._selected)
        self.new_title = QLineEdit(placeholderText="Titre (ex. Speed meeting de l'alternance)")
        self.session_combo = QComboBox()
        self.session_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_combo.setMinimumContentsLength(18)
        # The labels are long (event · session · date): the full text shows on hover.
        self.session_combo.currentTextChanged.connect(self.session_combo.setToolTip)
        create_button = QPushButton("Nouveau speed meeting")
        create_button.clicked.connect(self.create)
        new_box = self.new_box = QGroupBox("Nouveau speed meeting")
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.new_title)
        new_layout.addWidget(QLabel("Session d'événement :"))
        new_layout.addWidget(self.session_combo)
        new_layout.addWidget(create_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<h2>Speed meetings</h2>"))
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(new_box)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tabs = QTabWidget()
        self.participants = ParticipantsTab(self.context)
        self.wishes = WishesTab(self.context)
        self.timing = TimingTab(self.context)
        self.planning = PlanningTab(self.context)
        self.live = LiveTab(self.context)
        self.results = ResultsTab(self.context)
        for tab, label in (
            (self.participants, "Participants"),
            (self.wishes, "Souhaits"),
            (self.timing, "Déroulé"),
            (self.planning, "Planning"),
            (self.live, "Direct"),
            (self.results, "Résultats"),
        ):
            self.tabs.addTab(tab, label)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self._stale: set[QWidget] = set()
        self._wanted: uuid.UUID | None = None  # the session to select once the list is read
        self._force = False
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.tabs, 1)
        self.empty = hint("")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(detail)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1020])  # the Direct tab needs the width for its rounds
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        signals.changed.connect(self._on_changed)
        self.set_database(None)

    # -- data -------------------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self.context.db = db
        self.new_box.setEnabled(db is not None)
        self.context.speed_id = None
        self.reload_list(force=True)

    def reload_list(self, select: uuid.UUID | None = None, *, force: bool = False) -> None:
        """Rebuild the list (counts change after each write); keep the selection if possible."""
        # Kept until a list is shown: a later reload (a broadcast) supersedes this one's answer.
        self._wanted = select or self._wanted
        self._force = self._force or force
        if self.context.db is None:
            self._show_list(([], []))
            return
        self.context.query(
            self,
            lambda db: (list_speed_meetings(db), list_event_sessions(db)),
            self._show_list,
            key="list",
        )

    def _show_list(self, found) -> None:
        summaries, sessions = found
        previous = self.context.speed_id
        wanted = self._wanted or previous
        force, self._wanted, self._force = self._force, None, False
        with QSignalBlocker(self.list):
            self.list.clear()
            self.session_combo.clear()
            self.session_combo.addItem("Sans événement (autonome)", None)
            for summary in summaries:
                text = (
                    f"{summary.label}\n{summary.recruiters} recruteurs · "
                    f"{summary.candidates} jeunes · {summary.meetings} rencontres"
                )
                item = QListWidgetItem(text, self.list)
                item.setData(ID_ROLE, summary.id)
                if summary.id == wanted:
                    self.list.setCurrentItem(item)
            for choice in sessions:
                self.session_combo.addItem(choice.label, choice.id)
            if self.session_combo.count() > 1:
                # Speed-meeting sessions come first: the most likely attachment.
                self.session_combo.setCurrentIndex(1)
            if self.list.currentItem() is None and self.list.count():
                self.list.setCurrentRow(0)
        item = self.list.currentItem()
        now = item.data(ID_ROLE) if item is not None else None
        if force or now != previous:
            self._selected(item)

    def _selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.context.speed_id = item.data(ID_ROLE) if item is not None else None
        if self.context.db is None:
            self.empty.setText("Aucune base ouverte.")
        elif self.context.speed_id is None:
            self.empty.setText(
                "Aucun speed meeting pour l'instant : créez-en un à gauche, rattaché à une "
                "session d'événement (format « speed meeting ») ou autonome."
            )
        self.stack.setCurrentIndex(1 if self.context.ready else 0)
        self.title.clear()
        self._update_title()
        self._stale = {self.tabs.widget(i) for i in range(self.tabs.count())}
        self._refresh_current()

    def _update_title(self) -> None:
        if not self.context.ready:
            return
        speed_id = self.context.speed_id
        self.context.query(
            self, lambda db: get_speed_meeting(db, speed_id), self._show_title, key="title"
        )

    def _show_title(self, detail) -> None:
        where = f" · {detail.event_title}" if detail.event_title else " · hors événement"
        counts = f"{detail.rounds} tours de {detail.round_minutes} min{where}"
        self.title.setText(f"<h2>{detail.title}</h2><span style='color:#555'>{counts}</span>")

    def _refresh_current(self) -> None:
        """Only the visible tab reloads now; the others when they are shown."""
        tab = self.tabs.currentWidget()
        if tab in self._stale:
            self._stale.discard(tab)
            tab.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN_KINDS):
            return
        self.reload_list()
        if changes.touches(EntityKind.SPEED_MEETINGS):
            self._update_title()
            # The tab that wrote is up to date already: it does not reload its own change.
            tabs = {self.tabs.widget(i) for i in range(self.tabs.count())}
            self._stale = tabs - {changes.initiator}
            self._refresh_current()

    # -- actions ----------------------------------------------------------------------------

    def create(self) -> None:
        if self.context.db is None:
            return
        title, session_id = self.new_title.text(), self.session_combo.currentData()
        self.context.write(
            self, lambda db: create_speed_meeting(db, title, session_id), self._created
        )

    def _created(self, new_id: uuid.UUID) -> None:
        self.new_title.clear()
        self.tabs.setCurrentWidget(self.participants)
        self.reload_list(new_id)

    def select(self, speed_id: uuid.UUID) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == speed_id:
                self.list.setCurrentRow(row)
                return
