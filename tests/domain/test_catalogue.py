"""The field catalogues: what a form shows, an export writes and an import reads are one thing."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest

from essdesk.db import models as m
from essdesk.domain import values as v
from essdesk.domain.catalogue import CATALOGUES, CONTACT, EMPLOYER, OFFER, YOUTH, Widget
from essdesk.exchange.headers import resolve_columns
from essdesk.exchange.schemas import SCHEMAS

SAMPLES = {
    "name": "Régie de quartier Teisseire",
    "siret": "41234567000126",
    "legal_form": "scic",
    "naf_code": "8899B",
    "qpv_list_version": "2024",
    "size_band": "10-49",
    "territory": "rural",
    "ess_networks": ["Mouvement associatif", "ESS France"],
    "partnership_status": "partner",
    "phone": "+33476112233",
    "email": "inès.dupont@exemple.fr",
    "postcode": "38000",
    "weekly_hours": Decimal("17.5"),
    "duration_months": 12,
    "positions": 2,
    "publication_date": dt.date(2024, 2, 29),
    "birth_date": dt.date(2004, 2, 29),
    "contract_type": "CUI-CAE",
    "rome_code": "K1207",
    "is_tutor": True,
    "rqth": False,
    "gender": "F",
    "qualification_level": v.Qualification("V", 3),
    "employer_id": uuid.UUID("5c6f1e0a-8d2b-4c1e-9f3a-2b7d4e6a8c10"),
}


def _sample(catalogue, item):
    if SAMPLES.get(item.name) is not None:
        return SAMPLES[item.name]
    if item.widget is Widget.CHOICE:
        return list(item.choices)[-1]
    if item.widget is Widget.BOOLEAN:
        return True
    if item.widget is Widget.DATE:
        return dt.date(2023, 12, 31)
    return "Un texte à l'été"


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=lambda c: c.kind.value)
def test_every_field_reads_back_what_it_shows(catalogue):
    for item in catalogue.fields:
        value = _sample(catalogue, item)
        assert item.parse_text(item.show(value)) == value, item.name


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=lambda c: c.kind.value)
def test_every_field_is_a_column_of_its_model(catalogue):
    model = {
        "employers": m.Employer,
        "contacts": m.Contact,
        "offers": m.Offer,
        "youths": m.Youth,
    }[catalogue.kind.value]
    columns = set(model.__table__.columns.keys())
    for item in catalogue.fields:
        assert set(item.model_columns) <= columns, item.name


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=lambda c: c.kind.value)
def test_imports_take_the_catalogue_fields_and_recognise_their_labels(catalogue):
    schema = SCHEMAS[catalogue.kind.value]
    for item in catalogue.importable:
        assert schema.fields[item.name].parse is item.parse
        assert schema.fields[item.name].required == item.required
    labels = [item.label for item in catalogue.importable]
    columns = resolve_columns(labels, catalogue.kind.value)
    assert columns.unknown == [] and set(columns.fields) == {f.name for f in catalogue.importable}


def test_required_fields_refuse_empty_text():
    with pytest.raises(v.ValueProblem, match="obligatoire"):
        EMPLOYER.field("siret").parse_text("  ")
    assert EMPLOYER.field("naf_code").parse_text("") is None


def test_choices_accept_code_or_label_and_show_the_label():
    territory = EMPLOYER.field("territory")
    assert territory.widget is Widget.CHOICE
    assert territory.parse_text("Périurbain") == "peri_urban" == territory.parse_text("peri_urban")
    assert territory.show("peri_urban") == "Périurbain"
    with pytest.raises(v.ValueProblem, match="type de territoire « lunaire » inconnu"):
        territory.parse_text("lunaire")


def test_a_level_spans_two_columns():
    level = YOUTH.field("qualification_level")
    record = SimpleNamespace(qualification_level_old="V", qualification_level_new=3)
    assert level.value_of(record) == v.Qualification("V", 3)
    assert level.column_values(v.Qualification("IV", 4)) == {
        "qualification_level_old": "IV",
        "qualification_level_new": 4,
    }


def test_lists_show_their_columns_in_catalogue_order():
    assert [f.label for f in CONTACT.listed][:2] == ["Nom", "Prénom"]
    assert OFFER.field("status").label == "Statut de l'offre" and OFFER.field("status").listed


def test_a_picked_employer_must_come_from_the_list():
    employer = OFFER.field("employer_id")
    assert employer.widget is Widget.PICKER and employer.picks == "employer"
    assert not employer.importable and not employer.exported
    with pytest.raises(v.ValueProblem, match="choisissez un employeur dans la liste"):
        employer.parse_text("Régie de quartier")
    with pytest.raises(v.ValueProblem, match="obligatoire"):
        employer.parse_text("")
