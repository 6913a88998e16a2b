"""The offers area driven as a user would: employer and ROME pickers, filters, the 60-day flag."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QThreadPool

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.ui.app import make_application
from essdesk.ui.offers import make_offers_area
from essdesk.ui.ops import ChangeHub, OpContext
from tests.services.desk import helpers as h

TODAY = dt.date.today()


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


@pytest.fixture
def area(qtbot, context, dialogs):
    widget = make_offers_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)
    widget.set_database(context.db)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _column(area, header: str) -> list[str]:
    model = area.list.model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    index = column.index(header)
    return [model.index(r, index).data() for r in range(model.rowCount())]


def _pick(qtbot, picker, typed: str, expected: str) -> None:
    picker.line.setFocus()
    picker.line.clear()
    qtbot.keyClicks(picker.line, typed)
    qtbot.waitUntil(lambda: any(expected in c.text for c in picker.choices()), timeout=5000)
    row = next(k for k, c in enumerate(picker.choices()) if expected in c.text)
    picker.matches.setCurrentRow(row)
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)


def test_create_an_offer_with_the_employer_and_rome_pickers(qtbot, area, context, dialogs):
    db = context.db
    with db.transaction() as session:
        session.add(m.RomeCode(code="K1304", label="Services domestiques"))
    regie = h.employer(db, "Régie de quartier Les Géants", siret="73282932000074")
    h.employer(db, "Ressourcerie du Trièves")
    editor = area.editor
    picker = editor.form.fields["employer_id"].input
    _pick(qtbot, picker, "7328293", "Régie de quartier Les Géants")  # by SIRET
    assert editor.form.texts()["employer_id"] == str(regie)
    assert "SIRET 73282932000074" in picker.line.text()
    editor.form.fields["title"].input.insert("Agent·e d'entretien des espaces communs")
    _pick(qtbot, editor.form.fields["rome_code"].input, "domestiq", "Services domestiques")
    assert editor.form.texts()["rome_code"] == "K1304"
    contract = editor.form.fields["contract_type"].input
    contract.setCurrentIndex(contract.findText("CDD"))
    editor.form.fields["weekly_hours"].input.setText("26")
    editor.form.fields["positions"].input.setText("2")
    status = editor.form.fields["status"].input
    status.setCurrentIndex(status.findText("Ouverte"))
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.state.text() == "Fiche enregistrée.", timeout=5000)
    with db.session() as session:
        offer = session.query(m.Offer).one()
        assert (offer.employer_id, offer.rome_code, offer.positions) == (regie, "K1304", 2)
    qtbot.waitUntil(lambda: _column(area, "Employeur") == ["Régie de quartier Les Géants"])
    assert dialogs.errors == []

    # Reopened, the picker shows the employer's name, not an id.
    editor.new_record()
    area.list.select_id(offer.id)
    editor.open_record(offer.id)
    qtbot.waitUntil(lambda: picker.line.text().startswith("Régie de quartier Les Géants"))
    # Each picker names its choice by its own read: the ROME label may come a moment later.
    rome = editor.form.fields["rome_code"].input.line
    qtbot.waitUntil(lambda: rome.text() == "Services domestiques — K1304", timeout=5000)


def test_an_employer_typed_but_not_chosen_is_refused_beside_the_field(qtbot, area, context):
    h.employer(context.db, "Régie de quartier Les Géants")
    editor = area.editor
    picker = editor.form.fields["employer_id"].input
    qtbot.keyClicks(picker.line, "Regie")
    editor.form.fields["title"].input.setText("Jardinier")
    editor.save_button.click()
    assert editor.form.error_of("employer_id") == "Choisissez un employeur dans la liste proposée"
    qtbot.wait(200)
    with context.db.session() as session:
        assert session.query(m.Offer).count() == 0


def test_filters_and_the_sixty_day_flag(qtbot, area, context):
    db = context.db
    regie = h.employer(db, "Régie de quartier Les Géants")
    other = h.employer(db, "Ressourcerie du Trièves")
    h.offer(db, regie, "Aide à domicile", rome_code="K1302", place="Grenoble")
    quiet = TODAY - dt.timedelta(days=75)
    h.offer(db, regie, "Cuisinier", rome_code="G1602", publication_date=quiet,
            last_news_on=quiet, place="Échirolles", contract_type="CDI")  # fmt: skip
    h.offer(db, other, "Valoriste", rome_code="K2304", place="Mens", status="filled")
    area.refresh()
    qtbot.waitUntil(lambda: sorted(_column(area, "Intitulé du poste")) ==
                    ["Aide à domicile", "Cuisinier"], timeout=5000)  # fmt: skip
    news = dict(zip(_column(area, "Intitulé du poste"), _column(area, "Nouvelles"), strict=True))
    assert news["Aide à domicile"] == ""
    assert news["Cuisinier"].startswith("⚠ sans nouvelles depuis 75 j")

    filters = area.filters
    filters.without_news.setChecked(True)
    qtbot.waitUntil(lambda: _column(area, "Intitulé du poste") == ["Cuisinier"], timeout=5000)
    filters.without_news.setChecked(False)
    filters.status.setCurrentIndex(0)  # every status
    qtbot.waitUntil(lambda: len(_column(area, "Intitulé du poste")) == 3, timeout=5000)
    filters.domain.setCurrentIndex(filters.domain.findData("K"))
    qtbot.waitUntil(lambda: sorted(_column(area, "Intitulé du poste")) ==
                    ["Aide à domicile", "Valoriste"], timeout=5000)  # fmt: skip
    _pick(qtbot, filters.employer, "ressourc", "Ressourcerie du Trièves")
    qtbot.waitUntil(lambda: _column(area, "Intitulé du poste") == ["Valoriste"], timeout=5000)
    filters.employer.set_value("")
    filters.employer.changed.emit()
    filters.domain.setCurrentIndex(0)
    filters.commune.setText("echirolles")  # accents and case ignored
    filters.commune.editingFinished.emit()
    qtbot.waitUntil(lambda: _column(area, "Intitulé du poste") == ["Cuisinier"], timeout=5000)
    filters.commune.setText("")
    filters.contract.setCurrentIndex(filters.contract.findData("CDD"))
    qtbot.waitUntil(lambda: sorted(_column(area, "Intitulé du poste")) ==
                    ["Aide à domicile", "Valoriste"], timeout=5000)  # fmt: skip
    filters.published_from.setText(format_day(TODAY - dt.timedelta(days=5)))
    filters.published_from.editingFinished.emit()
    qtbot.waitUntil(lambda: _column(area, "Intitulé du poste") == [], timeout=5000)
    filters.published_from.setText("31/02/2025")
    filters.published_from.editingFinished.emit()
    assert filters.problem.text().startswith("Date de début")


def format_day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_the_picker_answers_the_keyboard_and_ignores_stale_answers(qtbot, area, context):
    h.employer(context.db, "Régie de quartier Les Géants")
    h.employer(context.db, "Régie de territoire du Trièves")
    picker = area.editor.form.fields["employer_id"].input
    qtbot.keyClicks(picker.line, "regie")
    qtbot.waitUntil(lambda: len(picker.choices()) == 2, timeout=5000)
    qtbot.keyClicks(picker.line, " terr")  # narrows; the first answer must not come back
    qtbot.waitUntil(lambda: len(picker.choices()) == 1, timeout=5000)
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)
    assert picker.matches.hasFocus()
    qtbot.keyClick(picker.matches, Qt.Key.Key_Return)
    assert picker.value() == str(picker.choices()[0].value)
    assert picker.line.text().startswith("Régie de territoire du Trièves")
    assert area.editor.form.error_of("employer_id") == ""
    qtbot.keyClicks(picker.line, "x")  # typing again: no employer chosen any more
    assert area.editor.form.error_of("employer_id").startswith("Choisissez un employeur")
    qtbot.keyClicks(picker.line, "zz")
    qtbot.waitUntil(lambda: picker.empty.isVisible(), timeout=5000)
    assert picker.empty.text() == "Aucun employeur ne correspond."
