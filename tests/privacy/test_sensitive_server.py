"""On the real PostgreSQL server: « RQTH et notes des jeunes suivis seulement » holds for any tool."""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from datetime import date

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.domain.schemes import BY_CODE
from essdesk.services import access, sensitive
from essdesk.services import interactions as log
from essdesk.services.listings import LISTINGS
from essdesk.services.person_file import export_person
from essdesk.services.placements.eligibility import eligibility_panel
from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up
from essdesk.services.records import MODELS, load_record, save_record, update_record
from essdesk.services.youth_file import YouthFilters
from tests.privacy.test_followed_only import write_youths_file
from tests.privacy.test_sensitive import (
    PASSWORD,
    _agency,
    _rqth_by_name,
    desk_roles,
)

pytestmark = pytest.mark.postgres


@contextmanager
def opened(target: str):
    """A base open for the block, closed after it whatever happens."""
    db = open_database(target)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def agency(pg_url):
    """The agency of test_sensitive on the server, follow-ups noted, scope « followed »."""
    suffix = "_" + uuid.uuid4().hex[:8]
    with opened(pg_url) as owner:
        followed, stranger = _agency(owner, suffix)
        desk_roles(owner, suffix)
        access.create_user(owner, "seul" + suffix, "Sam Seul", "counsellor", PASSWORD)
        for youth, note in ((followed, "Bilan : fatigue"), (stranger, "Bilan : traitement")):
            record_follow_up(owner, FollowUpInput(youth.id, date(2026, 10, 1), notes=note))
        with owner.transaction() as s:
            employer = m.Employer(name="Régie Nord")
            s.add(employer)
        log.log_interaction(owner, "call", employer_id=employer.id, notes="Rappeler lundi")
        sensitive.set_scope(owner, "followed")  # the owner administers the base
    url = make_url(pg_url)

    def address(login: str) -> str:
        target = url.set(username=login + suffix, password=PASSWORD)
        return target.render_as_string(hide_password=False)

    def connect(login: str):
        return psycopg.connect(address(login).replace("+psycopg", ""), autocommit=True)

    return followed, stranger, address, connect, pg_url


def _by_name(connection, sql: str) -> dict:
    return dict(connection.execute(sql).fetchall())


YOUTH_RQTH = "SELECT last_name, essdesk_youths_rqth(id) FROM youths"
YOUTH_NOTES = (
    "SELECT y.last_name, essdesk_interactions_notes(i.id) FROM interactions i "
    "JOIN youths y ON y.id = i.youth_id"
)
FOLLOW_UP_NOTES = (
    "SELECT y.last_name, essdesk_follow_ups_notes(f.id) FROM follow_ups f "
    "JOIN youths y ON y.id = f.youth_id"
)
EMPLOYER_NOTES = "SELECT essdesk_interactions_notes(id) FROM interactions WHERE youth_id IS NULL"


def _nobodys_youth(pg_url) -> uuid.UUID:
    with opened(pg_url) as owner:
        with owner.transaction() as s:
            nobody = m.Youth(
                last_name="Libre", first_name="Zoé", birth_date=date(2006, 7, 8), rqth=True
            )
            s.add(nobody)
        return nobody.id


