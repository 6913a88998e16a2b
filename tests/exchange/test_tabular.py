"""Tests of the CSV/XLSX reader on files built like French Excel writes them."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest
from openpyxl import Workbook

from essdesk.errors import DataFileError
from essdesk.exchange.tabular import Row, cell_to_text, read_table

DATA = Path(__file__).parent.parent / "data" / "imports"

TEXT = (
    "Raison sociale;SIRET;Commune\r\n"
    "Coopérative L'Épicerie;52345678800455;Saint-Martin-d'Hères\r\n"
    "Régie de quartier Teisseire;85678901100033;Échirolles\r\n"
)
EXPECTED = [
    Row(
        2,
        {
            "Raison sociale": "Coopérative L'Épicerie",
            "SIRET": "52345678800455",
            "Commune": "Saint-Martin-d'Hères",
        },
    ),
    Row(
        3,
        {
            "Raison sociale": "Régie de quartier Teisseire",
            "SIRET": "85678901100033",
            "Commune": "Échirolles",
        },
    ),
]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")],
)
def test_each_encoding_is_detected_and_decoded(tmp_path, encoding, detected):
    table = read_table(write(tmp_path, "e.csv", TEXT, encoding))
    assert table.encoding == detected
    assert table.headers == ["Raison sociale", "SIRET", "Commune"]
    assert list(table) == EXPECTED


def test_bom_is_not_part_of_the_first_header(tmp_path):
    table = read_table(write(tmp_path, "e.csv", "Nom;Prénom\nMartin;Léna\n", "utf-8-sig"))
    assert table.headers[0] == "Nom"


def test_cp1252_euro_and_ligatures(tmp_path):
    text = "Nom;Salaire\r\nŒuvre de l'Été;1 800 €\r\n"
    table = read_table(write(tmp_path, "e.csv", text, "cp1252"))
    assert table.encoding == "cp1252"
    assert list(table)[0].values == {"Nom": "Œuvre de l'Été", "Salaire": "1 800 €"}


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_separator_is_detected(tmp_path, delimiter):
    table = read_table(write(tmp_path, "e.csv", TEXT.replace(";", delimiter)))
    assert table.delimiter == delimiter
    assert list(table) == EXPECTED


def test_tsv_suffix_means_tab(tmp_path):
    table = read_table(write(tmp_path, "e.tsv", TEXT.replace(";", "\t")))
    assert table.delimiter == "\t"
    assert list(table) == EXPECTED


def test_txt_suffix_is_read_as_csv(tmp_path):
    assert list(read_table(write(tmp_path, "e.txt", TEXT))) == EXPECTED


def test_comma_inside_cells_does_not_fool_the_separator_detection(tmp_path):
    text = "Nom;Adresse\nA;1, rue de la Paix, Grenoble\nB;2, place Victor Hugo\n"
    table = read_table(write(tmp_path, "e.csv", text))
    assert table.delimiter == ";"
    assert list(table)[0].values["Adresse"] == "1, rue de la Paix, Grenoble"


def test_quoted_separators_newlines_and_quotes(tmp_path):
    text = (
        "Nom;Adresse;Remarque\r\n"
        '"Dupont; et fils";"12 rue A;\r\nbât. B";"dit ""le grand"""\r\n'
        "Suivant;x;y\r\n"
    )
    rows = list(read_table(write(tmp_path, "e.csv", text)))
    assert rows[0].values == {
        "Nom": "Dupont; et fils",
        "Adresse": "12 rue A;\r\nbât. B",
        "Remarque": 'dit "le grand"',
    }
    # Numbering follows Excel's rows, not the physical lines of a multi-line cell.
    assert [r.line for r in rows] == [2, 3]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings(tmp_path, newline):
    table = read_table(write(tmp_path, "e.csv", TEXT.replace("\r\n", newline)))
    assert list(table) == EXPECTED


def test_empty_lines_are_skipped_but_counted(tmp_path):
    text = "Nom;Prénom\r\nA;a\r\n\r\n;;\r\n  ;  \r\nB;b\r\n\r\n\r\n;\r\n"
    rows = list(read_table(write(tmp_path, "e.csv", text)))
    assert [(r.line, r.values["Nom"]) for r in rows] == [(2, "A"), (6, "B")]


