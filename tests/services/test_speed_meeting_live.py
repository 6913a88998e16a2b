"""Live mode on a real SQLite base: no-shows, late arrivals, walk-ins, re-planning."""

from __future__ import annotations

import pytest

from essdesk.db import models as m
from essdesk.domain.scheduling.scheduler import validate_schedule
from essdesk.errors import EssDeskError
from essdesk.services.lookup import as_uuid
from essdesk.services.speed_meetings import live as live
from essdesk.services.speed_meetings import moves as moves
from essdesk.services.speed_meetings import participants as participants
from essdesk.services.speed_meetings import planning as plan
from essdesk.services.speed_meetings import results as results
from essdesk.services.speed_meetings import sessions as sm
from tests.services.speed_meeting_helpers import by_row_id, count_transactions, names_of


def test_no_show_and_replan_keep_history(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    before = plan.load_instance(db, speed_id)
    counts = {}
    for x in before.schedule.meetings:
        counts[x.candidate_id] = counts.get(x.candidate_id, 0) + 1
    absent = max(counts, key=counts.get)
    live.mark_no_show(db, absent)
    marked = plan.load_instance(db, speed_id)
    # Before the re-plan, the absent young person's meetings are not "broken rules".
    assert plan.plan_problems(marked) == []
    outcome = live.replan_from(db, speed_id, 4)
    after = plan.load_instance(db, speed_id)
    assert validate_schedule(after.instance, after.schedule) == []
    assert not any(x.candidate_id == absent for x in after.schedule.meetings)
    history = lambda s: {x for x in s.meetings if x.round < 4 and x.candidate_id != absent}  # noqa: E731
    assert history(after.schedule) == history(before.schedule)
    assert outcome.summary.startswith("À partir du tour 4")
    assert any(before.ids.candidate_names[absent] in line for line in outcome.changes)


def test_late_arrival_loses_earlier_meetings(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    _loaded, names = names_of(db, speed_id)
    noe = names["Noé Durand"]
    live.mark_late(db, noe, 3)
    live.replan_from(db, speed_id, 1)
    after = plan.load_instance(db, speed_id)
    assert {x.round for x in after.schedule.meetings if x.candidate_id == noe} == {3}
    assert validate_schedule(after.instance, after.schedule) == []
    with pytest.raises(EssDeskError, match="Tour d'arrivée invalide"):
        live.mark_late(db, noe, 9)


def test_walk_in_gets_meetings(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    # The demo room is full; two no-shows free the tables of one recruiter for the walk-in.
    recruiter = loaded.instance.recruiters[0]
    absent = {
        x.candidate_id
        for x in loaded.schedule.meetings
        if x.recruiter_id == recruiter.id and x.round >= 5
    }
    for candidate_id in list(absent)[:2]:
        live.mark_no_show(db, candidate_id)
    walk_in = participants.add_walk_in(
        db, speed_id, "  Yanis   Belkacem ", [recruiter.id], from_round=5
    )
    outcome = live.replan_from(db, speed_id, 5)
    after = plan.load_instance(db, speed_id)
    own = [x for x in after.schedule.meetings if x.candidate_id == str(walk_in)]
    assert [x.recruiter_id for x in own] == [recruiter.id] and own[0].round >= 5
    assert after.ids.candidate_names[str(walk_in)] == "Yanis Belkacem"
    assert any(line.startswith("Yanis Belkacem — nouveau") for line in outcome.changes)
    assert validate_schedule(after.instance, after.schedule) == []
    with pytest.raises(EssDeskError, match="nom"):
        participants.add_walk_in(db, speed_id, " ")


def test_absent_recruiter_loses_meetings_at_replan(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    recruiter = loaded.instance.recruiters[0]
    assert any(x.recruiter_id == recruiter.id for x in loaded.schedule.meetings)
    live.set_recruiter_present(db, recruiter.id, False)
    live.replan_from(db, speed_id, 1)
    after = plan.load_instance(db, speed_id)
    assert recruiter.id in after.ids.absent_recruiters
    assert not any(x.recruiter_id == recruiter.id for x in after.schedule.meetings)
    assert validate_schedule(after.instance, after.schedule) == []
    summary = {line.name: line for line in results.outcome_summary(db, speed_id)}
    assert summary[recruiter.name].meetings == 0


def test_locked_later_meeting_keeps_round_and_table_at_replan(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    meetings = loaded.schedule.meetings
    promised = next(x for x in meetings if x.round == 6)
    # A lock on the meeting of a young person who does not come cannot hold.
    doomed = next(x for x in meetings if x.round == 7 and x.candidate_id != promised.candidate_id)
    for x in (promised, doomed):
        moves.set_locked(db, loaded.ids.meeting_ids[x], True)
    # The room changes around the promise: the recruiter's other young people of the later
    # rounds do not come, and someone else arrives late.
    absent = {
        x.candidate_id
        for x in meetings
        if x.recruiter_id == promised.recruiter_id
        and x.round >= 4
        and x.candidate_id != promised.candidate_id
    } | {doomed.candidate_id}
    for candidate_id in absent:
        live.mark_no_show(db, candidate_id)
    late = next(
        x.candidate_id for x in meetings if x.candidate_id not in absent | {promised.candidate_id}
    )
    live.mark_late(db, late, 5)

    outcome = live.replan_from(db, speed_id, 4)
    after = plan.load_instance(db, speed_id)
    assert validate_schedule(after.instance, after.schedule) == []
    assert promised in after.schedule.meetings and promised in after.ids.locked
    assert doomed not in after.schedule.meetings
    name = loaded.ids.candidate_names[doomed.candidate_id]
    assert any(
        "verrouillée(s) abandonnée(s)" in line and f"{name} – " in line and "jeune absent" in line
        for line in outcome.messages
    )
    assert after.ids.current_round == 4  # the live mode resumes where the re-plan started


def test_present_after_late_gives_the_registered_window_back(small):
    db, speed_id = small
    _loaded, names = names_of(db, speed_id)
    noe = names["Noé Durand"]
    participants.update_candidate(db, noe, available_from=2, available_to=None, max_meetings=None)
    live.mark_late(db, noe, 3)
    loaded = plan.load_instance(db, speed_id)
    assert next(c for c in loaded.instance.candidates if c.id == noe).available_from == 3
    assert loaded.ids.arrival == {noe: 3}
    detail = sm.get_speed_meeting(db, speed_id)
    row = next(c for c in detail.candidates if str(c.id) == noe)
    assert row.available_from == 2
    assert row.attendance_label.endswith("(tour 3)")  # the arrival round, not the window
    live.mark_present(db, noe)
    loaded = plan.load_instance(db, speed_id)
    assert next(c for c in loaded.instance.candidates if c.id == noe).available_from == 2
    assert loaded.ids.arrival == {} and loaded.ids.attendance[noe] == "present"


def test_current_round_is_stored(small):
    db, speed_id = small
    assert plan.load_instance(db, speed_id).ids.current_round == 1
    live.set_current_round(db, speed_id, 3)
    assert plan.load_instance(db, speed_id).ids.current_round == 3
    live.set_current_round(db, speed_id, 4)  # every round is over
    with pytest.raises(EssDeskError, match="Tour invalide"):
        live.set_current_round(db, speed_id, 5)
    assert plan.load_instance(db, speed_id).ids.current_round == 4


def test_absent_recruiter_keeps_its_held_meetings_at_replan(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    recruiter = next(
        r
        for r in loaded.instance.recruiters
        if len(
            {x.round for x in loaded.schedule.meetings if x.recruiter_id == r.id and x.round < 4}
        )
        == 3
    )
    past = [x for x in loaded.schedule.meetings if x.recruiter_id == recruiter.id and x.round < 4]
    held = {}
    for x in sorted(past)[:3]:
        results.set_outcome(db, loaded.ids.meeting_ids[x], "interested")
        held[loaded.ids.meeting_ids[x]] = x
    # A young person with an outcome in round 1, marked absent later on: the meeting took place.
    met = {x.candidate_id for x in past}
    other = next(x for x in loaded.schedule.meetings if x.round == 1 and x.candidate_id not in met)
    results.set_outcome(db, loaded.ids.meeting_ids[other], "hired")
    live.mark_no_show(db, other.candidate_id)
    live.set_recruiter_present(db, recruiter.id, False)
    live.replan_from(db, speed_id, 4)
    stored = by_row_id(db, speed_id)
    for row_id, x in held.items():
        assert stored[row_id][:5] == (
            x.round,
            x.recruiter_id,
            x.candidate_id,
            x.table,
            "interested",
        )
    assert stored[loaded.ids.meeting_ids[other]][4] == "hired"
    after = plan.load_instance(db, speed_id)
    own = {x for x in after.schedule.meetings if x.recruiter_id == recruiter.id}
    assert own == set(past)  # rounds 1 to 3 kept, nothing from round 4 on
    assert plan.plan_problems(after) == []
    # The results and the event report agree: the recruiter's rounds 1 to 3 took place.
    summary = {line.name: line for line in results.outcome_summary(db, speed_id)}
    assert summary[recruiter.name].meetings == len(past)
    summary = {line.name: line for line in results.outcome_summary(db, speed_id)}
    assert summary[recruiter.name].counts["interested"] == 3


def test_fewer_tables_removes_the_meetings_left_on_them(small, tmp_path):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    alpha = loaded.instance.recruiters[0]
    second = [x for x in loaded.schedule.meetings if x.recruiter_id == alpha.id and x.table == 2]
    assert second
    # A meeting already held there, outcome recorded: refused, nothing changes.
    results.set_outcome(db, loaded.ids.meeting_ids[second[0]], "hired")
    with pytest.raises(EssDeskError, match="suite saisie"):
        participants.update_recruiter(
            db, alpha.id, tables=1, available_from=None, available_to=None
        )
    assert sm.get_speed_meeting(db, speed_id).recruiters[0].tables == 2
    results.set_outcome(db, loaded.ids.meeting_ids[second[0]], None)
    removed = participants.update_recruiter(
        db, alpha.id, tables=1, available_from=None, available_to=None
    )
    assert removed == len(second)
    rows = results.meeting_rows(db, speed_id)  # no KeyError on a vanished table
    assert len(rows) == len(loaded.schedule.meetings) - len(second)
    assert results.export_printouts(db, speed_id, tmp_path / "docs")
    live.replan_from(db, speed_id, 1)


def test_replan_and_printouts_survive_a_table_removed_behind_their_back(small, tmp_path):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    alpha = plan.load_instance(db, speed_id).instance.recruiters[0]
    with db.transaction() as session:  # as an older version of the app left the base
        session.get(m.SpeedMeetingRecruiter, as_uuid(alpha.id)).tables = 1
    with pytest.raises(EssDeskError, match="replanifiez avant d'imprimer"):
        results.export_printouts(db, speed_id, tmp_path / "docs")
    outcome = live.replan_from(db, speed_id, 1)
    assert any("table ?" in line for line in outcome.changes)
    after = plan.load_instance(db, speed_id)
    assert validate_schedule(after.instance, after.schedule) == []


def test_replan_saves_in_one_transaction(small, monkeypatch):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    opened = count_transactions(db, monkeypatch)
    live.replan_from(db, speed_id, 2)
    assert opened.count(True) == 1
    assert plan.load_instance(db, speed_id).ids.current_round == 2


def test_generate_is_refused_once_rounds_have_been_played(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    live.replan_from(db, speed_id, 4)  # rounds 1–3 are over
    before = by_row_id(db, speed_id)
    with pytest.raises(EssDeskError, match="a commencé"):
        plan.generate_schedule(db, speed_id)
    assert by_row_id(db, speed_id) == before


def test_a_past_meeting_out_of_the_new_rules_still_counts_at_replan(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    first = next(x for x in loaded.schedule.meetings if x.round == 1)
    recruiter = next(r for r in loaded.instance.recruiters if r.id == first.recruiter_id)
    # Said afterwards: this recruiter only arrived for round 2 — yet round 1 took place.
    participants.update_recruiter(
        db, recruiter.id, tables=recruiter.tables, available_from=2, available_to=None
    )
    outcome = live.replan_from(db, speed_id, 2)
    pairs = [(x.candidate_id, x.recruiter_id) for x in outcome.schedule.meetings]
    assert pairs.count((first.candidate_id, first.recruiter_id)) <= 1  # never met twice
    after = plan.load_instance(db, speed_id)
    assert first in after.schedule.meetings  # history kept
    assert not any(
        (x.candidate_id, x.recruiter_id) == (first.candidate_id, first.recruiter_id)
        for x in after.schedule.meetings
        if x.round >= 2
    )
