"""The frozen one-folder build: packaging/build.sh builds it and runs its smoke test.

Building takes minutes and most of the two cores, so it runs only when asked for:
ESSDESK_FROZEN_BUILD=1 (the bundle goes to ESSDESK_BUILD_DIR, default a temporary folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    os.environ.get("ESSDESK_FROZEN_BUILD") != "1",
    reason="construction PyInstaller (plusieurs minutes) : ESSDESK_FROZEN_BUILD=1 pour la lancer",
)


@pytest.mark.timeout(3600)
def test_frozen_build_passes_its_smoke_test(tmp_path):
    from essdesk.ui.main_window import AREAS  # Qt only when the test runs

    kept = os.environ.get("ESSDESK_BUILD_DIR")
    build_dir = Path(kept) if kept else tmp_path / "frozen"
    env = {**os.environ, "PYTHON": sys.executable, "ESSDESK_BUILD_DIR": str(build_dir)}
    try:
        result = subprocess.run(
            ["bash", str(ROOT / "packaging" / "build.sh")],
            capture_output=True,
            text=True,
            env=env,
            timeout=3500,
        )
    finally:
        if not kept:  # about 500 MB: not left in the temporary folders pytest keeps
            shutil.rmtree(build_dir, ignore_errors=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "Fichiers de l'application : " in result.stdout  # essdesk doctor found them all
    assert "Intégrité : ok" in result.stdout
    assert "PDF vérifiés" in result.stdout
    for _key, label in AREAS:
        assert f"Écran affiché : {label}" in result.stdout
    assert "Test de l'application construite réussi" in result.stdout
