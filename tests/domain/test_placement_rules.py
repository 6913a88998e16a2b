"""Which rule a placement breaks: Emplois d'avenir and PEC boundaries, table-driven."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from essdesk.domain.schemes import scheme
from essdesk.domain.schemes.catalogue import INSERTION, MARKET, NON_MARKET, PUBLIC, employer_kind
from essdesk.domain.schemes.eligibility import YouthFacts
from essdesk.domain.schemes.placement_rules import PlacementFacts, Renewal, check_placement

D = Decimal
EAV_OK = PlacementFacts(
    start=date(2014, 9, 1),
    end=date(2015, 8, 31),  # exactly 12 months
    contract_type="CDD",
    contract_form="CUI-CAE",
    weekly_hours=D(35),
    aid_rate=D(75),
    aid_start=date(2014, 9, 1),
    aid_end=date(2015, 8, 31),
    employer_kind=NON_MARKET,
    has_tutor=True,
)
YOUNG = YouthFacts(birth_date=date(1994, 5, 1), diploma_obtained=False)


def rules_broken(code: str, placement: PlacementFacts, youth: YouthFacts | None = YOUNG):
    return [v.rule for v in check_placement(scheme(code), placement, youth).violations]


@pytest.mark.parametrize(
    ("changes", "broken"),
    [
        ({}, []),
        ({"end": date(2015, 8, 30), "aid_end": date(2015, 8, 30)}, ["duration", "aid_period"]),
        ({"end": date(2017, 8, 31), "aid_end": date(2017, 8, 31)}, []),  # 36 months
        (
            {"end": date(2017, 9, 1), "aid_end": date(2017, 9, 1)},
            ["duration", "total_duration", "aid_period"],
        ),
        ({"weekly_hours": D("17.5"), "part_time_agreement": True}, []),
        ({"weekly_hours": D("17.49"), "part_time_agreement": True}, ["weekly_hours"]),
        ({"weekly_hours": D(20), "part_time_agreement": False}, ["part_time"]),
        ({"contract_type": "CDI", "end": None, "employer_kind": PUBLIC}, ["cdi_public"]),
        ({"contract_type": "CDI", "end": None}, []),
        ({"contract_form": "CUI-CIE", "aid_rate": D(35), "employer_kind": MARKET}, []),
        ({"contract_form": "CUI-CIE", "aid_rate": D(47), "employer_kind": INSERTION}, []),
        ({"contract_form": "CUI-CIE", "aid_rate": D(35), "employer_kind": INSERTION}, ["aid_rate"]),
        ({"contract_form": "CUI-CAE", "employer_kind": MARKET}, ["contract_form"]),
        (
            {"contract_form": "CUI-CIE", "aid_rate": D(35), "employer_kind": NON_MARKET},
            ["contract_form"],
        ),
        ({"contract_form": None}, ["contract_form"]),
        ({"aid_rate": D(70)}, ["aid_rate"]),
        ({"aid_end": date(2015, 9, 30)}, ["aid_period"]),  # beyond the contract
        ({"aid_start": date(2014, 8, 1)}, ["aid_period"]),  # before the contract
        ({"contract_type": "CDD", "end": None, "aid_end": None}, ["duration"]),
        ({"start": date(2018, 1, 1), "end": date(2018, 12, 31)}, ["in_force"]),
    ],
)
def test_emploi_d_avenir_rules(changes, broken):
    assert rules_broken("EAV", replace(EAV_OK, **changes)) == broken


@pytest.mark.parametrize(
    ("aid_end", "for_training", "broken"),
    [
        (date(2017, 8, 31), False, []),  # 36 months of aid on a CDI
        (date(2017, 9, 30), False, ["aid_period"]),  # 37 months: only to finish a training
        (date(2018, 8, 31), True, []),  # 4 years, to finish a training
        (date(2019, 8, 31), True, []),  # 5 years in total
        (date(2019, 9, 1), True, ["aid_period"]),  # beyond 5 years
        (date(2015, 7, 31), False, ["aid_period"]),  # 11 months: under the 12 months minimum
    ],
)
def test_emploi_d_avenir_aid_duration_on_a_cdi(aid_end, for_training, broken):
    cdi = replace(
        EAV_OK,
        contract_type="CDI",
        end=None,
        aid_end=aid_end,
        aid_extension_for_training=for_training,
    )
    assert rules_broken("EAV", cdi) == broken


def test_messages_say_which_rule_in_french():
    check = check_placement(
        scheme("EAV"), replace(EAV_OK, end=date(2015, 8, 30), aid_end=date(2015, 8, 30)), YOUNG
    )
    assert str(check.violations[0]) == (
        "Emploi d'avenir : contrat d'au moins 12 mois (fin au plus tôt le 31/08/2015, reçu "
        "30/08/2015)"
    )
    hours = check_placement(scheme("EAV"), replace(EAV_OK, weekly_hours=D(17)), YOUNG)
    assert "au moins 17,5 h par semaine (reçu : 17 h)" in str(hours.violations[0])


def test_facts_old_files_rarely_hold_are_flagged_not_refused():
    part_time = replace(EAV_OK, weekly_hours=D(24), has_tutor=False, aid_rate=None)
    check = check_placement(scheme("EAV"), part_time, YOUNG)
    assert check.ok
    assert check.to_complete == ["part_time_agreement", "aid_rate", "tutor"]
    cap_no_search = YouthFacts(date(1994, 5, 1), diploma_obtained=True, qualification_new=3)
    flagged = check_placement(scheme("EAV"), EAV_OK, cap_no_search)
    assert flagged.ok and flagged.to_complete == ["search_waiver"]


def test_an_ineligible_young_person_breaks_the_placement():
    too_old = YouthFacts(date(1988, 9, 1), diploma_obtained=False)  # 26 on the start date
    check = check_placement(scheme("EAV"), EAV_OK, too_old)
    assert [v.rule for v in check.violations] == ["eligibility"]
    assert check.violations[0].message.startswith(
        "jeune non éligible (Emploi d'avenir) le 01/09/2014"
    )


PEC_OK = PlacementFacts(
    start=date(2019, 3, 1),
    end=date(2019, 11, 30),  # 9 months
    contract_type="CDD",
    contract_form="CUI-CAE",
    weekly_hours=D(20),
    aid_rate=D(50),
    aid_end=date(2019, 11, 30),
    employer_kind=NON_MARKET,
    has_tutor=True,
)


@pytest.mark.parametrize(
    ("changes", "broken"),
    [
        ({}, []),
        ({"end": date(2019, 11, 29), "aid_end": date(2019, 11, 29)}, ["duration", "aid_period"]),
        ({"end": date(2020, 3, 1), "aid_end": date(2020, 2, 29)}, ["duration"]),  # > 12 months
        ({"weekly_hours": D("19.5")}, ["weekly_hours"]),
        ({"aid_rate": D(30)}, []),
        ({"aid_rate": D(60)}, []),
        ({"aid_rate": D("60.5")}, ["aid_rate"]),
        ({"aid_rate": D(29)}, ["aid_rate"]),
        ({"contract_form": "CUI-CIE"}, ["contract_form"]),
        ({"renewals": (Renewal(date(2019, 12, 1), date(2020, 5, 31)),)}, []),  # 6 months
        ({"renewals": (Renewal(date(2019, 12, 1), date(2020, 5, 30)),)}, ["renewal"]),
        (
            {
                "renewals": (
                    Renewal(date(2019, 12, 1), date(2020, 8, 31)),
                    Renewal(date(2020, 9, 1), date(2021, 2, 28)),
                )
            },
            [],
        ),  # 24 months
        (
            {
                "renewals": (
                    Renewal(date(2019, 12, 1), date(2020, 8, 31)),
                    Renewal(date(2020, 9, 1), date(2021, 3, 1)),
                )
            },
            ["total_duration"],
        ),
    ],
)
def test_pec_rules(changes, broken):
    assert rules_broken("PEC", replace(PEC_OK, **changes), None) == broken


def test_renewal_extends_the_contract_end_and_the_aid():
    placement = replace(
        PEC_OK, renewals=(Renewal(date(2019, 12, 1), date(2020, 8, 31), date(2020, 8, 31)),)
    )
    assert placement.contract_end == date(2020, 8, 31)
    assert placement.effective_aid_end == date(2020, 8, 31)
    assert rules_broken("PEC", placement, None) == []


@pytest.mark.parametrize(
    ("legal_form", "kind"),
    [
        ("association", NON_MARKET),
        ("collectivite", PUBLIC),
        ("geiq", INSERTION),
        ("scop", MARKET),
        ("autre", None),
        (None, None),
    ],
)
def test_employer_kind_from_legal_form(legal_form, kind):
    assert employer_kind(legal_form) == kind


def test_training_funders_are_opca_until_2019_then_opco():
    from essdesk.domain.schemes.pathway import funders_on

    assert "AGEFOS PME" in funders_on(date(2019, 3, 31))
    assert "AGEFOS PME" not in funders_on(date(2019, 4, 1))
    assert "OPCO Santé" in funders_on(date(2019, 4, 1)) and "AKTO" in funders_on(None)
