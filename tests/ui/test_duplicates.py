"""Duplicates in the editor: flagged after a save, merged from the banner with every link moved."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services import interactions, positionings
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.employers import make_employers_area
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.youths import make_youths_area
from tests.services.desk import helpers as h

BIRTH = dt.date(2004, 3, 12)
FLAG = (
    "Doublon probable : Jean-Baptiste Lefèvre, né(e) le 12/03/2004 "
    "(même date de naissance, même nom)."
)


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


def _area(qtbot, context, make):
    widget = make(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)  # what the main window does
    widget.set_database(context.db)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def area(qtbot, context, dialogs):
    widget = _area(qtbot, context, make_youths_area)
    yield widget
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=10000)


def _type(qtbot, form, name: str, text: str) -> None:
    field = form.fields[name].input
    field.clear()
    qtbot.keyClicks(field, text)


def _save(qtbot, editor) -> None:
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.state.text() == "Fiche enregistrée.", timeout=5000)


def _count(db, column, value) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).where(column == value))


def _open_merge(qtbot, editor):
    banner = editor.duplicates
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    merge_button = next(b for b in banner.findChildren(type(editor.save_button))
                        if b.text() == "Fusionner…")  # fmt: skip
    merge_button.click()
    dialog = banner.dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def test_a_near_duplicate_is_flagged_then_merged_with_every_link_moved(qtbot, area, context):
    db = context.db
    employer = h.employer(db)
    offers = [h.offer(db, employer, title=t) for t in ("Valoriste", "Vendeur en boutique")]
    kept = h.youth(db, "Jean-Baptiste", "Lefèvre", birth=BIRTH, phone="0612345678")
    positionings.propose_youths(db, offers[0], [kept])
    interactions.log_interaction(db, "call", youth_id=kept)
    editor = area.editor
    # At the desk, first and last name typed the wrong way round: the base accepts the record,
    # the editor says whom it looks like.
    _type(qtbot, editor.form, "last_name", "Jean-Baptiste")
    _type(qtbot, editor.form, "first_name", "Lefevre")
    _type(qtbot, editor.form, "birth_date", "12/03/2004")
    _type(qtbot, editor.form, "email", "jb.lefevre@exemple.fr")
    _save(qtbot, editor)
    twin = editor.record.id
    qtbot.waitUntil(editor.duplicates.isVisible, timeout=5000)
    assert editor.duplicates.texts() == [FLAG]
    positionings.propose_youths(db, offers[1], [twin])  # the twin's own history, entered since
    interactions.log_interaction(db, "interview", youth_id=twin)

    dialog = _open_merge(qtbot, editor)
    assert [side.id for side in dialog.preview.sides] == [twin, kept]
    assert dialog.keep_buttons[1].isChecked()  # as much history on both: the older one stays
    assert "1 mise en relation, 1 échange du journal" in dialog.moves.text()
    assert "Courriel" in dialog.moves.text()  # the kept record had no e-mail
    assert not dialog.placements_box.isVisible()
    dialog.grab().save("/tmp/duplicates_merge.png")
    dialog.reject()  # nothing is written before « Fusionner »
    assert _count(db, m.Youth.id, twin) == 1
    assert _count(db, m.MergeRecord.kept_id, kept) == 0

    dialog = _open_merge(qtbot, editor)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.id == kept, timeout=5000)
    assert not editor.duplicates.isVisible()
    assert editor.form.texts()["email"] == "jb.lefevre@exemple.fr"
    assert _count(db, m.Youth.id, twin) == 0
    assert _count(db, m.Application.youth_id, twin) == 0
    assert _count(db, m.Application.youth_id, kept) == 2
    assert _count(db, m.Interaction.youth_id, twin) == 0
    assert _count(db, m.Interaction.youth_id, kept) == 2
    with db.session() as session:
        record = session.scalars(select(m.MergeRecord)).one()
        assert (record.kept_id, record.merged_id) == (kept, twin)
        assert record.moved["applications.youth_id"] == 1
    qtbot.waitUntil(lambda: area.list.model.total == 1, timeout=5000)  # the list forgot the twin


def _placement(db, youth, employer, title):
    with db.transaction() as session:
        placement = m.Placement(
            youth_id=youth, employer_id=employer, job_title=title, contract_type="CDD",
            start_date=dt.date(2025, 9, 1),
        )  # fmt: skip
        session.add(placement)
    return placement.id


def test_both_open_contracts_ask_which_stays_open(qtbot, area, context):
    db = context.db
    employer = h.employer(db)
    kept = h.youth(db, "Jean-Baptiste", "Lefèvre", birth=BIRTH)
    twin = h.youth(db, "Lefèvre", "Jean-Baptiste", birth=BIRTH)
    first = _placement(db, kept, employer, "Valoriste")
    editor = area.editor
    editor.open_record(twin)
    qtbot.waitUntil(lambda: editor.record is not None, timeout=5000)
    _type(qtbot, editor.form, "phone", "0611223344")
    _save(qtbot, editor)
    dialog = _open_merge(qtbot, editor)
    assert not dialog.preview.needs_choice and dialog.merge_button.isEnabled()
    # Meanwhile, on another PC, the twin's contract is entered: the merge refuses and asks.
    second = _placement(db, twin, employer, "Vendeur")
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.placements_box.isVisible(), timeout=5000)
    assert "choisissez celui à garder ouvert" in dialog.state.text()
    assert dialog.isVisible() and not dialog.merge_button.isEnabled()
    assert _count(db, m.Youth.id, twin) == 1  # nothing was written
    labels = sorted(b.text() for b in dialog.placement_buttons.values())
    assert labels == [
        "Valoriste chez Ressourcerie du Trièves (doublon probable)",
        "Vendeur chez Ressourcerie du Trièves (fiche ouverte)",
    ]
    dialog.grab().save("/tmp/duplicates_merge_choice.png")
    dialog.placement_buttons[second].setChecked(True)
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with db.session() as session:
        statuses = {p.id: (p.status, p.youth_id) for p in session.scalars(select(m.Placement))}
    assert statuses == {first: ("cancelled", kept), second: ("active", kept)}


def test_an_employer_with_a_nearly_identical_name_nearby_is_flagged(qtbot, context, dialogs):
    db = context.db
    other = h.employer(db, "Ressourcerie du Trièves", siret="73282932000074")
    area = _area(qtbot, context, make_employers_area)
    editor = area.editor
    twin = h.employer(db, "RESSOURCERIE TRIEVES (asso)", siret="35600000000048")
    editor.open_record(twin)
    qtbot.waitUntil(lambda: editor.record is not None, timeout=5000)
    assert not editor.duplicates.isVisible()  # looked up after a save, not on every opening
    _type(qtbot, editor.form, "phone", "0476123456")
    _save(qtbot, editor)
    qtbot.waitUntil(editor.duplicates.isVisible, timeout=5000)
    assert editor.duplicates.texts() == [
        "Doublon probable : Ressourcerie du Trièves (nom presque identique à Mens)."
    ]
    dialog = _open_merge(qtbot, editor)
    dialog.keep_buttons[1].setChecked(True)
    assert "La fiche « fiche ouverte » sera supprimée." in dialog.moves.text()
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.id == other, timeout=5000)
    assert editor.form.texts()["phone"] == "04 76 12 34 56"  # taken from the merged record
    assert _count(db, m.Employer.id, twin) == 0
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=10000)


def test_the_very_same_young_person_is_refused_beside_the_name(qtbot, area, context):
    db = context.db
    h.youth(db)  # Hélène Durand, born 12/05/2004
    editor = area.editor
    _type(qtbot, editor.form, "last_name", "DURAND")
    _type(qtbot, editor.form, "first_name", "helene")
    _type(qtbot, editor.form, "birth_date", "12/05/2004")
    editor.save_button.click()
    error = editor.form.fields["last_name"].error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == (
        "Ce jeune est déjà enregistré : Hélène Durand, né(e) le 12/05/2004 (cherchez-le avec Ctrl+K)"
    )
    assert editor.record is None
    assert _count(db, m.Youth.birth_date, dt.date(2004, 5, 12)) == 1
