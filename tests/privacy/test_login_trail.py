"""Failed logins and refused rights are in the trail: who was tried, when, from which PC."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.engine import make_url

from essdesk.cli import main
from essdesk.db import audit
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services import access
from essdesk.services.audit_log import AuditFilter, entries, export_audit

PASSWORD = "motdepasse-solide-%_'"
WRONG = "Soleil-Mauvais-2026"


def _accounts(db, suffix=""):
    access.create_user(db, "admin" + suffix, "Alice Admin", "administrator", PASSWORD)
    access.create_user(db, "conseil" + suffix, "Camille Conseil", "counsellor", PASSWORD)
    access.create_user(db, "accueil" + suffix, "Alex Accueil", "reception", PASSWORD)
    db.actor = None


def _trail(db, action=None) -> list[m.AuditEntry]:
    with db.session() as s:
        query = select(m.AuditEntry).order_by(m.AuditEntry.at, m.AuditEntry.id)
        if action:
            query = query.where(m.AuditEntry.action == action)
        return list(s.scalars(query))


def _failures(db, login="conseil") -> int:
    with db.session() as s:
        return s.scalar(select(m.User.failed_attempts).where(m.User.login == login))


def test_a_wrong_password_is_traced_without_the_password(db, db_path):
    _accounts(db)
    with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
        access.log_in(db, "Conseil", WRONG)
    failed = _trail(db, "login_failed")
    assert len(failed) == 1
    entry = failed[0]
    assert (entry.actor, entry.entity, entry.workstation) == (
        "conseil",
        "users",
        audit.workstation(),
    )
    with db.session() as s:
        user_id = s.scalar(select(m.User.id).where(m.User.login == "conseil"))
    assert entry.record_id == str(user_id)
    assert entry.detail == "mot de passe incorrect (échec n° 1)"
    assert abs(entry.at.replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=1)
    # The counters are the attempt's own entry, not a second « modification » of the account.
    assert not [e for e in _trail(db, "update") if e.entity == "users"]
    db.close()
    for path in (db_path, Path(str(db_path) + "-wal")):
        content = path.read_bytes() if path.exists() else b""
        assert WRONG.encode() not in content and PASSWORD.encode() not in content


def test_an_unknown_login_is_traced_without_what_was_typed(db):
    _accounts(db)
    # Typed in the login field, a password must not end up in the trail.
    with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
        access.log_in(db, PASSWORD, "")
    access.log_in(db, "admin", PASSWORD)
    access.disable_user(db, "accueil")
    db.actor = None
    with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
        access.log_in(db, "accueil", PASSWORD)
    unknown, disabled = _trail(db, "login_failed")
    assert (unknown.actor, unknown.record_id, unknown.detail) == (
        access.UNKNOWN_LOGIN,
        None,
        "identifiant inconnu",
    )
    assert disabled.actor == "accueil" and disabled.detail == "compte désactivé (accueil)"
    assert not any(PASSWORD in str(e.detail) + str(e.changes) for e in _trail(db))


def test_five_failures_still_delay_and_every_attempt_is_traced(db):
    _accounts(db)
    start = datetime.now(UTC)
    for _ in range(5):
        with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
            access.log_in(db, "conseil", WRONG, now=start)
    with pytest.raises(access.LoginFailed, match="Trop de tentatives"):
        access.log_in(db, "conseil", PASSWORD, now=start + timedelta(seconds=10))
    assert _failures(db) == 5  # an attempt in the delay is not checked, nor counted
    failed = _trail(db, "login_failed")
    assert [e.detail for e in failed] == [
        *(f"mot de passe incorrect (échec n° {n})" for n in range(1, 6)),
        "tentative pendant le délai après 5 échecs (non vérifiée)",
    ]
    # Past the delay a sixth failure doubles it; the right password then waits 60 s.
    with pytest.raises(access.LoginFailed, match="^Identifiant ou mot de passe incorrect.$"):
        access.log_in(db, "conseil", WRONG, now=start + timedelta(seconds=31))
    with pytest.raises(access.LoginFailed, match="Trop de tentatives"):
        access.log_in(db, "conseil", PASSWORD, now=start + timedelta(seconds=80))
    actor = access.log_in(db, "conseil", PASSWORD, now=start + timedelta(seconds=92))
    assert actor.login == "conseil" and _failures(db) == 0
    assert [e.actor for e in _trail(db, "login")] == ["conseil"]
    assert len(_trail(db, "login_failed")) == 8


def test_the_viewer_and_the_csv_show_failed_logins(db, tmp_path):
    _accounts(db)
    with pytest.raises(access.LoginFailed):
        access.log_in(db, "conseil", WRONG)
    access.log_in(db, "admin", PASSWORD)
    rows = entries(db, AuditFilter(action="login_failed"))
    assert len(rows) == 1
    assert rows[0][1] == "conseil" and rows[0][3] == "connexion refusée"
    assert rows[0][8] == "mot de passe incorrect (échec n° 1)"
    out = tmp_path / "journal.csv"
    export_audit(db, out)
    text = out.read_text(encoding="utf-8-sig")
    assert "connexion refusée" in text and WRONG not in text


def test_the_command_line_traces_a_wrong_password_and_a_refused_right(db, db_path, tmp_path):
    with db.transaction() as s:
        s.add(m.Youth(last_name="Girard", first_name="Noé", birth_date=date(2005, 2, 3)))
    _accounts(db)
    db.close()
    runner = CliRunner()
    out = tmp_path / "jeunes.csv"
    base = ["--database", str(db_path), "--user"]
    wrong = runner.invoke(
        main, [*base, "conseil", "export", "youths", str(out)], env={"ESSDESK_PASSWORD": WRONG}
    )
    assert wrong.exit_code == 1 and "Identifiant ou mot de passe incorrect." in wrong.output
    refused = runner.invoke(
        main, [*base, "accueil", "export", "youths", str(out)], env={"ESSDESK_PASSWORD": PASSWORD}
    )
    assert refused.exit_code == 1 and "Accès refusé" in refused.output
    assert not out.exists()
    db = open_database(str(db_path))
    try:
        failed = _trail(db, "login_failed")
        assert [(e.actor, e.detail) for e in failed] == [
            ("conseil", "mot de passe incorrect (échec n° 1)")
        ]
        denied = _trail(db, "refused")
        assert [(e.actor, e.entity, e.detail) for e in denied] == [
            ("accueil", "youths", "youth.export")
        ]
    finally:
        db.close()


@pytest.mark.postgres
def test_a_refused_right_is_traced_on_the_server(pg_url, tmp_path):
    """On a server PostgreSQL checks the passwords and logs the failures in its own log (the
    test server trusts every connection); a right the role lacks is refused by the service and
    traced in the role's name, through the row-level security of the trail."""
    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        _accounts(owner, suffix)
    finally:
        owner.close()
    address = make_url(pg_url).set(username="accueil" + suffix, password=PASSWORD)
    out = tmp_path / "jeunes.csv"
    refused = CliRunner().invoke(
        main,
        ["--database", address.render_as_string(hide_password=False), "export", "youths", str(out)],
    )
    assert refused.exit_code == 1 and "Accès refusé" in refused.output
    owner = open_database(pg_url)
    try:
        denied = _trail(owner, "refused")
        assert [(e.actor, e.entity, e.detail) for e in denied] == [
            ("accueil" + suffix, "youths", "youth.export")
        ]
    finally:
        owner.close()
