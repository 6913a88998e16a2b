"""The main window: composes the areas and the menus; each area lives in its own module."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from essdesk import __version__
from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.services.listings import LISTINGS
from essdesk.ui.accessibility import ControlNamer, name_controls
from essdesk.ui.ops import ChangeHub, Changes, OpContext, QueryOp
from essdesk.ui.window_habits import restore_habits, restore_view_habits, save_habits

# (key, French label) in the order of the navigation.
AREAS = [
    ("dashboard", "Tableau de bord"),
    ("youths", "Jeunes"),
    ("employers", "Employeurs"),
    ("offers", "Offres d'emploi"),
    ("applications", "Mises en relation"),
    ("placements", "Contrats et dispositifs"),
    ("partnerships", "Partenariats"),
    ("events", "Événements"),
    ("speed_meetings", "Speed meetings"),
    ("reports", "Rapports"),
]


class _Views(dict):
    """The screens built so far; asking for another one builds it (a start builds one)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window

    def __missing__(self, key: str) -> QWidget:
        return self.window._build(key)  # noqa: SLF001 - the window's own builder


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"ESS Desk {__version__}")
        self.resize(1200, 760)
        self.db: Database | None = None
        # After each write, one broadcast: the visible screen reloads, the others when shown.
        self.signals = ChangeHub(self)
        self.context = OpContext(self.signals)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Écrans")
        self.navigation.setMaximumWidth(200)
        self.navigation.setSpacing(3)
        self.navigation.setStyleSheet("QListWidget#navigation { font-size: 11pt; padding: 4px; }")
        self.stack = QStackedWidget()
        # Each screen is built when first shown: ten screens and their imports would double the
        # time to a usable window. Until then an empty widget holds its place in the stack.
        self.views: dict[str, QWidget] = _Views(self)
        for _key, label in AREAS:
            self.stack.addWidget(QWidget())
            QListWidgetItem(label, self.navigation).setData(256, _key)
        self._stale: set[str] = set()  # lists to reload when next shown
        self._unopened: set[str] = set()  # screens not shown since the base was opened
        # Never narrower than its longest label: a wide editor takes room from the list instead.
        self.navigation.setMinimumWidth(
            min(200, self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 16)
        )
        self.navigation.currentRowChanged.connect(self._show_row)
        self.navigation.setCurrentRow(0)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1000])  # no empty band between the navigation and the screen
        self.setCentralWidget(splitter)
        self.status_label = QLabel("Ouverture de la base…")
        self.statusBar().addWidget(self.status_label)
        self.signals.changed.connect(self._refresh)
        from essdesk.ui.menus import install_menus  # actions live where they are implemented

        install_menus(self)
        restore_habits(self)  # geometry, splitters, last area, columns and sort of each list
        # Screen readers: the dialogs opened over the window are named when first shown.
        self._namer = ControlNamer(self)

    def _build(self, key: str) -> QWidget:
        index = [k for k, _ in AREAS].index(key)
        view = self._make_view(key, AREAS[index][1])
        dict.__setitem__(self.views, key, view)
        holder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(holder)
        holder.deleteLater()
        self.stack.setCurrentIndex(current)
        if self.db is not None and hasattr(view, "set_database"):
            self._unopened.add(key)  # it reads the base when shown
        restore_view_habits(self, key, view)
        return view

    def _make_view(self, key: str, label: str) -> QWidget:
        if key == "dashboard":
            from essdesk.ui.areas.dashboard import DashboardView

            return DashboardView(self.context)
        if key == "youths":
            from essdesk.ui.youths import make_youths_area

            return make_youths_area(self.context)
        if key == "employers":
            from essdesk.ui.employers import make_employers_area

            return make_employers_area(self.context)
        if key == "offers":
            from essdesk.ui.offers import make_offers_area

            return make_offers_area(self.context)
        if key == "applications":
            from essdesk.ui.positionings import make_positionings_area

            return make_positionings_area(self.context)
        if key in ("partnerships", "events"):
            from essdesk.ui.events import make_events_area
            from essdesk.ui.partnerships import make_partnerships_area

            return (make_partnerships_area if key == "partnerships" else make_events_area)(
                self.context
            )
        if key == "placements":
            from essdesk.ui.placements import make_placements_area

            return make_placements_area(self.context)
        if key in LISTINGS:
            from essdesk.ui.areas.record_list import RecordListView

            return RecordListView(LISTINGS[key], self.context)
        factory = _extra_area(key)
        if factory is not None:
            return factory(self)
        placeholder = QLabel(f"<h2>{label}</h2><p>Cet écran arrive dans une prochaine version.</p>")
        placeholder.setWordWrap(True)
        return placeholder

    def show_area(self, key: str) -> None:
        self.navigation.setCurrentRow([k for k, _ in AREAS].index(key))

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.context.db = db
        # Only the screen shown reads the base now; each other one when first shown (a list of
        # 300,000 positionings is not counted at start for a screen nobody opened).
        visible = AREAS[self.navigation.currentRow()][0]
        self._unopened = set()
        for key, view in self.views.items():
            if not hasattr(view, "set_database"):
                continue
            if db is None or key == visible:
                view.set_database(db)
            else:
                self._unopened.add(key)
        if db is None:
            self.status_label.setText("Aucune base ouverte")
        else:
            self.status_label.setText(_base_line(db))
            self.status_label.setToolTip(f"Base : {db.target.describe()}")
            self._update_counts()

    def _update_counts(self) -> None:
        """The base and its main figures in the status bar, read off the UI thread."""
        from essdesk.services.listings import status_counts

        db = self.db
        if db is None:
            return

        def show(counts: dict[tuple[str, str], int]) -> None:
            if self.db is db:
                figures = " · ".join(format_count(n, *words) for words, n in counts.items())
                self.status_label.setText(f"{_base_line(db)} · {figures}")

        QueryOp(parent=self, context=self.context, op=lambda d, _c: status_counts(d), success=show
                ).without_progress().run_in_background()  # fmt: skip

    def childEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().childEvent(event)
        child = event.child()
        if event.added() and isinstance(child, QWidget) and hasattr(self, "_namer"):
            child.installEventFilter(self._namer)

    def _show_row(self, row: int) -> None:
        key = AREAS[row][0]
        self.views[key]  # noqa: B018 - built on first use
        self.stack.setCurrentIndex(row)
        name_controls(self.stack.currentWidget())  # widgets the screen built since last time
        if key in self._unopened:
            self._unopened.discard(key)
            self._stale.discard(key)
            self.views[key].set_database(self.db)
        elif key in self._stale:
            self._stale.discard(key)
            self._reload(key)

    def _reload(self, key: str) -> None:
        view = self.views[key]
        if hasattr(view, "refresh"):
            view.refresh()

    def _refresh(self, changes: Changes | str) -> None:
        # Only the visible screen queries now; the others reload when they are next shown.
        self._update_counts()
        visible = AREAS[self.navigation.currentRow()][0]
        for key, view in self.views.items():
            if (
                key in self._unopened
                or not hasattr(view, "refresh")
                or not _concerns(view, changes)
            ):
                continue
            if key == visible:
                self._reload(key)
            else:
                self._stale.add(key)

    def close_base(self) -> None:
        """Close the base once its background work is over; nothing new starts meanwhile.

        The screens are detached first (a timer or a late signal then finds no base), so no
        query runs on a connection being closed under it.
        """
        db = self.db
        if db is None:
            return
        self.set_database(None)
        QThreadPool.globalInstance().waitForDone(10000)  # queries end before the base closes
        db.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        save_habits(self)
        self.close_base()
        super().closeEvent(event)


def _base_line(db: Database) -> str:
    """The agency and the base's name (the full path is in the tooltip), for the status bar."""
    from essdesk import settings

    agency = settings.load().agency_name.strip()
    base = f"Base « {db.target.name()} »"
    return f"{agency} · {base}" if agency else base


def _concerns(view: QWidget, changes: Changes | str) -> bool:
    """Whether a view shows what changed: a view that does not say what it shows always does."""
    kinds = getattr(view, "kinds", None)
    if kinds is None or not isinstance(changes, Changes):
        return True
    return changes.touches(*kinds)


def _extra_area(key: str):
    """Screens that have their own package are built here."""
    if key == "speed_meetings":
        from essdesk.ui.speed_meetings import SpeedMeetingsView

        return lambda window: SpeedMeetingsView(window.signals)
    if key == "reports":
        from essdesk.ui.areas.reports import ReportsView

        return lambda window: ReportsView(window.context)
    return None
