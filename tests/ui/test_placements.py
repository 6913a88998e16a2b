"""The placements screens driven as a counsellor would: hire, rules, renewal, follow-up, deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QThreadPool

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services.records import load_record
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.areas.dashboard import DashboardView
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.placements import area as placements_area
from essdesk.ui.placements import make_placements_area
from essdesk.ui.placements.youth_panels import EligibilityPanel, YouthPlacementsPanel
from essdesk.ui.positionings import TransitionDialog, hooks

START = dt.date(2014, 1, 6)
# The dashboard looked at from a day of the contract: its first follow-up is due on 06/07/2014.
LOOKED_ON = dt.date(2014, 6, 20)


@pytest.fixture
def context(db_path, qtbot):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=20000)
    QThreadPool.globalInstance().waitForDone(10000)
    placements_area.close_dialogs()
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=20000)
    db.close()


@pytest.fixture
def desk(context):
    """Léna, no diploma, hired by an association on an Emploi d'avenir offer; Hugo, a CAP."""
    with context.db.transaction() as session:
        counsellor = m.Counsellor(first_name="Claire", last_name="Fabre")
        lena = m.Youth(last_name="Martin", first_name="Léna", birth_date=dt.date(1994, 3, 14),
                       diploma_obtained=False, referent=counsellor, commune="Grenoble",
                       postcode="38000")  # fmt: skip
        hugo = m.Youth(last_name="Roux", first_name="Hugo", birth_date=dt.date(1994, 9, 2),
                       diploma_obtained=True, qualification_level_new=3, postcode="38000")  # fmt: skip
        association = m.Employer(name="Régie de quartier Villeneuve", siret="73282932000074",
                                 legal_form="association")  # fmt: skip
        tutor = m.Contact(first_name="Paul", last_name="Girard", role="Encadrant", is_tutor=True)
        association.contacts.append(tutor)
        session.add_all([lena, hugo, association])
        session.flush()
        offer = m.Offer(employer_id=association.id, title="Agent d'entretien des espaces verts",
                        contract_type="emploi_avenir", weekly_hours=Decimal(35),
                        start_date=START, rome_code="A1203")  # fmt: skip
        session.add(offer)
        session.flush()
        application = m.Application(youth_id=lena.id, offer_id=offer.id, status="new",
                                    proposed_on=dt.date.today())  # fmt: skip
        session.add(application)
        session.flush()
        return {"lena": lena.id, "hugo": hugo.id, "employer": association.id, "tutor": tutor.id,
                "application": application.id, "counsellor": counsellor.id}  # fmt: skip


