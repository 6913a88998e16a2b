"""Speed-meeting use cases on a real SQLite base: plan, generate, lock, wishes, settings."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.scheduling.model import Schedule
from essdesk.domain.scheduling.scheduler import SchedulingCancelled, validate_schedule
from essdesk.errors import DataFileError, EssDeskError
from essdesk.services.speed_meetings import live as live
from essdesk.services.speed_meetings import moves as moves
from essdesk.services.speed_meetings import participants as participants
from essdesk.services.speed_meetings import planning as plan
from essdesk.services.speed_meetings import results as results
from essdesk.services.speed_meetings import sessions as sm
from essdesk.services.speed_meetings import wishes_timing as settings
from tests.services.speed_meeting_helpers import by_row_id, count_transactions, names_of


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
    loaded, names = names_of(db, speed_id)
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
    loaded, _ = names_of(db, speed_id)
    locked = next(
        x for x in loaded.schedule.meetings if x.candidate_id == lea and x.round == own.round
    )
    assert locked in loaded.ids.locked and locked.recruiter_id == gamma
    plan.generate_schedule(db, speed_id)
    again, _ = names_of(db, speed_id)
    assert locked in again.schedule.meetings and locked in again.ids.locked
    moves.set_locked(db, again.ids.meeting_ids[locked], False)
    assert locked not in plan.load_instance(db, speed_id).ids.locked


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
    loaded, _ = names_of(db, speed_id)
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


def test_generate_refuses_once_outcomes_are_recorded(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    rows = results.meeting_rows(db, speed_id)
    results.set_outcome(db, rows[0].id, "interested")
    before = by_row_id(db, speed_id)
    with pytest.raises(EssDeskError, match="« Direct »"):
        plan.generate_schedule(db, speed_id)
    assert by_row_id(db, speed_id) == before


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


def test_wishes_file_is_checked_before_the_write_transaction(small, tmp_path, monkeypatch):
    db, speed_id = small
    opened = count_transactions(db, monkeypatch)
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
    assert plan.plan_quality(close) == "Poids 123,5 · borne 130 · écart à la borne 5\u00a0%"


def test_cancelled_generation_keeps_the_stored_plan(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    before = plan.load_instance(db, speed_id)
    # A no-show would lose their meetings in a new plan: a cancel must not save one.
    absent = before.schedule.meetings[0].candidate_id
    live.mark_no_show(db, absent)
    labels: list[str] = []
    with pytest.raises(SchedulingCancelled, match="Calcul annulé"):
        plan.generate_schedule(db, speed_id, cancelled=lambda: True, progress=labels.append)
    assert labels == []  # stopped before the first phase
    after = plan.load_instance(db, speed_id)
    assert sorted(after.schedule.meetings) == sorted(before.schedule.meetings)
    assert after.schedule.objective == before.schedule.objective
    assert any(x.candidate_id == absent for x in after.schedule.meetings)
    # The same generation, not cancelled, does change it.
    plan.generate_schedule(db, speed_id, cancelled=lambda: False, progress=labels.append)
    assert labels and labels[0] == "Choix des rencontres…"
    again = plan.load_instance(db, speed_id)
    assert not any(x.candidate_id == absent for x in again.schedule.meetings)


def test_cancelled_replan_saves_nothing(demo):
    db, speed_id = demo
    plan.generate_schedule(db, speed_id)
    before = plan.load_instance(db, speed_id)
    absent = next(x.candidate_id for x in before.schedule.meetings if x.round >= 3)
    live.mark_no_show(db, absent)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # the first check passes, the next one stops

    with pytest.raises(SchedulingCancelled):
        live.replan_from(db, speed_id, 3, cancelled=cancelled)
    after = plan.load_instance(db, speed_id)
    assert sorted(after.schedule.meetings) == sorted(before.schedule.meetings)
    assert after.ids.current_round == before.ids.current_round == 1
