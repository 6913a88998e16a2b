"""Retention: files due from age and programme ends, anonymised for good, reports unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.domain.retention import DEFAULT_POLICY, Programme, retention
from essdesk.domain.text import fold
from essdesk.services import interactions as log
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.events.review import event_report_data
from essdesk.services.listings import LISTINGS
from essdesk.services.records import update_record
from essdesk.services.retention import due_files, files_due_soon, purge

DEMO_TODAY = date(2026, 11, 22)
NAMES = ("Zébulonne", "Quichottard", "Ferdinandine")


def test_rule_follows_age_and_programmes_not_status():
    born = date(2000, 5, 17)
    assert retention(born, [], DEFAULT_POLICY).keep_until == date(2028, 5, 17)
    running = [Programme("PEC", date(2027, 1, 1), date(2029, 3, 31))]
    assert retention(born, running, DEFAULT_POLICY).keep_until == date(2029, 3, 31)
    cej = [Programme("CEJ", date(2021, 1, 1), date(2022, 6, 30))]
    kept = retention(born, cej, DEFAULT_POLICY)
    assert kept.keep_until == date(2032, 6, 30) and "CEJ" in kept.reason
    assert (
        retention(born, [Programme("EAV", date(2027, 1, 1), None)], DEFAULT_POLICY).keep_until
        is None
    )
    assert retention(date(2004, 2, 29), [], DEFAULT_POLICY).keep_until == date(2032, 2, 29)
    short = DEFAULT_POLICY.__class__(youth_extra_years=1)  # 29/02/2000 + 27 years: no 29th
    assert retention(date(2000, 2, 29), [], short).keep_until == date(2027, 2, 28)


def _people(db):
    """A 40-year-old still "actif", a CEJ beneficiary, a young person with years ahead."""
    with db.transaction() as s:
        cej = s.scalars(select(m.Scheme).where(m.Scheme.code == "CEJ")).one()  # seeded
        employer = m.Employer(name="Recyclerie du Vercors")
        old = m.Youth(
            last_name=NAMES[0],
            first_name="Anne",
            birth_date=date(1986, 4, 2),
            status="active",
            email="zebulonne@example.org",
            commune="Die",
        )
        follower = m.Youth(last_name=NAMES[1], first_name="Paul", birth_date=date(1997, 9, 9))
        young = m.Youth(last_name=NAMES[2], first_name="Inès", birth_date=date(2008, 1, 15))
        s.add_all([employer, old, follower, young])
        s.flush()
        s.add(
            m.Placement(
                youth_id=follower.id,
                employer_id=employer.id,
                scheme_id=cej.id,
                job_title="Valoriste",
                contract_type="CDD",
                start_date=date(2021, 1, 4),
                end_date=date(2022, 1, 3),
            )
        )
        s.add(
            m.FollowUp(youth_id=old.id, on=date(2024, 3, 1), notes=f"Rendez-vous avec {NAMES[0]}")
        )
    # An edit: the trail now holds an old value with the name in it.
    update_record(db, m.Youth, old.id, 1, last_name=NAMES[0] + "-Martin")
    update_record(db, m.Youth, old.id, 2, last_name=NAMES[0])
    return old, follower, young


def test_dry_run_lists_by_age_even_when_active(db):
    old, follower, young = _people(db)
    due = due_files(db, date(2026, 12, 1))
    assert [f.youth_id for f in due] == [old.id]
    assert due[0].line().startswith(f"{NAMES[0]} Anne — 25 ans révolus + 2 ans")
    later = {f.youth_id for f in due_files(db, date(2033, 1, 1))}
    assert later == {old.id, follower.id}  # CEJ ended 03/01/2022 + 10 years
    soon = files_due_soon(db, date(2035, 12, 20))
    assert [f.youth_id for f in soon] == [young.id]  # due 15/01/2036, within 30 days


def _bytes_of(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def test_purge_anonymises_and_the_names_leave_file_wal_and_backup(db, db_path):
    old, follower, _young = _people(db)
    log.log_interaction(db, "call", youth_id=follower.id, notes=f"Appel de {NAMES[1]}")
    with db.transaction() as s:
        s.add(
            m.YouthSituation(
                youth_id=old.id, kind="work", start_date=date(2010, 1, 1), note=NAMES[0]
            )
        )
    assert LISTINGS["youths"].rows(db, search=NAMES[0].lower())  # found by name before
    purged = purge(db, date(2033, 1, 1))
    assert len(purged) == 2
    with db.session() as s:
        names = set(s.scalars(select(m.Youth.last_name)))
        assert names == {"Anonyme", NAMES[2]}
        old = s.scalar(select(m.Youth).where(m.Youth.commune == "Die"))
        assert old.email is None and old.birth_date == date(1986, 4, 1) and old.anonymised_at
        assert s.scalar(select(m.FollowUp.notes)) is None
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "purge")).all()
        assert len(entries) == 2 and all(
            "durée de conservation atteinte" in e.detail for e in entries
        )
        assert not any("1986" in e.detail or "1997" in e.detail for e in entries)
    backups = db.backups.list()
    newest = next(b for b in backups if b.reason == "apres-purge")
    assert newest.taken_at == max(b.taken_at for b in backups)
    assert LISTINGS["youths"].rows(db, search=NAMES[0]) == []  # no search word left
    for path in (db_path, Path(str(db_path) + "-wal"), newest.path):
        content = _bytes_of(path)
        # As typed, and folded as the sort keys and search words keep them.
        for name in (*NAMES[:2], *(fold(n) for n in NAMES[:2])):
            assert name.encode() not in content, f"{name} still in {path.name}"
    assert NAMES[2].encode() in _bytes_of(db_path) + _bytes_of(Path(str(db_path) + "-wal"))


def test_purge_as_of_a_future_date_keeps_report_figures(db):
    fill_demo_data(db, youths=60, seed=5, event_history=True, today=DEMO_TODAY)
    with db.session() as s:
        event_id = s.scalar(select(m.Event.id))
    before = event_report_data(db, event_id)
    with db.session() as s:
        # A programme with no end date keeps its file, whatever the date.
        open_ended = set(
            s.scalars(
                select(m.Placement.youth_id).where(
                    m.Placement.scheme_id.is_not(None), m.Placement.end_date.is_(None)
                )
            )
        )
    purged = purge(db, date(2045, 1, 1))
    assert len(purged) == 60 - len(open_ended) > 40
    assert not open_ended & {f.youth_id for f in purged}
    after = event_report_data(db, event_id)
    assert after.sessions == before.sessions
    assert after.profile == before.profile
    assert after.speed_meetings == before.speed_meetings
    assert after == before  # the whole report: same figures, same text


def test_purge_command_dry_run_then_yes(db, db_path):
    _people(db)
    db.close()
    runner = CliRunner()
    shown = runner.invoke(
        main, ["--database", str(db_path), "purge", "--dry-run", "--as-of", "01/01/2033"]
    )
    assert shown.exit_code == 0, shown.output
    assert f"{NAMES[0]} Anne — " in shown.output and f"{NAMES[1]} Paul — CEJ" in shown.output
    assert "2 dossiers seraient anonymisés." in shown.output
    done = runner.invoke(
        main, ["--database", str(db_path), "purge", "--yes", "--as-of", "01/01/2033"]
    )
    assert done.exit_code == 0 and "2 dossiers anonymisés." in done.output
    again = runner.invoke(
        main, ["--database", str(db_path), "purge", "--dry-run", "--as-of", "01/01/2033"]
    )
    assert "0 dossier " in again.output


def test_staff_accounts_close_a_year_after_their_authorisation(db, db_path):
    from essdesk.services import access
    from essdesk.services.retention import expired_accounts, purge_accounts

    access.create_user(db, "admin", "Alice Admin", "administrator", "motdepasse-admin")
    access.create_user(db, "ancien", "Paul Parti", "counsellor", "motdepasse-ancien")
    db.actor = None
    access.log_in(db, "admin", "motdepasse-admin")
    access.disable_user(db, "ancien", until=datetime(2026, 6, 30, tzinfo=UTC))
    assert expired_accounts(db, date(2027, 6, 29)) == []
    assert [a.line() for a in expired_accounts(db, date(2027, 6, 30))] == [
        "Compte Paul Parti (ancien) — autorisation terminée le 30/06/2026 + 1 an(s)"
    ]
    purge_accounts(db, date(2027, 7, 1))
    with db.session() as s:
        closed = s.scalar(select(m.User).where(m.User.login == "ancien"))
    assert closed.display_name == "Compte clos" and closed.password_hash is None
    assert expired_accounts(db, date(2030, 1, 1)) == []
