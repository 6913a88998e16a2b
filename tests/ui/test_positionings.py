"""Positionings driven from the offer, from the young person and from « Mises en relation »."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QThreadPool

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services import positionings
from essdesk.services.records import load_record
from essdesk.ui.app import make_application
from essdesk.ui.offers import make_offers_area
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.positionings import YouthPositioningsPanel, hooks, make_positionings_area
from essdesk.ui.positionings.propose import SEARCHED
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
def desk(context):
    """An offer of services à la personne, Hélène who fits it, Yanis who does not (Paris)."""
    db = context.db
    employer = h.employer(db, "Régie de quartier Les Géants", postcode="38000")
    offer = h.offer(db, employer, "Aide à domicile", rome_code="K1302", postcode="38000")
    others = [
        h.offer(db, employer, title, rome_code="K2204", postcode="38000")
        for title in ("Agent d'entretien", "Valoriste")
    ]
    helene = h.youth(db, "Hélène", "Durand", wished_rome="K1304", postcode="38000")
    yanis = h.youth(db, "Yanis", "Cole", wished_rome="K1302", postcode="75011")
    counsellor = h.counsellor(db)
    return {"offer": offer, "others": others, "helene": helene, "yanis": yanis,
            "counsellor": counsellor}  # fmt: skip


@pytest.fixture
def offers(qtbot, context, dialogs):
    widget = make_offers_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)
    widget.set_database(context.db)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open_offer(qtbot, area, offer_id):
    area.editor.open_record(offer_id)
    qtbot.waitUntil(lambda: area.editor.record is not None, timeout=5000)
    panel = area.editor.panels[0]
    qtbot.waitUntil(lambda: panel.hint.text().endswith("relation"), timeout=5000)
    return panel


def _states(panel) -> list[tuple[str, str]]:
    return [(panel.table.item(r, 0).text(), panel.table.item(r, 1).text()) for r in
            range(panel.table.rowCount())]  # fmt: skip


def test_propose_young_people_from_the_offer_with_explained_suggestions(
    qtbot, offers, context, desk, dialogs
):
    panel = _open_offer(qtbot, offers, desk["offer"])
    assert panel.rows == [] and panel.propose_button.isEnabled()
    panel.propose()
    dialog = panel.propose_dialog
    qtbot.waitUntil(lambda: dialog.rows != [], timeout=5000)
    # Only Hélène is suggested (same département), with her reasons in French.
    assert [r.name for r in dialog.rows] == ["DURAND Hélène"]
    reasons = dialog.table.item(0, 2).text()
    assert "même domaine professionnel ROME K13" in reasons
    assert "même commune (38000)" in reasons
    assert dialog.table.item(0, 1).text().isdigit()
    # Yanis is found by the search and added, ticked.
    qtbot.keyClicks(dialog.search.line, "yanis")
    qtbot.waitUntil(lambda: len(dialog.search.choices()) == 1, timeout=5000)
    dialog.search.choose(dialog.search.choices()[0])
    assert [r.reasons for r in dialog.rows][-1] == SEARCHED
    dialog.check(0)
    assert dialog.counsellor.count() == 2  # loaded with the suggestions
    dialog.counsellor.setCurrentIndex(dialog.counsellor.findText("Claire Martin"))
    dialog.propose_button.click()
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=5000)
    assert sorted(_states(panel)) == [("Hélène Durand", "Nouvelle"), ("Yanis Cole", "Nouvelle")]
    with context.db.session() as session:
        assert {a.counsellor_id for a in session.query(m.Application)} == {desk["counsellor"]}
    assert dialogs.errors == []


def test_hired_makes_the_other_positionings_obsolete_and_proposes_the_placement(
    qtbot, offers, context, desk, dialogs, monkeypatch
):
    db = context.db
    positionings.propose_offers(db, desk["helene"], [desk["offer"], *desk["others"]])
    hired: list = []
    monkeypatch.setattr(hooks, "on_hired", [lambda parent, ctx, pid: hired.append(pid)])
    panel = _open_offer(qtbot, offers, desk["offer"])
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=5000)
    panel.table.selectRow(0)
    panel.change_state()
    view = panel.transition_dialog.view
    qtbot.waitUntil(lambda: view.row is not None, timeout=5000)
    assert view.history.count() == 1 and view.history.item(0).text().endswith("Nouvelle")
    targets = [view.target.itemData(i) for i in range(view.target.count())]
    assert "obsolete" not in targets and "accepted" in targets
    view.select_target("accepted")
    qtbot.waitUntil(lambda: view.counsellor.count() == 2, timeout=5000)  # loaded off the UI thread
    view.counsellor.setCurrentIndex(view.counsellor.findText("Claire Martin"))
    view.comment.setText("Embauche au 1er du mois")
    view.save_button.click()
    qtbot.waitUntil(lambda: view.row is not None and view.row.status == "accepted", timeout=5000)
    assert dialogs.infos == [
        "Hélène Durand est embauché(e) : ses 2 autres mises en relation en cours passent à "
        "« Obsolète »."
    ]
    assert dialogs.questions[-1].startswith("Enregistrer maintenant le contrat de Hélène Durand")
    assert hired == [panel.rows[0].id]
    steps = [view.history.item(i).text() for i in range(view.history.count())]
    assert steps[-1].endswith("Embauchée — Claire Martin — Embauche au 1er du mois")
    # Once hired, only « Annulée » can follow.
    assert [view.target.itemData(i) for i in range(view.target.count())] == ["cancelled"]

    # The young person's own panel, standalone, shows the others obsolete.
    youth_panel = YouthPositioningsPanel(context)
    qtbot.addWidget(youth_panel)
    youth_panel.show_record(load_record(db, EntityKind.YOUTHS, desk["helene"]))
    qtbot.waitUntil(lambda: len(youth_panel.rows) == 3, timeout=5000)
    states = {youth_panel.table.item(r, 0).text(): youth_panel.table.item(r, 2).text()
              for r in range(3)}  # fmt: skip
    assert states == {"Aide à domicile": "Embauchée", "Agent d'entretien": "Obsolète",
                      "Valoriste": "Obsolète"}  # fmt: skip


def test_impossible_moves_are_refused_with_the_reason_and_refused_can_be_hired_later(
    qtbot, offers, context, desk, dialogs
):
    db = context.db
    positionings.propose_youths(db, desk["offer"], [desk["helene"]])
    panel = _open_offer(qtbot, offers, desk["offer"])
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=5000)
    panel.table.selectRow(0)
    panel.change_state()
    view = panel.transition_dialog.view
    qtbot.waitUntil(lambda: view.row is not None, timeout=5000)

    view.select_target("refused")
    assert view.reason.isEnabled()
    view.save_button.click()
    assert view.problem.text().startswith("Un refus doit avoir un motif choisi dans la liste")
    view.reason.setCurrentIndex(view.reason.findData("other"))
    view.save_button.click()
    assert view.problem.text() == "Motif « Autre » : précisez-le dans le commentaire."
    view.on.setText((TODAY + dt.timedelta(days=3)).strftime("%d/%m/%Y"))
    view.comment.setText("Horaires de nuit")
    view.save_button.click()
    assert "est dans le futur" in view.problem.text()
    with db.session() as session:
        assert session.query(m.Application).one().status == "new"  # nothing written

    view.on.setText(TODAY.strftime("%d/%m/%Y"))
    view.save_button.click()
    qtbot.waitUntil(lambda: view.row is not None and view.row.status == "refused", timeout=5000)
    assert view.history.item(1).text().endswith("Autre motif (précisé en commentaire) — "
                                                "Horaires de nuit")  # fmt: skip
    # The employer changes its mind: a refused positioning can still end in a hire.
    view.select_target("accepted")
    view.save_button.click()
    qtbot.waitUntil(lambda: view.row is not None and view.row.status == "accepted", timeout=5000)
    qtbot.waitUntil(lambda: _states(panel) == [("Hélène Durand", "Embauchée")], timeout=5000)
    assert dialogs.errors == []


def test_the_positionings_area_filters_shows_history_and_imports_proximities(
    qtbot, context, desk, dialogs, tmp_path
):
    db = context.db
    positionings.propose_youths(db, desk["offer"], [desk["helene"], desk["yanis"]],
                                counsellor_id=desk["counsellor"])  # fmt: skip
    quiet = TODAY - dt.timedelta(days=70)
    positionings.propose_offers(db, desk["yanis"], desk["others"][:1], on=quiet)
    area = make_positionings_area(context)
    qtbot.addWidget(area)
    context.hub.changed.connect(area.refresh)
    area.set_database(db)
    area.resize(1500, 900)
    area.show()
    model = area.list.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)

    def youths() -> list[str]:
        return sorted(model.index(r, 1).data() for r in range(model.rowCount()))

    news = [model.index(r, 7).data() for r in range(3)]
    assert sum(text.startswith("⚠ sans nouvelles depuis 70 j") for text in news) == 1
    area.filters.without_news.setChecked(True)
    qtbot.waitUntil(lambda: youths() == ["Cole"], timeout=5000)
    area.filters.without_news.setChecked(False)
    qtbot.waitUntil(lambda: area.filters.counsellor.count() == 2, timeout=5000)
    area.filters.counsellor.setCurrentIndex(area.filters.counsellor.findText("Claire Martin"))
    qtbot.waitUntil(lambda: youths() == ["Cole", "Durand"], timeout=5000)
    area.filters.counsellor.setCurrentIndex(0)
    youth = area.filters.youth
    qtbot.keyClicks(youth.line, "helene")
    qtbot.waitUntil(lambda: len(youth.choices()) == 1, timeout=5000)
    youth.choose(youth.choices()[0])
    qtbot.waitUntil(lambda: youths() == ["Durand"], timeout=5000)

    area.list.table.selectRow(0)
    qtbot.waitUntil(lambda: area.view.row is not None, timeout=5000)
    assert "Hélène Durand" in area.view.summary.text()
    area.view.select_target("processing")
    area.view.save_button.click()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 6).data() == "À l'étude",
                    timeout=5000)  # fmt: skip
    area.filters.status.setCurrentIndex(area.filters.status.findData("new"))
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=5000)

    table = tmp_path / "proximites.csv"
    table.write_text("Code ROME source;Code ROME cible\nB1803;H2604\nK1304;K1302\n",
                     encoding="utf-8-sig")  # fmt: skip
    dialogs.open_file = str(table)
    area.import_button.click()
    qtbot.waitUntil(lambda: dialogs.infos != [], timeout=5000)
    assert dialogs.infos[-1].startswith("2 proximités entre métiers importées")
    with db.session() as session:
        assert session.query(m.RomeProximity).count() == 2
    assert dialogs.errors == []


def test_propose_offers_from_the_young_persons_panel(qtbot, context, desk, dialogs):
    panel = YouthPositioningsPanel(context)
    qtbot.addWidget(panel)
    panel.show_record(None)
    assert not panel.propose_button.isEnabled()
    assert panel.hint.text().startswith("Enregistrez d'abord la fiche du jeune")
    panel.show_record(load_record(context.db, EntityKind.YOUTHS, desk["helene"]))
    qtbot.waitUntil(lambda: panel.hint.text().endswith("relation"), timeout=5000)
    panel.propose()
    dialog = panel.propose_dialog
    qtbot.waitUntil(lambda: len(dialog.rows) == 3, timeout=5000)
    reasons = {r.name: r.reasons for r in dialog.rows}
    assert "même domaine professionnel ROME K13" in reasons["Aide à domicile"]
    assert all("même commune (38000)" in text for text in reasons.values())
    dialog.submit()  # nothing ticked: said, nothing written
    assert dialog.problem.text() == "Cochez au moins une ligne à proposer."
    row = [r.name for r in dialog.rows].index("Aide à domicile")
    dialog.check(row)
    dialog.propose_button.click()
    qtbot.waitUntil(lambda: [p.offer for p in panel.rows] == ["Aide à domicile"], timeout=5000)
    assert panel.table.item(0, 2).text() == "Nouvelle"
    assert dialogs.errors == []
