"""The layers hold: the import-linter contracts of pyproject.toml, and the CLI's lazy UI import."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = "Layers, from the command line down to the domain"
QT = "Qt (PySide6, shiboken6) is imported by the UI package only"


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("lint-imports est introuvable : pip install -e '.[test]' (import-linter).")
    # The package is found from `root`, whatever is installed in the environment.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [found, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_every_import_contract_is_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "domain/values.py",
            "import sqlalchemy",
            "The domain is pure: no database, Qt, files or settings",
        ),
        ("services/lookup.py", "from PySide6 import QtCore", QT),
        ("reports/theme.py", "from essdesk.db import models", LAYERS),
        ("exchange/writers.py", "from essdesk.services import lookup", LAYERS),
    ],
)
def test_a_crossing_import_breaks_its_contract(tmp_path, module, line, contract):
    """The contracts are not vacuous: one forbidden import in a copy of the package is caught."""
    shutil.copytree(ROOT / "essdesk", tmp_path / "essdesk", ignore=shutil.ignore_patterns("*.pyc"))
    path = tmp_path / "essdesk" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith(" BROKEN")]
    assert broken == [f"{contract} BROKEN"], result.stdout


def test_cli_imports_the_ui_only_inside_functions():
    """`essdesk --help` and every command but the window start without loading Qt."""
    for path in (ROOT / "essdesk" / "cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: import-linter sees lazy imports as well
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                assert not name.startswith(("essdesk.ui", "PySide6")), f"{path.name}: {name}"
