"""The speed-meetings screen on the demo base: generate, no-show, re-plan, move, walk-in, results."""

from __future__ import annotations

import uuid
from datetime import date
from datetime import time as dt_time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetSelectionRange

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.scheduling.model import Candidate, Instance, Meeting, Recruiter, Schedule, Wish
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.errors import EssDeskError
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.speed_meetings import planning as plan
from essdesk.ui import ops, worker
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow
from essdesk.ui.speed_meetings import (
    SpeedMeetingsView,
    participants_tab,
    results_tab,
)
from essdesk.ui.speed_meetings import view as view_module
from essdesk.ui.speed_meetings.plan_grid import CONFLICT, PlanGridModel

DEMO_TODAY = date(2026, 11, 22)  # the demo's dates are relative to this day


@pytest.fixture
def demo_path(db_path):
    db = open_database(str(db_path))
    fill_demo_data(db, youths=80, seed=7, event_history=False, today=DEMO_TODAY)
    db.close()
    return db_path


@pytest.fixture
def view(qtbot, dialogs, demo_path, settle):
    """The area as the main window builds it, on the demo base opened like a user does."""
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    open_in_window(window, str(demo_path))
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)
    window.show_area("speed_meetings")
    area = window.views["speed_meetings"]
    assert isinstance(area, SpeedMeetingsView)
    settle()  # the list, the title and the visible tab are read off the UI thread
    return area


