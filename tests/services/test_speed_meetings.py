"""Speed-meeting use cases on a real SQLite base: plan, lock, move, live re-planning, results."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, time

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.scheduling import validate_schedule
from essdesk.domain.scheduling_model import Schedule
from essdesk.errors import DataFileError, EssDeskError
from essdesk.services import speed_meeting_live as live
from essdesk.services import speed_meeting_moves as moves
from essdesk.services import speed_meeting_participants as participants
from essdesk.services import speed_meeting_plan as plan
from essdesk.services import speed_meeting_results as results
from essdesk.services import speed_meeting_settings as settings
from essdesk.services import speed_meetings as sm
from essdesk.services.demo import fill_demo_data

DEMO_TODAY = date(2026, 11, 22)  # the demo's dates are relative to this day


@pytest.fixture
def demo(db):
    """The demo base and its speed meeting (12 recruiters, 60 young people, 8 rounds)."""
    fill_demo_data(db, youths=80, seed=11, event_history=False, today=DEMO_TODAY)
    return db, sm.list_speed_meetings(db)[0].id


@pytest.fixture
def small(db):
    """Three recruiters (one with two tables), four young people, three rounds, ranked wishes."""
    with db.transaction() as session:
        employers = [m.Employer(name=n) for n in ("Alpha SCOP", "Beta asso", "Gamma SCIC")]
        youths = [
            m.Youth(last_name=last, first_name=first, birth_date=date(2004, 1, i))
            for i, (first, last) in enumerate(
                [("Léa", "Martin"), ("Noé", "Durand"), ("Inès", "Petit"), ("Hugo", "Roux")], 1
            )
        ]
        session.add_all(employers + youths)
        session.flush()
        employer_ids = [e.id for e in employers]
        youth_ids = [y.id for y in youths]
    speed_id = sm.create_speed_meeting(db, "Petit speed meeting", rounds=3)
    assert participants.add_recruiters(db, speed_id, employer_ids) == 3
    assert participants.add_recruiters(db, speed_id, employer_ids[:1]) == 0  # already there
    assert participants.add_candidates(db, speed_id, youth_ids) == 4
    detail = sm.get_speed_meeting(db, speed_id)
    alpha, beta, gamma = detail.recruiters
    participants.update_recruiter(db, alpha.id, tables=2, available_from=None, available_to=None)
    grid = {}
    for candidate in detail.candidates:
        for rank, recruiter in enumerate((alpha, beta, gamma), start=1):
            grid[(candidate.id, recruiter.id)] = rank
    settings.replace_wishes(db, speed_id, grid)
    return db, speed_id


def _names(db, speed_id):
    loaded = plan.load_instance(db, speed_id)
    return loaded, {v: k for k, v in loaded.ids.candidate_names.items()}


def test_list_and_load_demo(demo):
    db, speed_id = demo
    (summary,) = sm.list_speed_meetings(db)
    assert summary.recruiters == 12 and summary.candidates == 60 and summary.meetings == 0
    assert summary.event_title == "Semaine de l'ESS à la Mission locale"
    assert "18/11/2026 14 h 00" in summary.label
    instance, timing, schedule, ids = plan.load_instance(db, speed_id)
    assert instance.rounds == 8 and len(instance.candidates) == 60 and schedule is None
    assert timing.breaks == {4: 10} and timing.label(5) == "Tour 5 · 14 h 56 – 15 h 06"
    assert all(len(r.id) == 36 for r in instance.recruiters)  # UUIDs as strings


def test_generate_saves_a_valid_plan(demo):
    db, speed_id = demo
    outcome = plan.generate_schedule(db, speed_id)
    assert outcome.problems == [] and outcome.schedule.meetings
    loaded = plan.load_instance(db, speed_id)
    assert validate_schedule(loaded.instance, loaded.schedule) == []
    assert sorted(loaded.schedule.meetings) == sorted(outcome.schedule.meetings)
    assert loaded.schedule.objective == outcome.schedule.objective
    assert "optimal prouvé" in outcome.quality or "écart" in outcome.quality
    with db.session() as session:
        assert session.get(m.SpeedMeeting, speed_id).status == "planned"


def test_lock_survives_regeneration(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded, names = _names(db, speed_id)
    # Léa ranks Gamma last: put her there by hand in the round of her first meeting.
    lea = names["Léa Martin"]
    gamma = loaded.instance.recruiters[2].id
    own = next(x for x in loaded.schedule.meetings if x.candidate_id == lea)
    if own.recruiter_id == gamma:
        moves.set_locked(db, loaded.ids.meeting_ids[own], True)
    else:
        occupant = next(
            (
                x
                for x in loaded.schedule.meetings
                if x.recruiter_id == gamma and x.round == own.round
            ),
            None,
        )
        result = moves.move_meeting(
            db,
            speed_id,
            loaded.ids.meeting_ids[own],
            round=own.round,
            recruiter_id=gamma,
            force=True,
        )
        assert result.saved and result.swapped == (occupant is not None)
    loaded, _ = _names(db, speed_id)
    locked = next(
        x for x in loaded.schedule.meetings if x.candidate_id == lea and x.round == own.round
    )
    assert locked in loaded.ids.locked and locked.recruiter_id == gamma
    plan.generate_schedule(db, speed_id)
    again, _ = _names(db, speed_id)
    assert locked in again.schedule.meetings and locked in again.ids.locked
    moves.set_locked(db, again.ids.meeting_ids[locked], False)
    assert locked not in plan.load_instance(db, speed_id).ids.locked


def test_move_into_conflict_is_refused_unless_forced(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded, names = _names(db, speed_id)
    meetings = loaded.schedule.meetings
    # The small room is full: a swap across rounds gives both young people two meetings in
    # one round, which the base cannot hold even when forced.
    in_round_2 = {x.candidate_id for x in meetings if x.round == 2}
    source = next(x for x in meetings if x.round == 1 and x.candidate_id in in_round_2)
    other = next(x for x in meetings if x.round == 2 and x.candidate_id != source.candidate_id)
    result = moves.move_meeting(
        db,
        speed_id,
        loaded.ids.meeting_ids[source],
        round=2,
        recruiter_id=other.recruiter_id,
        table=other.table,
        force=True,
    )
    assert not result.saved and not result.forceable
    assert any("deux rencontres au même tour" in c for c in result.conflicts)
    # Swapping two meetings of round 1 where the first young person already meets the second
    # recruiter in another round: a conflict, named in French.
    met = {(x.candidate_id, x.recruiter_id) for x in meetings}
    first, second = next(
        (a, b)
        for a in meetings
        for b in meetings
        if a.round == b.round == 1
        and a.recruiter_id != b.recruiter_id
        and (a.candidate_id, b.recruiter_id) in met
    )
    result = moves.move_meeting(
        db,
        speed_id,
        loaded.ids.meeting_ids[first],
        round=1,
        recruiter_id=second.recruiter_id,
        table=second.table,
    )
    assert result.swapped
    assert not result.saved and result.conflicts
    assert any(loaded.ids.candidate_names[first.candidate_id] in c for c in result.conflicts)
    assert any("deux fois" in c for c in result.conflicts)
    assert plan.load_instance(db, speed_id).schedule.meetings == meetings  # nothing written
    forced = moves.move_meeting(
        db,
        speed_id,
        loaded.ids.meeting_ids[first],
        round=1,
        recruiter_id=second.recruiter_id,
        table=second.table,
        force=True,
    )
    assert forced.saved
    after = plan.load_instance(db, speed_id)
    assert plan.plan_problems(after)  # the forced conflict is still reported
    with pytest.raises(EssDeskError, match="verrouillée"):
        moved = next(x for x in after.ids.locked)
        moves.move_meeting(
            db, speed_id, after.ids.meeting_ids[moved], round=2, recruiter_id=moved.recruiter_id
        )


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
    _loaded, names = _names(db, speed_id)
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


def test_wishes_csv_import_replaces_wishes(small, tmp_path):
    db, speed_id = small
    path = tmp_path / "souhaits.csv"
    path.write_text(
        "Jeune;Recruteur;Rang\nLéa Martin;gamma scic;1\nLEA MARTIN;Alpha SCOP;2\nHugo Roux;Beta asso;\n",
        encoding="utf-8-sig",
    )
    assert settings.import_wishes_csv(db, speed_id, path) == 3
    grid = settings.wish_grid(db, speed_id)
    names = dict(grid.recruiters)
    ranks = {(dict(grid.candidates)[c], names[r]): rank for (c, r), rank in grid.ranks.items()}
    assert ranks == {
        ("Léa Martin", "Gamma SCIC"): 1,
        ("Léa Martin", "Alpha SCOP"): 2,
        ("Hugo Roux", "Beta asso"): 1,
    }


@pytest.mark.parametrize(
    ("content", "line", "column", "reason"),
    [
        (
            "Jeune;Recruteur;Rang\nLéa Martin;Alpha SCOP;1\nZoé Inconnue;Beta asso;1\n",
            3,
            "Jeune",
            "inconnu",
        ),
        ("Jeune;Recruteur;Rang\nLéa Martin;Alpha SCOP;premier\n", 2, "Rang", "nombre entier"),
        ("Jeune;Recruteur\nLéa Martin;Alpha SCOP\nLéa Martin;alpha scop\n", 3, "Recruteur", "déjà"),
        ("Nom;Recruteur\nLéa Martin;Alpha SCOP\n", 1, None, "colonne « candidat » absente"),
    ],
)
def test_wishes_csv_errors_name_the_place_and_write_nothing(
    small, tmp_path, content, line, column, reason
):
    db, speed_id = small
    before = settings.wish_grid(db, speed_id).ranks
    path = tmp_path / "souhaits.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        settings.import_wishes_csv(db, speed_id, path)
    error = caught.value
    assert error.file == "souhaits.csv" and error.line == line and error.column == column
    assert reason in error.message and "souhaits.csv" in error.message
    assert settings.wish_grid(db, speed_id).ranks == before


def test_timing_settings_and_outcome_summary(small, tmp_path):
    db, speed_id = small
    removed = settings.set_timing(
        db,
        speed_id,
        rounds=3,
        start_time=time(9, 30),
        round_minutes=8,
        changeover_minutes=2,
        breaks={1: 15},
        min_meetings=1,
    )
    assert removed == 0
    detail = sm.get_speed_meeting(db, speed_id)
    assert (detail.start_time, detail.round_minutes, detail.breaks, detail.min_meetings) == (
        time(9, 30),
        8,
        {1: 15},
        1,
    )
    with pytest.raises(EssDeskError, match="entre deux tours"):
        settings.set_timing(
            db,
            speed_id,
            rounds=3,
            start_time=time(9),
            round_minutes=8,
            changeover_minutes=2,
            breaks={3: 5},
        )
    plan.generate_schedule(db, speed_id)
    rows = results.meeting_rows(db, speed_id)
    assert rows[0].hours == "9 h 30 – 9 h 38" and rows[-1].round == 3
    results.set_outcome(db, rows[0].id, "hired")
    results.set_outcome(db, rows[1].id, "interested")
    with pytest.raises(EssDeskError):
        results.set_outcome(db, rows[2].id, "maybe")
    summary = {line.name: line for line in results.outcome_summary(db, speed_id)}
    assert sum(line.meetings for line in summary.values()) == len(rows)
    assert summary[rows[0].recruiter].counts["hired"] == 1
    assert sum(line.counts["interested"] for line in summary.values()) == 1
    paths = results.export_printouts(db, speed_id, tmp_path / "documents")
    assert {p.name for p in paths} >= {"grille_generale.pdf", "planning.csv"}
    assert plan.load_instance(db, speed_id).ids.announced
    # Fewer rounds: the meetings of the removed round go.
    third = sum(1 for r in rows if r.round == 3)
    assert (
        settings.set_timing(
            db,
            speed_id,
            rounds=2,
            start_time=time(9),
            round_minutes=8,
            changeover_minutes=2,
            breaks={},
        )
        == third
    )


def test_create_attached_to_event_session_and_errors(demo):
    db, _speed_id = demo
    session_choice = sm.list_event_sessions(db)[0]
    assert session_choice.detail == "speed_meeting"
    new_id = sm.create_speed_meeting(db, "Speed meeting de l'alternance", session_choice.id)
    detail = sm.get_speed_meeting(db, new_id)
    assert detail.start_time == time(14, 0) and detail.event_title
    with pytest.raises(EssDeskError, match="titre"):
        sm.create_speed_meeting(db, "   ")
    with pytest.raises(EssDeskError, match="Générez d'abord"):
        live.replan_from(db, new_id, 1)
    with pytest.raises(EssDeskError, match="Ajoutez des recruteurs"):
        plan.generate_schedule(db, new_id)
    employers = participants.search_employers(db, "ressourcerie")
    assert employers and all("Ressourcerie" in e.label for e in employers)
    assert participants.add_recruiters(db, new_id, [e.id for e in employers]) == len(employers)
    youth = participants.search_youths(db)[0]
    participants.add_candidates(db, new_id, [youth.id])
    candidate = sm.get_speed_meeting(db, new_id).candidates[0]
    participants.remove_participant(db, candidate.id)
    with db.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(m.SpeedMeetingCandidate)
            .where(m.SpeedMeetingCandidate.speed_meeting_id == new_id)
        )
    assert count == 0


def test_stale_lock_is_set_aside_with_a_message(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded, _ = _names(db, speed_id)
    meeting = loaded.schedule.meetings[0]
    moves.set_locked(db, loaded.ids.meeting_ids[meeting], True)
    # The young person no longer wants this recruiter: the lock cannot hold any more.
    settings.set_wish(db, meeting.candidate_id, meeting.recruiter_id, None)
    outcome = plan.generate_schedule(db, speed_id)
    name = loaded.ids.candidate_names[meeting.candidate_id]
    assert any("verrouillée" in line and name in line for line in outcome.messages)
    after = plan.load_instance(db, speed_id)
    assert meeting not in after.schedule.meetings
    assert validate_schedule(after.instance, after.schedule) == []


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
    _loaded, names = _names(db, speed_id)
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


def _by_row_id(db, speed_id):
    """Stored meeting rows by id: (round, recruiter, candidate, table, outcome, announced)."""
    with db.session() as session:
        rows = session.scalars(
            select(m.SpeedMeetingMeeting).where(m.SpeedMeetingMeeting.speed_meeting_id == speed_id)
        ).all()
        return {
            r.id: (
                r.round,
                str(r.recruiter_id),
                str(r.candidate_id),
                r.table,
                r.outcome,
                r.announced,
            )
            for r in rows
        }


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
    stored = _by_row_id(db, speed_id)
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
        session.get(m.SpeedMeetingRecruiter, sm.as_uuid(alpha.id)).tables = 1
    with pytest.raises(EssDeskError, match="replanifiez avant d'imprimer"):
        results.export_printouts(db, speed_id, tmp_path / "docs")
    outcome = live.replan_from(db, speed_id, 1)
    assert any("table ?" in line for line in outcome.changes)
    after = plan.load_instance(db, speed_id)
    assert validate_schedule(after.instance, after.schedule) == []


def test_generate_refuses_once_outcomes_are_recorded(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    rows = results.meeting_rows(db, speed_id)
    results.set_outcome(db, rows[0].id, "interested")
    before = _by_row_id(db, speed_id)
    with pytest.raises(EssDeskError, match="« Direct »"):
        plan.generate_schedule(db, speed_id)
    assert _by_row_id(db, speed_id) == before


def test_generate_keeps_announced_meetings(small, tmp_path):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    alpha = loaded.instance.recruiters[0].id
    first = sorted(x for x in loaded.schedule.meetings if x.recruiter_id == alpha and x.round == 1)
    # The organiser swapped two young people's tables, then printed: that is what they hold.
    with db.transaction() as session:
        a, b = (session.get(m.SpeedMeetingMeeting, loaded.ids.meeting_ids[x]) for x in first)
        a.table, b.table = b.table, a.table
    results.export_printouts(db, speed_id, tmp_path / "docs")
    printed = set(plan.load_instance(db, speed_id).schedule.meetings)
    outcome = plan.generate_schedule(db, speed_id)
    assert set(plan.load_instance(db, speed_id).schedule.meetings) == printed
    assert outcome.schedule.objective == loaded.schedule.objective


def test_generate_refuses_a_change_made_while_solving(small, monkeypatch):
    db, speed_id = small
    solve = plan.schedule_meetings
    detail = sm.get_speed_meeting(db, speed_id)

    def meanwhile(*args, **kwargs):
        # Another window removes a wish while the scheduler works.
        settings.set_wish(db, detail.candidates[0].id, detail.recruiters[0].id, None)
        return solve(*args, **kwargs)

    monkeypatch.setattr(plan, "schedule_meetings", meanwhile)
    with pytest.raises(EssDeskError, match="modifié entre-temps"):
        plan.generate_schedule(db, speed_id)
    assert plan.load_instance(db, speed_id).schedule is None


def test_move_keeps_outcome_and_announcement(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    source, other = sorted(x for x in loaded.schedule.meetings if x.round == 1)[:2]
    source_id, other_id = loaded.ids.meeting_ids[source], loaded.ids.meeting_ids[other]
    results.set_outcome(db, source_id, "hired")
    with db.transaction() as session:
        session.get(m.SpeedMeetingMeeting, source_id).announced = True
    result = moves.move_meeting(
        db,
        speed_id,
        source_id,
        round=1,
        recruiter_id=other.recruiter_id,
        table=other.table,
        force=True,
    )
    assert result.saved and result.swapped
    stored = _by_row_id(db, speed_id)
    assert stored[source_id] == (
        1,
        other.recruiter_id,
        source.candidate_id,
        other.table,
        "hired",
        True,
    )
    assert stored[other_id][:4] == (1, source.recruiter_id, other.candidate_id, source.table)


def test_move_against_a_stale_grid_gives_a_french_conflict(small, monkeypatch):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    # One young person's meetings in two rounds: the grid will not know about the second.
    source, hidden = next(
        (a, b)
        for a in loaded.schedule.meetings
        for b in loaded.schedule.meetings
        if a.candidate_id == b.candidate_id and a.round != b.round
    )
    with db.transaction() as session:
        session.delete(session.get(m.SpeedMeetingMeeting, loaded.ids.meeting_ids[hidden]))
    stale = plan.load_instance(db, speed_id)  # the grid another window still shows
    with db.transaction() as session:
        session.add(
            m.SpeedMeetingMeeting(
                speed_meeting_id=speed_id,
                round=hidden.round,
                recruiter_id=sm.as_uuid(hidden.recruiter_id),
                candidate_id=sm.as_uuid(hidden.candidate_id),
                table=hidden.table,
            )
        )
    monkeypatch.setattr(moves, "load_instance", lambda *_args: stale)
    with pytest.raises(EssDeskError, match="changé entre-temps"):
        moves.move_meeting(
            db,
            speed_id,
            stale.ids.meeting_ids[source],
            round=hidden.round,
            recruiter_id=hidden.recruiter_id,
            table=hidden.table,
            force=True,
        )


def _count_transactions(db, monkeypatch) -> list[bool]:
    """Record every write transaction opened; the list's last item says if one is open."""
    opened: list[bool] = []
    real = db.transaction

    @contextmanager
    def counting():
        opened.append(True)
        with real() as session:
            yield session
        opened.append(False)

    monkeypatch.setattr(db, "transaction", counting)
    return opened


