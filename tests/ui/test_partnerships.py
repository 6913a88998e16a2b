"""The Partenariats area driven as a user would: agreement, axes, roadmap, committees, members."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QThreadPool

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services import memberships, mentoring
from essdesk.services import partnerships as ps
from essdesk.services.attachments import attachments_dir
from essdesk.ui.app import make_application
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.partnerships import MentoringPanel, make_partnerships_area
from essdesk.ui.partnerships.flags_panel import FlagsPanel
from essdesk.ui.partnerships.members import MembersDialog
from essdesk.ui.partnerships.widgets import find_data


@pytest.fixture(autouse=True)
def _tasks_end_first(qtbot, settle):
    """Operations end, and their finished tasks are deleted, before the screens are."""
    yield
    settle()
    qtbot.wait(200)


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)  # no query still running on a closed base
    db.close()


@pytest.fixture
def area(qtbot, context, dialogs):
    widget = make_partnerships_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)  # what the main window does
    widget.set_database(context.db)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _set_date(edit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def create_partnership_in_ui(area, settle, dialogs):
    """Type an agreement, two axes, an action and a steering committee, as a user would."""
    editor = area.editor
    editor.title.setText("Convention Fondation × Maisons de l'emploi")
    editor.partner_name.setText("Fondation Agir")
    _set_date(editor.signed_on, date(2025, 12, 15))
    _set_date(editor.start, date(2026, 1, 1))
    _set_date(editor.end, date(2028, 12, 31))
    editor.steering.setValue(2)
    editor.save_button.click()
    settle()
    assert dialogs.errors == []
    assert editor.detail is not None and editor.detail.title.startswith("Convention Fondation")
    roadmap = editor.roadmap
    for title in ("Découverte des métiers", "Parrainage par des seniors"):
        roadmap.axis_title.setText(title)
        roadmap.add_axis_button.click()
        settle()
    assert [a.title for a in editor.detail.axes] == [
        "Découverte des métiers",
        "Parrainage par des seniors",
    ]
    roadmap.axes.setCurrentRow(0)
    roadmap.title.setText("Journée découverte")
    roadmap.target.setText("3 journées")
    roadmap.indicator.setText("jeunes accueillis")
    roadmap.owner.setText("Mission locale")
    _set_date(roadmap.due, date(2026, 4, 1))
    roadmap.add_action_button.click()
    settle()
    assert roadmap.actions.rowCount() == 1
    assert roadmap.actions.item(0, 2).text() == "01/04/2026"
    combo = roadmap.status_combo(0)
    assert combo.currentText() == "Prévue"  # French labels, never the code
    combo.setCurrentIndex(combo.findData("done"))
    settle()
    assert editor.detail.axes[0].actions[0].status == "done"
    governance = editor.governance
    governance.kind.setCurrentIndex(governance.kind.findData("steering"))
    _set_date(governance.held_on, date(2026, 2, 3))
    governance.attendees.setText("Fondation, MDE, Mission locale")
    governance.minutes.setPlainText("Feuille de route validée.")
    governance.save_button.click()
    settle()
    assert [(x.kind, x.held_on, x.status) for x in editor.detail.meetings] == [
        ("steering", date(2026, 2, 3), "held")
    ]
    assert "Comité de pilotage attendu 2 fois par an" in governance.expected.text()
    return editor.detail.id


def test_partnership_with_axes_roadmap_and_committee(qtbot, area, context, dialogs, settle):
    pid = create_partnership_in_ui(area, settle, dialogs)
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 1, timeout=10000)
    stored = ps.find_partnership(context.db, str(pid))
    assert (stored.start_date, stored.end_date, stored.axes) == (
        date(2026, 1, 1),
        date(2028, 12, 31),
        2,
    )
    # The editor reopens a record from the list as it was saved.
    area.editor.show_detail(None)
    area.list.open_requested.emit(pid)
    settle()
    assert area.editor.steering.value() == 2 and area.editor.signed_on.text() == "15/12/2025"


def test_minutes_file_copied_under_a_safe_name_and_links_refused(
    qtbot, area, context, dialogs, settle, tmp_path
):
    create_partnership_in_ui(area, settle, dialogs)
    governance = area.editor.governance
    governance.table.selectRow(0)
    hostile = tmp_path / "..\\..\\CR comité <signé>;rm.PDF"
    hostile.write_bytes(b"%PDF-1.4 compte rendu signe")
    dialogs.open_file = str(hostile)
    governance.attach_button.click()
    settle()
    assert dialogs.errors == []
    stored = area.editor.detail.meetings[0].minutes_file
    copy = attachments_dir() / os.path.basename(stored)
    assert copy.read_bytes() == b"%PDF-1.4 compte rendu signe"
    assert copy.parent == attachments_dir()
    assert all(c.isalnum() or c in "._-" for c in copy.name) and copy.name.endswith(".pdf")
    governance.table.selectRow(0)
    assert governance.open_button.isEnabled()
    link = tmp_path / "raccourci.pdf"
    link.symlink_to(hostile)
    dialogs.open_file = str(link)
    before = sorted(attachments_dir().iterdir())
    governance.attach_button.click()
    settle()
    assert dialogs.errors and "lien symbolique" in dialogs.errors[-1]
    assert sorted(attachments_dir().iterdir()) == before  # nothing copied
    assert area.editor.detail.meetings[0].minutes_file == stored


def test_partners_events_and_employers_linked(qtbot, area, context, dialogs, settle):
    from essdesk.services.events import sessions as ev

    db = context.db
    with db.transaction() as s:
        s.add(m.Employer(name="Recyclerie du Drac", siret="73282932000074", commune="Fontaine"))
    event = ev.create_event(db, "Forum ESS", date(2026, 3, 10))
    create_partnership_in_ui(area, settle, dialogs)
    partners = area.editor.partners
    partners.kind.setCurrentIndex(partners.kind.findData("public_body"))
    partners.name.setText("France Travail Isère")
    partners.role.setText("Signataire")
    partners.add_button.click()
    settle()
    partners.kind.setCurrentIndex(partners.kind.findData("employer"))
    partners.employer.text.setText("recyclerie")
    partners.employer.search()
    settle()
    partners.add_button.click()
    settle()
    assert dialogs.errors == []
    assert sorted(p.label for p in area.editor.detail.partners) == [
        "France Travail Isère",
        "Recyclerie du Drac",
    ]
    shown = {partners.table.item(r, 0).text(): partners.table.item(r, 2).text()
             for r in range(partners.table.rowCount())}  # fmt: skip
    assert shown["France Travail Isère"] == "Signataire"  # the role saved is the role shown
    # An employer partner is covered by the agreement: it is listed with the employers.
    assert [e.label for e in area.editor.detail.employers] == ["Recyclerie du Drac"]
    links = area.editor.links
    links.event_choice.setCurrentIndex(find_data(links.event_choice, event))
    links.link_event_button.click()
    settle()
    assert [e.target_id for e in area.editor.detail.events] == [event]


def test_members_fee_from_the_scale_and_payment(qtbot, context, dialogs, settle):
    db = context.db
    with db.transaction() as s:
        s.add(m.Employer(name="Coopérative Alpha", siret="73282932000074", size_band="10-49"))
    year = date.today().year
    dialog = MembersDialog(context)
    qtbot.addWidget(dialog)
    dialog.reload()
    settle()
    dialog.edit_scale()
    settle()
    scale = dialog.scale_dialog
    scale.amounts["10-49"].setText("1 200,00")
    scale.amounts["250+"].setText("4000")
    scale.save()
    settle()
    assert memberships.fee_scale(db, year) == {"10-49": Decimal("1200.00"), "250+": Decimal("4000")}
    dialog.employer.text.setText("alpha")
    dialog.employer.search()
    settle()
    dialog.enrol_button.click()
    settle()
    assert dialogs.errors == []
    assert dialog.table.item(0, 2).text().replace("\u202f", " ").replace("\xa0", " ") == (
        "1 200,00 €"
    )
    assert dialog.publishing.text() == "Aucun adhérent n'a encore réglé."
    dialog.table.selectRow(0)
    dialog.paid_button.click()
    settle()
    assert dialog.publishing.text() == "Coopérative Alpha"
    assert [x.employer_name for x in memberships.publishing_members(db, year)] == [
        "Coopérative Alpha"
    ]


def test_mentoring_panel_on_a_youth(qtbot, context, dialogs, settle):
    db = context.db
    with db.transaction() as s:
        youth = m.Youth(last_name="Martin", first_name="Léa", birth_date=date(2005, 3, 1))
        s.add(youth)
        s.flush()
        youth_id = youth.id
    panel = MentoringPanel(context)
    qtbot.addWidget(panel)
    panel.show_record(type("Record", (), {"id": youth_id})())
    settle()
    panel.volunteer.setText("Jacques Senior")
    panel.add_button.click()
    settle()
    assert dialogs.errors == []
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "Jacques Senior"
    panel.table.selectRow(0)
    panel.meeting_button.click()
    settle()
    panel.table.selectRow(0)
    panel.outcome.setText("CDI chez le parrain")
    panel.end_button.click()
    settle()
    pair = mentoring.list_pairs(db, youth_id=youth_id)[0]
    assert (pair.meetings, pair.outcome, pair.end_date) == (1, "CDI chez le parrain", date.today())
    assert "1 parrainage, aucun en cours" in panel.hint.text()


def test_flags_panel_shows_overdue_and_ending(qtbot, context, settle):
    db = context.db
    today = date.today()
    pid = ps.create_partnership(
        db, title="Convention qui finit", partner_name="Réseau", start_date=date(today.year - 2, 1, 1),
        end_date=date.fromordinal(today.toordinal() + 40),
    )  # fmt: skip
    axis = ps.add_axis(db, pid, "Axe 1")
    ps.add_action(db, axis, "Action en retard", due_date=date.fromordinal(today.toordinal() - 5))
    panel = FlagsPanel(context)
    qtbot.addWidget(panel)
    panel.refresh()
    settle()
    alerts = {panel.table.item(r, 1).text() for r in range(panel.table.rowCount())}
    assert {"Fin de convention proche", "Action en retard", "Instance en retard"} <= alerts


def test_an_alert_opens_its_agreement(qtbot, context, dialogs, settle):
    from essdesk.ui.main_window import MainWindow

    db = context.db
    today = date.today()
    ps.create_partnership(
        db, title="Convention qui finit", partner_name="Réseau",
        end_date=date.fromordinal(today.toordinal() + 30),
    )  # fmt: skip
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(db)
    settle()
    flags = window.views["dashboard"].flags
    assert flags.table.item(0, 1).text() == "Fin de convention proche"
    flags.table.cellDoubleClicked.emit(0, 0)
    settle()
    assert window.stack.currentWidget() is window.views["partnerships"]
    assert window.views["partnerships"].editor.title.text() == "Convention qui finit"
