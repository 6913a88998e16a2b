"""Edits the partnership and event screens make: details, removals, attachments, access."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest

from essdesk.domain.access import actor_for
from essdesk.errors import EssDeskError
from essdesk.services import attachments, mentoring
from essdesk.services import partnership_details as details
from essdesk.services import partnerships as ps
from essdesk.services.access import AccessDenied
from essdesk.services.events import details as event_details
from essdesk.services.events import sessions as ev
from essdesk.services.speed_meetings.sessions import create_speed_meeting


def _agreement(db):
    pid = ps.create_partnership(
        db, title="Convention", partner_name="Réseau", start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
    )  # fmt: skip
    axis = ps.add_axis(db, pid, "Axe 1")
    action = ps.add_action(db, axis, "Action", due_date=date(2026, 5, 1))
    meeting = ps.record_meeting(db, pid, "steering", date(2026, 2, 1))
    return pid, axis, action, meeting


def test_detail_update_and_removals(db):
    pid, axis, action, meeting = _agreement(db)
    details.update_action(db, action, status="in_progress", due_date=date(2027, 3, 1))
    details.update_meeting(db, meeting, status="cancelled", minutes="Reporté")
    detail = details.load_partnership(db, pid)
    got = detail.axes[0].actions[0]
    assert (got.status, got.due_date, got.year) == ("in_progress", date(2027, 3, 1), 2027)
    assert (detail.meetings[0].status, detail.meetings[0].minutes) == ("cancelled", "Reporté")
    with pytest.raises(EssDeskError, match="Statut"):
        details.update_action(db, action, status="fini")
    details.remove_item(db, "axis", axis)  # with its action
    assert details.load_partnership(db, pid).axes == ()


def test_delete_partnership_keeps_mentoring_pairs(db):
    from essdesk.db import models as m

    pid, *_ = _agreement(db)
    with db.transaction() as s:
        youth = m.Youth(last_name="Martin", first_name="Léa", birth_date=date(2005, 3, 1))
        s.add(youth)
        s.flush()
        youth_id = youth.id
    mentoring.start_mentorship(db, youth_id, "Jacques", date(2026, 3, 1), partnership_id=pid)
    version = details.load_partnership(db, pid).version
    details.delete_partnership(db, pid, version)
    assert ps.list_partnerships(db) == []
    assert [p.volunteer_name for p in mentoring.list_pairs(db, youth_id=youth_id)] == ["Jacques"]


def test_safe_names_and_refused_sources(tmp_path):
    assert attachments.safe_name("..\\..\\CR comité <signé>;rm.PDF") == "CR-comite-signe-rm.pdf"
    assert attachments.safe_name("...") == "fichier"
    folder = tmp_path / "copies"
    folder.mkdir()
    source = tmp_path / "cr.pdf"
    source.write_bytes(b"%PDF")
    copy = attachments.copy_attachment(source, folder)
    assert copy.parent == folder and copy.read_bytes() == b"%PDF"
    link = tmp_path / "lien.pdf"
    link.symlink_to(source)
    with pytest.raises(EssDeskError, match="lien symbolique"):
        attachments.copy_attachment(link, folder)
    with pytest.raises(EssDeskError, match="fichier ordinaire"):
        attachments.copy_attachment(tmp_path, folder)
    assert os.listdir(folder) == [copy.name]


def test_event_edits_keep_sessions_within_the_days(db):
    event = ev.create_event(db, "Semaine ESS", date(2026, 11, 16), date(2026, 11, 20))
    first = ev.add_session(db, event, "Atelier", datetime(2026, 11, 18, 9))
    version = event_details.load_event(db, event).version
    with pytest.raises(EssDeskError, match="hors des nouvelles dates"):
        event_details.update_event(db, event, version, title="Semaine ESS", start_date=date(
            2026, 11, 16), end_date=date(2026, 11, 17), place=None, description=None)  # fmt: skip
    event_details.update_session(db, first, format="forum", capacity=30, audience="CEJ")
    row = event_details.load_event(db, event).sessions[0]
    assert (row.format, row.capacity, row.audience) == ("forum", 30, "CEJ")
    create_speed_meeting(db, "Speed", first)
    with pytest.raises(EssDeskError, match="speed meeting"):
        event_details.delete_session(db, first)


def test_reception_may_not_change_a_partnership(db):
    pid, *_ = _agreement(db)
    db.actor = actor_for("accueil", "Accueil", "reception")
    with pytest.raises(AccessDenied):
        ps.add_axis(db, pid, "Axe interdit")
    with pytest.raises(AccessDenied):
        details.remove_item(db, "meeting", details.load_partnership(db, pid).meetings[0].id)


def test_events_list_one_row_per_event_sorted_by_sessions(db):
    from essdesk.services.listings import LISTINGS

    small = ev.create_event(db, "Petit forum", date(2026, 4, 2), kind="forum")
    big = ev.create_event(db, "Semaine ESS", date(2026, 11, 16), date(2026, 11, 20))
    for day in (16, 17):
        ev.add_session(db, big, f"Atelier {day}", datetime(2026, 11, day, 9))
    listing = LISTINGS["events"]
    rows = listing.rows(db, sort_column=5, descending=True)
    assert [(r.id, r.cells[1], r.cells[-1]) for r in rows] == [
        (big, "Semaine thématique", "2"),
        (small, "Forum", "0"),
    ]
    assert listing.count(db, "semaine") == 1
