"""Interactions, counsellors, situations, completeness and the youth list's filters."""

from __future__ import annotations

import datetime as dt

import pytest

from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.services import counsellors as c
from essdesk.services import interactions as log
from essdesk.services import search
from essdesk.services import youth_file as yf
from tests.services.desk import helpers as h


def test_log_newest_first_and_last_contact_derived(any_db):
    db = any_db
    youth, counsellor = h.youth(db), h.counsellor(db)
    week_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
    log.log_interaction(
        db,
        "interview",
        youth_id=youth,
        counsellor_id=counsellor,
        occurred_at=week_ago,
        notes="Projet : aide à domicile",
    )
    log.log_interaction(db, "call", youth_id=youth, counsellor_id=counsellor, notes="Rappel CV")
    log.log_interaction(db, "note", youth_id=youth, occurred_at=week_ago - dt.timedelta(days=30))
    entries = log.entries(db, youth_id=youth)
    assert [e.kind for e in entries] == ["call", "interview", "note"]
    assert (
        entries[0].counsellor == "Claire Martin"
        and "Appel — Claire Martin — Rappel CV" in entries[0].text
    )
    last = log.last_contact(db, youth_id=youth)
    assert last == entries[0].occurred_at
    with db.session() as session:
        stored = session.get(m.Youth, youth).last_contact_at
    assert abs(stored.replace(tzinfo=dt.UTC) - last) < dt.timedelta(seconds=1)
    older = log.entries(db, youth_id=youth, before=(entries[0].occurred_at, entries[0].id), limit=1)
    assert [e.kind for e in older] == ["interview"]


def test_contact_interaction_counts_for_its_employer(any_db):
    db = any_db
    employer = h.employer(db)
    with db.transaction() as session:
        contact = m.Contact(employer_id=employer, first_name="Inès", last_name="Roux")
        session.add(contact)
    log.log_interaction(db, "visit", contact_id=contact.id, notes="Visite de l'atelier")
    (entry,) = log.entries(db, employer_id=employer)
    assert entry.contact == "Inès Roux" and entry.kind == "visit"
    assert log.last_contact(db, employer_id=employer) is not None
    assert [e.id for e in log.entries(db, contact_id=contact.id)] == [entry.id]


def test_bad_interactions_say_which_field(db):
    with pytest.raises(c.InvalidFields) as refused:
        log.log_interaction(db, "fax", occurred_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    assert set(refused.value.problems) == {"kind", "occurred_at", "subject"}
    assert "dans le futur" in refused.value.problems["occurred_at"]


def test_counsellors_editor_and_picker(db):
    claire = c.create_counsellor(db, "Claire", "Martin", email="claire@ml38.fr", phone="0476112233")
    c.create_counsellor(db, "Bruno", "Abel")
    with pytest.raises(c.InvalidFields) as refused:
        c.create_counsellor(db, " ", "Roy", email="pas-une-adresse")
    assert refused.value.problems["first_name"] == "Le prénom est obligatoire."
    assert refused.value.problems["email"] == "Adresse électronique « pas-une-adresse » invalide."
    rows = c.list_counsellors(db)
    assert [r.name for r in rows] == ["Bruno Abel", "Claire Martin"]
    assert rows[1].phone == "+33476112233"  # stored E.164
    c.update_counsellor(
        db,
        claire,
        rows[1].version,
        first_name="Claire",
        last_name="Martin",
        email=None,
        phone=None,
        active=False,
    )
    assert [r.name for r in c.list_counsellors(db)] == ["Bruno Abel"]
    assert len(c.list_counsellors(db, include_inactive=True)) == 2


def test_situation_history_closes_the_previous_one(db):
    youth = h.youth(db)
    yf.add_situation(db, youth, "jobseeker", dt.date(2024, 9, 1))
    yf.add_situation(db, youth, "immersion", dt.date(2025, 3, 3), dt.date(2025, 3, 14))
    history = yf.situations(db, youth)
    assert [s.kind for s in history] == ["immersion", "jobseeker"]
    assert history[1].text == "Demandeur d'emploi du 01/09/2024 au 02/03/2025"
    assert history[0].text == "Immersion (PMSMP) du 03/03/2025 au 14/03/2025"
    with pytest.raises(c.InvalidFields) as refused:
        yf.add_situation(db, youth, "training", dt.date(2025, 5, 1), dt.date(2025, 4, 1))
    assert refused.value.problems == {"end_date": "La fin de la situation précède son début."}


def test_completeness_names_what_eligibility_and_reports_need(db):
    youth = h.youth(db, qualification_level_new=3, diploma_obtained=True, qpv=True)
    missing = {x.field: x.purpose for x in yf.completeness(db, youth)}
    assert missing == {
        "job_search_start": "éligibilité",
        "qpv_list_version": "éligibilité",
        "gender": "bilans",
        "referent_id": "bilans",
        "consent_date": "bilans",
        "situations": "bilans",
        "phone": "bilans",
    }
    counsellor = h.counsellor(db)
    with db.transaction() as session:
        y = session.get(m.Youth, youth)
        y.job_search_start, y.qpv_list_version, y.gender = dt.date(2025, 1, 6), "2024", "F"
        y.referent_id, y.consent_date, y.phone = counsellor, dt.date(2025, 1, 6), "06 11 22 33 44"
    yf.add_situation(db, youth, "jobseeker", dt.date(2025, 1, 6))
    assert yf.completeness(db, youth) == []
    with pytest.raises(EssDeskError, match="n'existe plus"):
        yf.completeness(db, h.counsellor(db))


def test_list_filters_age_band_and_no_contact(any_db):
    db = any_db
    today = dt.date.today()
    young = h.youth(
        db, "Inès", "Bara", birth=today.replace(year=today.year - 17) - dt.timedelta(days=3)
    )
    older = h.youth(
        db,
        "Yanis",
        "Cole",
        birth=today.replace(year=today.year - 24) - dt.timedelta(days=3),
        rqth=True,
    )
    log.log_interaction(db, "call", youth_id=young)
    band = yf.YouthFilters(age_min=16, age_max=18).conditions()
    assert [y.id for y in search.search(db, "youth", "", where=band).rows] == [young]
    silent = yf.YouthFilters(no_contact_for_days=30).conditions()
    assert [y.id for y in search.search(db, "youth", "", where=silent).rows] == [older]
    rqth = yf.YouthFilters(rqth=True, age_min=24, age_max=24).conditions()
    assert [y.id for y in search.search(db, "youth", "cole", where=rqth).rows] == [older]
