"""The session's guard: a write the role may not make is refused and traced, whatever the service."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update

from essdesk.db import models as m
from essdesk.services import access
from essdesk.services import interactions as log
from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up

PASSWORD = "motdepasse-solide"


def _base(db):
    with db.transaction() as s:
        youth = m.Youth(last_name="Girard", first_name="Noé", birth_date=date(2005, 2, 3))
        employer = m.Employer(name="Recyclerie du Vercors")
        s.add_all([youth, employer])
    for login, role in (("admin", "administrator"), ("accueil", "reception")):
        access.create_user(db, login, login.title(), role, PASSWORD)
    access.create_user(db, "rel", "Rémi Relations", "business_relations", PASSWORD)
    return youth, employer


def _count(db, model, *where) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_a_service_without_its_own_check_is_refused_and_traced(db):
    youth, _employer = _base(db)
    access.log_in(db, "accueil", PASSWORD)
    # A write no service checked (the ORM, at flush): the session refuses it.
    refused = pytest.raises(access.AccessDenied, match="modifier les dossiers des jeunes")
    with refused, db.transaction() as s:
        s.add(m.FollowUp(youth_id=youth.id, on=date(2026, 10, 1), notes="x"))
    # A Core statement, as imports and purges write.
    with pytest.raises(access.AccessDenied), db.transaction() as s:
        s.execute(update(m.Youth).values(phone="0600000000"))
    assert _count(db, m.FollowUp) == 0
    assert _count(db, m.Youth, m.Youth.phone.is_not(None)) == 0
    with db.session() as s:
        refused = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused")).all()
        writes = s.scalar(
            select(func.count())
            .select_from(m.AuditEntry)
            .where(m.AuditEntry.actor == "accueil", m.AuditEntry.action != "login")
            .where(m.AuditEntry.action != "refused")
        )
    assert [(e.actor, e.entity, e.detail) for e in refused] == [
        ("accueil", "follow_ups", "youth.write"),
        ("accueil", "youths", "youth.write"),
    ]
    assert writes == 0  # the refused change left no entry of its own


def test_what_a_role_may_still_write(db):
    youth, employer = _base(db)
    access.log_in(db, "rel", PASSWORD)
    # The employers' log is the business relations' (as row-level security says on a server)…
    log.log_interaction(db, "call", employer_id=employer.id, notes="Relance")
    # …the young people's is not.
    with pytest.raises(access.AccessDenied):
        log.log_interaction(db, "call", youth_id=youth.id, notes="Appel")
    assert _count(db, m.Interaction) == 1
    access.set_password(db, "rel", "un-autre-mot-de-passe")  # one's own password
    with pytest.raises(access.AccessDenied):
        access.set_password(db, "accueil", "un-autre-mot-de-passe")
    # A failed attempt is counted whoever is logged in.
    with pytest.raises(access.LoginFailed):
        access.log_in(db, "accueil", "mauvais")
    with db.session() as s:
        assert s.scalar(select(m.User.failed_attempts).where(m.User.login == "accueil")) == 1


def test_nobody_logged_in_on_a_shared_base_writes_nothing(db):
    youth, _employer = _base(db)
    db.actor = None
    with pytest.raises(access.AccessDenied, match="^Identifiez-vous"), db.transaction() as s:
        s.add(m.FollowUp(youth_id=youth.id, on=date(2026, 10, 1)))
    with pytest.raises(access.AccessDenied, match="^Identifiez-vous"):
        record_follow_up(db, FollowUpInput(youth_id=youth.id, on=date(2026, 10, 1)))
    assert _count(db, m.FollowUp) == 0
    access.log_in(db, "admin", PASSWORD)
    record_follow_up(db, FollowUpInput(youth_id=youth.id, on=date(2026, 10, 1)))
    assert _count(db, m.FollowUp) == 1


@pytest.mark.postgres
def test_the_guard_speaks_french_before_the_server_refuses(pg_url):
    import uuid

    from sqlalchemy.engine import make_url

    from essdesk.db.database import open_database

    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        with owner.transaction() as s:
            youth = m.Youth(last_name="Girard", first_name="Noé", birth_date=date(2005, 2, 3))
            s.add(youth)
        access.create_user(owner, "accueil" + suffix, "Alex Accueil", "reception", PASSWORD)
    finally:
        owner.close()
    address = make_url(pg_url).set(username="accueil" + suffix, password=PASSWORD)
    db = open_database(address.render_as_string(hide_password=False))
    try:
        # A write no service checked: the session's guard refuses it, in French.
        refused = pytest.raises(access.AccessDenied, match="modifier les dossiers des jeunes")
        with refused, db.transaction() as s:
            s.add(m.FollowUp(youth_id=youth.id, on=date(2026, 10, 1)))
        # What the guard does not see (a read) the server refuses: French too, and traced.
        by_server = pytest.raises(access.AccessDenied, match="^Accès refusé par le serveur")
        with by_server, db.transaction() as s:
            s.execute(select(m.Youth.last_name)).all()
        with by_server, db.session() as s:
            s.execute(select(m.FollowUp.notes)).all()
        with db.session() as s:  # reception reads its own entries only (row-level security)
            mine = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused")).all()
        assert sorted((e.entity, e.detail) for e in mine) == [
            ("follow_ups", "droits du serveur"),
            ("follow_ups", "youth.write"),
            ("youths", "droits du serveur"),
        ]
    finally:
        db.close()
