"""Users and roles: the services, the command line and PostgreSQL itself refuse what a role may not."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.engine import make_url

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services import access
from essdesk.services.exports import export_table
from essdesk.services.listings import LISTINGS
from essdesk.services.records import update_record
from essdesk.services.speed_meetings.participants import search_youths

PASSWORD = "motdepasse-solide-%_'"


def _youth(db, last="Girard"):
    with db.transaction() as s:
        youth = m.Youth(last_name=last, first_name="Noé", birth_date=date(2005, 2, 3), rqth=True)
        s.add(youth)
    return youth


def _accounts(db, suffix=""):
    """An administrator, a counsellor and a reception user, created by the local user."""
    access.create_user(db, "admin" + suffix, "Alice Admin", "administrator", PASSWORD)
    access.create_user(db, "conseil" + suffix, "Camille Conseil", "counsellor", PASSWORD)
    access.create_user(db, "accueil" + suffix, "Alex Accueil", "reception", PASSWORD)


def test_base_without_accounts_is_its_local_users(db):
    assert access.current_actor(db).role == "administrator"
    _accounts(db)
    db.actor = None
    with pytest.raises(access.AccessDenied, match="Identifiez-vous"):
        access.current_actor(db)


def test_second_account_needs_passwords(db):
    access.create_user(db, "seule", "Seule", "administrator")
    with pytest.raises(Exception, match="mot de passe"):
        access.create_user(db, "autre", "Autre", "counsellor")


def test_reception_cannot_read_youth_files_and_the_refusal_is_traced(db, tmp_path):
    youth = _youth(db)
    _accounts(db)
    access.log_in(db, "accueil", PASSWORD)
    with pytest.raises(access.AccessDenied, match="Accès refusé : votre rôle ne permet pas"):
        LISTINGS["youths"].rows(db)
    with pytest.raises(access.AccessDenied):
        export_table(db, "youths", tmp_path / "jeunes.csv")
    with pytest.raises(access.AccessDenied):
        search_youths(db, "Gir")
    with pytest.raises(access.AccessDenied):
        update_record(db, m.Youth, youth.id, 1, phone="0600000000")
    assert not (tmp_path / "jeunes.csv").exists()
    assert LISTINGS["offers"].rows(db) == []  # what reception may see still works
    with db.session() as s:
        refused = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused")).all()
    assert len(refused) == 4 and {e.actor for e in refused} == {"accueil"}
    assert {e.detail for e in refused} == {
        "youth.file",
        "youth.export",
        "youth.identity",
        "youth.write",
    }


def test_counsellor_edit_is_traced_in_their_name(db):
    youth = _youth(db)
    _accounts(db)
    access.log_in(db, "conseil", PASSWORD)
    update_record(db, m.Youth, youth.id, 1, phone="0611223344")
    with db.session() as s:
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "update")).one()
    assert entry.actor == "conseil"
    assert entry.changes == {"phone": {"avant": None, "après": "0611223344"}}


def test_wrong_password_says_nothing_and_five_failures_delay(db):
    _accounts(db)
    for _ in range(5):
        with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
            access.log_in(db, "conseil", "mauvais")
    with pytest.raises(access.LoginFailed, match="Trop de tentatives"):
        access.log_in(db, "conseil", PASSWORD)  # even the right password waits now
    later = datetime.now(UTC) + timedelta(minutes=1)
    assert access.log_in(db, "conseil", PASSWORD, now=later).login == "conseil"
    with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
        access.log_in(db, "personne", PASSWORD)


def test_password_hash_never_enters_the_trail(db):
    _accounts(db)
    access.log_in(db, "admin", PASSWORD)
    access.set_password(db, "conseil", "un-autre-mot-de-passe")
    with db.session() as s:
        entry = s.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.action == "update", m.AuditEntry.entity == "users"
            )
        ).one()
        stored = s.scalar(select(m.User.password_hash).where(m.User.login == "conseil"))
    assert entry.changes["password_hash"] == {"avant": "***", "après": "***"}
    assert stored.startswith("$argon2id$")


def test_command_line_obeys_the_role(db, db_path, tmp_path, monkeypatch):
    _youth(db)
    _accounts(db)
    db.close()
    runner = CliRunner()
    monkeypatch.setenv("ESSDESK_PASSWORD", PASSWORD)
    out = tmp_path / "jeunes.csv"
    refused = runner.invoke(
        main, ["--database", str(db_path), "--user", "accueil", "export", "youths", str(out)]
    )
    assert refused.exit_code == 1
    assert "Accès refusé" in refused.output and not out.exists()
    allowed = runner.invoke(
        main, ["--database", str(db_path), "--user", "conseil", "export", "youths", str(out)]
    )
    assert allowed.exit_code == 0, allowed.output
    assert "Girard" in out.read_text(encoding="utf-8-sig")
    nobody = runner.invoke(main, ["--database", str(db_path), "export", "youths", str(out)])
    assert nobody.exit_code == 1 and "Identifiez-vous" in nobody.output
    monkeypatch.setenv("ESSDESK_PASSWORD", "faux")
    wrong = runner.invoke(
        main, ["--database", str(db_path), "--user", "conseil", "export", "youths", str(out)]
    )
    assert wrong.exit_code == 1 and "Identifiant ou mot de passe incorrect." in wrong.output


@pytest.mark.postgres
def test_postgresql_roles_hold_for_a_direct_connection(pg_url):
    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        youth = _youth(owner)
        _accounts(owner, suffix)
        access.create_user(owner, "rel" + suffix, "Rémi Relations", "business_relations", PASSWORD)
    finally:
        owner.close()
    url = make_url(pg_url)

    def connect(login):
        return psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=login,
            password=PASSWORD,
            autocommit=True,
        )

    with connect("accueil" + suffix) as reception:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reception.execute("SELECT last_name FROM youths")
        reception.execute("SELECT count(*) FROM offers")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reception.execute("UPDATE audit_entries SET actor = 'x'")
        # The trail: each role reads its own entries only (row-level security).
        assert reception.execute("SELECT count(*) FROM audit_entries").fetchone() == (0,)
    with connect("rel" + suffix) as business:
        rows = business.execute("SELECT last_name FROM youths").fetchall()
        assert rows == [("Girard",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            business.execute("SELECT rqth FROM youths")
    with connect("conseil" + suffix) as counsellor:
        # The RQTH through the server's gate (scope "all": every young person's).
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            counsellor.execute("SELECT rqth FROM youths")
        rqth = counsellor.execute("SELECT essdesk_youths_rqth(id) FROM youths").fetchall()
        assert rqth == [(True,)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            counsellor.execute("SELECT password_hash FROM users")

    # Through the app, connected as that role: the same refusal, in French, and traced.
    as_reception = url.set(username="accueil" + suffix, password=PASSWORD)
    db = open_database(as_reception.render_as_string(hide_password=False))
    try:
        assert access.current_actor(db).role == "reception"
        with pytest.raises(access.AccessDenied):
            LISTINGS["youths"].rows(db)
    finally:
        db.close()
    as_counsellor = url.set(username="conseil" + suffix, password=PASSWORD)
    db = open_database(as_counsellor.render_as_string(hide_password=False))
    try:
        update_record(db, m.Youth, youth.id, 1, phone="0611223344")
        with db.session() as s:
            mine = s.scalars(select(m.AuditEntry)).all()  # own entries only, by the server's RLS
        assert {e.actor for e in mine} == {"conseil" + suffix}
        assert any(e.changes.get("phone") for e in mine if e.action == "update")
    finally:
        db.close()


def test_rqth_is_shown_only_to_roles_allowed_health_data(db):
    _youth(db)
    _accounts(db)
    access.create_user(db, "lecteur", "Léo Lecture", "read_only", PASSWORD)
    rqth = [c.header for c in LISTINGS["youths"].columns].index("RQTH")
    access.log_in(db, "conseil", PASSWORD)
    assert LISTINGS["youths"].rows(db)[0].cells[rqth] == "Oui"
    access.log_in(db, "lecteur", PASSWORD)
    row = LISTINGS["youths"].rows(db, sort_column=rqth)[0].cells
    assert row[rqth] == "—" and row[0] == "Girard"


def test_every_table_says_who_may_read_and_write_it():
    """A new table must be placed in the access map (else only the administrator reaches it)."""
    from essdesk.db.models import Base
    from essdesk.domain.access import TABLE_ACCESS

    unplaced = set(Base.metadata.tables) - set(TABLE_ACCESS) - {"audit_entries"}
    assert unplaced == set()
