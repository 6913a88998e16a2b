"""Saving a young person with their referent, the filters' rights, a call that keeps the version."""

from __future__ import annotations

import uuid

import pytest

from essdesk.domain.access import actor_for
from essdesk.domain.entities import EntityKind
from essdesk.errors import EssDeskError
from essdesk.services import access, counsellors, interactions, youth_file
from essdesk.services.listings import LISTINGS
from essdesk.services.records import load_record


def _texts(**more: str) -> dict[str, str]:
    return {"last_name": "Durand", "first_name": "Hélène", "birth_date": "12/03/2005", **more}


def test_referent_saved_with_the_record_and_loaded_back(db):
    claire = counsellors.create_counsellor(db, "Claire", "Fabre")
    created = youth_file.create_youth(db, _texts(referent_id=str(claire)))
    assert created.extra["referent_id"] == claire
    saved = youth_file.save_youth(
        db, created.id, created.version, {**created.texts, "referent_id": ""}
    )
    assert saved.extra["referent_id"] is None and saved.version == created.version + 1
    unchanged = youth_file.save_youth(db, saved.id, saved.version, saved.texts)  # no referent sent
    assert unchanged.version == saved.version and unchanged.extra["referent_id"] is None
    with pytest.raises(EssDeskError, match="Ce conseiller n'existe plus"):
        youth_file.save_youth(
            db, saved.id, saved.version, {**saved.texts, "referent_id": str(uuid.uuid4())}
        )


def test_a_logged_call_moves_last_contact_but_not_the_version(db):
    youth = youth_file.create_youth(db, _texts())
    interactions.log_interaction(db, "call", youth_id=youth.id, notes="rappel")
    again = load_record(db, EntityKind.YOUTHS, youth.id)
    assert again.version == youth.version
    assert again.extra["last_contact_at"] is not None
    listing = LISTINGS["youths"]
    row = listing.rows(db)[0]
    assert row.cells[[c.header for c in listing.columns].index("Dernier contact")] != ""


def test_rqth_filter_needs_the_right_to_see_it(db):
    youth_file.create_youth(db, _texts(rqth="Oui", commune="Grenoble"))
    listing = LISTINGS["youths"]
    by_rqth = youth_file.YouthFilters(rqth=True)
    assert listing.count(db, where=by_rqth.conditions_for(db)) == 1
    choices = youth_file.filter_choices(db)
    assert choices.sensitive and choices.communes == ["Grenoble"]
    db.actor = actor_for("relations", "Rémi Relations", "business_relations")
    with pytest.raises(access.AccessDenied):
        by_rqth.conditions_for(db)
    assert youth_file.YouthFilters(commune="Grenoble").conditions_for(db)  # others still work
    with pytest.raises(access.AccessDenied):  # nor may they note a call on a youth's file
        interactions.log_interaction(db, "call", youth_id=listing.rows(db)[0].id)


def test_a_youth_en_veille_is_stored_and_filtered(db):
    youth_file.create_youth(db, _texts(status="En veille"))
    youth_file.create_youth(db, _texts(first_name="Noé", status="En accompagnement"))
    listing = LISTINGS["youths"]
    dormant = youth_file.YouthFilters(status="dormant").conditions_for(db)
    assert [row.cells[1] for row in listing.rows(db, where=dormant)] == ["Hélène"]
    assert listing.count(db, where=dormant) == 1