@pytest.fixture
def area(qtbot, context, dialogs, monkeypatch):
    monkeypatch.setattr(hooks, "on_hired", [])  # the area installs its own
    widget = make_placements_area(context)
    qtbot.addWidget(widget)
    context.hub.changed.connect(widget.refresh)
    widget.set_database(context.db)
    widget.resize(1500, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _placements(db) -> list[m.Placement]:
    with db.session() as session:
        found = list(session.query(m.Placement))
        session.expunge_all()
        return found


def test_a_hire_proposes_the_placement_prefilled_rules_refused_then_justified(
    qtbot, area, context, desk, dialogs
):
    assert placements_area.propose_placement in hooks.on_hired
    positioning = TransitionDialog(context, desk["application"])
    qtbot.addWidget(positioning)
    view = positioning.view
    qtbot.waitUntil(lambda: view.row is not None, timeout=5000)
    view.select_target("accepted")
    view.save_button.click()
    # The hook asks, then opens the editor pre-filled from the positioning.
    qtbot.waitUntil(lambda: bool(placements_area._open_dialogs), timeout=5000)
    assert dialogs.questions[-1].startswith("Enregistrer maintenant le contrat de Léna Martin")
    editor = placements_area._open_dialogs[-1].editor
    form = editor.form
    qtbot.waitUntil(lambda: form.start.text() == "06/01/2014", timeout=5000)
    assert form.youth.value() == str(desk["lena"])
    assert form.employer.value() == str(desk["employer"])
    assert form.scheme.currentData() == "EAV" and form.contract_form.currentData() == "CUI-CAE"
    assert (form.end.text(), form.aid_rate.text()) == ("05/01/2017", "75")
    qtbot.waitUntil(lambda: form.tutor.currentData() == str(desk["tutor"]), timeout=5000)
    qtbot.waitUntil(lambda: form.youth.line.text().startswith("MARTIN Léna"), timeout=5000)

    # 15 h a week breaks the Emploi d'avenir's minimum: refused, said in French, nothing saved.
    form.weekly_hours.setText("15")
    form.part_time_agreement.setCurrentIndex(form.part_time_agreement.findData(True))
    editor.save_button.click()
    qtbot.waitUntil(lambda: not editor.rules.isHidden(), timeout=5000)
    assert "Emploi d'avenir : au moins 17,5 h par semaine (reçu : 15 h)" in editor.rules.text()
    assert "rien n'a été enregistré" in editor.rules.text()
    assert not editor.justification.isHidden() and _placements(context.db) == []
    assert dialogs.errors == []

    # With a written justification it is saved, the justification and the rule kept.
    editor.justification.setPlainText("Reprise progressive après un arrêt maladie, avis médical.")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.file is not None, timeout=5000)
    [saved] = _placements(context.db)
    assert saved.override_justification.startswith("Reprise progressive")
    assert [r["rule"] for r in saved.overridden_rules] == ["weekly_hours"]
    assert saved.offer_id is not None and saved.weekly_hours == Decimal(15)
    assert "Enregistré par dérogation" in editor.rules.text()
    assert "« Emploi d'avenir" not in editor.rules.text() and "17,5 h" in editor.rules.text()
    qtbot.waitUntil(lambda: area.list.model.total == 1, timeout=5000)  # the list refreshed

    # The aid month by month, with its total, from the SMIC table.
    assert editor.aid.table.rowCount() == 37  # 06/01/2014 to 05/01/2017
    assert "Total de l'aide" in editor.aid.total.text()
    assert editor.aid.table.item(0, 0).text() == "01/2014"
    assert dialogs.errors == []


def _saved_placement(qtbot, area, context, desk):
    from essdesk.services.placements.records import PlacementInput, create_placement

    placement_id = create_placement(context.db, PlacementInput(
        youth_id=desk["lena"], employer_id=desk["employer"],
        job_title="Agent d'entretien des espaces verts", start_date=START,
        end_date=dt.date(2015, 1, 5), scheme_code="EAV", contract_form="CUI-CAE",
        weekly_hours=Decimal(35), aid_rate=Decimal(75), aid_start=START,
        aid_end=dt.date(2015, 1, 5), tutor_id=desk["tutor"],
        commitments=["CQP Ouvrier du paysage"],
    ))  # fmt: skip
    area.refresh()
    qtbot.waitUntil(lambda: area.list.model.total == 1, timeout=5000)
    area.list.table.selectRow(0)
    area.list._open_index(area.list.model.index(0, 0))
    qtbot.waitUntil(lambda: area.editor.file is not None, timeout=5000)
    return placement_id


