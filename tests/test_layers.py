"""The layers hold: PySide6 is imported only by the UI package (and the entry point, lazily)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "essdesk"
QT_MODULES = ("PySide6", "shiboken6")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_qt_only_in_the_ui_package():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        for line, module in _imports(path):
            if module.split(".")[0] in QT_MODULES or (
                module.startswith("essdesk.ui") and relative.parts[0] not in ("cli",)
            ):
                offenders.append(f"{relative}:{line} imports {module}")
    assert offenders == []


def test_cli_imports_the_ui_only_inside_functions():
    for path in (PACKAGE / "cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("essdesk.ui", "PySide6")), path


def test_domain_is_pure():
    for path in (PACKAGE / "domain").rglob("*.py"):
        for line, module in _imports(path):
            root = module.split(".")[0]
            assert root not in ("sqlalchemy", "alembic", "PySide6"), f"{path.name}:{line} {module}"
            assert not module.startswith(("essdesk.db", "essdesk.services", "essdesk.ui")), (
                f"{path.name}:{line} {module}"
            )
