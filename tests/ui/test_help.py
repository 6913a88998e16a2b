"""The guide inside the app: every page there and in French, F1 opens the current screen's page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from PySide6.QtCore import Qt

from essdesk.ui.app import make_application
from essdesk.ui.help import about, guide
from essdesk.ui.main_window import AREAS, MainWindow

TOPICS = {  # what the guide must cover, and the page that does
    "demarrage.html": "Bien démarrer",
    "import.html": "Importer un tableur",
    "speed-meeting.html": "Organiser un speed meeting",
    "emploi-avenir.html": "Emploi d'avenir",
    "rapport-financeur.html": "rapport d'un financeur",
    "sauvegardes.html": "Sauvegarder et restaurer",
}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href" and v)


@pytest.fixture
def window(qtbot, dialogs):
    make_application()
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_every_topic_has_its_page_and_every_link_leads_somewhere():
    index = (guide.GUIDE_DIR / guide.INDEX).read_text("utf-8")
    for page, title in TOPICS.items():
        text = (guide.GUIDE_DIR / page).read_text("utf-8")
        assert title.lower() in text.lower()
        assert f'href="{page}"' in index  # reachable from the contents
    for path in guide.GUIDE_DIR.glob("*.html"):
        parser = Links()
        parser.feed(path.read_text("utf-8"))
        for link in parser.links:
            assert (guide.GUIDE_DIR / link.split("#")[0]).is_file(), (path.name, link)


def test_every_screen_has_a_page():
    assert set(guide.AREA_PAGES) == {key for key, _label in AREAS}
    for page in guide.AREA_PAGES.values():
        assert (guide.GUIDE_DIR / page).is_file()


@pytest.mark.parametrize(
    ("area", "page", "heading"),
    [
        ("speed_meetings", "speed-meeting.html", "Organiser un speed meeting, pas à pas"),
        ("reports", "rapport-financeur.html", "Produire le rapport d'un financeur"),
        ("placements", "emploi-avenir.html", "Enregistrer une embauche en Emploi d'avenir"),
        ("dashboard", "demarrage.html", "Bien démarrer"),
    ],
)
def test_f1_opens_the_page_of_the_current_screen(qtbot, window, area, page, heading):
    window.show_area(area)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = window.guide_window
    qtbot.waitUntil(lambda: shown.isVisible())
    assert shown.page() == page
    assert heading in shown.browser.toPlainText()
    assert shown.windowTitle().startswith("Guide d'ESS Desk — ")


def test_f1_over_the_settings_dialog_opens_its_page(qtbot, window):
    from essdesk.ui.settings import open_settings_dialog

    window.show_area("reports")
    dialog = open_settings_dialog(window)
    qtbot.waitExposed(dialog)
    assert guide.page_for_screen(window) == "demarrage.html"
    dialog.reject()
    assert guide.page_for_screen(window) == "rapport-financeur.html"


def test_links_between_pages_are_followed(qtbot, window):
    shown = guide.open_guide(window)
    assert shown.page() == "index.html"
    shown.browser.setSource(shown.browser.source().resolved("sauvegardes.html"))
    assert "Restaurer" in shown.browser.toPlainText()
    shown.browser.backward()
    assert shown.page() == "index.html"


def test_about_names_the_version_the_base_and_the_licences(qtbot, window, db):
    from essdesk import __version__

    window.set_database(db)
    dialog = about.show_about(window)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.summary.text()
    assert str(db.target.sqlite_path) in dialog.summary.text()
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["SQLAlchemy"] == "MIT"
    assert "LGPL" in rows["psycopg"]
    assert len(rows) >= 15 and all(rows.values())
    window.set_database(None)


def test_about_never_shows_a_server_password(window):
    from essdesk.db.engine import DatabaseTarget

    class Server:
        target = DatabaseTarget("postgresql+psycopg://conseil:s3cret@serveur:5432/essdesk", None)

    window.db = Server()
    try:
        text = about.base_in_use(window)
    finally:
        window.db = None
    assert "s3cret" not in text and "conseil:***@serveur" in text
