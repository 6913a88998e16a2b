"""Tests of whole-file validation: every row checked, every problem named by line and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from essdesk.domain.values import ContractType, Qualification
from essdesk.errors import DataFileError
from essdesk.exchange.schemas import SCHEMAS, Problem, record_key, validate_rows
from essdesk.exchange.tabular import read_table

DATA = Path(__file__).parent.parent / "data" / "imports"


def table(tmp_path: Path, text: str, name: str = "f.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_table(path)


def test_sample_employers_names_line_5_column_siret():
    result = validate_rows(read_table(DATA / "employeurs_excel.csv"), "employers")
    assert result.problems == [Problem(5, "SIRET", "SIRET invalide (clé de contrôle)")]
    assert (
        str(result.problems[0]) == "ligne 5, colonne « SIRET » : SIRET invalide (clé de contrôle)"
    )
    assert [line for line, _ in result.records] == [2, 3, 4, 6]
    assert result.records[1][1]["phone"] == "+33476445566"  # stored in E.164
    assert result.unknown_columns == []
    assert result.rows_read == 5


def test_sample_youths_leap_day_and_iso_date():
    result = validate_rows(read_table(DATA / "jeunes_excel.csv"), "youths")
    assert result.ok
    records = dict(result.records)
    assert records[4]["birth_date"] == dt.date(2004, 2, 29)
    assert records[5]["birth_date"] == dt.date(2002, 7, 15)  # ISO accepted, not swapped
    assert records[2]["qualification_level"] == Qualification("V", 3)
    assert records[4]["qualification_level"] == Qualification("Vbis", 2)
    assert (records[3]["diploma_obtained"], records[3]["qpv"]) == (True, True)


def test_all_problems_are_reported_not_only_the_first(tmp_path):
    text = (
        "Nom;Prénom;Date de naissance;Code postal;RQTH\n"
        "Martin;Léna;31/02/2004;38000;Oui\n"
        ";Ryan;12/31/2001;380;peut-être\n"
        "Fournier;Maël;15/07/2002;38710;Non\n"
    )
    result = validate_rows(table(tmp_path, text), "youths")
    assert [(p.line, p.column) for p in result.problems] == [
        (2, "Date de naissance"),
        (3, "Nom"),
        (3, "Date de naissance"),
        (3, "Code postal"),
        (3, "RQTH"),
    ]
    assert result.problems[1].reason == "valeur obligatoire manquante"
    assert result.rejected_lines == [2, 3]
    assert [line for line, _ in result.records] == [4]


def test_duplicates_inside_the_file(tmp_path):
    text = "Raison sociale;SIRET\nA;41234567000126\nB;52345678800455\nA bis;412 345 670 00126\n"
    result = validate_rows(table(tmp_path, text), "employers")
    assert result.problems == [Problem(4, "SIRET", "doublon de la ligne 2 (même SIRET)")]


def test_youth_duplicates_ignore_case_accents_and_hyphens(tmp_path):
    text = (
        "Nom;Prénom;Date de naissance\n"
        "Nguyễn;Jean-Pierre;01/02/2003\n"
        "NGUYEN;jean pierre;2003-02-01\n"
        "Nguyen;Jean-Pierre;02/01/2003\n"
    )
    result = validate_rows(table(tmp_path, text), "youths")
    assert [(p.line, p.reason[:20]) for p in result.problems] == [(3, "doublon de la ligne ")]
    assert len(result.records) == 2


def test_missing_required_column_fails_the_whole_file(tmp_path):
    with pytest.raises(DataFileError) as info:
        validate_rows(table(tmp_path, "Nom;Prénom\nA;b\n"), "youths")
    assert info.value.line == 1
    assert "Date de naissance" in info.value.reason


def test_offers_need_an_employer_column_and_value(tmp_path):
    with pytest.raises(DataFileError, match="employeur"):
        validate_rows(table(tmp_path, "Intitulé du poste\nAnimateur\n"), "offers")
    text = (
        "SIRET;Employeur;Intitulé du poste;Type de contrat;Durée hebdomadaire;Date de publication;Code ROME;Nombre de postes\n"
        "41234567000126;;Animateur;CDD 6 mois;24h30;05/01/2024;G1203;2\n"
        ";Régie Teisseire;Agent d'entretien;PEC;26;;K2204;\n"
        ";;Éducateur;CDI;35;;;\n"
    )
    result = validate_rows(table(tmp_path, text), "offers")
    assert result.problems == [
        Problem(4, "SIRET / Employeur", "employeur manquant (SIRET ou raison sociale)")
    ]
    first = dict(result.records)[2]
    assert first["contract_type"] == ContractType.CDD.value  # the stored code
    assert first["weekly_hours"] == Decimal("24.5")
    assert first["publication_date"] == dt.date(2024, 1, 5)
    assert first["positions"] == 2
    assert dict(result.records)[3]["publication_date"] is None


def test_bad_siret_of_an_offer_is_reported_once(tmp_path):
    text = "SIRET;Intitulé du poste\n74567890402308;Animateur\n"
    result = validate_rows(table(tmp_path, text), "offers")
    assert result.problems == [Problem(2, "SIRET", "SIRET invalide (clé de contrôle)")]


def test_mapping_given_as_strings(tmp_path):
    text = "Structure;Identifiant;Couleur\nRégie;41234567000126;bleu\n"
    result = validate_rows(table(tmp_path, text), "employers", ["Identifiant=siret"])
    assert result.records == [(2, {"name": "Régie", "siret": "41234567000126"})]
    assert result.unknown_columns == ["Couleur"]


def test_empty_optional_cells_are_none(tmp_path):
    text = "Raison sociale;SIRET;Téléphone\nRégie;41234567000126;\n"
    result = validate_rows(table(tmp_path, text), "employers")
    assert result.records == [(2, {"name": "Régie", "siret": "41234567000126", "phone": None})]


def test_rome_and_contacts(tmp_path):
    rome = validate_rows(
        table(
            tmp_path,
            "Code ROME;Libellé\nk1207;Intervention socioéducative\nK12;Travail social\nK1;x\n",
        ),
        "rome",
    )
    assert rome.records == [
        (2, {"code": "K1207", "label": "Intervention socioéducative"}),
        (3, {"code": "K12", "label": "Travail social"}),
    ]
    assert [p.line for p in rome.problems] == [4]
    contacts = validate_rows(
        table(
            tmp_path,
            "SIRET;Nom;Prénom;Fonction;Courriel\n41234567000126;Durand;Anne;Directrice;anne@x.fr\n",
            "c.csv",
        ),
        "contacts",
    )
    assert contacts.ok
    assert record_key("contacts", contacts.records[0][1]) == ("41234567000126", "durand", "anne")


def test_xlsx_rows_validate_like_csv(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Date de naissance", "Code postal", "RQTH"])
    sheet.append(["Martin", "Léna", dt.datetime(2003, 3, 14), 1000, True])
    path = tmp_path / "j.xlsx"
    workbook.save(path)
    result = validate_rows(read_table(path), "youths")
    assert result.records == [
        (
            2,
            {
                "last_name": "Martin",
                "first_name": "Léna",
                "birth_date": dt.date(2003, 3, 14),
                "postcode": "01000",
                "rqth": True,
            },
        )
    ]


def test_progress_is_reported(tmp_path):
    lines = "".join("Code;Libellé\n" if i == 0 else f"K{i:04d};Fiche {i}\n" for i in range(2501))
    seen: list[int] = []
    result = validate_rows(table(tmp_path, lines), "rome", progress=seen.append)
    assert seen == [1000, 2000]
    assert len(result.records) == 2500


def test_every_schema_has_its_key_fields():
    for schema in SCHEMAS.values():
        assert set(schema.key_fields) <= set(schema.fields)
        assert any(spec.required for spec in schema.fields.values())
