"""Tests of header normalisation, synonym tables and explicit column mappings."""

from __future__ import annotations

import pytest

from essdesk.errors import DataFileError
from essdesk.exchange.headers import (
    ENTITIES,
    SYNONYMS,
    normalize_header,
    parse_mapping,
    resolve_columns,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("N° SIRET", "siret"),
        ("No SIRET", "SIRET"),
        ("Num. Siret", "siret"),
        ("Numéro SIRET", "Siret"),
        ("Tél.", "TEL"),
        ("E-mail", "email"),
        ("Date de naissance", "DATE NAISSANCE"),
        ("date_de_naissance", "Date de naissance"),
        ("  Prénom ", "prenom"),
        ("Code postal", "CODE-POSTAL"),
    ],
)
def test_normalisation_equates_spellings(a, b):
    assert normalize_header(a) == normalize_header(b)


def test_noise_only_header_keeps_a_name():
    assert normalize_header("N°") == "n"


@pytest.mark.parametrize("entity", ENTITIES)
def test_no_synonym_points_to_two_fields(entity):
    seen: dict[str, str] = {}
    for field_name, names in SYNONYMS[entity].items():
        for name in (field_name, *names):
            key = normalize_header(name)
            assert seen.setdefault(key, field_name) == field_name, (entity, name)


@pytest.mark.parametrize(
    ("entity", "headers", "expected"),
    [
        (
            "employers",
            ["Raison sociale", "N° SIRET", "Forme juridique", "CP", "Ville", "Tél.", "E-mail"],
            ["name", "siret", "legal_form", "postcode", "commune", "phone", "email"],
        ),
        ("employers", ["Nom", "siret"], ["name", "siret"]),
        ("employers", ["Employeur", "Siret"], ["name", "siret"]),
        (
            "employers",
            ["Company name", "SIRET", "Zip code", "Town", "Phone"],
            ["name", "siret", "postcode", "commune", "phone"],
        ),
        (
            "youths",
            [
                "NOM",
                "prénom",
                "Date de naissance",
                "Niveau de formation",
                "Diplôme obtenu",
                "RQTH",
                "QPV",
            ],
            [
                "last_name",
                "first_name",
                "birth_date",
                "qualification_level",
                "diploma_obtained",
                "rqth",
                "qpv",
            ],
        ),
        (
            "youths",
            ["Last name", "First name", "Date of birth"],
            ["last_name", "first_name", "birth_date"],
        ),
        (
            "offers",
            [
                "SIRET",
                "Intitulé du poste",
                "Type de contrat",
                "Durée hebdomadaire",
                "Lieu de travail",
                "Date de publication",
                "Code ROME",
            ],
            [
                "employer_siret",
                "title",
                "contract_type",
                "weekly_hours",
                "place",
                "publication_date",
                "rome_code",
            ],
        ),
        (
            "contacts",
            ["SIRET", "Nom", "Prénom", "Fonction"],
            ["employer_siret", "last_name", "first_name", "role"],
        ),
        ("rome", ["Code ROME", "Libellé"], ["code", "label"]),
    ],
)
def test_french_and_english_headers_are_recognised(entity, headers, expected):
    columns = resolve_columns(headers, entity)
    assert [columns.fields.get(f) for f in expected] == headers[: len(expected)]
    assert columns.unknown == []


def test_canonical_field_names_are_accepted_as_headers():
    columns = resolve_columns(["last_name", "first_name", "birth_date"], "youths")
    assert set(columns.fields) == {"last_name", "first_name", "birth_date"}


def test_unknown_columns_are_listed():
    columns = resolve_columns(["Nom", "SIRET", "Couleur préférée", "Divers"], "employers")
    assert columns.unknown == ["Couleur préférée", "Divers"]


def test_two_columns_for_one_field_is_an_error():
    with pytest.raises(DataFileError, match="même champ"):
        resolve_columns(["Nom", "Raison sociale", "SIRET"], "employers")


def test_mapping_resolves_ambiguity_and_unknown_columns():
    mapping = parse_mapping(["Raison sociale=name", "Nom=", "Identifiant=siret"], "employers")
    assert mapping == {"Raison sociale": "name", "Nom": None, "Identifiant": "siret"}
    columns = resolve_columns(["Nom", "Raison sociale", "Identifiant"], "employers", mapping)
    assert columns.fields == {"name": "Raison sociale", "siret": "Identifiant"}
    assert columns.ignored == ["Nom"]
    assert columns.unknown == []


def test_mapping_wins_over_synonyms():
    columns = resolve_columns(["Nom", "Structure"], "employers", {"Structure": "name"})
    assert columns.fields == {"name": "Structure"}
    assert columns.unknown == ["Nom"]


def test_mapping_matches_columns_loosely():
    columns = resolve_columns(
        ["Identifiant établissement"], "employers", {"identifiant etablissement": "siret"}
    )
    assert columns.fields == {"siret": "Identifiant établissement"}


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        (["sans egal"], "illisible"),
        (["=name"], "illisible"),
        (["Col=couleur"], "(?i)champ « couleur » inconnu"),
    ],
)
def test_bad_mappings(items, reason):
    with pytest.raises(DataFileError, match=reason):
        parse_mapping(items, "employers")


def test_mapping_to_a_missing_column():
    with pytest.raises(DataFileError, match="n'existe pas"):
        resolve_columns(["Nom"], "employers", {"Absente": "siret"})


def test_unknown_entity():
    with pytest.raises(DataFileError, match="inconnu"):
        resolve_columns(["Nom"], "chats")
