"""One placement as its screen reads it, and the list's filters, on a real SQLite base."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from essdesk.db import models as m
from essdesk.services.placements.file import (
    ENDED,
    RUNNING,
    PlacementFilters,
    load_placement,
    tutors_of,
)
from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up
from essdesk.services.placements.records import add_renewal, record_end
from tests.services.placement_helpers import add_eav, small_base


def _listed(db, filters: PlacementFilters, today: date) -> set:
    from sqlalchemy import select

    with db.session() as session:
        query = select(m.Placement.id).where(*filters.conditions_for(db, today))
        return set(session.scalars(query))


def test_the_file_holds_renewals_aid_milestones_and_follow_ups(db):
    base = small_base(db)
    placement_id = add_eav(db, base, end_date=date(2015, 1, 5), aid_end=date(2015, 1, 5))
    add_renewal(db, placement_id, end_date=date(2016, 1, 5), aid_end=date(2016, 1, 5))
    record_follow_up(db, FollowUpInput(youth_id=base.youth, on=date(2014, 7, 4),
                                       placement_id=placement_id, milestone_code="suivi-1",
                                       counsellor_id=base.referent, notes="Bien"))  # fmt: skip
    found = load_placement(db, placement_id, today=date(2014, 9, 1))
    assert found.title == "Léna Martin chez Régie de quartier Villeneuve"
    assert found.data.scheme_code == "EAV" and found.data.weekly_hours == Decimal(35)
    assert [(r.start_date, r.end_date) for r in found.renewals] == [
        (date(2015, 1, 6), date(2016, 1, 5))
    ]
    assert len(found.aid_months) == 25 and found.aid_total == sum(
        x.amount for x in found.aid_months
    )
    states = {x.code: x.state for x in found.milestones}
    assert states["suivi-1"] == "fait" and states["suivi-2"] == "à faire"
    [follow_up] = found.follow_ups
    assert (follow_up.counsellor, follow_up.milestone) == (
        "Claire Fabre", "Entretien de suivi n° 1"
    )  # fmt: skip
    assert found.commitments is not None and found.commitments.share == 0
    assert found.referent_id == base.referent


def test_tutors_are_the_employers_contacts_tutors_first(db):
    base = small_base(db)
    assert [name for _id, name in tutors_of(db, base.association)] == [
        "Paul Girard (Encadrant) — tuteur"
    ]


def test_filters_running_ended_and_ending_within_six_months(db):
    base = small_base(db)
    short = add_eav(db, base, end_date=date(2015, 1, 5), aid_end=date(2015, 1, 5))
    long = add_eav(db, base, end_date=date(2017, 1, 5), aid_end=date(2017, 1, 5))
    stopped = add_eav(db, base)
    record_end(db, stopped, actual_end=date(2014, 6, 30), reason="rupture_salarie")
    day = date(2014, 9, 1)
    assert _listed(db, PlacementFilters(state=RUNNING), day) == {short, long}
    assert _listed(db, PlacementFilters(state=ENDED), day) == {stopped}
    assert _listed(db, PlacementFilters(ending_soon=True), day) == {short}
    # A renewal moves the planned end: no longer ending within six months.
    add_renewal(db, short, end_date=date(2016, 1, 5), aid_end=date(2016, 1, 5))
    assert _listed(db, PlacementFilters(ending_soon=True), day) == set()
    assert _listed(db, PlacementFilters(scheme_code="PEC"), day) == set()
    assert _listed(db, PlacementFilters(scheme_code="EAV"), day) == {short, long, stopped}
    # Seen from 2016, the first contract (renewed to 05/01/2016) has ended.
    assert short in _listed(db, PlacementFilters(state=ENDED), date(2016, 2, 1))
