"""The data files the app needs: listed once, all shipped, and a missing one is reported."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

from click.testing import CliRunner

import essdesk.resources as resources
from essdesk.cli import main
from essdesk.resources import RESOURCES, Resource, check_resources

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "essdesk"


def test_the_source_tree_has_every_file():
    assert check_resources() == []


def test_every_data_file_of_the_package_is_listed():
    # A data file added to the package but not to RESOURCES would be left out of the frozen
    # build (the spec takes its data files from that list): it fails here first.
    listed = {r.relative for r in RESOURCES}
    data = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert data - listed == set()
    assert all((PACKAGE / relative).is_file() for relative in listed)


def test_every_listed_file_goes_into_the_wheel():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["essdesk"]
    left_out = [
        r.relative
        for r in RESOURCES
        if not any(fnmatch.fnmatch(r.relative, pattern) for pattern in package_data)
    ]
    assert left_out == []


def _copy_of_the_package(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "essdesk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(resources, "PACKAGE_DIR", copy)
    monkeypatch.setattr(resources, "MIGRATIONS_DIR", copy / "db" / "migrations")
    return copy


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    copy = _copy_of_the_package(tmp_path, monkeypatch)
    (copy / "domain" / "schemes" / "smic.csv").unlink()
    (copy / "resources" / "guide" / "import.html").write_bytes(b"")  # empty counts as missing
    missing = check_resources()
    assert len(missing) == 2
    assert missing[0].startswith("barème du SMIC : ") and missing[0].endswith("smic.csv")
    assert missing[1].startswith("guide : import : ")


def test_a_missing_migration_breaks_the_chain(tmp_path, monkeypatch):
    copy = _copy_of_the_package(tmp_path, monkeypatch)
    (copy / "db" / "migrations" / "versions" / "0005_natural_key_indexes.py").unlink()
    missing = check_resources()
    assert len(missing) == 1
    assert missing[0].startswith("migrations de la base : ")


def test_qt_french_translation_is_required(tmp_path, monkeypatch):
    assert resources.qt_french_translation().name == "qtbase_fr.qm"
    monkeypatch.setattr(resources, "qt_translations_dirs", lambda: [tmp_path])
    assert check_resources(qt=False) == []
    assert check_resources() == [f"traduction française de Qt : qtbase_fr.qm absent de {tmp_path}"]


def test_doctor_says_the_installation_is_complete():
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert f"Dossier des fichiers de l'application : {PACKAGE}" in result.output
    assert f"Fichiers de l'application : {len(RESOURCES)} présents" in result.output


def test_doctor_fails_on_a_missing_file(monkeypatch):
    monkeypatch.setattr(
        resources, "RESOURCES", (*RESOURCES, Resource("logo perdu", "resources/icons/perdu.svg"))
    )
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 2
    assert f"  - logo perdu : {PACKAGE / 'resources/icons/perdu.svg'}" in result.stderr
    assert "Erreur : installation incomplète (1 problème) : réinstallez ESS Desk." in (
        result.stderr
    )
