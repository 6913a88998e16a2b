"""`essdesk import` / `essdesk export`: exit codes, French messages, and a crash mid-import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from essdesk.cli import main
from essdesk.cli.exchange_commands import EXIT_INVALID_ROWS
from essdesk.errors import DataFileError
from tests.services.test_imports import big_employer_file, interrupted_writes

DATA = Path(__file__).parent.parent / "data" / "imports"
ROOT = Path(__file__).resolve().parent.parent.parent


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rows(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_import_refuses_invalid_rows_and_writes_nothing(db, db_path):
    result = run("--database", db_path, "import", "employers", DATA / "employeurs_excel.csv")
    assert result.exit_code == EXIT_INVALID_ROWS
    assert "Import refusé : 1 ligne invalide sur 5" in result.stderr
    assert "ligne 5, colonne « SIRET » : SIRET invalide (clé de contrôle)" in result.stderr
    assert rows(db_path, "employers") == 0


def test_import_youths_then_again_without_duplicates(db, db_path):
    first = run("--database", db_path, "import", "youths", DATA / "jeunes_excel.csv")
    assert first.exit_code == 0, first.output
    assert "Jeunes — créations : 4 ;" in first.stdout and "Import terminé." in first.stdout
    second = run("--database", db_path, "import", "youths", DATA / "jeunes_excel.csv")
    assert "créations : 0 ;" in second.stdout and "déjà à jour : 4" in second.stdout
    assert rows(db_path, "youths") == 4


def test_dry_run_previews_and_writes_nothing(db, db_path):
    result = run(
        "--database", db_path, "import", "employers", DATA / "employeurs_excel.csv", "--dry-run"
    )
    assert result.exit_code == EXIT_INVALID_ROWS
    assert "Simulation : rien n'a été enregistré." in result.stdout
    assert "créations prévues : 4 ;" in result.stdout
    assert "ligne 5, colonne « SIRET »" in result.stdout
    skipping = run(
        "--database",
        db_path,
        "import",
        "employers",
        DATA / "employeurs_excel.csv",
        "--dry-run",
        "--skip-invalid",
    )
    assert skipping.exit_code == 0
    assert rows(db_path, "employers") == 0


def test_skip_invalid_with_report(db, db_path, tmp_path):
    report = tmp_path / "rejets.csv"
    result = run(
        "--database", db_path, "import", "employers", DATA / "employeurs_excel.csv",
        "--skip-invalid", "--rejects", report,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "créations : 4 ;" in result.stdout and str(report) in result.stdout
    assert "Fondation Élan Vert" in report.read_text("utf-8-sig")
    assert rows(db_path, "employers") == 4


def test_map_option(db, db_path, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("Structure;Identifiant;Nom\nRégie;85678901100033;Durand\n", encoding="utf-8")
    result = run(
        "--database", db_path, "import", "employers", path,
        "--map", "Structure=name", "--map", "Identifiant=siret", "--map", "Nom=",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert rows(db_path, "employers") == 1
    bad = run("--database", db_path, "import", "employers", path, "--map", "Structure=couleur")
    assert bad.exit_code == 1 and "couleur" in bad.stderr


def test_file_errors_exit_1_in_french(db, db_path, tmp_path):
    missing = run("--database", db_path, "import", "employers", tmp_path / "absent.csv")
    assert missing.exit_code == 1 and "introuvable" in missing.stderr
    columns = tmp_path / "c.csv"
    columns.write_text("Ville\nMens\n", encoding="utf-8")
    result = run("--database", db_path, "import", "employers", columns)
    assert result.exit_code == 1 and "obligatoires absentes" in result.stderr


def test_unknown_entity_is_a_usage_error(db, db_path):
    result = run("--database", db_path, "import", "chats", DATA / "jeunes_excel.csv")
    assert result.exit_code == 2


def test_export_csv_and_xlsx(db, db_path, tmp_path):
    run("--database", db_path, "import", "youths", DATA / "jeunes_excel.csv")
    csv_path, xlsx_path = tmp_path / "jeunes.csv", tmp_path / "jeunes.xlsx"
    result = run("--database", db_path, "export", "youths", csv_path)
    assert result.exit_code == 0 and "4 lignes exportées" in result.stdout
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert "Nguyễn;Thảo;29/02/2004" in data.decode("utf-8-sig")
    assert run("--database", db_path, "export", "youths", xlsx_path).exit_code == 0
    sheet = load_workbook(xlsx_path).active
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    bad = run("--database", db_path, "export", "youths", tmp_path / "jeunes.pdf")
    assert bad.exit_code == 1 and "extension" in bad.stderr


def test_kill_during_a_large_import_leaves_nothing(db, db_path, tmp_path):
    """SIGKILL while 50,000 rows are being inserted: the base stays healthy and empty."""
    source = big_employer_file(tmp_path / "gros.csv", 50_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "import", "employers", str(source)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        while "Enregistrement" not in (line := process.stderr.readline()):
            assert line, "l'import s'est arrêté avant d'écrire"
        # Wait until uncommitted pages reach the WAL file: the kill then hits a real write.
        wal = Path(f"{db_path}-wal")
        deadline = time.monotonic() + 30
        while (not wal.exists() or wal.stat().st_size < 1_000_000) and time.monotonic() < deadline:
            assert process.poll() is None, "l'import a fini avant d'être interrompu"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        stdout, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert "Import terminé" not in stdout
    assert db.integrity_problems(full=True) == []
    assert rows(db_path, "employers") == 0
    # The base is still usable: the same file then imports completely.
    done = subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(db_path), "import", "employers", str(source)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert rows(db_path, "employers") == 50_000


def test_map_is_remembered_for_the_layout_and_reused(db, db_path, tmp_path):
    first = tmp_path / "janvier.csv"
    first.write_text("Structure;Identifiant;Nom\nRégie;85678901100033;Durand\n", encoding="utf-8")
    mapped = run(
        "--database", db_path, "import", "employers", first,
        "--map", "Structure=name", "--map", "Identifiant=siret", "--map", "Nom=",
    )  # fmt: skip
    assert mapped.exit_code == 0, mapped.output
    assert "mémorisée réutilisée" not in mapped.stdout
    # Next month's file: same columns, other rows, no --map.
    second = tmp_path / "fevrier.csv"
    second.write_text(
        "Structure;Identifiant;Nom\nScop Bois;41234567000126;Petit\n", encoding="utf-8"
    )
    again = run("--database", db_path, "import", "employers", second)
    assert again.exit_code == 0, again.output
    assert (
        "Correspondance de colonnes mémorisée réutilisée : "
        "Structure=name, Identifiant=siret, Nom=" in again.stdout
    )
    assert rows(db_path, "employers") == 2


def test_forget_map_goes_back_to_automatic_recognition(db, db_path, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("Structure;Identifiant\nRégie;85678901100033\n", encoding="utf-8")
    run("--database", db_path, "import", "employers", path, "--dry-run",
        "--map", "Structure=name", "--map", "Identifiant=siret")  # fmt: skip
    forgotten = run("--database", db_path, "import", "employers", path, "--forget-map")
    assert "Correspondance de colonnes mémorisée oubliée" in forgotten.stdout
    # Without the mapping, "Identifiant" is not a SIRET header: the file lacks a required column.
    assert forgotten.exit_code == 1 and "obligatoire" in forgotten.stderr
    again = run("--database", db_path, "import", "employers", path, "--forget-map")
    assert "Aucune correspondance de colonnes mémorisée" in again.stdout
    assert rows(db_path, "employers") == 0


def test_mapping_refused_by_the_file_is_not_remembered(db, db_path, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("Structure;SIRET\nRégie;85678901100033\n", encoding="utf-8")
    bad = run("--database", db_path, "import", "employers", path, "--map", "Absente=name")
    assert bad.exit_code == 1 and "Absente" in bad.stderr
    plain = run("--database", db_path, "import", "employers", path)
    assert plain.exit_code == 0, plain.output
    assert "mémorisée" not in plain.stdout


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_interrupted_export_keeps_the_previous_file(db, db_path, tmp_path, monkeypatch, suffix):
    run("--database", db_path, "import", "youths", DATA / "jeunes_excel.csv")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"jeunes{suffix}"
    target.write_bytes(b"export de la semaine derniere")
    interrupted_writes(monkeypatch, KeyboardInterrupt(), after=2)
    stopped = run("--database", db_path, "export", "youths", target)
    assert stopped.exit_code == 130
    assert stopped.stderr == f"Erreur : export interrompu : « {target} » n'a pas été modifié.\n"
    interrupted_writes(monkeypatch, DataFileError("écriture impossible (disque plein)"))
    failed = run("--database", db_path, "export", "youths", target)
    assert failed.exit_code == 1
    assert failed.stderr == (
        f"Erreur : Fichier « {target} » : écriture impossible (disque plein)\n"
    )
    assert target.read_bytes() == b"export de la semaine derniere"
    assert list(folder.iterdir()) == [target]  # no side file left behind


def _one_bad_row_file(tmp_path: Path) -> Path:
    path = tmp_path / "employeurs.csv"
    path.write_text(
        "Raison sociale;SIRET\nRégie de quartier;85678901100033\nSans SIRET valide;123\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("target", ["base", "wal", "sauvegarde", "lien", "source"])
def test_rejects_report_never_overwrites_the_base_or_its_backups(db, db_path, tmp_path, target):
    source = _one_bad_row_file(tmp_path)
    backup = db.backup("manuelle")
    db.close()
    link = tmp_path / "rapport.csv"
    link.symlink_to(db_path)
    paths = {
        "base": db_path,
        "wal": Path(f"{db_path}-wal"),
        "sauvegarde": backup,
        "lien": link,
        "source": source,
    }
    before = db_path.read_bytes()
    result = run(
        "--database",
        db_path,
        "import",
        "employers",
        source,
        "--skip-invalid",
        "--rejects",
        paths[target],
    )
    assert result.exit_code == 1
    assert "ne peut pas être écrit" in result.stderr
    assert db_path.read_bytes() == before
    assert backup.read_bytes().startswith(b"SQLite format 3")
    assert rows(db_path, "employers") == 0


def test_a_link_pre_placed_at_the_default_report_name_is_not_followed(db, db_path, tmp_path):
    source = _one_bad_row_file(tmp_path)
    victim = tmp_path / "victime.txt"
    victim.write_text("intact")
    (tmp_path / "employeurs-rejets.csv").symlink_to(victim)
    result = run("--database", db_path, "import", "employers", source, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "intact"
    report = tmp_path / "employeurs-rejets.csv"
    assert not report.is_symlink() and "Sans SIRET valide" in report.read_text("utf-8-sig")


def test_export_never_writes_through_a_link_to_the_base(db, db_path, tmp_path):
    db.close()
    link = tmp_path / "jeunes.csv"
    link.symlink_to(db_path)
    before = db_path.read_bytes()
    result = run("--database", db_path, "export", "youths", link)
    assert result.exit_code == 1 and "ne peut pas être écrit" in result.stderr
    assert db_path.read_bytes() == before