def test_renewal_training_and_follow_up_change_the_dashboard_counts(
    qtbot, area, context, desk, dialogs, tmp_path
):
    placement_id = _saved_placement(qtbot, area, context, desk)
    editor = area.editor

    # A renewal of one year, dated, with its own end.
    renewals = editor.renewals
    renewals.end.setText("05/01/2016")
    renewals.aid_end.setText("05/01/2016")
    renewals.add_button.click()
    qtbot.waitUntil(lambda: renewals.table.rowCount() == 1, timeout=5000)
    assert [renewals.table.item(0, c).text() for c in range(3)] == [
        "06/01/2015", "05/01/2016", "05/01/2016"
    ]  # fmt: skip
    assert editor.aid.table.rowCount() == 25  # the aid follows the renewal

    # A training meeting the employer's commitment.
    pathway = editor.pathway
    pathway.training_title.setText("CQP Ouvrier du paysage")
    pathway.training_kind.setCurrentIndex(pathway.training_kind.findData("qualifiante"))
    pathway.training_status.setCurrentIndex(pathway.training_status.findData("done"))
    pathway.training_commitment.setCurrentIndex(1)
    pathway.training_button.click()
    qtbot.waitUntil(lambda: pathway.trainings.rowCount() == 1, timeout=5000)
    assert "1 sur 1 (100 %)" in pathway.share.text()

    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    context.hub.changed.connect(lambda _changes: dashboard.refresh())  # as the main window does
    panel = dashboard.deadline_panel
    panel.today = LOOKED_ON
    dashboard.refresh()
    qtbot.waitUntil(lambda: panel.board is not None, timeout=5000)
    before = (panel.board.due, panel.board.overdue)
    first = panel.board.rows[0]
    assert (first.label, first.due, first.state) == (
        "Entretien de suivi n° 1", dt.date(2014, 7, 6), "à faire"
    )  # fmt: skip
    assert panel.table.item(0, 1).text() == "Entretien de suivi n° 1"
    assert panel.counts.text().startswith(f"<b>{before[1]}</b> en retard · <b>{before[0]}</b>")

    # Claire's young people only: Léna is hers, the same actions are listed.
    panel.select_counsellor(desk["counsellor"])
    qtbot.waitUntil(lambda: panel.counsellor_id() == desk["counsellor"], timeout=5000)
    qtbot.waitUntil(lambda: panel.board is not None and bool(panel.board.rows), timeout=5000)
    assert (panel.board.due, panel.board.overdue) == before
    # A row opens its placement, where the follow-up can be recorded at once.
    panel.open_row(0)
    qtbot.waitUntil(lambda: panel.dialog.editor.file is not None, timeout=5000)
    assert panel.dialog.editor.file.id == placement_id

    # There, a follow-up recorded against the first milestone, by Léna's referent.
    editor = panel.dialog.editor
    pathway = editor.pathway
    qtbot.waitUntil(lambda: pathway.counsellor.count() == 2, timeout=5000)
    assert pathway.milestone.currentData() == "suivi-1"
    assert pathway.counsellor.currentData() == str(desk["counsellor"])
    pathway.on.setText("04/07/2014")
    pathway.notes.setText("Bonne intégration dans l'équipe")
    pathway.record_button.click()
    qtbot.waitUntil(lambda: pathway.follow_ups.rowCount() == 1, timeout=5000)
    assert pathway.follow_ups.item(0, 3).text() == "Entretien de suivi n° 1"
    assert {x.code: x.state for x in editor.milestones.lines}["suivi-1"] == "fait"

    # The dashboard, told by the broadcast, counts one action less to do.
    qtbot.waitUntil(lambda: panel.board is not None and panel.board.due == before[0] - 1,
                    timeout=5000)  # fmt: skip
    assert panel.board.overdue == before[1]
    assert "suivi-1" not in {d.code for d in panel.board.rows}
    assert "rien n'est dû" in panel.counts.text()
    assert dialogs.errors == []
    # The area's editor showing the same placement heard it too.
    qtbot.waitUntil(lambda: area.editor.pathway.follow_ups.rowCount() == 1, timeout=5000)

    # Claire's follow-up meetings as a calendar for Outlook or Thunderbird.
    assert panel.calendar_button.isEnabled()
    dialogs.save_file = str(tmp_path / "agenda")
    panel.calendar_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10000)
    assert (
        dialogs.infos[-1].startswith("1 entretien de ") and "dans agenda.ics" in (dialogs.infos[-1])
    )
    ics = (tmp_path / "agenda.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20140704" in ics
    assert "Martin" in ics and "Bonne intégration" in ics
    panel.select_counsellor(None)  # everyone: no calendar of its own
    assert not panel.calendar_button.isEnabled()
    assert dialogs.errors == []


def test_the_end_of_the_contract_and_the_list_filters(qtbot, area, context, desk, dialogs):
    _saved_placement(qtbot, area, context, desk)
    editor = area.editor
    editor.end.actual_end.setText("31/10/2014")
    editor.end.reason.setCurrentIndex(editor.end.reason.findData("embauche_cdi"))
    editor.end.outcome.setCurrentIndex(editor.end.outcome.findData("cdi"))
    editor.end.save_button.click()
    qtbot.waitUntil(lambda: editor.file is not None and editor.file.actual_end is not None,
                    timeout=5000)  # fmt: skip
    assert editor.end.summary.text() == "Contrat terminé le 31/10/2014 : Embauche en CDI ; CDI."
    bar = area.filter_bar
    bar.state.setCurrentIndex(bar.state.findData("running"))
    qtbot.waitUntil(lambda: area.list.model.total == 0, timeout=5000)
    bar.state.setCurrentIndex(bar.state.findData("ended"))
    qtbot.waitUntil(lambda: area.list.model.total == 1, timeout=5000)
    bar.scheme.setCurrentIndex(bar.scheme.findData("PEC"))
    qtbot.waitUntil(lambda: area.list.model.total == 0, timeout=5000)
    # A bad date names its field; nothing is sent.
    editor.form.start.setText("32/01/2014")
    editor.save_button.click()
    assert "Date de début : date « 32/01/2014 » inexistante" in editor.form.error.text()
    assert dialogs.errors == []


def test_the_eligibility_panel_says_what_is_missing(qtbot, context, desk, dialogs):
    panel = EligibilityPanel(context)
    qtbot.addWidget(panel)
    panel.on.setText("02/06/2014")
    panel.select_scheme("EAV")
    panel.show_record(load_record(context.db, EntityKind.YOUTHS, desk["hugo"]))
    qtbot.waitUntil(lambda: panel.result is not None, timeout=5000)
    assert panel.result.verdict == "à compléter"
    assert "À compléter" in panel.verdict.text()
    assert "date de début de recherche d'emploi" in panel.details.text()
    assert "19 ans à la signature" in panel.details.text()
    # Léna, without a diploma, is eligible; after 2017 nobody enters an Emploi d'avenir.
    panel.show_record(load_record(context.db, EntityKind.YOUTHS, desk["lena"]))
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.verdict == "éligible",
                    timeout=5000)  # fmt: skip
    panel.on.setText("02/06/2018")
    panel.reload()
    qtbot.waitUntil(lambda: panel.result.verdict == "non éligible", timeout=5000)
    assert "plus d'entrée possible depuis le 01/01/2018" in panel.details.text()
    assert dialogs.errors == []


