"""The RQTH and the notes: all youths or only those a counsellor follows, as the administrator sets."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services import access, sensitive
from essdesk.services import interactions as log
from essdesk.services.listings import LISTINGS
from essdesk.services.records import load_record, save_record, update_record

PASSWORD = "motdepasse-solide-%_'"


def _agency(db, suffix=""):
    """Two counsellors, each referent of one young person with an RQTH and a note."""
    with db.transaction() as s:
        mine, other = (
            m.Counsellor(first_name="Camille", last_name="Conseil"),
            m.Counsellor(first_name="Dominique", last_name="Autre"),
        )
        s.add_all([mine, other])
        s.flush()
        followed = m.Youth(
            last_name="Suivi", first_name="Léa", birth_date=date(2005, 1, 2), rqth=True
        )
        followed.referent_id = mine.id
        stranger = m.Youth(
            last_name="Inconnu", first_name="Noé", birth_date=date(2006, 3, 4), rqth=True
        )
        stranger.referent_id = other.id
        s.add_all([followed, stranger])
    for youth, note in ((followed, "Parle de sa santé"), (stranger, "Suivi médical en cours")):
        log.log_interaction(db, "interview", youth_id=youth.id, notes=note)
    access.create_user(db, "admin" + suffix, "Alice Admin", "administrator", PASSWORD)
    access.create_user(
        db, "conseil" + suffix, "Camille Conseil", "counsellor", PASSWORD, counsellor_id=mine.id
    )
    access.create_user(db, "lecteur" + suffix, "Léo Lecture", "read_only", PASSWORD)
    return followed, stranger


def desk_roles(db, suffix=""):
    """The business relations and reception accounts, beside those of `_agency`."""
    access.create_user(db, "rel" + suffix, "Rémi Relations", "business_relations", PASSWORD)
    access.create_user(db, "accueil" + suffix, "Alex Accueil", "reception", PASSWORD)


def _rqth_by_name(db):
    rqth = [c.header for c in LISTINGS["youths"].columns].index("RQTH")
    return {row.cells[0]: row.cells[rqth] for row in LISTINGS["youths"].rows(db)}


def test_followed_only_masks_the_others_rqth_and_notes(db):
    followed, stranger = _agency(db)
    access.log_in(db, "conseil", PASSWORD)
    # Default: every youth's RQTH and notes, as before the setting existed.
    assert load_record(db, EntityKind.YOUTHS, stranger.id).texts["rqth"] == "Oui"
    with pytest.raises(access.AccessDenied):
        sensitive.set_scope(db, "followed")  # a counsellor does not choose it
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "conseil", PASSWORD)

    assert load_record(db, EntityKind.YOUTHS, followed.id).texts["rqth"] == "Oui"
    hidden = load_record(db, EntityKind.YOUTHS, stranger.id)
    assert hidden.texts["rqth"] == "" and hidden.extra["masked"] == {"rqth"}
    assert hidden.texts["last_name"] == "Inconnu"  # the rest of the file stays readable
    assert _rqth_by_name(db) == {"Suivi": "Oui", "Inconnu": "—"}
    assert [e.notes for e in log.entries(db, youth_id=followed.id)] == ["Parle de sa santé"]
    [masked] = log.entries(db, youth_id=stranger.id)
    assert masked.notes is None and masked.masked and "médical" not in masked.text
    assert sensitive.MASKED_NOTE in masked.text

    # The masked field comes back blank from the form: the stored RQTH stays.
    saved = save_record(db, EntityKind.YOUTHS, stranger.id, hidden.version, hidden.texts)
    assert saved.texts["rqth"] == ""
    with db.session() as s:
        assert s.get(m.Youth, stranger.id).rqth is True
    with pytest.raises(access.AccessDenied, match="RQTH"):
        update_record(db, m.Youth, stranger.id, saved.version, rqth=False)
    with db.session() as s:
        refused = s.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.action == "refused", m.AuditEntry.detail == "youth.sensitive"
            )
        ).one()
        setting = s.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.entity == "base_settings", m.AuditEntry.action == "insert"
            )
        ).one()
    assert refused.actor == "conseil" and refused.youth_id == stranger.id
    assert setting.actor == "admin" and "value" in setting.changes["champs"]

    access.log_in(db, "admin", PASSWORD)
    assert _rqth_by_name(db) == {"Suivi": "Oui", "Inconnu": "Oui"}  # the administrator: all
    sensitive.set_scope(db, "all")
    access.log_in(db, "conseil", PASSWORD)
    assert _rqth_by_name(db) == {"Suivi": "Oui", "Inconnu": "Oui"}
    assert log.entries(db, youth_id=stranger.id)[0].notes == "Suivi médical en cours"


def test_roles_without_health_rights_never_see_it_in_a_record(db):
    followed, _stranger = _agency(db)
    access.log_in(db, "lecteur", PASSWORD)
    record = load_record(db, EntityKind.YOUTHS, followed.id)
    assert record.texts["rqth"] == "" and "rqth" in record.extra["masked"]
    assert log.entries(db, youth_id=followed.id)[0].notes is None


def test_business_relations_keep_the_employers_log_not_the_youths(db):
    _agency(db)
    access.create_user(db, "rel", "Rémi Relations", "business_relations", PASSWORD)
    with db.transaction() as s:
        employer = m.Employer(name="Régie Nord")
        s.add(employer)
    access.log_in(db, "rel", PASSWORD)
    log.log_interaction(db, "call", employer_id=employer.id, notes="Rappeler lundi")
    assert [e.notes for e in log.entries(db, employer_id=employer.id)] == ["Rappeler lundi"]
    with db.session() as s:
        youth_id = s.scalar(select(m.Youth.id).limit(1))
    with pytest.raises(access.AccessDenied):
        log.log_interaction(db, "call", youth_id=youth_id)
    with pytest.raises(access.AccessDenied):
        log.entries(db, youth_id=youth_id)


@pytest.mark.postgres
def test_postgresql_partial_tables_by_row(pg_url):
    """Reception searches offers, business keeps employers' logs; neither reaches youths' rows."""
    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        followed, _stranger = _agency(owner, suffix)
        desk_roles(owner, suffix)
        with owner.transaction() as s:
            employer = m.Employer(name="Régie Nord")
            s.add(employer)
            s.flush()
            s.add(m.Offer(employer_id=employer.id, title="Animateur périscolaire"))
    finally:
        owner.close()
    url = make_url(pg_url)

    def as_user(login):
        target = url.set(username=login + suffix, password=PASSWORD)
        return open_database(target.render_as_string(hide_password=False))

    db = as_user("accueil")
    try:
        [offer] = LISTINGS["offers"].rows(db, search="anim")
        assert "Animateur périscolaire" in offer.cells
        assert LISTINGS["offers"].rows(db, search="suivi") == []
    finally:
        db.close()
    db = as_user("rel")
    try:
        log.log_interaction(db, "visit", employer_id=employer.id, notes="Visite de l'atelier")
        assert [e.notes for e in log.entries(db, employer_id=employer.id)] == [
            "Visite de l'atelier"
        ]
    finally:
        db.close()

    def connect(login):
        return psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=login + suffix,
            password=PASSWORD,
            autocommit=True,
        )

    with connect("accueil") as reception:
        kinds = {k for (k,) in reception.execute("SELECT DISTINCT kind FROM search_terms")}
        assert "offer" in kinds and "youth" not in kinds
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reception.execute("SELECT notes FROM interactions")
    with connect("rel") as business:
        notes = [n for (n,) in business.execute("SELECT notes FROM interactions")]
        assert notes == ["Visite de l'atelier"]  # the youths' interviews are not among them
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            business.execute(
                "INSERT INTO interactions (id, kind, occurred_at, youth_id, created_at, "
                "updated_at, version) VALUES (gen_random_uuid(), 'note', now(), %s, now(), "
                "now(), 1)",
                (followed.id,),
            )


def test_command_line_links_a_counsellor_and_sets_the_scope(db, db_path, monkeypatch):
    from click.testing import CliRunner

    from essdesk.cli import main

    followed, stranger = _agency(db)
    db.close()
    runner = CliRunner()
    monkeypatch.setenv("ESSDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("ESSDESK_NEW_PASSWORD", PASSWORD)
    base = ["--database", str(db_path)]
    refused = runner.invoke(main, [*base, "--user", "conseil", "user", "sensitive", "followed"])
    assert refused.exit_code == 1 and "Accès refusé" in refused.output
    added = runner.invoke(
        main,
        [*base, "--user", "admin", "user", "add", "dom", "--role", "counsellor"]
        + ["--counsellor", "Dominique Autre"],
    )
    assert added.exit_code == 0, added.output
    done = runner.invoke(main, [*base, "--user", "admin", "user", "sensitive", "followed"])
    assert done.exit_code == 0, done.output
    assert "des jeunes dont ils sont le référent" in done.output
    reopened = open_database(str(db_path))
    try:
        access.log_in(reopened, "dom", PASSWORD)
        rqth = _rqth_by_name(reopened)
        assert rqth == {"Suivi": "—", "Inconnu": "Oui"}  # Dominique is Noé Inconnu's referent
    finally:
        reopened.close()
