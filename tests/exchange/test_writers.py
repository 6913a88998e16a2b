"""Tests of the Excel-friendly CSV and XLSX writers, read back by the project's own reader."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from essdesk.domain.values import ContractType
from essdesk.errors import DataFileError
from essdesk.exchange.tabular import read_table
from essdesk.exchange.writers import csv_cell, protect_text, write_csv, write_table, write_xlsx

HEADERS = ["Raison sociale", "Date", "Heures", "Postes", "Actif", "Note", "Contrat"]
ROWS = [
    [
        "Régie; « Teisseire »",
        dt.date(2024, 1, 5),
        Decimal("17.5"),
        2,
        True,
        '=HYPERLINK("x")',
        ContractType.CDI,
    ],
    ["+33 4 76", dt.date(2004, 2, 29), -3.25, -4, False, None, "@SUM(A1)"],
]


def test_csv_bytes_follow_excel_conventions(tmp_path):
    path = tmp_path / "e.csv"
    assert write_csv(path, HEADERS, ROWS) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Raison sociale;Date;Heures;Postes;Actif;Note;Contrat"
    assert lines[1] == '"Régie; « Teisseire »";05/01/2024;17,5;2;Oui;"\'=HYPERLINK(""x"")";CDI'
    assert lines[2] == "'+33 4 76;29/02/2004;-3,25;-4;Non;;'@SUM(A1)"
    assert lines[3] == ""
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_round_trips_through_the_reader(tmp_path):
    path = tmp_path / "e.csv"
    write_csv(path, HEADERS, ROWS)
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.headers == HEADERS
    first = next(iter(table))
    assert first.values["Raison sociale"] == "Régie; « Teisseire »"
    assert first.values["Date"] == "05/01/2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-x", "'-x"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_protection(text, expected):
    assert protect_text(text) == expected


def test_numbers_are_not_protected():
    assert csv_cell(-5) == "-5"
    assert csv_cell(Decimal("-1234.50")) == "-1234,50"
    assert csv_cell(35.0) == "35"
    assert csv_cell(Decimal("35.00")) == "35"
    assert csv_cell(dt.datetime(2024, 1, 5, 9, 30)) == "05/01/2024 09:30"


def test_xlsx_real_dates_numbers_and_text(tmp_path):
    path = tmp_path / "e.xlsx"
    assert write_xlsx(path, HEADERS, ROWS) == 2
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header == HEADERS
    assert sheet["A1"].font.b
    row = sheet[2]
    assert row[1].value == dt.datetime(2024, 1, 5)
    assert row[1].number_format == "DD/MM/YYYY"
    assert row[2].value == 17.5 and row[2].data_type == "n"
    assert row[4].value is True
    # A formula-like string stays a string: never a formula Excel would run.
    assert row[5].value == '=HYPERLINK("x")' and row[5].data_type == "s"
    assert row[6].value == "CDI"
    assert sheet[3][0].value == "+33 4 76" and sheet[3][0].data_type == "s"
    assert sheet[3][3].value == -4
    assert sheet[3][6].data_type == "s"
    assert sheet.freeze_panes == "A2"


def test_xlsx_round_trips_through_the_reader(tmp_path):
    path = tmp_path / "e.xlsx"
    write_xlsx(path, HEADERS, ROWS)
    rows = list(read_table(path))
    assert rows[0].values["Date"] == "05/01/2024"
    assert rows[1].values["Postes"] == "-4"


def test_write_table_by_extension(tmp_path):
    assert write_table(tmp_path / "a.csv", ["A"], [["x"]]) == 1
    assert write_table(tmp_path / "a.xlsx", ["A"], [["x"]]) == 1
    with pytest.raises(DataFileError, match="extension"):
        write_table(tmp_path / "a.pdf", ["A"], [["x"]])


def test_unwritable_path(tmp_path):
    with pytest.raises(DataFileError, match="écriture impossible"):
        write_csv(tmp_path / "absent" / "a.csv", ["A"], [])


@pytest.mark.parametrize("failure", [RuntimeError("plus de disque"), KeyboardInterrupt()])
def test_interrupted_xlsx_leaves_no_open_stream_nor_temporary_file(tmp_path, monkeypatch, failure):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where openpyxl streams the sheet

    def rows():
        yield ["Régie", dt.date(2024, 1, 5)]
        raise failure

    with pytest.raises(type(failure)):
        write_xlsx(tmp_path / "x.xlsx", ["Nom", "Date"], rows())
    assert list(temp.iterdir()) == []
    assert not (tmp_path / "x.xlsx").exists()


def test_xlsx_export_drops_control_characters_pasted_into_a_field(tmp_path):
    path = tmp_path / "export.xlsx"
    write_xlsx(path, ["Nom", "Notes"], [["Régie\x01 de quartier", "ligne 1\x0bligne 2"]])
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("Régie de quartier", "ligne 1ligne 2")
