"""The command line: version, check, demo, backup and restore, with French errors and exit codes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from essdesk import __version__
from essdesk.cli import main
from essdesk.db.migrate import head_revision


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_check_on_a_new_base(db_path):
    created = run("--database", str(db_path), "init")
    assert created.exit_code == 0 and "Base prête" in created.output
    result = run("--database", str(db_path), "check")
    assert result.exit_code == 0, result.output
    assert "Intégrité : ok" in result.output
    assert f"Version du schéma : {head_revision()}" in result.output


def test_demo_then_check_in_real_processes(db_path):
    demo = subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "demo"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert demo.returncode == 0, demo.stderr
    assert "jeunes : 300" in demo.stdout
    check = subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "check", "--full"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0 and "Intégrité : ok" in check.stdout
    again = subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "demo"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode != 0 and "déjà des employeurs" in again.stderr
    quiet = subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "demo", "--if-empty"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert quiet.returncode == 0 and "rien n'a été ajouté" in quiet.stdout


def test_database_from_environment(db_path, monkeypatch):
    monkeypatch.setenv("ESSDESK_DATABASE_URL", str(db_path))
    assert run("init").exit_code == 0
    assert db_path.exists()
    assert run("check").exit_code == 0


def test_missing_folder_fails_in_french(tmp_path):
    result = CliRunner().invoke(
        main, ["--database", str(tmp_path / "nulle-part" / "b.sqlite3"), "init"]
    )
    assert result.exit_code != 0
    assert "Erreur : Le dossier" in result.output and "n'existe pas" in result.output


def test_corrupt_file_is_not_overwritten(tmp_path):
    path = tmp_path / "abimee.sqlite3"
    path.write_bytes(b"PK\x03\x04 un tableur renomme" * 50)
    result = CliRunner().invoke(main, ["--database", str(path), "check"])
    assert result.exit_code != 0 and "pas une base ESS Desk" in result.output
    assert path.read_bytes().startswith(b"PK")


def test_newer_base_is_refused(db_path):
    assert run("--database", str(db_path), "init").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'abcd'")
    result = CliRunner().invoke(main, ["--database", str(db_path), "check"])
    assert result.exit_code != 0 and "plus récente" in result.output


def test_backup_and_restore(db_path, tmp_path):
    assert run("--database", str(db_path), "demo", "--youths", "20").exit_code == 0
    result = run("--database", str(db_path), "backup", "--to", str(tmp_path / "cle"))
    assert result.exit_code == 0
    saved = next((tmp_path / "cle").glob("essdesk-*.sqlite3"))
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DELETE FROM attendances")
    connection.close()  # restore refuses a base still open elsewhere
    restored = run("--database", str(db_path), "restore", str(saved))
    assert restored.exit_code == 0, restored.output
    assert "ancienne base est conservée" in restored.output
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM attendances").fetchone()[0] > 0


def test_restore_refuses_a_non_backup(db_path, tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("pas une base")
    result = CliRunner().invoke(main, ["--database", str(db_path), "restore", str(bogus)])
    assert result.exit_code != 0 and "Erreur" in result.output


def test_check_on_postgresql(pg_url):
    result = run("--database", pg_url, "check")
    assert result.exit_code == 0, result.output
    assert "serveur postgresql+psycopg://postgres@" in result.output


def test_demo_week_has_a_real_plan_and_outcomes(db_path):
    from dataclasses import replace

    from sqlalchemy import func, select

    from essdesk.db import models as m
    from essdesk.db.database import open_database
    from essdesk.domain.scheduling.scheduler import validate_schedule
    from essdesk.services.speed_meetings.planning import load_instance

    assert run("--database", str(db_path), "demo", "--youths", "80").exit_code == 0
    db = open_database(str(db_path))
    try:
        with db.session() as session:
            speed_id = session.scalars(select(m.SpeedMeeting.id)).one()
            noted = session.scalar(
                select(func.count()).where(m.SpeedMeetingMeeting.outcome.is_not(None))
            )
        plan = load_instance(db, speed_id)
        assert plan.schedule is not None and plan.schedule.meetings
        assert noted > 0
        # No-shows were marked after the plan was made: their meetings did not take place.
        held = [x for x in plan.schedule.meetings if x.candidate_id not in plan.ids.no_shows]
        assert plan.ids.no_shows and len(held) < len(plan.schedule.meetings)
        assert validate_schedule(plan.instance, replace(plan.schedule, meetings=held)) == []
    finally:
        db.close()


def test_demo_sirets_are_valid():
    import random

    from stdnum.fr import siret

    from essdesk.services.demo.dataset import demo_siret

    rng = random.Random(1)
    for _ in range(200):
        number = demo_siret(rng)
        assert len(number) == 14 and siret.is_valid(number), number


def test_command_line_mistakes_are_explained_in_french():
    result = CliRunner().invoke(main, ["schedule", "--rounds", "huit"])
    assert result.exit_code != 0
    assert "Erreur : Valeur invalide pour '--rounds'" in result.output
    assert "n'est pas un nombre valide" in result.output
    unknown = CliRunner().invoke(main, ["sauvegarde"])
    assert "Erreur : Commande inconnue" in unknown.output
    assert "Utilisation :" in CliRunner().invoke(main, ["--help"]).output


def test_a_mistyped_base_path_is_refused_and_named(db_path, tmp_path):
    assert run("--database", str(db_path), "init").exit_code == 0
    typo = tmp_path / "esdesk.sqlite3"
    for command in (["check"], ["backup"], ["export", "youths", str(tmp_path / "j.csv")]):
        result = CliRunner().invoke(main, ["--database", str(typo), *command])
        assert result.exit_code == 1, command
        assert f"La base {typo} n'existe pas" in result.stderr
        assert "essdesk init" in result.stderr
    assert not typo.exists()


def test_import_and_demo_may_create_a_base_and_say_so(tmp_path):
    base = tmp_path / "nouvelle.sqlite3"
    result = CliRunner().invoke(main, ["--database", str(base), "demo", "--youths", "5"])
    assert result.exit_code == 0, result.output
    assert f"Nouvelle base créée : {base}" in result.stderr


def test_check_full_on_postgresql_finds_a_foreign_trigger(pg_url):
    from sqlalchemy import create_engine, text

    assert run("--database", pg_url, "init").exit_code == 0
    assert run("--database", pg_url, "check", "--full").exit_code == 0
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE FUNCTION pirate() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN UPDATE youths SET email = 'x@example.com'; RETURN NEW; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER pirate AFTER INSERT ON employers "
                "FOR EACH ROW EXECUTE FUNCTION pirate()"
            )
        )
        connection.execute(text("CREATE VIEW liste AS SELECT last_name FROM youths"))
        connection.execute(text("CREATE TABLE copie (x text)"))
        connection.execute(
            text(
                "ALTER TABLE contacts ADD CONSTRAINT ck_pas_verifiee CHECK (length(last_name) > 0) "
                "NOT VALID"
            )
        )
    engine.dispose()
    result = CliRunner().invoke(main, ["--database", pg_url, "check", "--full"])
    assert result.exit_code == 2
    for expected in (
        "Déclencheur",
        "pirate",
        "Vue",
        "liste",
        "Table(s) inconnue(s) : copie",
        "ck_pas_verifiee",
    ):
        assert expected in result.stderr, expected
