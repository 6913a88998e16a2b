"""The user guide, French HTML pages shipped in essdesk/resources/guide, shown in a QTextBrowser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

GUIDE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "guide"
INDEX = "index.html"
# The page F1 opens for each screen of the navigation (main_window.AREAS keys).
AREA_PAGES = {
    "dashboard": "demarrage.html",
    "youths": "demarrage.html",
    "employers": "import.html",
    "offers": "import.html",
    "applications": "emploi-avenir.html",
    "placements": "emploi-avenir.html",
    "partnerships": "rapport-financeur.html",
    "events": "speed-meeting.html",
    "speed_meetings": "speed-meeting.html",
    "reports": "rapport-financeur.html",
}
# Dialogs that have their own page when they are the active window (the attribute holding them).
DIALOG_PAGES = {"_import_wizard": "import.html", "settings_dialog": "demarrage.html"}


class GuideWindow(QDialog):
    """Non-modal: the user reads the guide beside the screen it explains."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guide d'ESS Desk")
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        self.browser.document().setDefaultStyleSheet(
            "body { font-size: 11pt; } h1, h2 { color: #1F5F5B; } code { font-size: 10pt; }"
        )
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Page du guide")
        self.browser.sourceChanged.connect(self._titled)
        home = QPushButton("Sommaire")
        home.clicked.connect(lambda: self.show_page(INDEX))
        back, forward = QPushButton("← Précédent"), QPushButton("Suivant →")
        back.setAccessibleName("Page précédente")
        forward.setAccessibleName("Page suivante")
        back.clicked.connect(self.browser.backward)
        forward.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        self.browser.forwardAvailable.connect(forward.setEnabled)
        back.setEnabled(False)
        forward.setEnabled(False)
        bar = QHBoxLayout()
        for button in (home, back, forward):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser)

    def show_page(self, page: str) -> None:
        path = GUIDE_DIR / page
        self.browser.setSource(
            QUrl.fromLocalFile(str(path if path.is_file() else GUIDE_DIR / INDEX))
        )

    def page(self) -> str:
        return Path(self.browser.source().toLocalFile()).name

    def _titled(self, _url) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(f"Guide d'ESS Desk — {title}" if title else "Guide d'ESS Desk")


def page_for_screen(window) -> str:
    """The page of what the user is looking at: an open dialog first, else the current area."""
    from essdesk.ui.main_window import AREAS

    for attribute, page in DIALOG_PAGES.items():
        dialog = getattr(window, attribute, None)
        try:
            if dialog is not None and dialog.isVisible():
                return page
        except RuntimeError:  # the dialog's C++ side was deleted
            continue
    row = window.navigation.currentRow()
    return AREA_PAGES.get(AREAS[row][0], INDEX) if 0 <= row < len(AREAS) else INDEX


def open_guide(window, page: str | None = None) -> GuideWindow:
    """Aide ▸ Guide (the contents) or F1 (`page` "current": the page of the current screen)."""
    wanted = page_for_screen(window) if page == "current" else page or INDEX
    guide = getattr(window, "guide_window", None)
    if not isinstance(guide, GuideWindow):
        guide = GuideWindow(window)
        window.guide_window = guide
    guide.show_page(wanted)
    guide.show()
    guide.raise_()
    return guide
