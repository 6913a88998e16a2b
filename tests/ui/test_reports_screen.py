"""The Rapports screen: a partnership and an event recorded, both reviews written and previewed."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from essdesk.db.database import open_database
from essdesk.services import partnerships as ps
from essdesk.services.events import sessions as ev
from essdesk.settings import load_settings
from essdesk.ui.app import make_application
from essdesk.ui.areas import reports as reports_module
from essdesk.ui.areas.reports import ReportsView


@pytest.fixture
def opened(monkeypatch):
    opened: list = []
    monkeypatch.setattr(reports_module, "open_document", opened.append)
    return opened


@pytest.fixture
def agency_db(db_path):
    """A partnership with two axes and a steering committee; an event with two sessions."""
    db = open_database(str(db_path))
    pid = ps.create_partnership(
        db, title="Convention Fondation × Maisons de l'emploi", partner_name="Fondation Agir",
        start_date=date(2026, 1, 1), end_date=date(2028, 12, 31), steering_per_year=2,
    )  # fmt: skip
    first = ps.add_axis(db, pid, "Découverte des métiers")
    ps.add_axis(db, pid, "Parrainage par des seniors")
    ps.add_action(db, first, "Journée découverte", due_date=date(2026, 4, 1), status="done")
    ps.record_meeting(db, pid, "steering", date(2026, 2, 3), attendees="Fondation, MDE")
    event = ev.create_event(db, "Forum ESS du printemps", date(2026, 3, 10), date(2026, 3, 11))
    ps.link_event(db, pid, event)
    workshop = ev.add_session(db, event, "Atelier CV", datetime(2026, 3, 10, 9))
    forum = ev.add_session(db, event, "Forum des offres", datetime(2026, 3, 11, 14), format="forum")
    from essdesk.db import models as m

    with db.transaction() as s:
        youths = [m.Youth(last_name=f"Jeune{i}", first_name="Léa", birth_date=date(2005, 1, 1 + i))
                  for i in range(3)]  # fmt: skip
        s.add_all(youths)
        s.flush()
        ids = [y.id for y in youths]
    lines = [ev.register(db, workshop, youth_id=i, today=date(2026, 3, 1))[0] for i in ids]
    ev.mark_attendance(db, lines[0], "present")
    ev.mark_attendance(db, lines[1], "present")
    ev.mark_attendance(db, lines[2], "absent")
    ev.record_walk_in(db, forum, youth_id=ids[2])
    yield db
    db.close()


def finish(qtbot, settle) -> None:
    """Let every operation end and its finished tasks be deleted before the screen is."""
    settle()
    qtbot.wait(200)  # the tasks' deleteLater runs while their parent screen still exists


def _view(qtbot, db) -> ReportsView:
    make_application()
    view = ReportsView()
    qtbot.addWidget(view)
    view.set_database(db)
    qtbot.waitUntil(lambda: view.subject.count() == 1, timeout=20000)
    return view


def _write(qtbot, view, dialogs, path) -> None:
    dialogs.save_file = str(path)
    view.write_report()
    qtbot.waitUntil(lambda: view.status.text().startswith("Rapport écrit") or bool(dialogs.errors),
                    timeout=30000)  # fmt: skip
    assert dialogs.errors == []


def test_both_reviews_from_the_screen(qtbot, dialogs, opened, agency_db, tmp_path, settle):
    view = _view(qtbot, agency_db)
    assert view.current_kind().key == "partnership"
    assert view.subject.currentText().startswith("Convention Fondation × Maisons de l'emploi")
    _write(qtbot, view, dialogs, tmp_path / "bilan")
    text = " ".join(PdfReader(tmp_path / "bilan.pdf").pages[0].extract_text().split())
    assert "Convention Fondation × Maisons de l'emploi" in text and "2 axes de travail" in text
    assert opened == [tmp_path / "bilan.pdf"]
    assert load_settings()["reports_dir"] == str(tmp_path)  # the next dialog opens here
    view.kind.setCurrentIndex(1)  # the event review, as a workbook
    view.format.setCurrentIndex(1)
    assert view.subject.currentText().startswith("Forum ESS du printemps")
    _write(qtbot, view, dialogs, tmp_path / "evenement.xlsx")
    book = load_workbook(tmp_path / "evenement.xlsx", read_only=True)
    summary = {r[0]: r[1] for r in book["Synthèse"].iter_rows(values_only=True) if r and r[0]}
    assert (summary["Présences de jeunes"], summary["Absences"], summary["Sessions"]) == (3, 1, 2)
    finish(qtbot, settle)


def test_preview_shows_the_first_page(qtbot, dialogs, opened, agency_db, settle):
    view = _view(qtbot, agency_db)
    view.kind.setCurrentIndex(2)  # territory: no subject, a period
    assert not view.subject.isVisible()
    view.limit_period.setChecked(True)
    view.show_preview()
    qtbot.waitUntil(lambda: view.preview.pixmap() is not None and not view.preview.pixmap().isNull()
                    or bool(dialogs.errors), timeout=30000)  # fmt: skip
    assert dialogs.errors == []
    pixmap = view.preview.pixmap()
    assert 1.38 < pixmap.height() / pixmap.width() < 1.45  # a whole A4 portrait page
    assert pixmap.width() <= max(280, view.scroll.viewport().width() - 16)
    assert opened == []  # a preview opens nothing
    finish(qtbot, settle)


def test_no_partnership_yet_says_so(qtbot, dialogs, db, settle):
    make_application()
    view = ReportsView()
    qtbot.addWidget(view)
    view.set_database(db)
    qtbot.waitUntil(
        lambda: "Aucune convention de partenariat dans la base" in view.status.text(), timeout=20000
    )
    assert not view.write_button.isEnabled()
    view.kind.setCurrentIndex(3)  # the offers board needs no subject
    assert (
        view.write_button.isEnabled() and view.subject.currentText() == "Toutes les offres ouvertes"
    )
