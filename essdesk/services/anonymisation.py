"""What anonymising a young person clears beyond their row: free text and derived name keys."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, delete, select, update

from essdesk.db import models as m
from essdesk.db.models.keys import youth_key
from essdesk.domain.search_keys import sort_key

ANONYMOUS_CANDIDATE = "Jeune anonymisé"


def derived_keys(last_name: str, first_name: str, birth_date) -> dict[str, str]:
    """The sort and match keys of the anonymised row: the old ones hold the folded name."""
    return {
        "sort_key": sort_key(last_name, first_name),
        "match_key": youth_key(last_name, first_name, birth_date),
    }


def clear_linked(connection: Connection, ids: list[uuid.UUID]) -> None:
    """Notes and names about `ids` in the tables that link to them, and their search words."""
    applications = select(m.Application.id).where(m.Application.youth_id.in_(ids))
    placements = select(m.Placement.id).where(m.Placement.youth_id.in_(ids))
    for statement in (
        update(m.Placement).where(m.Placement.youth_id.in_(ids)).values(notes=None),
        update(m.PlacementRenewal)
        .where(m.PlacementRenewal.placement_id.in_(placements))
        .values(notes=None),
        update(m.FollowUp).where(m.FollowUp.youth_id.in_(ids)).values(notes=None),
        update(m.Interaction).where(m.Interaction.youth_id.in_(ids)).values(notes=None),
        update(m.YouthSituation).where(m.YouthSituation.youth_id.in_(ids)).values(note=None),
        update(m.Mentorship).where(m.Mentorship.youth_id.in_(ids)).values(notes=None),
        update(m.ApplicationEvent)
        .where(m.ApplicationEvent.application_id.in_(applications))
        .values(note=None),
        update(m.Attendance).where(m.Attendance.youth_id.in_(ids)).values(walk_in_name=None),
        update(m.SpeedMeetingCandidate)
        .where(m.SpeedMeetingCandidate.youth_id.in_(ids))
        .values(name=ANONYMOUS_CANDIDATE),
        # The merged duplicate's label is the person's name too.
        update(m.MergeRecord)
        .where(m.MergeRecord.entity == "youths", m.MergeRecord.kept_id.in_(ids))
        .values(merged_label=ANONYMOUS_CANDIDATE),
        # Folded words of the name and e-mail: an anonymised file is found by no name.
        delete(m.SearchTerm).where(m.SearchTerm.kind == "youth", m.SearchTerm.record_id.in_(ids)),
    ):
        connection.execute(statement)