def _grid(model) -> dict[tuple[int, int], str]:
    return {
        (r, c): model.cell_text(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell_text(r, c)
    }


def _generate(qtbot, view):
    view.tabs.setCurrentWidget(view.planning)
    view.planning.generate()
    qtbot.waitUntil(lambda: view.planning.generate_button.isEnabled(), timeout=20000)
    qtbot.waitUntil(lambda: not worker.running(), timeout=20000)  # and the broadcast's reloads


def test_generate_mark_no_show_and_replan(qtbot, view, dialogs, settle):
    assert view.list.count() == 1
    assert "60 jeunes" in view.list.item(0).text()
    _generate(qtbot, view)
    model = view.planning.model
    assert model.rowCount() == sum(r.tables for r in model.plan.instance.recruiters)
    assert model.columnCount() == 8
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Tour 1\n14 h 00 – 14 h 10"
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("Table 1 · ")
    cells = _grid(model)
    assert len(cells) == len(model.plan.schedule.meetings) > 0
    assert "optimal prouvé" in view.planning.quality_label.text() or "écart" in (
        view.planning.quality_label.text()
    )
    assert dialogs.errors == []

    view.tabs.setCurrentWidget(view.live)
    settle()
    live = view.live
    absent = live.candidates.item(0, 0).text()
    assert absent in cells.values()
    live.select_candidate(absent)
    qtbot.mouseClick(live.absent_button, Qt.MouseButton.LeftButton)
    settle()
    assert live.candidates.item(0, 1).text() == "Absent"
    live.round_spin.setValue(3)
    settle()
    qtbot.mouseClick(live.replan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: live.last_outcome is not None, timeout=30000)
    assert live.summary_label.text().startswith("À partir du tour 3")
    assert absent in live.changes.toPlainText()
    assert live.model.highlight <= set(live.model.plan.schedule.meetings)
    after = _grid(live.model)
    assert absent not in after.values()
    # Rounds 1 and 2 are history: they stay, minus the absent young person.
    assert {k: v for k, v in after.items() if k[1] < 2} == {
        k: v for k, v in cells.items() if k[1] < 2 and v != absent
    }
    view.tabs.setCurrentWidget(view.planning)
    settle()
    assert _grid(view.planning.model) == after
    assert dialogs.errors == []


def test_drag_a_cell_onto_another(qtbot, view, dialogs, settle):
    _generate(qtbot, view)
    model = view.planning.model
    cells = _grid(model)
    # Two meetings of round 1 where the first young person never asked for the second
    # recruiter: the swap breaks a rule, so the screen explains it and asks first.
    wished = {(w.candidate_id, w.recruiter_id) for w in model.plan.instance.wishes}
    r1, r2 = next(
        (a, b)
        for a in range(model.rowCount())
        for b in range(model.rowCount())
        if model.cells.get((a, 0))
        and model.cells.get((b, 0))
        and (model.cells[(a, 0)].candidate_id, model.tables[b][0]) not in wished
    )
    source, target = model.index(r1, 0), model.index(r2, 0)
    first, second = cells[(r1, 0)], cells[(r2, 0)]
    dialogs.answer_yes = False
    model.dropMimeData(model.mimeData([source]), Qt.DropAction.MoveAction, -1, -1, target)
    settle()
    assert dialogs.questions and "conflits" in dialogs.questions[-1]
    assert "n'a pas demandé ce recruteur" in dialogs.questions[-1]
    assert _grid(model) == cells  # refused: nothing moved
    dialogs.answer_yes = True
    model.dropMimeData(model.mimeData([source]), Qt.DropAction.MoveAction, -1, -1, target)
    settle()
    moved = _grid(model)
    assert moved[(r2, 0)] == first and moved[(r1, 0)] == second
    # A manual move is locked, and the cell says so.
    assert model.index(r2, 0).data().startswith("🔒 ")
    assert model.cells[(r2, 0)] in model.plan.ids.locked
    assert "Conflits" in view.planning.messages_label.text()


def test_walk_in_joins_and_outcomes_are_recorded(qtbot, view, dialogs, settle):
    _generate(qtbot, view)
    view.tabs.setCurrentWidget(view.live)
    settle()
    live = view.live
    db, speed_id = view.context.db, view.context.speed_id
    loaded = plan.load_instance(db, speed_id)
    # Free one recruiter's later tables with two no-shows, then a walk-in asks for it.
    recruiter = loaded.instance.recruiters[0]
    for candidate_id in {
        x.candidate_id
        for x in loaded.schedule.meetings
        if x.recruiter_id == recruiter.id and x.round >= 5
    }:
        live.select_candidate(loaded.ids.candidate_names[candidate_id])
        qtbot.mouseClick(live.absent_button, Qt.MouseButton.LeftButton)
        settle()
    live.round_spin.setValue(5)
    settle()
    live.walk_in_name.setText("Yanis Belkacem")
    live.walk_in_recruiters.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(live.walk_in_button, Qt.MouseButton.LeftButton)
    settle()
    assert any(
        live.candidates.item(r, 0).text() == "Yanis Belkacem (sans rendez-vous)"
        for r in range(live.candidates.rowCount())
    )
    live.replan()
    qtbot.waitUntil(lambda: live.last_outcome is not None, timeout=30000)
    assert "Yanis Belkacem" in _grid(live.model).values()
    assert dialogs.errors == []

    # A recruiter who did not come: unticked, the grid says so and the walk-in list drops it.
    live.people.setCurrentIndex(1)
    absent = live.recruiters.item(1)
    absent_name = absent.text()
    absent.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(
        lambda: any(
            "(absent)" in live.model.headerData(r, Qt.Orientation.Vertical)
            for r in range(live.model.rowCount())
        ),
        timeout=3000,
    )
    walk_in_names = [
        live.walk_in_recruiters.item(i).text() for i in range(live.walk_in_recruiters.count())
    ]
    assert absent_name not in walk_in_names
    assert dialogs.errors == []

    view.tabs.setCurrentWidget(view.results)
    settle()
    results = view.results
    assert results.meetings.rowCount() > 0
    results.set_outcome(0, "hired")
    settle()
    recruiter_name = results.meetings.item(0, 3).text()
    row = next(
        r
        for r in range(results.summary.rowCount())
        if results.summary.item(r, 0).text() == recruiter_name
    )
    assert results.summary.item(row, 4).text() == "1"  # « Embauche » column


def test_new_speed_meeting_from_pickers_to_printouts(qtbot, view, dialogs, tmp_path, settle):
    view.new_title.setText("Speed meeting de l'alternance")
    assert view.session_combo.currentText().startswith("Semaine de l'ESS")
    view.create()
    settle()
    assert view.list.count() == 2 and view.tabs.currentWidget() is view.participants
    assert "Speed meeting de l'alternance" in view.title.text()
    participants = view.participants
    assert "Aucun recruteur" in participants.recruiter_count.text()

    participants.pick_employers()
    picker = participants.picker
    picker.query.setText("ressourcerie")
    qtbot.waitUntil(lambda: not picker.timer.isActive(), timeout=3000)
    settle()
    assert picker.results.count() >= 1
    for i in range(picker.results.count()):
        picker.results.item(i).setCheckState(Qt.CheckState.Checked)
    picker.accept()
    settle()
    assert participants.recruiters.rowCount() == picker.results.count()
    participants.pick_youths()
    settle()
    for i in range(4):
        participants.picker.results.item(i).setCheckState(Qt.CheckState.Checked)
    participants.picker.accept()
    settle()
    assert participants.candidates.rowCount() == 4
    youths = [participants.candidates.item(r, 0).text() for r in range(4)]
    recruiter = participants.recruiters.item(0, 0).text()

    # Wishes: one typed in the grid, then a file that replaces them all.
    view.tabs.setCurrentWidget(view.wishes)
    settle()
    wishes = view.wishes
    assert wishes.model.rowCount() == 4
    assert wishes.model.setData(wishes.model.index(0, 0), "1")
    assert wishes.model.index(0, 0).data() == "1"
    settle()
    assert dialogs.errors == []
    csv = tmp_path / "souhaits.csv"
    csv.write_text(
        "jeune;recruteur;rang\n" + "".join(f"{y};{recruiter};1\n" for y in youths),
        encoding="utf-8",
    )
    dialogs.open_file = str(csv)
    wishes.import_csv()
    settle()
    assert dialogs.infos[-1] == "4 souhaits importés depuis souhaits.csv."
    assert [wishes.model.index(r, 0).data() for r in range(4)] == ["1"] * 4
    csv.write_text("jeune;recruteur;rang\nPersonne Inconnue;X;1\n", encoding="utf-8")
    wishes.import_csv()
    settle()
    assert "ligne 2" in dialogs.errors[-1] and "colonne « jeune »" in dialogs.errors[-1]

    # Timing: two rounds of 15 minutes at 9 h 00.
    view.tabs.setCurrentWidget(view.timing)
    settle()
    timing = view.timing
    timing.rounds.setValue(2)
    timing.minutes.setValue(15)
    timing.start.setTime(timing.start.time().fromString("09:00", "HH:mm"))
    timing.breaks.setText("")
    assert timing.preview.text().splitlines()[1] == "Tour  2 · 9 h 17 – 9 h 32"
    timing.save()
    settle()

    _generate(qtbot, view)
    model = view.planning.model
    assert model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Tour 2\n9 h 17 – 9 h 32"
    assert len(_grid(model)) == 2  # one table, two rounds, four young people wanting it
    dialogs.directory = str(tmp_path / "documents")
    view.planning.print_documents()
    qtbot.waitUntil(lambda: view.planning.print_button.isEnabled(), timeout=20000)
    assert dialogs.errors[-1].startswith("Fichier")  # only the earlier import error
    assert "documents écrits" in dialogs.infos[-1]
    assert (tmp_path / "documents" / "grille_generale.pdf").stat().st_size > 0


def test_a_failing_refresh_is_shown_to_the_user(qtbot, view, dialogs, monkeypatch, settle):
    def broken(*_args):
        raise EssDeskError("La base ne répond pas.")

    monkeypatch.setattr(results_tab, "meeting_rows", broken)
    view.tabs.setCurrentWidget(view.results)  # the tab reloads when shown
    settle()
    assert dialogs.errors == ["La base ne répond pas."]
    monkeypatch.setattr(view_module, "get_speed_meeting", broken)
    view.context.changed()  # another screen wrote: the title reloads, and fails
    settle()
    assert dialogs.errors[-1] == "La base ne répond pas."


def test_remove_takes_the_list_chosen_last(qtbot, view, dialogs, settle):
    participants = view.participants
    view.tabs.setCurrentWidget(participants)
    settle()
    participants.recruiters.setCurrentCell(0, 0)
    participants.candidates.setCurrentCell(1, 0)
    youth = participants.candidates.item(1, 0).text()
    dialogs.answer_yes = False
    qtbot.mouseClick(participants.remove_button, Qt.MouseButton.LeftButton)
    assert youth in dialogs.questions[-1]
    participants.recruiters.setCurrentCell(0, 0)
    recruiter = participants.recruiters.item(0, 0).text()
    qtbot.mouseClick(participants.remove_button, Qt.MouseButton.LeftButton)
    assert recruiter in dialogs.questions[-1]


def test_picker_keeps_ticks_across_searches(qtbot, view, dialogs, settle):
    participants = view.participants
    view.tabs.setCurrentWidget(participants)
    participants.pick_youths()
    settle()
    picker = participants.picker
    first = picker.results.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    ticked = first.data(Qt.ItemDataRole.UserRole + 1)
    text = first.text().split()[-1]
    picker.query.setText(text[:3])
    picker.query.setText(text)  # typed quickly: one search once typing pauses
    assert picker.timer.isActive()
    qtbot.waitUntil(lambda: not picker.timer.isActive(), timeout=3000)
    settle()
    assert ticked in [
        picker.results.item(i).data(Qt.ItemDataRole.UserRole + 1)
        for i in range(picker.results.count())
    ]
    picker.query.setText("zzz-personne")
    qtbot.waitUntil(lambda: picker.results.count() == 0, timeout=3000)
    assert picker.checked_ids() == [ticked]


def test_fewer_tables_says_how_many_meetings_went(qtbot, view, dialogs, settle):
    _generate(qtbot, view)
    participants = view.participants
    view.tabs.setCurrentWidget(participants)
    settle()
    row = next(
        r
        for r in range(participants.recruiters.rowCount())
        if participants.recruiters.item(r, 1).text() == "2"
    )
    participants.recruiters.item(row, 1).setText("1")
    settle()
    assert "supprimées aux tables retirées" in dialogs.infos[-1]
    assert participants.recruiters.item(row, 1).text() == "1"
    view.tabs.setCurrentWidget(view.results)
    settle()
    assert view.results.meetings.rowCount() > 0 and dialogs.errors == []


def test_fewer_tables_asks_first_and_keeps_printed_meetings(qtbot, view, dialogs, settle):
    _generate(qtbot, view)
    participants = view.participants
    view.tabs.setCurrentWidget(participants)
    settle()
    table = participants.recruiters
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == "2")
    recruiter_id = table.item(row, 1).data(participants_tab.ID_ROLE)
    db, speed_id = view.context.db, view.context.speed_id
    loaded = plan.load_instance(db, speed_id)
    second = [
        loaded.ids.meeting_ids[x]
        for x in loaded.schedule.meetings
        if x.recruiter_id == recruiter_id and x.table == 2
    ]
    assert second
    stored = set(loaded.ids.meeting_ids.values())
    infos = len(dialogs.infos)
    # The user is told how many meetings would go, says no: the cell shows 2 again.
    dialogs.answer_yes = False
    table.item(row, 1).setText("1")
    settle()
    assert f"supprime {len(second)} rencontre" in dialogs.questions[-1]
    qtbot.waitUntil(lambda: table.item(row, 1).text() == "2", timeout=3000)
    assert set(plan.load_instance(db, speed_id).ids.meeting_ids.values()) == stored
    assert len(dialogs.infos) == infos and dialogs.errors == []
    # A printed meeting on the second table: refused before any question, nothing lost.
    with db.transaction() as session:
        session.get(m.SpeedMeetingMeeting, second[0]).announced = True
    asked = len(dialogs.questions)
    dialogs.answer_yes = True
    table.item(row, 1).setText("1")
    settle()
    assert "annoncée" in dialogs.errors[-1] and len(dialogs.questions) == asked
    qtbot.waitUntil(lambda: table.item(row, 1).text() == "2", timeout=3000)
    assert set(plan.load_instance(db, speed_id).ids.meeting_ids.values()) == stored


