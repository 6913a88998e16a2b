"""The code stays ruff-clean: lint and format are checked with the rest of the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREES = ["essdesk", "tests", "benchmarks"]


def _ruff() -> list[str]:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.fail(
            "ruff est introuvable : installez les extras de test (pip install -e '.[test]')."
        )
    return [found]


def test_ruff_check():
    result = subprocess.run([*_ruff(), "check", *TREES], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = subprocess.run(
        [*_ruff(), "format", "--check", *TREES], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_the_domain():
    # The pure rules and algorithms are fully typed; services and UI are not checked yet.
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if mypy is None:
        pytest.fail(
            "mypy est introuvable : installez les extras de test (pip install -e '.[test]')."
        )
    result = subprocess.run([mypy, "essdesk/domain"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
