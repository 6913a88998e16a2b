"""Files built to hurt: open quotes, mixed encodings, oversized sheets, lines and cells."""

from __future__ import annotations

import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.values import ValueProblem, parse_long_text, parse_siret, parse_text
from essdesk.errors import DataFileError
from essdesk.exchange import csv_reading
from essdesk.exchange.tabular import read_table
from essdesk.services.imports import ImportCancelled, ImportRejected, import_file

HEADER = "Raison sociale;SIRET;Notes\n"


def _employers(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(m.Employer))


def test_an_unclosed_quote_is_an_error_naming_its_line_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(
        HEADER
        + "Régie A;85678901100033;ok\n"
        + 'Régie B;52345678800455;"ouverte\n'
        + "Régie C;41234567000126;x\n"
        + "Régie D;63456789500079;y\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="guillemet") as refused:
        import_file(db, "employers", path)
    assert refused.value.line == 3  # where the quote opens
    assert _employers(db) == 0


def test_a_quote_that_swallows_rows_in_the_middle_is_refused(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(
        HEADER
        + 'Régie B;52345678800455;"ouverte\n'
        + "Régie C;41234567000126;x\n"
        + 'Régie D;63456789500079;fin"\n'
        + "Régie E;85678901100033;z\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="guillemet") as refused:
        list(read_table(path))
    assert refused.value.line == 2


def test_a_note_on_two_lines_is_still_read(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(
        HEADER + 'Régie B;52345678800455;"première ligne\nseconde ligne"\nRégie C;1;x\n',
        encoding="utf-8",
    )
    rows = list(read_table(path))
    assert rows[0].values["Notes"] == "première ligne\nseconde ligne"
    assert rows[1].values["Raison sociale"] == "Régie C"


def test_bom_then_a_windows_1252_byte_is_a_french_error_with_its_line(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + HEADER.encode() + "Épicerie;1;x\n".encode() + b"R\xe9gie;2;y\n"
    )
    with pytest.raises(DataFileError, match="UTF-8") as refused:
        read_table(path)
    assert refused.value.line == 3


def test_utf8_and_windows_1252_lines_mixed_are_refused_where_it_changes(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(HEADER.encode() + "Épicerie;1;x\n".encode() + "Régie;2;y\n".encode("cp1252"))
    with pytest.raises(DataFileError, match="mélange deux encodages") as refused:
        read_table(path)
    assert refused.value.line == 3
    assert "ligne 2 en UTF-8" in str(refused.value)


def test_a_50_mb_header_line_is_refused_quickly_with_a_short_message(tmp_path):
    path = tmp_path / "e.csv"
    with path.open("wb") as f:
        for _ in range(50):
            f.write(b"Colonne;" * (1024 * 1024 // 8))
        f.write(b"\n")
    tracemalloc.start()
    try:
        with pytest.raises(DataFileError, match="ligne trop longue") as refused:
            read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert len(str(refused.value)) < 300


def test_a_cell_too_long_names_line_and_column(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + f"Régie;1;{'x' * 20_000}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="cellule trop longue") as refused:
        list(read_table(path))
    assert (refused.value.line, refused.value.column) == (2, "Notes")
    assert len(str(refused.value)) < 300


def test_too_many_columns_are_refused(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(";".join(f"C{i}" for i in range(500)) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="trop de colonnes"):
        read_table(path)


def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + "Régie;1;x\n" * 1000, encoding="utf-8")
    monkeypatch.setattr(csv_reading, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DataFileError, match="trop volumineux"):
        read_table(path)


def _declared_huge_sheet(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Raison sociale", "SIRET"])
    sheet.append(["Régie", "85678901100033"])
    workbook.save(path)
    # Rewrite the sheet's declared dimension as a hostile file does (1.8 KB for a whole sheet).
    source = zipfile.ZipFile(path)
    parts = {info.filename: source.read(info) for info in source.infolist()}
    source.close()
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(
        b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>'
    )
    assert b"XFD1048576" in parts[name]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for filename, data in parts.items():
            target.writestr(filename, data)


def test_an_xlsx_declaring_a_whole_sheet_is_refused_at_once(tmp_path):
    path = tmp_path / "e.xlsx"
    _declared_huge_sheet(path)
    started = time.perf_counter()
    with pytest.raises(DataFileError, match="déclare 1 048 576 lignes"):
        read_table(path)
    assert time.perf_counter() - started < 2


def test_an_xlsx_that_unpacks_to_a_gigabyte_is_refused_before_reading(tmp_path):
    path = tmp_path / "e.xlsx"
    workbook = Workbook()
    workbook.active.append(["Raison sociale", "SIRET"])
    workbook.save(path)
    block = b"<si><t>" + b"A" * (1024 * 1024) + b"</t></si>"
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/bombe.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(600):
            member.write(block)
    assert path.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(DataFileError, match="trop volumineux une fois décompressé"):
        read_table(path)


def test_blank_rows_still_reach_the_cancel_check(db, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + ";;\n" * 50_000 + "Régie;85678901100033;x\n", encoding="utf-8")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ImportCancelled):
        import_file(db, "employers", path, cancelled=cancelled)
    assert _employers(db) == 0


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_in_text_fields(character):
    with pytest.raises(ValueProblem, match="interdit"):
        parse_text(f"Régie{character}Teisseire")
    with pytest.raises(ValueProblem, match="interdit"):
        parse_long_text(f"Note{character}")
    assert parse_long_text("Ligne 1\nLigne 2\tfin") == "Ligne 1\nLigne 2\tfin"


def test_a_control_character_in_a_file_rejects_its_row(db, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + "Régie\x1b[2J;85678901100033;x\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        import_file(db, "employers", path)
    assert "interdit" in refused.value.detail
    assert _employers(db) == 0


def test_a_nul_byte_in_a_csv_is_a_french_error(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(HEADER.encode() + b"R\x00gie;1;x\n")
    with pytest.raises(DataFileError, match="caractère nul") as refused:
        list(read_table(path))
    assert refused.value.line == 2


@pytest.mark.parametrize("siret", ["00000000000000", "000 000 000 00000"])
def test_siret_of_zeros_is_refused(siret):
    with pytest.raises(ValueProblem, match="aucune entreprise"):
        parse_siret(siret)
