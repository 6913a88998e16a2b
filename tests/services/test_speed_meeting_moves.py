"""Moving meetings in the grid and editing participants, on a real SQLite base."""

from __future__ import annotations

from datetime import date

import pytest

from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.services.lookup import as_uuid
from essdesk.services.speed_meetings import live as live
from essdesk.services.speed_meetings import moves as moves
from essdesk.services.speed_meetings import participants as participants
from essdesk.services.speed_meetings import planning as plan
from essdesk.services.speed_meetings import results as results
from essdesk.services.speed_meetings import sessions as sm
from tests.services.speed_meeting_helpers import by_row_id, names_of


def test_move_into_conflict_is_refused_unless_forced(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded, names = names_of(db, speed_id)
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
    assert any("déjà une autre rencontre à ce tour" in c for c in result.conflicts)
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


def test_move_refuses_held_meetings_and_clears_the_announcement(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    source, other, third = sorted(x for x in loaded.schedule.meetings if x.round == 1)[:3]
    source_id, other_id = loaded.ids.meeting_ids[source], loaded.ids.meeting_ids[other]
    third_id = loaded.ids.meeting_ids[third]
    # « Hired » was noted with this recruiter at this round: it cannot follow a move.
    results.set_outcome(db, source_id, "hired")
    before = by_row_id(db, speed_id)
    for moving, cell, refusal in ((source, other, "a déjà eu lieu"), (other, source, "visée")):
        with pytest.raises(EssDeskError, match=refusal):
            moves.move_meeting(
                db,
                speed_id,
                loaded.ids.meeting_ids[moving],
                round=1,
                recruiter_id=cell.recruiter_id,
                table=cell.table,
                force=True,
            )
    assert by_row_id(db, speed_id) == before
    results.set_outcome(db, source_id, None)
    with db.transaction() as session:
        for row_id in (source_id, other_id, third_id):
            session.get(m.SpeedMeetingMeeting, row_id).announced = True
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
    stored = by_row_id(db, speed_id)
    # The printed places no longer hold for the two moved meetings; the others keep theirs.
    assert stored[source_id] == (
        1,
        other.recruiter_id,
        source.candidate_id,
        other.table,
        None,
        False,
    )
    assert stored[other_id] == (
        1,
        source.recruiter_id,
        other.candidate_id,
        source.table,
        None,
        False,
    )
    assert stored[third_id][5] is True


def test_move_swaps_two_meetings_of_the_same_young_person(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    meetings = loaded.schedule.meetings
    # Their round-1 meeting dropped onto their own round-2 meeting: the two rounds swap.
    first, second = next(
        (a, b)
        for a in meetings
        for b in meetings
        if a.candidate_id == b.candidate_id and (a.round, b.round) == (1, 2)
    )
    first_id, second_id = loaded.ids.meeting_ids[first], loaded.ids.meeting_ids[second]
    result = moves.move_meeting(
        db,
        speed_id,
        first_id,
        round=2,
        recruiter_id=second.recruiter_id,
        table=second.table,
    )
    assert result.saved and result.swapped and result.conflicts == []
    stored = by_row_id(db, speed_id)
    assert stored[first_id][:4] == (2, second.recruiter_id, first.candidate_id, second.table)
    assert stored[second_id][:4] == (1, first.recruiter_id, first.candidate_id, first.table)
    assert all(row[0] >= 1 for row in stored.values())  # nothing left parked
    after = plan.load_instance(db, speed_id)
    assert {after.ids.meeting_ids[x] for x in after.ids.locked} == {first_id, second_id}


def test_move_refuses_a_drop_on_a_grid_older_than_the_base(small, monkeypatch):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    shown = plan.load_instance(db, speed_id)  # the grid the user looks at
    a, b, c, d = sorted(x for x in shown.schedule.meetings if x.round == 1)
    row_id = shown.ids.meeting_ids

    def drop(meeting, cell, stamp):
        return moves.move_meeting(
            db,
            speed_id,
            row_id[meeting],
            round=cell.round,
            recruiter_id=cell.recruiter_id,
            table=cell.table,
            force=True,
            expected_stamp=stamp,
        )

    # Between the read and the write, another window notes an outcome on the target cell.
    results.set_outcome(db, row_id[c], "interested")
    monkeypatch.setattr(moves, "load_instance", lambda *_args: shown)
    with pytest.raises(moves.StaleGridError, match="la grille est rechargée"):
        drop(a, c, shown.ids.stamp)
    monkeypatch.undo()
    results.set_outcome(db, row_id[c], None)
    # Another window puts someone else on the cell the user drops onto.
    assert moves.move_meeting(
        db, speed_id, row_id[d], round=1, recruiter_id=b.recruiter_id, table=b.table, force=True
    ).saved
    before = by_row_id(db, speed_id)
    with pytest.raises(moves.StaleGridError, match="la grille est rechargée"):
        drop(a, b, shown.ids.stamp)
    assert by_row_id(db, speed_id) == before  # no swap with a young person never seen
    result = drop(a, c, plan.load_instance(db, speed_id).ids.stamp)
    assert result.saved and result.swapped


def test_fewer_tables_counts_first_and_keeps_held_or_printed_meetings(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    loaded = plan.load_instance(db, speed_id)
    alpha = loaded.instance.recruiters[0]
    second = sorted(
        x for x in loaded.schedule.meetings if x.recruiter_id == alpha.id and x.table == 2
    )
    assert second
    before = by_row_id(db, speed_id)
    assert participants.meetings_on_removed_tables(db, alpha.id, 1) == len(second)
    assert participants.meetings_on_removed_tables(db, alpha.id, 2) == 0
    assert by_row_id(db, speed_id) == before  # a dry run
    first_id = loaded.ids.meeting_ids[second[0]]

    def refused(match: str) -> None:
        stored = by_row_id(db, speed_id)
        with pytest.raises(EssDeskError, match=match):
            participants.meetings_on_removed_tables(db, alpha.id, 1)
        with pytest.raises(EssDeskError, match=match):
            participants.update_recruiter(
                db, alpha.id, tables=1, available_from=None, available_to=None
            )
        assert by_row_id(db, speed_id) == stored
        assert sm.get_speed_meeting(db, speed_id).recruiters[0].tables == 2

    with db.transaction() as session:  # printed: people hold this place
        session.get(m.SpeedMeetingMeeting, first_id).announced = True
    refused(r"1 déjà annoncée\(s\) \(planning imprimé\)")
    with db.transaction() as session:
        session.get(m.SpeedMeetingMeeting, first_id).announced = False
    live.set_current_round(db, speed_id, second[0].round + 1)  # its round is over
    refused("tour déjà joué")
    live.set_current_round(db, speed_id, 1)
    removed = participants.update_recruiter(
        db, alpha.id, tables=1, available_from=None, available_to=None
    )
    assert removed == len(second)
    assert not set(by_row_id(db, speed_id)) & {loaded.ids.meeting_ids[x] for x in second}


def test_remove_several_participants_all_or_none(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    detail = sm.get_speed_meeting(db, speed_id)
    first, second = detail.candidates[:2]
    before = by_row_id(db, speed_id)
    with pytest.raises(EssDeskError, match="n'existe plus"):
        participants.remove_participants(
            db, [first.id, as_uuid("00000000-0000-0000-0000-000000000000")]
        )
    assert (
        by_row_id(db, speed_id) == before
        and len(sm.get_speed_meeting(db, speed_id).candidates) == 4
    )
    assert participants.remove_participants(db, [first.id, second.id, first.id]) == 2
    left = sm.get_speed_meeting(db, speed_id).candidates
    assert {c.id for c in left}.isdisjoint({first.id, second.id}) and len(left) == 2
    gone = {str(first.id), str(second.id)}
    assert not any(row[2] in gone for row in by_row_id(db, speed_id).values())


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
                recruiter_id=as_uuid(hidden.recruiter_id),
                candidate_id=as_uuid(hidden.candidate_id),
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


def test_participant_pickers_ignore_accents_and_need_every_word(db):
    from essdesk.services.speed_meetings.participants import search_employers, search_youths

    with db.transaction() as session:
        session.add(m.Employer(name="Épicerie solidaire", commune="Échirolles"))
        session.add(m.Employer(name="Coopérative vélo", commune="Grenoble"))
        session.add(m.Youth(last_name="Nguyễn", first_name="Thảo", birth_date=date(2004, 2, 29)))
    assert [c.label for c in search_employers(db, "epicerie echirolles")] == ["Épicerie solidaire"]
    assert search_employers(db, "epicerie grenoble") == []
    assert [c.label for c in search_youths(db, "thao nguyen")] == ["Thảo Nguyễn"]