def test_remove_every_selected_row_after_one_question(qtbot, view, dialogs, settle):
    participants = view.participants
    view.tabs.setCurrentWidget(participants)
    settle()
    table = participants.candidates
    count = table.rowCount()
    chosen = {table.item(r, 0).data(participants_tab.ID_ROLE) for r in range(3)}
    names = [table.item(r, 0).text() for r in range(3)]
    table.setRangeSelected(QTableWidgetSelectionRange(0, 0, 2, table.columnCount() - 1), True)
    dialogs.answer_yes = False
    qtbot.mouseClick(participants.remove_button, Qt.MouseButton.LeftButton)
    assert "ces 3 participants" in dialogs.questions[-1]
    assert all(name in dialogs.questions[-1] for name in names)
    assert table.rowCount() == count
    dialogs.answer_yes = True
    qtbot.mouseClick(participants.remove_button, Qt.MouseButton.LeftButton)
    settle()
    assert len(dialogs.questions) == 2 and dialogs.errors == []
    assert table.rowCount() == count - 3
    left = {table.item(r, 0).data(participants_tab.ID_ROLE) for r in range(table.rowCount())}
    assert left.isdisjoint(chosen)


def test_conflicts_are_matched_on_ids_not_names(qtbot):
    r1, r2, lea, leane = (str(uuid.uuid4()) for _ in range(4))
    instance = Instance(
        2,
        (Recruiter(r1, "Alpha", 2), Recruiter(r2, "Beta", 1)),
        (Candidate(lea, "Léa"), Candidate(leane, "Léane")),
        (Wish(lea, r1, 1), Wish(leane, r1, 1)),
    )
    # Léane meets Beta, whom she never asked for: she alone is in conflict.
    meetings = [Meeting(1, r1, lea, 1), Meeting(1, r2, leane, 1)]
    ids = plan.PlanIds("Test", "", 0, {r1: "Alpha", r2: "Beta"}, {lea: "Léa", leane: "Léane"}, {})
    ids.meeting_ids = {x: uuid.uuid4() for x in meetings}
    loaded = plan.LoadedPlan(
        instance,
        RoundTiming(dt_time(9), 10, 2, {}),
        Schedule(2, meetings, 2.0, 2.0, True),
        ids,
    )
    conflicts = plan.plan_conflicts(loaded)
    assert conflicts.candidate_ids == {leane}
    model = PlanGridModel()
    model.set_plan(loaded, conflicts.candidate_ids)
    assert model.conflicted == {leane}
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole).color() == CONFLICT
    assert model.headerData(2, Qt.Orientation.Vertical) == "Table 3 · Beta"


