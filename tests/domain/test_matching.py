"""The suggestion score: each component gives its points and its French reason."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from essdesk.domain import matching as mt
from essdesk.domain.youth_file import YouthProfile

ON = dt.date(2026, 12, 1)


def _youth(**values) -> YouthProfile:
    values.setdefault("birth_date", dt.date(2005, 3, 1))
    return YouthProfile(uuid.uuid4(), "Hélène", "Durand", **values)


def _offer(**values) -> mt.OfferProfile:
    return mt.OfferProfile(uuid.uuid4(), "Aide à domicile", "ADMR", **values)


def test_reasons_of_the_issue_example():
    youth = _youth(wished_rome="K1302", latitude=45.19, longitude=5.72, level_new=3)
    offer = _offer(rome_code="K2204", latitude=45.19, longitude=5.82, contract_type="CDD")
    fit = mt.score(youth, offer, on=ON)
    assert fit.text == (
        "même domaine ROME K — services à la personne et à la collectivité ; à 8 km ; "
        "éligible Emploi d'avenir"
    )
    assert fit.score == 15 + 20 + 5


def test_rome_points_from_exact_to_domain_and_proximity():
    youth = _youth(wished_rome="B1803")
    assert mt.score(youth, _offer(rome_code="B1803"), on=ON).reasons[0] == "métier souhaité (B1803)"
    assert (
        mt.score(youth, _offer(rome_code="B1806"), on=ON).reasons[0]
        == "même domaine professionnel ROME B18"
    )
    near = {
        ("B1803", "H2604"): mt.Proximity(
            "B1803", "H2604", "couture", "montage en électronique fine"
        )
    }
    fit = mt.score(youth, _offer(rome_code="H2604"), on=ON, proximities=near)
    assert fit.reasons[0] == "métier proche : couture → montage en électronique fine"
    assert not any("métier" in r for r in mt.score(youth, _offer(rome_code="H2604"), on=ON).reasons)


def test_place_without_coordinates_uses_postcodes_and_mobility_penalises():
    youth = _youth(postcode="38000")
    assert "même commune (38000)" in mt.score(youth, _offer(postcode="38000"), on=ON).reasons
    assert "même département (38)" in mt.score(youth, _offer(postcode="38710"), on=ON).reasons
    far = _youth(latitude=45.19, longitude=5.72, mobility_km=10)
    fit = mt.score(far, _offer(latitude=44.56, longitude=6.08), on=ON)
    assert fit.reasons[:2] == ["à 76 km", "au-delà de sa mobilité (10 km)"]


def test_contract_hours_availability_and_eligibility():
    youth = _youth(
        wished_contract_type="emploi_avenir",
        wished_weekly_hours=Decimal("35"),
        available_from=dt.date(2027, 1, 15),
    )
    fit = mt.score(
        youth,
        _offer(
            contract_type="emploi_avenir",
            weekly_hours=Decimal("35"),
            start_date=dt.date(2027, 1, 4),
        ),
        on=ON,
    )
    assert fit.reasons == [
        "contrat souhaité (Emploi d'avenir)",
        "35 h par semaine comme souhaité",
        "éligible Emploi d'avenir",
        "disponible seulement à partir du 15/01/2027",
    ]
    too_old = _youth(birth_date=dt.date(1998, 1, 1), level_new=5, diploma_obtained=True)
    fit = mt.score(too_old, _offer(contract_type="emploi_avenir"), on=ON)
    assert fit.reasons == ["pas éligible à l'Emploi d'avenir (âge ou diplôme)"] and fit.score == 0


def test_eligibility_check_age_rqth_and_levels():
    assert mt.eligible_schemes(_youth(birth_date=dt.date(2000, 12, 2)), ON) == ["EAV", "CEJ"]
    assert mt.eligible_schemes(_youth(birth_date=dt.date(2000, 12, 1)), ON) == []  # 26 today
    assert mt.eligible_schemes(_youth(birth_date=dt.date(1998, 1, 1), rqth=True), ON) == [
        "EAV",
        "CEJ",
    ]
    bachelor = _youth(level_new=6, diploma_obtained=True)
    assert mt.eligible_schemes(bachelor, ON) == ["CEJ"]
    assert mt.eligible_schemes(_youth(level_new=6, diploma_obtained=True, qpv=True), ON) == [
        "EAV",
        "CEJ",
    ]


def test_rank_is_best_first_and_stable():
    a, b, c = (
        mt.Fit(uuid.UUID(int=i), uuid.UUID(int=9), s) for i, s in ((1, 10), (2, 50), (3, 10))
    )
    assert mt.rank([a, b, c], 2) == [b, a]
