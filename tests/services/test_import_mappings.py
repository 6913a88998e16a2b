"""Remembered column mappings: found again for the same layout, never applied when stale."""

from __future__ import annotations

import json

from openpyxl import Workbook

from essdesk import settings
from essdesk.services.import_mappings import (
    KEPT_PER_ENTITY,
    automatic_mapping,
    describe_mapping,
    forget_mapping,
    inspect_file,
    layout_signature,
    proposed_mapping,
    remember_mapping,
    remembered_mapping,
)
from essdesk.settings import settings_path

HEADERS = ["Structure", "Identifiant", "Nom du référent"]
MAPPING = {"Structure": "name", "Identifiant": "siret", "Nom du référent": None}


def test_nothing_remembered_at_first():
    assert remembered_mapping("employers", HEADERS) is None


def test_same_layout_gets_its_mapping_back():
    remember_mapping("employers", HEADERS, MAPPING)
    assert remembered_mapping("employers", HEADERS) == MAPPING
    # Stored in the preferences file shared with the app, readable as JSON.
    stored = json.loads(settings_path().read_text("utf-8"))
    assert stored["import_mappings"]["employers"][layout_signature(HEADERS)]["mapping"] == MAPPING


def test_layout_is_recognised_through_order_case_and_accents():
    remember_mapping("employers", HEADERS, MAPPING)
    other_spelling = ["NOM DU REFERENT", "structure", "Identifiant"]
    assert remembered_mapping("employers", other_spelling) == {
        "structure": "name",
        "Identifiant": "siret",
        "NOM DU REFERENT": None,
    }


def test_other_layout_or_other_entity_gets_nothing():
    remember_mapping("employers", HEADERS, MAPPING)
    assert remembered_mapping("employers", [*HEADERS, "Ville"]) is None
    assert remembered_mapping("contacts", HEADERS) is None


def test_stale_mapping_is_not_applied():
    remember_mapping("employers", HEADERS, MAPPING)
    stored = settings.load().import_mappings
    stored["employers"][layout_signature(HEADERS)]["mapping"]["Structure"] = "couleur"  # no field
    settings.update(import_mappings=stored)
    assert remembered_mapping("employers", HEADERS) is None


def test_remembering_again_replaces_and_forget_drops():
    remember_mapping("employers", HEADERS, MAPPING)
    changed = {**MAPPING, "Nom du référent": "notes"}
    remember_mapping("employers", HEADERS, changed)
    assert remembered_mapping("employers", HEADERS) == changed
    assert forget_mapping("employers", HEADERS) is True
    assert remembered_mapping("employers", HEADERS) is None
    assert forget_mapping("employers", HEADERS) is False


def test_only_the_most_recent_layouts_are_kept():
    for number in range(KEPT_PER_ENTITY + 5):
        remember_mapping("rome", ["Code", f"Libellé {number}"], {"Code": "code"})
    assert remembered_mapping("rome", ["Code", "Libellé 0"]) is None
    last = ["Code", f"Libellé {KEPT_PER_ENTITY + 4}"]
    assert remembered_mapping("rome", last) == {"Code": "code"}
    assert len(settings.load().import_mappings["rome"]) == KEPT_PER_ENTITY


def test_describe_mapping_uses_the_map_option_syntax():
    assert describe_mapping(MAPPING) == "Structure=name, Identifiant=siret, Nom du référent="


def test_automatic_mapping_covers_every_column():
    headers = ["Raison sociale", "N° SIRET", "Ville", "Couleur préférée"]
    assert automatic_mapping("employers", headers) == {
        "Raison sociale": "name",
        "N° SIRET": "siret",
        "Ville": "commune",
        "Couleur préférée": None,
    }


def test_automatic_mapping_leaves_a_second_claimant_to_the_user():
    # "Raison sociale" and "Entreprise" both mean the name: a plain import refuses the file.
    mapping = automatic_mapping("employers", ["Raison sociale", "Entreprise", "SIRET"])
    assert mapping == {"Raison sociale": "name", "Entreprise": None, "SIRET": "siret"}


def test_inspect_csv_reads_headers_and_first_rows(tmp_path):
    path = tmp_path / "e.csv"
    lines = ["Raison sociale;SIRET", *(f"Structure {n};1234567800001{n}" for n in range(5))]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    layout = inspect_file(path)
    assert layout.error is None and layout.sheets == []
    assert layout.headers == ["Raison sociale", "SIRET"]
    assert layout.samples == [["Structure 0", "12345678000010"], ["Structure 1", "12345678000011"],
                              ["Structure 2", "12345678000012"]]  # fmt: skip


def test_inspect_xlsx_lists_sheets_even_when_the_active_one_is_empty(tmp_path):
    workbook = Workbook()
    workbook.active.title = "Notes"
    data = workbook.create_sheet("Jeunes")
    data.append(["Nom", "Prénom"])
    data.append(["Martin", "Léa"])
    path = tmp_path / "j.xlsx"
    workbook.save(path)
    empty = inspect_file(path)
    assert empty.sheets == ["Notes", "Jeunes"]
    assert empty.error is not None and "vide" in empty.error and empty.sheet == "Notes"
    chosen = inspect_file(path, "Jeunes")
    assert chosen.error is None and chosen.sheet == "Jeunes"
    assert chosen.headers == ["Nom", "Prénom"] and chosen.samples == [["Martin", "Léa"]]


def test_inspect_missing_file_says_so(tmp_path):
    layout = inspect_file(tmp_path / "absent.csv")
    assert layout.headers == [] and "introuvable" in layout.error


def test_proposed_mapping_completes_a_partial_remembered_one():
    headers = ["Structure", "Identifiant", "Ville"]
    assert proposed_mapping("employers", headers) == (
        {"Structure": "name", "Identifiant": None, "Ville": "commune"},
        False,
    )
    remember_mapping("employers", headers, {"Identifiant": "siret"})  # as --map leaves it
    assert proposed_mapping("employers", headers) == (
        {"Structure": "name", "Identifiant": "siret", "Ville": "commune"},
        True,
    )