def _cancel_at_once(monkeypatch) -> list:
    """The user clicks « Annuler » through the task's control before the plan is computed."""
    real, seen = ops.run_task, []

    def run_task(parent, work, **kwargs):
        if not kwargs.get("cancellable"):
            return real(parent, work, **kwargs)  # the reads around it run as usual
        seen.append(kwargs["label"])

        def cancelled_work(control):
            control.cancel()
            return work(control)

        return real(parent, cancelled_work, **kwargs)

    monkeypatch.setattr(ops, "run_task", run_task)
    return seen


def test_cancelled_generation_leaves_the_grid_unchanged(qtbot, view, dialogs, monkeypatch, settle):
    planning = view.planning
    view.tabs.setCurrentWidget(planning)
    settle()
    assert _grid(planning.model) == {}
    real = ops.run_task
    seen = _cancel_at_once(monkeypatch)
    _generate(qtbot, view)
    assert seen == ["Calcul du planning…"]
    assert dialogs.errors == []  # a status line, not an error dialog
    assert planning.messages_label.text() == "Calcul annulé : le planning précédent est conservé."
    assert _grid(planning.model) == {}
    assert plan.load_instance(view.context.db, view.context.speed_id).schedule is None
    monkeypatch.setattr(ops, "run_task", real)
    _generate(qtbot, view)  # not cancelled: the same button plans
    assert _grid(planning.model)


