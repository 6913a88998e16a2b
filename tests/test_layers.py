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


# Package → the essdesk packages it must never import (see docs/architecture.md).
FORBIDDEN = {
    "exchange": ("essdesk.services", "essdesk.db", "essdesk.cli"),
    "reports": ("essdesk.services", "essdesk.db", "essdesk.cli"),
    "db": ("essdesk.services",),
}


def _all_imports(path: Path) -> list[tuple[int, str]]:
    """Module-level and lazy (in-function) imports alike: a lazy one still crosses the layer."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # « from essdesk import services » names the package in the alias.
            found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
    return found


def test_lower_layers_do_not_import_upper_ones():
    offenders = []
    for package, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / package).rglob("*.py"):
            for line, module in _all_imports(path):
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert offenders == []
