"""Errors never show personal data: one French line on screen, the trace in a filtered log."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import event

from essdesk.cli import main
from essdesk.errors import EssDeskError
from essdesk.log import MAX_MESSAGE_CHARS, log_path, redact, setup_logging, user_message
from essdesk.services.imports import import_file

NAMES = [f"Nguyen{i}" for i in range(20_000)]


def _youths_file(path: Path) -> Path:
    lines = ["Nom;Prénom;Date de naissance;Courriel"]
    lines += [f"{n};Émilie;14/03/2003;{n.lower()}@exemple.fr" for n in NAMES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_full_base_says_disque_plein_without_the_rows(db, tmp_path):
    @event.listens_for(db.engine, "connect")
    def _small_disk(dbapi_connection, _record) -> None:
        # SQLite's own limit: past it, every write fails with SQLITE_FULL as on a full disk.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 20}")

    db.engine.dispose()
    with pytest.raises(EssDeskError) as refused:
        import_file(db, "youths", _youths_file(tmp_path / "jeunes.csv"))
    text = str(refused.value)
    assert text.startswith("Disque plein")
    assert "Nguyen" not in text and "@" not in text


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)])
    return done.returncode == 0


def test_disk_full_during_a_command_line_import(tmp_path):
    disk = tmp_path / "petit-disque"
    if not _mount_tmpfs(disk, "1500k"):
        pytest.skip("monter un petit disque demande les droits d'administrateur")
    try:
        env = {
            **os.environ,
            "ESSDESK_BACKUP_DIR": str(tmp_path / "sauvegardes"),
            "ESSDESK_DATA_DIR": str(tmp_path / "donnees"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        base = disk / "essdesk.sqlite3"
        source = _youths_file(tmp_path / "jeunes.csv")
        command = [sys.executable, "-m", "essdesk", "--database", str(base)]
        subprocess.run([*command, "init"], env=env, check=True, capture_output=True)
        done = subprocess.run(
            [*command, "import", "youths", str(source)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        subprocess.run(["umount", str(disk)], check=False)
    assert done.returncode == 1
    assert "Disque plein" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Nguyen" not in done.stderr + done.stdout and "@exemple.fr" not in done.stderr
    assert len(done.stderr) < 2000
    log = (tmp_path / "donnees" / "journaux" / "essdesk.log").read_text(encoding="utf-8")
    assert "Traceback" in log  # the trace is kept for whoever maintains the app…
    assert "Nguyen" not in log and "@exemple.fr" not in log  # …without the young people


def test_an_unexpected_error_is_one_french_line_and_a_filtered_trace(tmp_path):
    @main.command("panne-pour-essai", hidden=True)
    def _broken() -> None:
        raise RuntimeError("Dupont Jean né le 14/03/2003, jean.dupont@exemple.fr, 06 12 34 56 78")

    try:
        result = CliRunner().invoke(main, ["panne-pour-essai"])
    finally:
        main.commands.pop("panne-pour-essai")
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : Erreur inattendue (RuntimeError)")
    assert "Traceback" not in result.output and "Dupont" not in result.output
    for handler in logging.getLogger("essdesk").handlers:
        handler.flush()
    log = log_path().read_text(encoding="utf-8")
    assert "RuntimeError" in log and "Traceback" in log
    for personal in ("14/03/2003", "jean.dupont@exemple.fr", "06 12 34 56 78"):
        assert personal not in log


def test_database_errors_are_masked_in_the_log():
    detail = (
        '(psycopg.errors.UniqueViolation) duplicate key value violates unique constraint "ux"\n'
        "DETAIL:  Key (last_name, first_name, birth_date)=(Dupont, Jean, 2003-03-14) already "
        "exists.\n[SQL: INSERT INTO youths (…) VALUES (…)]\n[parameters: ('Dupont', 'Jean')]"
    )
    masked = redact(detail)
    assert "Dupont" not in masked and "2003-03-14" not in masked
    assert "UniqueViolation" in masked and "INSERT INTO youths" in masked


def test_user_messages_never_fill_a_screen(tmp_path):
    setup_logging()
    message = user_message(EssDeskError("Colonne « " + "x" * 100_000 + " » inconnue"))
    assert len(message) <= MAX_MESSAGE_CHARS
    assert message.endswith("(message abrégé)")


def test_the_command_line_prints_no_database_detail(tmp_path):
    # ConflictError carries the server's own words (they quote the row): log only, never shown.
    @main.command("conflit-pour-essai", hidden=True)
    def _conflict() -> None:
        from essdesk.db.database import ConflictError

        raise ConflictError("Enregistrement refusé.", detail="Key (last_name)=(Dupont)")

    try:
        result = CliRunner().invoke(main, ["conflit-pour-essai"])
    finally:
        main.commands.pop("conflit-pour-essai")
    assert result.exit_code == 1
    assert "Enregistrement refusé." in result.stderr and "Dupont" not in result.stderr
    assert isinstance(click.get_current_context(silent=True), type(None))
