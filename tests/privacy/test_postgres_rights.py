"""On the real PostgreSQL server: the command line obeys the role; purge and person export hold."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.engine import make_url

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.text import fold
from essdesk.services import access
from essdesk.services.dashboard import dashboard_counts
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.events.review import event_report_data
from essdesk.services.listings import LISTINGS, status_counts
from essdesk.services.person_file import export_person
from essdesk.services.retention import dashboard_warning, purge
from tests.privacy.test_retention import DEMO_TODAY, NAMES, _people

pytestmark = pytest.mark.postgres
PASSWORD = "motdepasse-solide-%_'"


def test_reception_is_refused_by_the_command_line_on_the_server(pg_url, tmp_path):
    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        with owner.transaction() as s:
            s.add(m.Youth(last_name="Girard", first_name="Noé", birth_date=date(2005, 2, 3)))
        access.create_user(owner, "accueil" + suffix, "Alex Accueil", "reception", PASSWORD)
        access.create_user(owner, "conseil" + suffix, "Camille Conseil", "counsellor", PASSWORD)
    finally:
        owner.close()
    url = make_url(pg_url)
    runner = CliRunner()

    def as_user(login, *args):
        address = url.set(username=login + suffix, password=PASSWORD)
        return runner.invoke(
            main, ["--database", address.render_as_string(hide_password=False), *args]
        )

    out = tmp_path / "jeunes.csv"
    for args in (
        ["export", "youths", str(out)],
        ["person", "export", "Girard Noé", "--output", str(tmp_path / "dossier.json")],
        ["audit", "--output", str(tmp_path / "journal.csv")],
    ):
        refused = as_user("accueil", *args)
        assert refused.exit_code == 1, args
        assert "Accès refusé" in refused.output, refused.output
        assert "motdepasse" not in refused.output  # the URL is never shown with its password
    assert not out.exists() and not (tmp_path / "dossier.json").exists()
    allowed = as_user("conseil", "export", "youths", str(out))
    assert allowed.exit_code == 0, allowed.output
    assert "Girard" in out.read_text(encoding="utf-8-sig")

    # The app as reception: its home screen and status bar read no youth table at all.
    address = url.set(username="accueil" + suffix, password=PASSWORD)
    db = open_database(address.render_as_string(hide_password=False))
    try:
        assert "Jeunes en accompagnement" not in dashboard_counts(db)
        assert ("jeune", "jeunes") not in status_counts(db)
        assert dashboard_warning(db) is None
    finally:
        db.close()


def test_purge_as_of_a_future_date_and_the_person_export_on_the_server(pg_url, tmp_path):
    db = open_database(pg_url)
    try:
        old, follower, young = _people(db)
        exported = export_person(db, f"{NAMES[0]} Anne", tmp_path / "dossier.json")
        data = json.loads(exported.read_text(encoding="utf-8"))
        assert data["tables"]["youths"][0]["email"] == "zebulonne@example.org"
        assert any(e["Action"] == "modification" for e in data["journal"])

        purged = purge(db, date(2033, 1, 1))
        assert {f.youth_id for f in purged} == {old.id, follower.id}
        with db.session() as s:
            names = set(s.scalars(select(m.Youth.last_name)))
            terms = set(s.scalars(select(m.SearchTerm.term)))
            trail = " ".join(
                str(e.changes) + (e.detail or "") for e in s.scalars(select(m.AuditEntry))
            )
        assert names == {"Anonyme", NAMES[2]}
        for name in NAMES[:2]:
            assert fold(name) not in terms and name not in trail
        assert LISTINGS["youths"].rows(db, search=NAMES[0]) == []
    finally:
        db.close()


def test_reports_give_the_same_figures_after_a_future_purge_on_the_server(pg_url):
    db = open_database(pg_url)
    try:
        fill_demo_data(db, youths=40, seed=5, event_history=True, today=DEMO_TODAY)
        with db.session() as s:
            event_id = s.scalar(select(m.Event.id))
        before = event_report_data(db, event_id)
        assert len(purge(db, date(2045, 1, 1))) > 20
        assert event_report_data(db, event_id) == before
    finally:
        db.close()


def test_a_disabled_user_can_no_longer_connect_to_the_server(pg_url):
    import psycopg

    suffix = "_" + uuid.uuid4().hex[:8]
    owner = open_database(pg_url)
    try:
        access.create_user(owner, "parti" + suffix, "Paul Parti", "counsellor", PASSWORD)
        url = make_url(pg_url)
        params = dict(host=url.host, port=url.port, dbname=url.database, password=PASSWORD)
        psycopg.connect(user="parti" + suffix, **params).close()
        access.disable_user(owner, "parti" + suffix)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(user="parti" + suffix, **params)
    finally:
        owner.close()