def test_a_direct_connection_reads_only_what_the_setting_allows(agency):
    followed, stranger, _address, connect, pg_url = agency
    with connect("conseil") as counsellor:
        for sql in (
            "SELECT rqth FROM youths",
            "SELECT notes FROM interactions",
            "SELECT notes FROM follow_ups",
            "SELECT count(*) FROM youths WHERE rqth",  # no guessing through a condition
            "UPDATE youths SET rqth = NOT rqth",  # nor through a write that reads it
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                counsellor.execute(sql)
        assert _by_name(counsellor, YOUTH_RQTH) == {"Suivi": True, "Inconnu": None}
        assert _by_name(counsellor, YOUTH_NOTES) == {"Suivi": "Parle de sa santé", "Inconnu": None}
        assert _by_name(counsellor, FOLLOW_UP_NOTES) == {
            "Suivi": "Bilan : fatigue",
            "Inconnu": None,
        }
        assert counsellor.execute(EMPLOYER_NOTES).fetchall() == [("Rappeler lundi",)]
        # What they may not read, they may not change; their own young person's they may.
        for sql in (
            "UPDATE youths SET rqth = false WHERE id = %s",
            "UPDATE interactions SET notes = 'effacé' WHERE youth_id = %s",
            "UPDATE follow_ups SET notes = NULL WHERE youth_id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Accès refusé"):
                counsellor.execute(sql, (stranger.id,))
            assert counsellor.execute(sql, (followed.id,)).rowcount == 1
        counsellor.execute("UPDATE youths SET rqth = true WHERE id = %s", (followed.id,))
        nobody = _nobodys_youth(pg_url)
        refused = (
            # setting a hidden value to what it holds: that it fails would tell the value
            ("UPDATE youths SET rqth = true WHERE id = %s", (stranger.id,)),
            # moving a colleague's notes onto one's own young person, to read them there
            (
                "UPDATE interactions SET youth_id = %s WHERE youth_id = %s",
                (followed.id, stranger.id),
            ),
            ("UPDATE follow_ups SET youth_id = %s WHERE youth_id = %s", (followed.id, stranger.id)),
            # a new id for the colleague's young person, one's own row under the old one
            ("UPDATE youths SET id = gen_random_uuid() WHERE id = %s", (stranger.id,)),
            ("UPDATE interactions SET id = gen_random_uuid() WHERE youth_id = %s", (followed.id,)),
            # the notes of a young person nobody follows are nobody's under « followed »
            ("UPDATE youths SET rqth = false WHERE id = %s", (nobody,)),
        )
        for sql, values in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Accès refusé"):
                counsellor.execute(sql, values)
        # Nor take a colleague's young person to read them: an administrator hands them over.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Accès refusé"):
            counsellor.execute(
                "UPDATE youths SET referent_id = %s WHERE id = %s",
                (followed.referent_id, stranger.id),
            )
        counsellor.execute(  # a new note on anyone's file, and a change that leaves it as it is
            "INSERT INTO interactions (id, kind, occurred_at, youth_id, notes, created_at, "
            "updated_at, version) VALUES (gen_random_uuid(), 'note', now(), %s, 'Vu ce jour', "
            "now(), now(), 1)",
            (stranger.id,),
        )
        counsellor.execute("UPDATE youths SET phone = '0601020304' WHERE id = %s", (stranger.id,))
        # The rest of the stranger's file stays theirs to read, as in the app.
        assert counsellor.execute(
            "SELECT first_name FROM youths WHERE id = %s", (stranger.id,)
        ).fetchone() == ("Noé",)
    with connect("seul") as unlinked:  # a counsellor's account without its counsellor record
        for sql in ("UPDATE youths SET rqth = false", "UPDATE interactions SET notes = NULL"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Accès refusé"):
                unlinked.execute(sql)
        assert set(_by_name(unlinked, YOUTH_RQTH).values()) == {None}
    with connect("lecteur") as reader:  # read only: the files, never the health data
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("SELECT rqth FROM youths")
        assert set(_by_name(reader, YOUTH_RQTH).values()) == {None}
        assert set(_by_name(reader, YOUTH_NOTES).values()) == {None}
        # The employers' log is no youth's file: read as in the app.
        assert reader.execute(EMPLOYER_NOTES).fetchall() == [("Rappeler lundi",)]
    with connect("admin") as admin:
        assert _by_name(admin, YOUTH_RQTH) == {"Suivi": True, "Inconnu": True, "Libre": True}
        with connect("accueil") as reception:
            # The gate runs with its owner's rights: it must not open what the table refuses.
            for table, column in (("interactions", "notes"), ("follow_ups", "notes")):
                ids = [i for (i,) in admin.execute(f"SELECT id FROM {table}")]
                function = f"essdesk_{table}_{column}"
                got = [reception.execute(f"SELECT {function}(%s)", (i,)).fetchone() for i in ids]
                assert set(got) == {(None,)}
            assert reception.execute(
                "SELECT essdesk_youths_rqth(%s)", (followed.id,)
            ).fetchone() == (None,)
    with connect("rel") as business:  # their employers' log, with its notes
        assert business.execute("SELECT notes FROM interactions").fetchall() == [
            ("Rappeler lundi",)
        ]
        assert business.execute(EMPLOYER_NOTES).fetchall() == [("Rappeler lundi",)]

    # Back to « all »: the counsellor reads every young person's, through the same gate.
    with opened(pg_url) as owner:
        sensitive.set_scope(owner, "all")
    with connect("conseil") as counsellor:
        assert _by_name(counsellor, YOUTH_RQTH) == {"Suivi": True, "Inconnu": True, "Libre": True}
        notes = {n for (_name, n) in counsellor.execute(YOUTH_NOTES).fetchall()}
        assert notes == {"effacé", "Suivi médical en cours", "Vu ce jour"}


def test_the_app_as_a_counsellor_reads_what_the_server_gives(agency, tmp_path):
    followed, stranger, address, _connect, pg_url = agency
    with opened(address("conseil")) as db:
        assert load_record(db, EntityKind.YOUTHS, followed.id).texts["rqth"] == "Oui"
        hidden = load_record(db, EntityKind.YOUTHS, stranger.id)
        assert hidden.texts["rqth"] == "" and hidden.extra["masked"] == {"rqth"}
        assert _rqth_by_name(db) == {"Suivi": "Oui", "Inconnu": "—"}
        youths = LISTINGS["youths"]
        rqth_column = [c.header for c in youths.columns].index("RQTH")
        assert len(youths.rows(db, sort_column=rqth_column, descending=True)) == 2
        only_rqth = YouthFilters(rqth=True).conditions()
        assert youths.count(db, where=only_rqth) == 1  # the server does not tell the other
        assert [r.cells[0] for r in youths.rows(db, where=only_rqth)] == ["Suivi"]
        assert [e.notes for e in log.entries(db, youth_id=followed.id)] == ["Parle de sa santé"]
        [masked] = log.entries(db, youth_id=stranger.id)
        assert masked.notes is None and masked.masked

        # Editing the stranger's file keeps their RQTH, which the app never read.
        saved = save_record(
            db, EntityKind.YOUTHS, stranger.id, hidden.version, {**hidden.texts, "phone": ""}
        )
        with pytest.raises(access.AccessDenied, match="RQTH"):
            update_record(db, m.Youth, stranger.id, saved.version, rqth=False)
        log.log_interaction(db, "note", youth_id=stranger.id, notes="Nouvelle note")

        # The eligibility panel reads the facts through the same gate (the rule on an unseen
        # RQTH is tested on SQLite, test_sensitive.py).
        assert eligibility_panel(db, stranger.id, date(2026, 12, 1))

        exported = export_person(db, "Suivi Léa", tmp_path / "dossier.json")
        data = json.loads(exported.read_text(encoding="utf-8"))
        assert data["tables"]["youths"][0]["rqth"] is True
        assert [i["notes"] for i in data["tables"]["interactions"]] == ["Parle de sa santé"]
        assert [f["notes"] for f in data["tables"]["follow_ups"]] == ["Bilan : fatigue"]
        with pytest.raises(access.AccessDenied):
            export_person(db, "Inconnu Noé", tmp_path / "autre.json")
    with opened(pg_url) as owner:
        with owner.session() as s:
            assert s.get(m.Youth, stranger.id).rqth is True
            notes = set(
                s.scalars(select(m.Interaction.notes).where(m.Interaction.youth_id.is_not(None)))
            )
        assert notes == {"Parle de sa santé", "Suivi médical en cours", "Nouvelle note"}


def test_the_whole_desk_runs_for_a_counsellor_on_the_server(pg_url, tmp_path):
    """Every read of a youth's file, as a counsellor in « followed »: the server refuses the
    columns themselves, so one read that forgot the gate fails here."""
    from essdesk.services.dashboard import dashboard_counts
    from essdesk.services.deadlines import upcoming_deadlines
    from essdesk.services.demo.dataset import fill_demo_data
    from essdesk.services.events.review import event_report_data
    from essdesk.services.exports import export_table
    from essdesk.services.merge import merge_youths
    from essdesk.services.placements.eligibility import eligibility_of_all
    from essdesk.services.placements.follow_ups import export_calendar
    from essdesk.services.placements.pathway import pathway_steps
    from essdesk.services.search import global_search
    from essdesk.services.suggestions import suggest_offers
    from essdesk.services.youth_file import completeness
    from tests.privacy.test_retention import DEMO_TODAY

    suffix = "_" + uuid.uuid4().hex[:8]
    with opened(pg_url) as owner:
        fill_demo_data(owner, youths=40, seed=5, event_history=True, today=DEMO_TODAY)
        with owner.session() as s:
            counsellor = s.scalars(select(m.Counsellor).order_by(m.Counsellor.last_name)).first()
            event_id = s.scalar(select(m.Event.id).limit(1))
            mine = set(s.scalars(select(m.Youth.id).where(m.Youth.referent_id == counsellor.id)))
            everyone = list(s.scalars(select(m.Youth.id)))
        for youth_id in everyone:
            log.log_interaction(owner, "interview", youth_id=youth_id, notes=f"Note {youth_id}")
        with owner.transaction() as s:  # one young person entered twice, followed by them
            twins = [
                m.Youth(
                    last_name=last,
                    first_name="Inès",
                    birth_date=date(2004, 5, 6),
                    rqth=True,
                    referent_id=counsellor.id,
                )  # fmt: skip
                for last in ("Double", "Doublé-Martin")
            ]
            s.add_all(twins)
        for twin in twins:
            log.log_interaction(owner, "call", youth_id=twin.id, notes=f"Appel {twin.last_name}")
        access.create_user(
            owner, "conseil" + suffix, "Camille Conseil", "counsellor", PASSWORD,
            counsellor_id=counsellor.id,
        )  # fmt: skip
        sensitive.set_scope(owner, "followed")
    url = make_url(pg_url).set(username="conseil" + suffix, password=PASSWORD)
    with opened(url.render_as_string(hide_password=False)) as db:
        assert access.current_actor(db).role == "counsellor"
        for key, listing in LISTINGS.items():
            for column in range(len(listing.columns)):
                listing.rows(db, sort_column=column, limit=20)
            assert listing.count(db) >= 0, key
        youths = [r.id for r in LISTINGS["youths"].rows(db, limit=200)]
        assert mine and set(youths) >= mine
        for kind in EntityKind:
            listing = LISTINGS.get(kind.value)
            if listing is not None and kind in MODELS:
                for row in listing.rows(db, limit=5):
                    load_record(db, kind, row.id)
        seen_notes = {}
        for youth_id in youths:
            completeness(db, youth_id)
            pathway_steps(db, youth_id, today=DEMO_TODAY)
            suggest_offers(db, youth_id, limit=3, on=DEMO_TODAY)
            eligibility_panel(db, youth_id, DEMO_TODAY)
            for entry in log.entries(db, youth_id=youth_id):
                if entry.notes:
                    seen_notes[youth_id] = entry.notes
        # The notes of the young people followed, and theirs only.
        twin_notes = {t.id: f"Appel {t.last_name}" for t in twins}
        assert seen_notes == {**{y: f"Note {y}" for y in mine}, **twin_notes}
        for entity in ("youths", "placements", "employers", "offers"):
            export_table(db, entity, tmp_path / f"{entity}.csv")
        assert sum(1 for _ in eligibility_of_all(db, BY_CODE["PEC"], DEMO_TODAY)) > 0
        export_calendar(db, counsellor.id, tmp_path / "agenda.ics")
        report = event_report_data(db, event_id)  # its RQTH count would be short: not given
        assert report.sessions and report.profile.youths and report.profile.rqth is None
        assert dashboard_counts(db)
        list(upcoming_deadlines(db, today=DEMO_TODAY))
        global_search(db, "a")
        # A merge of two files of one's own moves their notes; with a colleague's file (its
        # notes would become readable) it is refused, by the app and by the server.
        merge_youths(db, twins[0].id, twins[1].id)
        stranger = next(iter(set(everyone) - mine))
        with pytest.raises(access.AccessDenied):
            merge_youths(db, twins[0].id, stranger)
    with opened(pg_url) as owner, owner.session() as s:
        kept = s.get(m.Youth, twins[0].id)
        notes = s.scalars(select(m.Interaction.notes).where(m.Interaction.youth_id == kept.id))
        assert kept.rqth is True and sorted(notes) == ["Appel Double", "Appel Doublé-Martin"]


def test_the_downgrade_gives_the_columns_back(agency):
    """Revision 0010 reads the columns themselves: its counsellors must be able to."""
    from alembic import command

    from essdesk.db import migrate
    from essdesk.db.engine import DatabaseTarget, create_engine_for

    _followed, _stranger, _address, connect, pg_url = agency
    engine = create_engine_for(DatabaseTarget(pg_url, None))
    try:
        with engine.connect() as connection, connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0010_privacy")
    finally:
        engine.dispose()
    with connect("conseil") as counsellor:
        assert counsellor.execute("SELECT rqth, notes FROM youths, interactions").fetchall()
        with pytest.raises(psycopg.errors.UndefinedFunction):
            counsellor.execute("SELECT essdesk_youths_rqth(id) FROM youths")
    # The business role: the identity columns only, as before.
    with connect("rel") as business, pytest.raises(psycopg.errors.InsufficientPrivilege):
        business.execute("SELECT rqth FROM youths")


def test_an_import_by_a_counsellor_keeps_what_the_server_hides(agency, tmp_path):
    from essdesk.services.imports import import_file

    followed, stranger, address, _connect, pg_url = agency
    with opened(address("conseil")) as db:
        result = import_file(db, "youths", write_youths_file(tmp_path / "jeunes.csv", "Non"))
        assert result.updated == 2
    with opened(pg_url) as owner, owner.session() as s:
        assert s.get(m.Youth, followed.id).rqth is False
        kept = s.get(m.Youth, stranger.id)
        assert kept.rqth is True and kept.phone == "+33605060708"