def test_cells_and_headers_are_stripped(tmp_path):
    text = "  Nom ; Prénom  \n  Martin  ;\tLéna \n"
    table = read_table(write(tmp_path, "e.csv", text))
    assert table.headers == ["Nom", "Prénom"]
    assert list(table)[0].values == {"Nom": "Martin", "Prénom": "Léna"}


def test_short_rows_get_empty_values_and_trailing_empty_columns_are_ignored(tmp_path):
    text = "Nom;Prénom;Ville;;\nMartin\nBouzid;Ryan;Mens;;\n"
    table = read_table(write(tmp_path, "e.csv", text))
    assert table.headers == ["Nom", "Prénom", "Ville"]
    assert [r.values for r in table] == [
        {"Nom": "Martin", "Prénom": "", "Ville": ""},
        {"Nom": "Bouzid", "Prénom": "Ryan", "Ville": "Mens"},
    ]


def test_a_row_wider_than_the_header_is_an_error(tmp_path):
    table = read_table(write(tmp_path, "e.csv", "Nom;Prénom\nA;a\nB;b;surplus\n"))
    with pytest.raises(DataFileError) as info:
        list(table)
    assert info.value.line == 3
    assert "colonnes" in info.value.reason


def test_duplicate_header_is_an_error(tmp_path):
    with pytest.raises(DataFileError) as info:
        read_table(write(tmp_path, "e.csv", "Nom;Prénom;nom\nA;b;c\n"))
    assert info.value.line == 1
    assert "deux fois" in info.value.reason


def test_empty_header_between_columns_is_an_error(tmp_path):
    with pytest.raises(DataFileError) as info:
        read_table(write(tmp_path, "e.csv", "Nom;;Prénom\nA;x;b\n"))
    assert "n° 2" in info.value.reason


@pytest.mark.parametrize("text", ["", "\r\n\r\n", ";;\r\n"])
def test_empty_file_is_an_error(tmp_path, text):
    with pytest.raises(DataFileError, match="vide"):
        read_table(write(tmp_path, "e.csv", text))


def test_header_only_file_has_no_rows(tmp_path):
    table = read_table(write(tmp_path, "e.csv", "Nom;Prénom\r\n"))
    assert table.headers == ["Nom", "Prénom"]
    assert list(table) == []


def test_single_column_file(tmp_path):
    table = read_table(write(tmp_path, "e.csv", "Code ROME\nK1207\nK1201\n"))
    assert [r.values["Code ROME"] for r in table] == ["K1207", "K1201"]


def test_utf16_and_unknown_bytes_are_refused(tmp_path):
    with pytest.raises(DataFileError, match="UTF-16"):
        read_table(write(tmp_path, "a.csv", "Nom;Prénom\n", "utf-16"))
    path = tmp_path / "b.csv"
    path.write_bytes(b"Nom;Pr\x81nom\n")  # 0x81 is undefined in Windows-1252
    with pytest.raises(DataFileError, match="encodage"):
        read_table(path)


def test_unsupported_or_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="introuvable"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(DataFileError, match=r"\.xls"):
        read_table(write(tmp_path, "old.xls", "x"))
    with pytest.raises(DataFileError, match="non pris en charge"):
        read_table(write(tmp_path, "doc.pdf", "x"))


def test_table_can_be_iterated_twice(tmp_path):
    table = read_table(write(tmp_path, "e.csv", TEXT))
    assert list(table) == list(table) == EXPECTED


def make_xlsx(path: Path, rows: list[list[object]], title: str = "Feuil1") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_values_are_converted_to_text(tmp_path):
    path = make_xlsx(
        tmp_path / "e.xlsx",
        [
            ["Nom", "Date de naissance", "SIRET", "Durée", "Heures", "RQTH", "Vide"],
            [" Martin ", dt.datetime(2004, 2, 29), 52345678800455, 35.0, 17.5, True, None],
            ["Bouzid", dt.date(2001, 11, 2), "41234567000126", 24, 0.1, False, None],
        ],
    )
    table = read_table(path)
    assert table.encoding is None and table.delimiter is None
    assert [r.values for r in table] == [
        {
            "Nom": "Martin",
            "Date de naissance": "29/02/2004",
            "SIRET": "52345678800455",
            "Durée": "35",
            "Heures": "17.5",
            "RQTH": "Vrai",
            "Vide": "",
        },
        {
            "Nom": "Bouzid",
            "Date de naissance": "02/11/2001",
            "SIRET": "41234567000126",
            "Durée": "24",
            "Heures": "0.1",
            "RQTH": "Faux",
            "Vide": "",
        },
    ]


