"""Report tables as spreadsheets: one sheet per table, real dates and numbers, never a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from essdesk.errors import DataFileError
from essdesk.exchange.report_tables import ReportTable, write_report_tables

TABLES = [
    ReportTable(
        "Synthèse",
        ["Indicateur", "Valeur"],
        [["Début", dt.date(2026, 3, 16)], ["Taux", Decimal("12.5")]],
    ),
    ReportTable(
        "Partenaires", ["Nom"], [['=HYPERLINK("x")'], ["Ligne\x01cassée"]], "Deux partenaires."
    ),
    ReportTable("Partenaires", ["Nom"], [], "Aucun."),
]


def test_xlsx_sheets_types_and_text(tmp_path):
    path = write_report_tables(tmp_path / "r.xlsx", "Bilan : test", TABLES)
    book = load_workbook(path)
    assert book.sheetnames == ["Synthèse", "Partenaires", "Partenaires (2)"]
    first = book["Synthèse"]
    assert first["A1"].value == "Bilan : test" and first["A2"].value == "Synthèse"
    assert (
        first["B5"].value == dt.datetime(2026, 3, 16) and first["B5"].number_format == "DD/MM/YYYY"
    )
    assert first["B6"].value == 12.5
    second = book["Partenaires"]
    assert second["A2"].value == "Deux partenaires."
    cell = second["A5"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"  # text, not a formula
    assert second["A6"].value == "Lignecassée"


def test_csv_sections_for_french_excel(tmp_path):
    path = write_report_tables(tmp_path / "r.csv", "Bilan", TABLES)
    text = path.read_bytes().decode("utf-8-sig")
    assert text.startswith(
        "Bilan\r\n\r\nSynthèse\r\nIndicateur;Valeur\r\nDébut;16/03/2026\r\nTaux;12,5\r\n"
    )
    assert "'=HYPERLINK" in text


def test_other_extensions_are_refused(tmp_path):
    with pytest.raises(DataFileError, match="extension « .ods » non prise en charge"):
        write_report_tables(tmp_path / "r.ods", "Bilan", TABLES)
