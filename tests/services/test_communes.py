"""The communes table: all-or-nothing import, re-import without duplicates, territory lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.errors import DataFileError
from essdesk.services.communes import TerritoryResolver, import_communes
from essdesk.services.imports import ImportRejected

DATA = Path(__file__).parent.parent / "data" / "communes"


def count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(m.Commune.id)))


def test_import_then_reimport_changes_nothing(db):
    result = import_communes(db, DATA / "communes.csv")
    assert (result.created, result.updated, result.skipped) == (4, 0, 0)
    again = import_communes(db, DATA / "communes.csv")
    assert (again.created, again.updated, again.skipped) == (0, 0, 4)
    assert count(db) == 4
    with db.session() as s:
        mens = s.scalar(select(m.Commune).where(m.Commune.insee_code == "38226"))
        assert (mens.territory, mens.rural_zone, mens.has_qpv) == ("rural", True, False)
        resolver = TerritoryResolver.load(s)
    assert resolver.territory("38000", "GRENOBLE") == "urban"
    assert resolver.territory("38500", None) == "peri_urban"  # one type for the postcode
    assert resolver.territory("38710", "Saint-Jean") == "rural"
    assert resolver.territory("75001", "Paris") is None


def test_invalid_lines_write_nothing_and_say_where(db):
    with pytest.raises(ImportRejected) as caught:
        import_communes(db, DATA / "communes_invalides.csv")
    detail = caught.value.detail
    assert "Import refusé : 3 lignes invalides sur 4" in caught.value.message
    assert (
        "ligne 3, colonne « Type de territoire » : type de territoire « banlieue » inconnu"
        in detail
    )
    assert "ligne 4, colonne « Code postal »" in detail
    assert "ligne 5, colonne « Code INSEE » : doublon de la ligne 2" in detail
    assert count(db) == 0


def test_missing_column_and_xlsx(db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["INSEE", "CP", "Nom", "Typologie"])
    sheet.append(["38421", "38400", "Saint-Martin-d'Hères", "urbain"])
    book.save(tmp_path / "communes.xlsx")
    assert import_communes(db, tmp_path / "communes.xlsx").created == 1
    (tmp_path / "sans_type.csv").write_text("Code INSEE;Code postal;Commune\n38421;38400;SMH\n")
    with pytest.raises(
        DataFileError,
        match="ligne 1 : colonne\\(s\\) obligatoire\\(s\\) absente\\(s\\) : Type de territoire",
    ):
        import_communes(db, tmp_path / "sans_type.csv")


def test_command_line_import(db, db_path):
    runner = CliRunner()
    bad = runner.invoke(
        main,
        ["--database", str(db_path), "import", "communes", str(DATA / "communes_invalides.csv")],
    )
    assert bad.exit_code == 3
    assert "rien n'a été enregistré" in bad.stderr
    ok = runner.invoke(
        main, ["--database", str(db_path), "import", "communes", str(DATA / "communes.csv")]
    )
    assert ok.exit_code == 0, ok.output
    assert "Communes — créations : 4 ; mises à jour : 0 ; déjà à jour : 0." in ok.stdout
    assert count(db) == 4