def test_xlsx_empty_rows_counted_and_sheet_choice(tmp_path):
    workbook = Workbook()
    first = workbook.active
    first.title = "Notes"
    first.append(["Rien"])
    second = workbook.create_sheet("Jeunes")
    for row in (["Nom"], ["A"], [None], ["B"]):
        second.append(row)
    path = tmp_path / "e.xlsx"
    workbook.save(path)
    rows = list(read_table(path, sheet="Jeunes"))
    assert [(r.line, r.values["Nom"]) for r in rows] == [(2, "A"), (4, "B")]
    assert read_table(path).headers == ["Rien"]
    with pytest.raises(DataFileError, match="Jeunes"):
        read_table(path, sheet="Absente")


def test_damaged_xlsx_is_an_error(tmp_path):
    with pytest.raises(DataFileError, match="illisible"):
        read_table(write(tmp_path, "e.xlsx", "pas un classeur"))


def test_cell_to_text():
    assert cell_to_text(dt.datetime(2024, 1, 5, 14, 30)) == "05/01/2024 14:30"
    assert cell_to_text(dt.time(9, 5)) == "09:05"
    assert cell_to_text(1e20) == "100000000000000000000"
    assert cell_to_text(-2.5) == "-2.5"


def test_sample_employers_windows_1252():
    table = read_table(DATA / "employeurs_excel.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers == [
        "Employeur",
        "SIRET",
        "Forme juridique",
        "Code postal",
        "Commune",
        "Tél.",
        "Courriel",
    ]
    rows = list(table)
    assert [r.line for r in rows] == [2, 3, 4, 5, 6]
    assert rows[0].values["Employeur"] == "Association Sport pour Tous Écrin"
    assert rows[3].values["SIRET"] == "74567890402308"


def test_sample_youths_utf8_bom():
    table = read_table(DATA / "jeunes_excel.csv")
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.headers[:3] == ["Nom", "Prénom", "Date de naissance"]
    rows = list(table)
    assert rows[2].values["Nom"] == "Nguyễn"
    assert rows[3].line == 5
    assert rows[3].values["Date de naissance"] == "2002-07-15"


def test_large_file_is_streamed(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="cp1252", newline="") as f:
        f.write("Raison sociale;SIRET;Commune\r\n")
        for i in range(50_000):
            f.write(f"Régie n° {i};{i:014d};Grenoble\r\n")
    table = read_table(path)
    tracemalloc.start()
    count = sum(1 for _ in table)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 50_000
    # The file is ~2 MB; holding all rows as dicts would take far more than this.
    assert peak < 2_000_000


def test_the_exports_formula_mark_is_removed_in_csv_and_xlsx(tmp_path):
    # writers.protect_text wrote these; an apostrophe before anything else is the user's own.
    cells = ["'+33 1 49 42 65 11", "'=Régie", "'-Martin", "'@coop", "'Tis", "''=x"]
    expected = ["+33 1 49 42 65 11", "=Régie", "-Martin", "@coop", "'Tis", "''=x"]
    headers = [f"C{i}" for i in range(len(cells))]
    csv_path = tmp_path / "e.csv"
    csv_path.write_text(";".join(headers) + "\r\n" + ";".join(cells) + "\r\n", encoding="utf-8")
    workbook = Workbook()
    workbook.active.append(headers)
    workbook.active.append(cells)  # as Excel saves a protected CSV opened then kept as .xlsx
    workbook.save(tmp_path / "e.xlsx")
    for path in (csv_path, tmp_path / "e.xlsx"):
        assert list(read_table(path)) == [Row(2, dict(zip(headers, expected, strict=True)))]
