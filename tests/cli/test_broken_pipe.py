"""A listing piped to a reader that leaves early (`| head -1`) stops quietly, without a trace."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from essdesk.cli import READER_GONE
from essdesk.db import models as m
from essdesk.domain.french import format_count

# Enough lines to overflow a pipe's buffer (64 KiB on Linux): the writer meets the closed pipe.
PEOPLE = 1500


def _old_files(db) -> None:
    with db.transaction() as s:
        s.add_all(
            m.Youth(last_name=f"Tuyau{i:04d}", first_name="Léon", birth_date=date(1980, 1, 1))
            for i in range(PEOPLE)
        )


def test_purge_dry_run_piped_to_a_reader_that_leaves(db, db_path, tmp_path):
    _old_files(db)
    db.close()
    env = {**os.environ, "ESSDESK_DATA_DIR": str(tmp_path / "donnees")}
    command = [sys.executable, "-m", "essdesk", "--database", str(db_path), "purge", "--dry-run"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        first = process.stdout.readline()
        process.stdout.close()  # as `head -1` does once it has its line
        errors = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert first.decode().startswith("Tuyau")
    assert errors == ""  # neither a traceback nor « Erreur inattendue (BrokenPipeError) »
    assert code == READER_GONE


def test_a_reader_reading_everything_gets_everything(db, db_path, tmp_path):
    _old_files(db)
    db.close()
    env = {**os.environ, "ESSDESK_DATA_DIR": str(tmp_path / "donnees")}
    command = [sys.executable, "-m", "essdesk", "--database", str(db_path), "purge", "--dry-run"]
    done = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert (
        len(lines) == PEOPLE + 1
        and lines[-1] == f"{format_count(PEOPLE, 'dossier')} seraient anonymisés."
    )
