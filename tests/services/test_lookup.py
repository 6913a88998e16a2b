"""A row asked for by id that has gone: one French message, naming what has gone and why."""

from __future__ import annotations

import uuid

import pytest

from essdesk.db import models as m
from essdesk.services.lookup import GoneError, get_or_gone
from essdesk.services.speed_meetings import live, participants, results
from essdesk.services.speed_meetings import planning as plan
from essdesk.services.speed_meetings import sessions as sm


def test_a_row_that_exists_is_returned_from_a_string_id(db):
    with db.transaction() as session:
        employer = m.Employer(name="Alpha SCOP")
        session.add(employer)
        session.flush()
        employer_id = str(employer.id)
    with db.session() as session:
        assert get_or_gone(session, m.Employer, employer_id, "Cet employeur").name == "Alpha SCOP"


def test_a_missing_row_names_what_has_gone(db):
    with db.session() as session, pytest.raises(GoneError) as caught:
        get_or_gone(session, m.Employer, uuid.uuid4(), "Cet employeur")
    assert caught.value.message == (
        "Cet employeur n'existe plus : la fiche a été supprimée depuis une autre fenêtre "
        "ou un autre poste."
    )


def test_the_speed_meeting_services_say_which_row_has_gone(small):
    db, speed_id = small
    plan.generate_schedule(db, speed_id)
    meeting = results.meeting_rows(db, speed_id)[0]
    detail = sm.get_speed_meeting(db, speed_id)
    candidate = detail.candidates[0]
    participants.remove_participants(db, [candidate.id, detail.recruiters[0].id])
    plan.generate_schedule(db, speed_id)  # the old meetings are replaced by new rows
    with pytest.raises(GoneError, match="^Cette rencontre n'existe plus : le planning a été"):
        results.set_outcome(db, meeting.id, "interested")
    with pytest.raises(GoneError, match="^L'inscription de ce jeune n'existe plus : la fiche"):
        live.mark_late(db, candidate.id, 2)
    with pytest.raises(GoneError, match="^La participation de ce recruteur n'existe plus"):
        live.set_recruiter_present(db, detail.recruiters[0].id, False)
    with pytest.raises(GoneError, match="^Ce speed meeting n'existe plus"):
        sm.get_speed_meeting(db, uuid.uuid4())