def test_the_young_persons_placements_panel_opens_one(qtbot, area, context, desk, dialogs):
    placement_id = _saved_placement(qtbot, area, context, desk)
    panel = YouthPlacementsPanel(context)
    qtbot.addWidget(panel)
    panel.show_record(load_record(context.db, EntityKind.YOUTHS, desk["lena"]))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert panel.table.item(0, 0).text() == "Régie de quartier Villeneuve"
    assert panel.table.item(0, 2).text() == "Emploi d'avenir"
    dialog = panel.open_row(0)
    qtbot.waitUntil(lambda: dialog.editor.file is not None, timeout=5000)
    assert dialog.editor.file.id == placement_id


def test_the_young_persons_pathway_shows_each_step_and_prints_the_sheet(
    qtbot, area, context, desk, dialogs, tmp_path
):
    from pypdf import PdfReader

    from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up
    from essdesk.services.placements.trainings import TrainingInput, save_training
    from essdesk.ui.placements.pathway_panel import PathwayPanel

    placement_id = _saved_placement(qtbot, area, context, desk)
    panel = PathwayPanel(context)
    qtbot.addWidget(panel)
    panel.today = LOOKED_ON
    panel.show_record(load_record(context.db, EntityKind.YOUTHS, desk["lena"]))
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0, timeout=5000)
    steps = [panel.table.item(r, 1).text() for r in range(panel.table.rowCount())]
    assert steps[0] == "Début du contrat chez Régie de quartier Villeneuve (Emploi d'avenir)"
    rows = [tuple(panel.table.item(r, c).text() for c in range(3))
            for r in range(panel.table.rowCount())]  # fmt: skip
    assert ("05/07/2014", "Préparer la sortie : le contrat finit dans 6 mois "
            "(Régie de quartier Villeneuve)", "à faire") in rows  # fmt: skip
    assert ("06/07/2014", "Entretien de suivi n° 1 (Régie de quartier Villeneuve)",
            "à faire") in rows  # fmt: skip
    assert "1 contrat · 0 formation · 0 suivi" in panel.summary.text()

    # A training and a follow-up recorded elsewhere: the broadcast brings them in.
    save_training(context.db, TrainingInput(
        youth_id=desk["lena"], title="CQP Ouvrier du paysage", kind="qualifiante",
        placement_id=placement_id, start_date=dt.date(2014, 3, 3), status="in_progress",
    ))  # fmt: skip
    record_follow_up(context.db, FollowUpInput(
        youth_id=desk["lena"], on=dt.date(2014, 7, 4), placement_id=placement_id,
        counsellor_id=desk["counsellor"], milestone_code="suivi-1",
    ))  # fmt: skip
    context.hub.notify((EntityKind.TRAININGS, EntityKind.FOLLOW_UPS))
    qtbot.waitUntil(lambda: "1 formation · 1 suivi" in panel.summary.text(), timeout=5000)
    rows = {(panel.table.item(r, 0).text(), panel.table.item(r, 1).text(),
             panel.table.item(r, 2).text()) for r in range(panel.table.rowCount())}  # fmt: skip
    assert ("03/03/2014", "Formation : CQP Ouvrier du paysage", "en cours") in rows
    assert not any(step.startswith("Entretien de suivi n° 1 (") for _d, step, _s in rows)

    # The sheet for the three-party meeting, from the record.
    dialogs.save_file = str(tmp_path / "fiche")
    panel.export_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15000)
    assert dialogs.infos[-1] == "Fiche parcours enregistrée dans fiche.pdf."
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "fiche.pdf").pages)
    assert "Léna Martin" in text and "CQP Ouvrier du paysage" in text
    assert dialogs.errors == []


