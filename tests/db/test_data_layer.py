"""The data layer behaves the same on the embedded file and on the office server."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, ConflictError
from essdesk.services.records import update_record


def test_employer_contacts_and_offer_round_trip(any_db):
    with any_db.transaction() as session:
        employer = m.Employer(
            name="SCIC Énergies citoyennes", siret="41234567000126", ess_networks=["UDES"]
        )
        employer.contacts.append(m.Contact(last_name="Nguyễn", first_name="Thảo", is_tutor=True))
        session.add(employer)
        session.add(
            m.Offer(employer=employer, title="Animateur", publication_date=date(2026, 3, 1))
        )
    with any_db.session() as session:
        stored = session.scalars(select(m.Employer)).one()
        assert stored.contacts[0].last_name == "Nguyễn"
        assert stored.ess_networks == ["UDES"]
        assert stored.version == 1 and stored.created_at is not None


def test_concurrent_edit_is_a_conflict_not_an_overwrite(any_db):
    with any_db.transaction() as session:
        employer = m.Employer(name="Centre social")
        session.add(employer)
    # Two PCs load the same record (version 1); the first saves, then the second.
    assert update_record(any_db, m.Employer, employer.id, 1, name="Centre social Arlequin") == 2
    with pytest.raises(ConcurrentEditError, match="modifiée entre-temps"):
        update_record(any_db, m.Employer, employer.id, 1, name="Centre social du Village")
    with any_db.session() as session:
        assert session.scalars(select(m.Employer.name)).one() == "Centre social Arlequin"


def test_racing_saves_are_caught_by_the_version_column(any_db):
    with any_db.transaction() as session:
        session.add(m.Employer(name="Centre social"))
    first, second = any_db.session(), any_db.session()
    try:
        mine = first.scalars(select(m.Employer)).one()
        first.commit()
        theirs = second.scalars(select(m.Employer)).one()
        second.commit()
        mine.name = "Centre social Arlequin"
        first.commit()
        theirs.name = "Centre social du Village"
        with pytest.raises(StaleDataError):  # below the service check, the UPDATE itself refuses
            second.commit()
    finally:
        first.close()
        second.close()


def test_duplicate_siret_is_refused(any_db):
    with any_db.transaction() as session:
        session.add(m.Employer(name="A", siret="41234567000126"))
    with pytest.raises(ConflictError, match="doublon"), any_db.transaction() as session:
        session.add(m.Employer(name="B", siret="41234567000126"))


def test_failed_transaction_writes_nothing(any_db):
    with pytest.raises(ConflictError), any_db.transaction() as session:
        session.add(m.Employer(name="Première"))
        session.flush()
        session.add(
            m.Youth(last_name="X", first_name="Y", birth_date=date(2004, 2, 29), status="inconnu")
        )
    assert any_db.table_counts()["employers"] == 0


def test_deleting_an_employer_with_offers_is_refused(any_db):
    with any_db.transaction() as session:
        employer = m.Employer(name="Régie de quartier")
        session.add(m.Offer(employer=employer, title="Agent d'entretien"))
    with pytest.raises(ConflictError), any_db.transaction() as session:
        session.delete(session.scalars(select(m.Employer)).one())