def test_cancelled_replan_leaves_the_grid_unchanged(qtbot, view, dialogs, monkeypatch, settle):
    _generate(qtbot, view)
    view.tabs.setCurrentWidget(view.live)
    settle()
    live = view.live
    before = _grid(live.model)
    absent = live.candidates.item(0, 0).text()
    live.select_candidate(absent)
    qtbot.mouseClick(live.absent_button, Qt.MouseButton.LeftButton)
    live.round_spin.setValue(3)
    settle()
    seen = _cancel_at_once(monkeypatch)
    live.replan()
    qtbot.waitUntil(lambda: live.replan_button.isEnabled(), timeout=10000)
    assert seen == ["Replanification en cours…"]
    assert dialogs.errors == [] and live.last_outcome is None
    assert live.summary_label.text() == "Calcul annulé : le planning précédent est conservé."
    live.refresh()
    settle()
    assert _grid(live.model) == before and absent in _grid(live.model).values()


def test_a_drop_on_a_stale_grid_is_refused_and_the_grid_reloaded(qtbot, view, dialogs, settle):
    from essdesk.services.speed_meetings.moves import set_locked

    _generate(qtbot, view)
    model = view.planning.model
    (r1, c1), (r2, c2) = [key for key in sorted(model.cells)][:2]
    source, target = model.index(r1, c1), model.index(r2, c2)
    # Another window changes the plan after this grid was drawn.
    other = model.plan.ids.meeting_ids[model.cells[(r2, c2)]]
    set_locked(view.context.db, other, True)
    model.dropMimeData(model.mimeData([source]), Qt.DropAction.MoveAction, -1, -1, target)
    settle()
    assert dialogs.errors and "modifié entre-temps" in dialogs.errors[-1]
    assert model.index(r2, c2).data().startswith("🔒 ")  # reloaded: the other window's lock shows