def test_the_aid_over_a_period_per_employer_and_month_and_its_export(
    qtbot, area, context, desk, dialogs, tmp_path
):
    _saved_placement(qtbot, area, context, desk)
    dialog = area.show_aid_totals()
    qtbot.addWidget(dialog)
    assert area.show_aid_totals() is dialog  # one window, raised again
    dialog.first.setText("13/2014")
    dialog.compute_button.click()
    assert "mois « 13/2014 » : mois 13 impossible" in dialog.summary.text()
    assert not dialog.export_button.isEnabled()

    dialog.first.setText("01/2014")
    dialog.last.setText("12/2014")
    dialog.compute_button.click()
    qtbot.waitUntil(lambda: dialog.totals is not None, timeout=10000)
    assert dialog.employers.rowCount() == 1 and dialog.months.rowCount() == 12
    row = [dialog.employers.item(0, c).text() for c in range(3)]
    assert row[:2] == ["Régie de quartier Villeneuve", "1"]
    assert row[2] == dialog.summary.text().split(" : ")[1].split("<")[0]  # the total, once
    assert "de 01/2014 à 12/2014" in dialog.summary.text() and "1 contrat, 1 employeur" in (
        dialog.summary.text()
    )
    assert dialog.months.item(0, 0).text() == "01/2014"

    dialogs.save_file = str(tmp_path / "aides")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10000)
    assert dialogs.infos[-1].startswith("12 lignes exportées dans aides.csv ; total ")
    lines = (tmp_path / "aides.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Nom;Prénom;Employeur;Mois;Taux;Heures mensuelles;SMIC horaire;Montant"
    assert len(lines) == 13 and lines[1].startswith(
        "Martin;Léna;Régie de quartier Villeneuve;01/2014"
    )
    assert dialogs.errors == []
