"""Employers through the record service: parsed by the catalogue, versions checked, history kept."""

from __future__ import annotations

import pytest

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError
from essdesk.domain.entities import EntityKind
from essdesk.errors import EssDeskError
from essdesk.services import employers as svc
from essdesk.services.records import (
    FieldErrors,
    RecordGoneError,
    create_record,
    load_record,
    save_record,
)

E = EntityKind.EMPLOYERS
GOOD = {
    "name": "Régie de quartier Teisseire",
    "siret": "732 829 320 00074",
    "legal_form": "Association loi 1901",
    "territory": "Périurbain",
    "phone": "04 76 11 22 33",
    "email": "accueil@régie-teisseire.fr",
    "ess_networks": "Mouvement associatif, ESS France",
}


def test_create_edit_and_reload(any_db):
    created = create_record(any_db, E, GOOD)
    assert created.version == 1
    assert created.texts["phone"] == "04 76 11 22 33"
    assert created.texts["legal_form"] == "Association loi 1901"
    with any_db.session() as session:
        stored = session.get(m.Employer, created.id)
        assert (stored.siret, stored.phone, stored.territory) == (
            "73282932000074",
            "+33476112233",
            "peri_urban",
        )
        assert stored.ess_networks == ["Mouvement associatif", "ESS France"]
    saved = save_record(any_db, E, created.id, 1, {**created.texts, "sector": "Insertion"})
    assert saved.version == 2 and load_record(any_db, E, created.id).texts["sector"] == "Insertion"


def test_every_bad_field_is_named_and_nothing_is_saved(any_db):
    with pytest.raises(FieldErrors) as caught:
        create_record(
            any_db, E, {**GOOD, "siret": "73282932000075", "email": "accueil@", "name": ""}
        )
    assert set(caught.value.errors) == {"siret", "email", "name"}
    assert caught.value.errors["siret"] == "SIRET invalide (clé de contrôle)"
    assert "Raison sociale" in caught.value.message
    with any_db.session() as session:
        assert session.query(m.Employer).count() == 0


def test_siret_already_used_is_a_field_error(any_db):
    first = create_record(any_db, E, GOOD)
    with pytest.raises(FieldErrors) as caught:
        create_record(any_db, E, {**GOOD, "name": "Autre"})
    assert caught.value.errors == {"siret": f"SIRET déjà enregistré pour « {GOOD['name']} »"}
    edited = {**first.texts, "sector": "Insertion"}
    assert save_record(any_db, E, first.id, 1, edited).version == 2  # its own SIRET is fine
    assert save_record(any_db, E, first.id, 2, edited).version == 2  # unchanged: no write


def test_a_stale_save_is_refused(any_db):
    record = create_record(any_db, E, GOOD)
    save_record(any_db, E, record.id, 1, {**record.texts, "sector": "Premier"})
    with pytest.raises(ConcurrentEditError, match="modifiée entre-temps"):
        save_record(any_db, E, record.id, 1, {**record.texts, "sector": "Second"})
    assert load_record(any_db, E, record.id).texts["sector"] == "Premier"


def test_archive_restore_and_delete(any_db):
    record = create_record(any_db, E, GOOD)
    archived = svc.set_archived(any_db, record.id, 1, True)
    assert archived.archived and archived.version == 2
    restored = svc.set_archived(any_db, record.id, 2, False)
    assert not restored.archived
    assert svc.can_delete(any_db, record.id) == ""
    svc.delete_employer(any_db, record.id, restored.version)
    with pytest.raises(RecordGoneError, match="n'existe plus"):
        load_record(any_db, E, record.id)


def test_an_employer_with_history_is_archived_never_deleted(any_db):
    record = create_record(any_db, E, GOOD)
    with any_db.transaction() as session:
        session.add(m.Offer(employer_id=record.id, title="Animateur"))
    reason = svc.can_delete(any_db, record.id)
    assert "1 offre(s)" in reason and "archivez" in reason
    with pytest.raises(EssDeskError, match="ne peut pas être supprimé"):
        svc.delete_employer(any_db, record.id, 1)
    assert load_record(any_db, E, record.id).version == 1


def test_contacts_added_edited_removed(any_db):
    employer = create_record(any_db, E, GOOD)
    tutor = svc.add_contact(
        any_db, employer.id, {"last_name": "Durand", "first_name": "Hélène", "is_tutor": "Oui"}
    )
    svc.add_contact(any_db, employer.id, {"last_name": "Abadie", "email": "noé.abadie@exemple.fr"})
    contacts = svc.list_contacts(any_db, employer.id)
    assert [c.texts["last_name"] for c in contacts] == ["Abadie", "Durand"]
    assert contacts[1].texts["is_tutor"] == "Oui"
    save_record(any_db, EntityKind.CONTACTS, tutor.id, 1, {**tutor.texts, "role": "Directrice"})
    svc.remove_contact(any_db, contacts[0].id, 1)
    assert [c.texts["role"] for c in svc.list_contacts(any_db, employer.id)] == ["Directrice"]
    with pytest.raises(FieldErrors) as caught:
        svc.add_contact(any_db, employer.id, {"last_name": "X", "phone": "12"})
    assert set(caught.value.errors) == {"phone"}
