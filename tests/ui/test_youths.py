"""The young people area driven as a counsellor would: create, find, file panels, filters."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.services import counsellors, interactions, youth_file
from essdesk.services.records import create_record
from essdesk.ui.app import make_application
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.youths import make_youths_area


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


@pytest.fixture
def area(qtbot, context, dialogs):
    widget = make_youths_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)  # what the main window does
    widget.set_database(context.db)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(qtbot, form, name: str, text: str) -> None:
    field = form.fields[name].input
    if hasattr(field, "findText"):
        field.setCurrentIndex(field.findText(text))
        return
    field.clear()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # QTest types ASCII only: accents are inserted as an input method would
        field.insert(text)


def _names(area) -> list[str]:
    model = area.list.model
    return [
        f"{model.index(r, 1).data()} {model.index(r, 0).data()}" for r in range(model.rowCount())
    ]


def _panel(area, kind):
    return next(p for p in area.editor.panels if type(p).__name__ == kind)


def _youth(db, last: str, first: str, born: str, **texts: str):
    return create_record(
        db,
        EntityKind.YOUTHS,
        {"last_name": last, "first_name": first, "birth_date": born, **texts},
    )


def test_create_a_youth_then_find_her_without_accents(qtbot, area, context, settle):
    editor = area.editor
    _type(qtbot, editor.form, "last_name", "Durand")
    _type(qtbot, editor.form, "first_name", "Hélène")
    _type(qtbot, editor.form, "birth_date", "12/03/2005")
    _type(qtbot, editor.form, "commune", "Échirolles")
    _type(qtbot, editor.form, "phone", "06 12 34 56 78")
    _type(qtbot, editor.form, "information_date", "02/09/2025")
    _type(qtbot, editor.form, "information_form", "notice remise")
    _type(qtbot, editor.form, "photo_consent", "Non")
    field = editor.form.fields["phone"].input
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.state.text() == "Fiche enregistrée.", timeout=10000)
    assert editor.title.text() == "<h3>Hélène Durand</h3>"
    with context.db.session() as session:
        stored = session.scalars(select(m.Youth)).one()
        assert (stored.information_date, stored.information_form) == (
            dt.date(2025, 9, 2),
            "notice remise",
        )
        assert stored.photo_consent is False and stored.newsletter_consent is None  # not asked
    _youth(context.db, "Lucas", "Noé", "01/01/2004")
    area.refresh()
    qtbot.waitUntil(lambda: len(_names(area)) == 2, timeout=10000)

    qtbot.keyClicks(area.list.search, "helene")
    qtbot.waitUntil(lambda: _names(area) == ["Hélène Durand"], timeout=10000)
    qtbot.keyClick(area.list.search, Qt.Key.Key_Return)  # the only row opens
    qtbot.waitUntil(
        lambda: editor.record is not None and editor.form.texts()["first_name"] == "Hélène"
    )
    assert editor.form.texts()["photo_consent"] == "Non"
    assert editor.form.texts()["newsletter_consent"] == ""
    settle()


def test_a_wrong_field_is_told_beside_it(qtbot, area, context):
    editor = area.editor
    _type(qtbot, editor.form, "last_name", "Martin")
    _type(qtbot, editor.form, "first_name", "Léa")
    _type(qtbot, editor.form, "birth_date", "31/02/2005")
    editor.save()
    assert "impossible" in editor.form.error_of("birth_date") or editor.form.error_of("birth_date")
    assert editor.state.text().startswith("Corrigez les champs")
    with context.db.session() as session:
        assert session.scalars(select(m.Youth)).all() == []


def test_situations_completeness_and_referent(qtbot, area, context, settle):
    db = context.db
    youth = _youth(db, "Benali", "Sofiane", "05/06/2003", qualification_level="3")
    counsellors.create_counsellor(db, "Claire", "Fabre", email="claire.fabre@ml-grenoble.fr")
    area.refresh()
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 1, timeout=10000)
    area.editor.open_record(youth.id)
    completeness = _panel(area, "CompletenessPanel")
    qtbot.waitUntil(lambda: bool(completeness.missing), timeout=10000)
    text = completeness.summary.text()
    assert "Pour les bilans, il manque" in text
    for label in ("Situation actuelle", "Conseiller référent", "Sexe", "Code postal"):
        assert label in text
    completeness.go_to("postcode")  # each missing item is a link to where it is typed
    assert area.editor.form.fields["postcode"].input.hasFocus()

    situations = _panel(area, "SituationsPanel")
    situations.kind.setCurrentIndex(situations.kind.findData("jobseeker"))
    situations.start.setText("01/09/2025")
    situations.note.setText("inscrit à France Travail")
    qtbot.keyClick(situations.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: situations.list.count() == 1, timeout=10000)
    assert situations.list.item(0).text() == (
        "Demandeur d'emploi depuis le 01/09/2025 — inscrit à France Travail"
    )
    situations.kind.setCurrentIndex(situations.kind.findData("work_study"))
    situations.start.setText("03/11/2025")
    situations.add()
    qtbot.waitUntil(lambda: situations.list.count() == 2, timeout=10000)
    assert situations.list.item(0).text().startswith("Alternance depuis le 03/11/2025")
    assert (
        situations.list.item(1)
        .text()
        .startswith(  # the one before was closed
            "Demandeur d'emploi du 01/09/2025 au 02/11/2025"
        )
    )
    qtbot.waitUntil(lambda: "Situation actuelle" not in completeness.summary.text(), timeout=10000)
    # A future start is refused, in French, under the line.
    situations.start.setText("01/01/2099")
    situations.add()
    qtbot.waitUntil(lambda: situations.error.isVisible(), timeout=10000)
    assert "futur" in situations.error.text()

    referent = _panel(area, "ReferentPanel")
    qtbot.waitUntil(lambda: referent.combo.findText("Claire Fabre") > 0, timeout=10000)
    referent.combo.setCurrentIndex(referent.combo.findText("Claire Fabre"))
    assert area.editor.form.dirty and area.editor.save_button.isEnabled()
    area.editor.save()
    qtbot.waitUntil(lambda: area.editor.state.text() == "Fiche enregistrée.", timeout=10000)
    with db.session() as session:
        stored = session.get(m.Youth, youth.id)
        assert stored.referent.last_name == "Fabre"
    qtbot.waitUntil(lambda: "Conseiller référent" not in completeness.summary.text(), timeout=10000)
    assert referent.combo.currentText() == "Claire Fabre"
    settle()


def test_filters_narrow_the_list(qtbot, area, context, settle):
    db = context.db
    claire = counsellors.create_counsellor(db, "Claire", "Fabre")
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    today = dt.date.today()
    seventeen = format_date(today.replace(year=today.year - 18) + dt.timedelta(days=30))
    rows = [
        ("Durand", "Hélène", "12/03/2005", "Grenoble", "Oui", "Non", "4"),
        ("Lucas", "Noé", "01/01/2000", "Échirolles", "Non", "Oui", "3"),
        ("Petit", "Inès", seventeen, "Grenoble", "Non", "Non", "3"),
    ]
    made = {}
    for last, first, born, commune, qpv, rqth, level in rows:
        made[first] = _youth(
            db, last, first, born, commune=commune, qpv=qpv, rqth=rqth, qualification_level=level
        )
    youth_file.save_youth(
        db, made["Hélène"].id, 1, {**made["Hélène"].texts, "referent_id": str(claire)}
    )
    interactions.log_interaction(db, "call", youth_id=made["Noé"].id, occurred_at=old)
    interactions.log_interaction(db, "call", youth_id=made["Inès"].id)
    bar = area.filter_bar
    bar.set_database(db)  # the referent and the communes created above
    area.refresh()
    qtbot.waitUntil(lambda: len(_names(area)) == 3 and bar.commune.count() == 3, timeout=10000)

    def pick(combo, label):
        combo.setCurrentIndex(combo.findText(label))

    def shown(expected):
        qtbot.waitUntil(lambda: sorted(_names(area)) == sorted(expected), timeout=10000)

    pick(bar.commune, "Grenoble")
    shown(["Hélène Durand", "Inès Petit"])
    pick(bar.qpv, "Oui")
    shown(["Hélène Durand"])
    bar.reset()
    shown(["Hélène Durand", "Inès Petit", "Noé Lucas"])
    pick(bar.referent, "Claire Fabre")
    shown(["Hélène Durand"])
    bar.reset()
    pick(bar.age, "16-17 ans")
    shown(["Inès Petit"])
    bar.reset()
    pick(bar.level, "Niveau 3")
    shown(["Noé Lucas", "Inès Petit"])
    pick(bar.rqth, "Oui")
    shown(["Noé Lucas"])
    bar.reset()
    pick(bar.no_contact, "Plus de 90 jours")  # Noé called 120 days ago, Hélène never
    shown(["Hélène Durand", "Noé Lucas"])
    assert area.list.count_label.text() == "2 fiches"
    settle()
