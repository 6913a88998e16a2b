"""The Événements area driven as a user would, then both reviews written from the Rapports screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QThreadPool, QTime
from PySide6.QtTest import QTest

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services.listings import LISTINGS
from essdesk.ui.app import make_application
from essdesk.ui.areas import reports as reports_module
from essdesk.ui.areas.reports import ReportsView
from essdesk.ui.events import make_events_area
from essdesk.ui.events.offers_board_view import OffersBoardView
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.partnerships import make_partnerships_area
from essdesk.ui.partnerships.widgets import find_data
from tests.ui.test_partnerships import create_partnership_in_ui

START = date(2026, 3, 10)  # within the agreement; no deadline set, registrations open


@pytest.fixture(autouse=True)
def _tasks_end_first(qtbot, settle):
    yield
    settle()
    qtbot.wait(200)


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    with db.transaction() as s:
        s.add_all(
            m.Youth(last_name=name, first_name="Léa", birth_date=date(2005, 1, 1 + i))
            for i, name in enumerate(("Arnaud", "Bernard", "Chevalier"))
        )
        employer = m.Employer(name="Recyclerie du Drac", siret="73282932000074")
        s.add(employer)
        s.flush()
        s.add(m.Offer(employer_id=employer.id, title="Valoriste", status="open", match_key="x"))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


def _area(qtbot, context, factory):
    widget = factory(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)
    widget.set_database(context.db)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _set_date(edit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def create_event_in_ui(area, settle, dialogs):
    """An event over two days with two sessions, three youths registered, attendance taken."""
    editor = area.editor
    editor.title.setText("Forum ESS du printemps")
    _set_date(editor.start, START)
    _set_date(editor.end, START + timedelta(days=1))
    editor.place.setText("Maison de l'ESS")
    editor.save_button.click()
    settle()
    assert dialogs.errors == [] and editor.detail is not None
    sessions = editor.sessions
    for title, day, fmt, capacity in (
        ("Atelier CV", START, "workshop", 2),
        ("Forum des offres", START + timedelta(days=1), "forum", 0),
    ):
        sessions.new_session()
        sessions.title.setText(title)
        sessions.format.setCurrentIndex(sessions.format.findData(fmt))
        _set_date(sessions.day, day)
        sessions.starts.setTime(QTime(9, 0))
        sessions.ends.setTime(QTime(12, 0))
        sessions.capacity.setValue(capacity)
        sessions.save_button.click()
        settle()
    assert dialogs.errors == []
    assert [s.title for s in editor.detail.sessions] == ["Atelier CV", "Forum des offres"]
    assert sessions.table.item(1, 1).text() == "Forum d'offres"  # French, never « forum »
    sheet = editor.sheet
    sheet.session.setCurrentIndex(0)
    for name in ("Arnaud", "Bernard", "Chevalier"):
        sheet.youth.text.setText(name)
        sheet.youth.search()
        settle()
        sheet.register_button.click()
        settle()
    # Two places: the third registration is refused, and the user is told.
    assert [x.registration for x in sheet.lines] == ["registered", "registered", "refused"]
    assert dialogs.infos and "refusée" in dialogs.infos[-1]
    assert "2 inscrits, 0 désinscrit, 1 refusé" in sheet.figures.text()
    for row, mark in ((0, "present"), (1, "absent")):
        sheet.table.selectRow(row)
        (sheet.present_button if mark == "present" else sheet.absent_button).click()
        settle()
    assert [x.status for x in sheet.lines][:2] == ["present", "absent"]
    sheet.session.setCurrentIndex(1)
    settle()
    sheet.youth.text.setText("Chevalier")
    sheet.youth.search()
    settle()
    sheet.walk_in_button.click()
    settle()
    sheet.role.setCurrentIndex(sheet.role.findData("recruiter"))
    sheet.name.setText("Sophie Recruteuse")
    sheet.organisation.setText("Recyclerie du Drac")
    sheet.register_other_button.click()
    settle()
    sheet.table.selectRow(1)
    sheet.present_button.click()
    settle()
    assert "présents : 1 jeune, 0 professionnel, 1 recruteur" in sheet.figures.text()
    return editor.detail.id


def test_event_sessions_registrations_and_both_reviews(
    qtbot, context, dialogs, settle, tmp_path, monkeypatch
):
    partnerships = _area(qtbot, context, make_partnerships_area)
    create_partnership_in_ui(partnerships, settle, dialogs)
    events = _area(qtbot, context, make_events_area)
    event_id = create_event_in_ui(events, settle, dialogs)
    qtbot.waitUntil(lambda: events.list.model.rowCount() == 1, timeout=10000)
    row = events.list.model.row_at(0)
    assert row.cells[:2] == ("Forum ESS du printemps", "Semaine thématique")
    assert row.cells[-1] == "2"  # sessions counted
    # The event is co-organised under the agreement.
    partnerships.editor.links._load_events()
    settle()
    links = partnerships.editor.links
    links.event_choice.setCurrentIndex(find_data(links.event_choice, event_id))
    links.link_event_button.click()
    settle()
    opened: list = []
    monkeypatch.setattr(reports_module, "open_document", opened.append)
    view = ReportsView(context)
    qtbot.addWidget(view)
    view.set_database(context.db)
    qtbot.waitUntil(lambda: view.subject.count() == 1, timeout=20000)
    dialogs.save_file = str(tmp_path / "bilan.pdf")
    view.write_report()
    qtbot.waitUntil(lambda: bool(opened) or bool(dialogs.errors), timeout=30000)
    assert dialogs.errors == []
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "bilan.pdf").pages
    )
    assert "Convention Fondation × Maisons de l'emploi" in text and "2 axes de travail" in text
    assert "1/2 comités de pilotage tenus / attendus" in text  # twice a year expected
    assert (
        "Journée découverte 01/04/2026 3 journées · jeunes accueillis Mission locale Réalisée"
        in text
    )
    # The event linked in the UI: 2 sessions, 3 presences (a youth, a walk-in, a recruiter).
    assert "Forum ESS du printemps 10/03/2026 – 11/03/2026 2 3" in text
    view.kind.setCurrentIndex(1)
    assert view.subject.currentText().startswith("Forum ESS du printemps")
    dialogs.save_file = str(tmp_path / "evenement.pdf")
    view.write_report()
    qtbot.waitUntil(lambda: len(opened) == 2 or bool(dialogs.errors), timeout=30000)
    assert dialogs.errors == []
    reader = PdfReader(tmp_path / "evenement.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Forum ESS du printemps" in text
    assert "Présences de jeunes 2" in text  # one at the workshop, one walk-in at the forum
    assert "Inscriptions refusées (session complète ou inscriptions closes) 1" in text
    settle()
    qtbot.wait(200)  # finished tasks deleted while the screens still exist


def test_speed_meeting_created_from_a_session(qtbot, context, dialogs, settle):
    from essdesk.services.speed_meetings.sessions import list_speed_meetings

    events = _area(qtbot, context, make_events_area)
    create_event_in_ui(events, settle, dialogs)
    sessions = events.editor.sessions
    sessions.table.selectRow(1)
    assert sessions.speed_button.isEnabled()
    sessions.speed_button.click()
    settle()
    assert [s.title for s in list_speed_meetings(context.db)] == ["Forum des offres"]
    sessions.table.selectRow(1)
    assert sessions.table.item(1, 8).text() == "créé" and not sessions.speed_button.isEnabled()
    settle()
    qtbot.wait(200)


def test_offers_board_pages_and_escape_quits(qtbot, context, dialogs, settle):
    from essdesk.services.offers_board import offers_board_data

    data = offers_board_data(context.db)
    board = OffersBoardView(data, seconds=1)
    qtbot.addWidget(board)
    board.show()
    assert "Valoriste" in board.card.text() and board.counter.text() == "Offre 1 / 1"
    assert not board.timer.isActive()  # one offer: nothing to page through
    QTest.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()


def test_events_listing_is_one_row_per_event_in_french():
    headers = [c.header for c in LISTINGS["events"].columns]
    assert headers == ["Événement", "Type", "Début", "Fin", "Lieu", "Sessions"]


def test_partner_organisations_and_offers_presented(qtbot, context, dialogs, settle):
    events = _area(qtbot, context, make_events_area)
    create_event_in_ui(events, settle, dialogs)
    tab = events.editor.partners
    tab.partner_name.setText("Chambre régionale de l'ESS")
    tab.partner_role.setText("Co-organisateur")
    tab.add_partner_button.click()
    settle()
    assert [(name, role) for _id, name, role in events.editor.detail.partners] == [
        ("Chambre régionale de l'ESS", "Co-organisateur")
    ]
    tab.session.setCurrentIndex(1)  # the forum
    tab.offer.text.setText("valoriste")
    tab.offer.search()
    settle()
    tab.present_button.click()
    settle()
    assert dialogs.errors == []
    assert events.editor.detail.sessions[1].offers == ("Valoriste (Recyclerie du Drac)",)
    assert tab.offers.item(0).text() == "Valoriste (Recyclerie du Drac)"
    settle()
    qtbot.wait(200)


def test_offers_board_full_screen_from_the_reports_screen(qtbot, context, dialogs, settle):
    view = ReportsView(context)
    qtbot.addWidget(view)
    view.set_database(context.db)
    settle()
    assert not view.board_button.isVisibleTo(view)
    view.kind.setCurrentIndex(3)  # Offres à la une
    assert view.board_button.isVisibleTo(view)
    view.board_button.click()
    qtbot.waitUntil(lambda: getattr(view, "_offers_board", None) is not None, timeout=10000)
    board = view._offers_board
    assert board.isFullScreen() and "Valoriste" in board.card.text()
    QTest.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()
    settle()
    qtbot.wait(200)
