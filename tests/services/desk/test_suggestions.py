"""Suggestions through the services: SQL pre-selection, reasons, and the imported proximities."""

from __future__ import annotations

import datetime as dt

import pytest

from essdesk.db import models as m
from essdesk.errors import DataFileError
from essdesk.services import positionings, suggestions
from tests.services.desk import helpers as h


def _csv(tmp_path, text: str):
    path = tmp_path / "proximites.csv"
    path.write_text(text, encoding="utf-8-sig")
    return path


@pytest.fixture
def desk(any_db):
    db = any_db
    with db.transaction() as session:
        session.add_all(
            [
                m.RomeCode(code="B1803", label="Couture"),
                m.RomeCode(code="H2604", label="Montage en électronique fine"),
            ]
        )
    employer = h.employer(db, postcode="38100")
    sewing = h.youth(db, "Inès", "Bara", wished_rome="B1803", postcode="38100")
    helper = h.youth(db, "Hélène", "Durand", wished_rome="K1302", postcode="38000")
    h.youth(db, "Yanis", "Cole", wished_rome="K1302", postcode="75011")  # another département
    h.youth(db, "Léa", "Roy", wished_rome="K1302", postcode="38000", status="exited")
    return db, employer, sewing, helper


def test_offer_suggestions_list_their_reasons(desk):
    db, employer, _sewing, helper = desk
    offer = h.offer(db, employer, rome_code="K2204", postcode="38000")
    found = suggestions.suggest_youths(db, offer)
    assert [(y.first_name, f.text) for y, f in found] == [
        (
            "Hélène",
            "même domaine ROME K — services à la personne et à la collectivité ; "
            "même commune (38000) ; éligible Emploi d'avenir",
        ),
    ]
    positionings.propose_youths(db, offer, [helper])
    assert suggestions.suggest_youths(db, offer) == []  # already positioned: not suggested again


def test_imported_proximity_widens_the_suggestions(desk, tmp_path):
    db, employer, sewing, _helper = desk
    offer = h.offer(db, employer, title="Câbleuse", rome_code="H2604")
    assert suggestions.suggest_youths(db, offer) == []
    count = suggestions.import_proximities(
        db, _csv(tmp_path, "Code ROME source;Code ROME cible;Libellé\nB1803;H2604;Mobilité\n")
    )
    assert count == 1 and suggestions.proximity_count(db) == 1
    ((youth, fit),) = suggestions.suggest_youths(db, offer)
    assert youth.id == sewing
    assert fit.reasons[0] == "métier proche : couture → montage en électronique fine"
    ((found, fit),) = suggestions.suggest_offers(db, sewing)
    assert found.id == offer and "même département (38)" in fit.reasons


def test_bad_proximity_file_names_line_and_column_and_writes_nothing(desk, tmp_path):
    db = desk[0]
    suggestions.import_proximities(db, _csv(tmp_path, "source;cible\nB1803;H2604\n"))
    with pytest.raises(DataFileError) as bad:
        suggestions.import_proximities(db, _csv(tmp_path, "source;cible\nK1302;K2204\nK13;H2604\n"))
    assert str(bad.value).startswith(
        "Fichier « proximites.csv », ligne 3, colonne « source » : code ROME « K13 »"
    )
    assert suggestions.proximity_count(db) == 1
    with pytest.raises(DataFileError, match="code source"):
        suggestions.import_proximities(db, _csv(tmp_path, "métier;autre\nB1803;H2604\n"))


def test_youth_suggestions_keep_open_offers_of_the_area(desk):
    db, employer, _sewing, helper = desk
    open_offer = h.offer(
        db, employer, title="Auxiliaire de vie", rome_code="K1302", postcode="38000"
    )
    h.offer(
        db, employer, title="Aide ménagère", rome_code="K1304", postcode="38000", status="filled"
    )
    h.offer(db, employer, title="Garde d'enfants", rome_code="K1303", postcode="69003")
    found = suggestions.suggest_offers(db, helper, on=dt.date.today())
    assert [o.id for o, _f in found] == [open_offer]
    assert found[0][1].reasons[0] == "métier souhaité (K1302)"