def test_replan_saves_in_one_transaction(small, monkeypatch):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    opened = _count_transactions(db, monkeypatch)
    live.replan_from(db, speed_id, 2)
    assert opened.count(True) == 1
    assert plan.load_instance(db, speed_id).ids.current_round == 2


def test_wishes_file_is_checked_before_the_write_transaction(small, tmp_path, monkeypatch):
    db, speed_id = small
    opened = _count_transactions(db, monkeypatch)
    resolve = settings._resolve
    checked_inside: list[bool] = []

    def watching(*args):
        checked_inside.append(bool(opened) and opened[-1])
        return resolve(*args)

    monkeypatch.setattr(settings, "_resolve", watching)
    path = tmp_path / "souhaits.csv"
    path.write_text("Jeune;Recruteur\nLéa Martin;Alpha SCOP\n", encoding="utf-8")
    assert settings.import_wishes_csv(db, speed_id, path) == 1
    assert checked_inside == [False, False] and opened.count(True) == 1


def test_plan_quality_is_written_the_french_way():
    optimal = Schedule(3, [], 123.5, 123.5, True)
    assert plan.plan_quality(optimal) == "Poids 123,5 · borne 123,5 · optimal prouvé"
    close = Schedule(3, [], 123.5, 130.0, False)
    assert plan.plan_quality(close) == "Poids 123,5 · borne 130 · écart à la borne 5,0\u00a0%"
