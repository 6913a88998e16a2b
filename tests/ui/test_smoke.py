"""`essdesk --database FILE --smoke-test`: every screen shown once, status 0; any error fails it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.main_window import AREAS
from essdesk.ui.smoke import SmokeTest, answer_dialogs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_base(db_path):
    db = open_database(str(db_path))
    fill_demo_data(db, youths=60, seed=3)
    db.close()
    return db_path


def _run_from_source(database: Path, data_dir: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "ESSDESK_DATA_DIR": str(data_dir),
        **extra,
    }
    env.pop("ESSDESK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "essdesk", "--database", str(database), "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


def test_smoke_test_shows_every_screen_and_quits_with_status_0(demo_base, tmp_path):
    screens = tmp_path / "ecrans"
    result = _run_from_source(
        demo_base, tmp_path / "donnees", ESSDESK_SMOKE_SCREENSHOTS=str(screens)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pictures = sorted(p.name for p in screens.glob("*.png"))
    assert pictures == [f"{n:02d}-{key}.png" for n, (key, _label) in enumerate(AREAS, 1)]
    shown = [line for line in result.stdout.splitlines() if line.startswith("Écran affiché : ")]
    assert shown == [f"Écran affiché : {label}" for _key, label in AREAS]
    assert "Test de démarrage réussi : 10 écrans affichés en " in result.stdout
    assert "Erreur" not in result.stderr


def test_a_base_that_asks_for_a_key_fails_at_once_in_french(tmp_path):
    unreadable = tmp_path / "illisible.sqlite3"
    unreadable.write_bytes(bytes(range(256)) * 20)  # neither SQLite in clear nor a known key
    result = _run_from_source(unreadable, tmp_path / "donnees")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Erreur : test de démarrage échoué, ouverture de la base : "
        "une fenêtre attend une réponse (« Base chiffrée »)"
    )
    log = (tmp_path / "donnees" / "journaux" / "essdesk.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "KeyNeeded" in log


def test_a_missing_base_argument_is_refused(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ESSDESK_DATA_DIR": str(tmp_path)}
    env.pop("ESSDESK_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "essdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Erreur : --smoke-test demande --database FICHIER (une base d'essai)."
    )


def test_a_screen_that_fails_to_load_fails_the_smoke_test(qtbot, demo_base, monkeypatch):
    from essdesk.services.events import review

    def broken(_db):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(review, "list_events", broken)  # the reports screen's subjects
    make_application()
    smoke = SmokeTest(str(demo_base), timeout_s=60, on_finished=lambda: None)
    restore = answer_dialogs(smoke.fail)
    try:
        smoke.start()
        qtbot.waitUntil(lambda: smoke.finished, timeout=60000)
        qtbot.waitUntil(lambda: worker.running() == 0 and not smoke.window.isVisible())
        QThreadPool.globalInstance().waitForDone()
    finally:
        restore()
    assert len(smoke.failures) == 1
    # A screen reads the base when first shown: the failure names the screen that broke.
    assert smoke.failures[0].startswith(
        "écran « Rapports » : Erreur inattendue (RuntimeError) : l'opération n'a pas abouti."
    )
    assert smoke.shown[-1] == "reports"  # stopped there, not going on through the screens


def test_smoke_test_with_a_command_is_refused(tmp_path):
    from click.testing import CliRunner

    from essdesk.cli import main

    result = CliRunner().invoke(
        main, ["--database", str(tmp_path / "b.sqlite3"), "--smoke-test", "check"]
    )
    assert result.exit_code == 1
    assert "Erreur : --smoke-test s'emploie seul, sans commande" in result.stderr
    assert not (tmp_path / "b.sqlite3").exists()


def test_a_missing_data_file_fails_before_the_window_opens(qtbot, monkeypatch, capsys, db_path):
    import essdesk.resources as resources
    from essdesk.ui.smoke import run_smoke_test

    lost = resources.Resource("guide : page perdue", "resources/guide/perdue.html")
    monkeypatch.setattr(resources, "RESOURCES", (*resources.RESOURCES, lost))
    assert run_smoke_test(str(db_path)) == 1
    assert (
        capsys.readouterr().err
        == f"Erreur : fichier manquant : guide : page perdue : {lost.path}\n"
    )
    assert not db_path.exists()  # nothing opened, nothing created
