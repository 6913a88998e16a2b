"""CEJ, PACEA, apprentissage and professionnalisation: each boundary of docs/rules.md, in a table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from essdesk.domain.schemes import scheme
from essdesk.domain.schemes.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    TO_COMPLETE,
    YouthFacts,
    assess,
)
from essdesk.domain.schemes.placement_rules import (
    PlacementFacts,
    Renewal,
    SchemePeriod,
    check_placement,
)

D = Decimal


def verdict(code: str, birth: date, on: date, **extra) -> str:
    return assess(scheme(code), YouthFacts(birth_date=birth, **extra), on).verdict


def broken(code: str, placement: PlacementFacts, youth: YouthFacts | None = None) -> list[str]:
    return [v.rule for v in check_placement(scheme(code), placement, youth).violations]


# --- Contrat d'engagement jeune: from 01/03/2022, 16–25 or under 30 with an RQTH -------------

CEJ_SIGNED = date(2023, 5, 10)


@pytest.mark.parametrize(
    ("birth", "extra", "expected"),
    [
        (date(2007, 5, 10), {}, ELIGIBLE),  # 16th birthday on the day
        (date(2007, 5, 11), {}, NOT_ELIGIBLE),  # 16 tomorrow
        (date(1997, 5, 11), {}, ELIGIBLE),  # the day before the 26th birthday
        (date(1997, 5, 10), {}, NOT_ELIGIBLE),  # the 26th birthday
        (date(1997, 5, 10), {"rqth": True}, ELIGIBLE),  # 26 with an RQTH
        (date(1997, 5, 10), {"rqth": None}, TO_COMPLETE),  # 26, RQTH unknown: it decides
        (date(1993, 5, 11), {"rqth": True}, ELIGIBLE),  # the day before 30, RQTH
        (date(1993, 5, 10), {"rqth": True}, NOT_ELIGIBLE),  # 30 with an RQTH
        (date(1993, 5, 10), {"rqth": None}, NOT_ELIGIBLE),  # 30: an RQTH cannot help
    ],
)
def test_cej_age(birth, extra, expected):
    assert verdict("CEJ", birth, CEJ_SIGNED, **extra) == expected


def test_cej_signed_before_1_march_2022_is_not_yet_in_force():
    young = date(2002, 1, 1)
    refused = assess(scheme("CEJ"), YouthFacts(young), date(2022, 2, 28))
    assert refused.verdict == NOT_ELIGIBLE
    assert refused.reasons == (
        "Contrat d'engagement jeune : pas encore en vigueur le 28/02/2022 (depuis le 01/03/2022)",
    )
    assert verdict("CEJ", young, date(2022, 3, 1)) == ELIGIBLE


CEJ_OK = PlacementFacts(start=date(2023, 5, 2), end=date(2023, 11, 1), weekly_hours=D(15))
TWELVE = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # exactly 6 months, 15 h
        ({"end": date(2023, 10, 31)}, ["duration"]),  # 6 months less a day
        ({"end": TWELVE}, []),  # exactly 12 months
        ({"end": date(2024, 5, 2)}, ["duration"]),  # 12 months and a day
        ({"end": TWELVE, "renewals": (Renewal(date(2024, 5, 2), date(2024, 11, 1)),)}, []),
        (
            {"end": TWELVE, "renewals": (Renewal(date(2024, 5, 2), date(2024, 11, 2)),)},
            ["total_duration"],
        ),  # 18 months and a day, renewal included
        ({"weekly_hours": D("14.5")}, ["weekly_hours"]),
        ({"weekly_hours": D(20)}, []),
        ({"weekly_hours": D("20.5")}, ["weekly_hours"]),
        ({"start": date(2022, 2, 28), "end": date(2022, 8, 27)}, ["in_force"]),
        ({"start": date(2022, 3, 1), "end": date(2022, 8, 31)}, []),  # its first day
    ],
)
def test_cej_placement_rules(changes, expected):
    assert broken("CEJ", replace(CEJ_OK, **changes)) == expected


def test_cej_messages_give_the_bounds_in_french():
    check = check_placement(scheme("CEJ"), replace(CEJ_OK, weekly_hours=D(21)), None)
    assert str(check.violations[0]) == (
        "Contrat d'engagement jeune : 20 h par semaine au plus (reçu : 21 h)"
    )
    short = check_placement(scheme("CEJ"), replace(CEJ_OK, end=date(2023, 10, 31)), None)
    assert "au moins 6 mois (fin au plus tôt le 01/11/2023, reçu 31/10/2023)" in str(
        short.violations[0]
    )


# --- PACEA: from 01/01/2017, 16–25, ends at the 26th birthday, 24 months, never with a CEJ ---

PACEA_SIGNED = date(2020, 3, 1)


@pytest.mark.parametrize(
    ("birth", "extra", "expected"),
    [
        (date(2004, 3, 1), {}, ELIGIBLE),  # 16th birthday on the day
        (date(2004, 3, 2), {}, NOT_ELIGIBLE),  # 16 tomorrow
        (date(1994, 3, 2), {}, ELIGIBLE),  # the day before the 26th birthday
        (date(1994, 3, 1), {}, NOT_ELIGIBLE),  # the 26th birthday
        (date(1994, 3, 1), {"rqth": True}, NOT_ELIGIBLE),  # no RQTH extension
        (date(1994, 3, 1), {"rqth": None}, NOT_ELIGIBLE),  # so an RQTH is not asked
    ],
)
def test_pacea_age(birth, extra, expected):
    assert verdict("PACEA", birth, PACEA_SIGNED, **extra) == expected


def test_pacea_at_26_is_refused_without_asking_for_an_rqth():
    found = assess(scheme("PACEA"), YouthFacts(date(1994, 3, 1), rqth=None), PACEA_SIGNED)
    assert found.missing == ()
    assert found.reasons == ("26 ans à la signature (de 16 ans à la veille des 26 ans)",)


TURNS_26 = date(2026, 6, 15)  # the 26th birthday of the young person below
PACEA_YOUTH = YouthFacts(date(2000, 6, 15))
PACEA_OK = PlacementFacts(start=date(2025, 1, 6), end=date(2026, 6, 14))  # the eve of 26


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # ends the day before the 26th birthday
        ({"end": TURNS_26}, ["age_end"]),  # planned to the 26th birthday
        ({"end": date(2026, 12, 31)}, ["age_end"]),
        ({"end": TURNS_26, "actual_end": date(2026, 6, 1)}, []),  # it ended before, in fact
        ({"end": None}, []),  # an open end is not checked
    ],
)
def test_pacea_ends_at_the_26th_birthday(changes, expected):
    assert broken("PACEA", replace(PACEA_OK, **changes), PACEA_YOUTH) == expected


def test_pacea_past_the_26th_birthday_says_the_last_day_in_french():
    check = check_placement(scheme("PACEA"), replace(PACEA_OK, end=TURNS_26), PACEA_YOUTH)
    assert check.violations[0].message.endswith(
        ": prend fin aux 26 ans du jeune (fin au plus tard le 14/06/2026, veille de ses 26 ans ; "
        "reçu : 15/06/2026)"
    )


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2022, 2, 28), []),  # exactly 24 months from 01/03/2020
        (date(2022, 3, 1), ["total_duration"]),  # 24 months and a day
    ],
)
def test_pacea_lasts_24_months_at_most(end, expected):
    young = YouthFacts(date(2001, 1, 1))  # 26 long after
    assert broken("PACEA", PlacementFacts(start=PACEA_SIGNED, end=end), young) == expected


PACEA_2021 = PlacementFacts(start=date(2021, 3, 1), end=date(2022, 2, 28))


@pytest.mark.parametrize(
    ("pacea", "other", "expected"),
    [
        ({}, SchemePeriod("CEJ", date(2022, 3, 1), None), []),  # CEJ the day after
        ({"end": date(2022, 3, 1)}, SchemePeriod("CEJ", date(2022, 3, 1), None), ["not_with"]),
        (
            {"end": date(2022, 8, 31), "actual_end": date(2022, 2, 28)},
            SchemePeriod("CEJ", date(2022, 3, 1), date(2022, 12, 31)),
            [],
        ),  # closed the day before the CEJ
        ({"end": None}, SchemePeriod("CEJ", date(2023, 1, 2), date(2023, 7, 1)), ["not_with"]),
        ({}, SchemePeriod("CEJ", date(2020, 3, 1), date(2021, 2, 28)), []),  # CEJ the day before
        ({}, SchemePeriod("CEJ", date(2020, 3, 1), date(2021, 3, 1)), ["not_with"]),
        ({}, SchemePeriod("PEC", date(2021, 6, 1), None), []),  # a PEC does not exclude it
    ],
)
def test_pacea_never_at_the_same_time_as_a_cej(pacea, other, expected):
    placement = replace(PACEA_2021, others=(other,), **pacea)
    assert broken("PACEA", placement) == expected


def test_cej_never_at_the_same_time_as_a_pacea_and_the_reason_is_french():
    cej = PlacementFacts(
        start=date(2022, 3, 1),
        end=date(2022, 8, 31),
        weekly_hours=D(15),
        others=(SchemePeriod("PACEA", date(2021, 9, 1), None),),
    )
    check = check_placement(scheme("CEJ"), cej, None)
    assert [str(v) for v in check.violations] == [
        "Contrat d'engagement jeune : pas en même temps qu'un Parcours contractualisé "
        "d'accompagnement vers l'emploi et l'autonomie (PACEA en cours depuis le 01/09/2021)"
    ]
    closed = replace(cej, others=(SchemePeriod("PACEA", date(2021, 9, 1), date(2022, 2, 28)),))
    assert broken("CEJ", closed) == []


# --- Apprentissage: 16–25 and 1–3 years before 2019; 16–29 and 6 months–3 years since ---------


@pytest.mark.parametrize(
    ("birth", "signed", "extra", "expected"),
    [
        (date(2002, 9, 1), date(2018, 9, 1), {}, ELIGIBLE),  # 16th birthday
        (date(2002, 9, 2), date(2018, 9, 1), {}, NOT_ELIGIBLE),  # 16 tomorrow
        (date(1993, 1, 1), date(2018, 12, 31), {}, ELIGIBLE),  # the day before 26, old rules
        (date(1992, 12, 31), date(2018, 12, 31), {}, NOT_ELIGIBLE),  # 26th birthday, old rules
        (date(1992, 12, 31), date(2019, 1, 1), {}, ELIGIBLE),  # 26 on the new rules' first day
        (date(1989, 1, 2), date(2019, 1, 1), {}, ELIGIBLE),  # the day before 30
        (date(1989, 1, 1), date(2019, 1, 1), {}, NOT_ELIGIBLE),  # the 30th birthday
        (date(1989, 1, 1), date(2019, 1, 1), {"rqth": None}, TO_COMPLETE),  # an RQTH decides
        (date(1975, 1, 1), date(2018, 9, 1), {"rqth": True}, ELIGIBLE),  # no limit, old rules
        (date(1975, 1, 1), date(2019, 9, 1), {"rqth": True}, ELIGIBLE),  # no limit, new rules
        (date(2004, 1, 2), date(2020, 1, 1), {"rqth": True}, NOT_ELIGIBLE),  # 15: too young
    ],
)
def test_apprentissage_age(birth, signed, extra, expected):
    assert verdict("APPR", birth, signed, **extra) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2017, 9, 1), date(2018, 8, 31), []),  # 1 year, old rules
        (date(2017, 9, 1), date(2018, 8, 30), ["duration"]),  # a day short of a year
        (date(2017, 9, 1), date(2020, 8, 31), []),  # 3 years
        (date(2017, 9, 1), date(2020, 9, 1), ["duration"]),  # 3 years and a day
        (date(2018, 12, 31), date(2019, 6, 30), ["duration"]),  # 6 months on the old rules
        (date(2019, 1, 1), date(2019, 6, 30), []),  # 6 months on the new rules
        (date(2019, 9, 1), date(2020, 2, 29), []),  # exactly 6 months
        (date(2019, 9, 1), date(2020, 2, 28), ["duration"]),  # a day short
        (date(2019, 9, 1), date(2022, 8, 31), []),  # 3 years
        (date(2019, 9, 1), date(2022, 9, 1), ["duration"]),  # 3 years and a day
    ],
)
def test_apprentissage_duration(start, end, expected):
    placement = PlacementFacts(start=start, end=end, has_tutor=True)
    assert broken("APPR", placement) == expected


def test_apprentissage_without_a_maitre_d_apprentissage_is_flagged_not_refused():
    check = check_placement(
        scheme("APPR"), PlacementFacts(start=date(2019, 9, 1), end=date(2021, 8, 31)), None
    )
    assert check.ok and check.to_complete == ["tutor"]


# --- Contrat de professionnalisation: 16–25; at 26 and over, registered jobseekers -----------

PRO_SIGNED = date(2019, 9, 1)


@pytest.mark.parametrize(
    ("birth", "extra", "expected"),
    [
        (date(2003, 9, 1), {}, ELIGIBLE),  # 16th birthday
        (date(2003, 9, 2), {"jobseeker": True}, NOT_ELIGIBLE),  # 15: registration cannot help
        (date(1993, 9, 2), {}, ELIGIBLE),  # the day before 26: registration not asked
        (date(1993, 9, 1), {"jobseeker": None}, TO_COMPLETE),  # 26: registration decides
        (date(1993, 9, 1), {"jobseeker": True}, ELIGIBLE),
        (date(1993, 9, 1), {"jobseeker": False}, NOT_ELIGIBLE),
        (date(1970, 1, 1), {"jobseeker": True}, ELIGIBLE),  # no upper age for jobseekers
    ],
)
def test_professionnalisation_age(birth, extra, expected):
    assert verdict("PRO", birth, PRO_SIGNED, **extra) == expected


def test_professionnalisation_at_26_names_the_registration_to_complete():
    found = assess(scheme("PRO"), YouthFacts(date(1993, 9, 1)), PRO_SIGNED)
    assert found.missing == ("inscription comme demandeur d'emploi",)


@pytest.mark.parametrize(
    ("end", "contract_type", "expected"),
    [
        (date(2020, 2, 29), "CDD", []),  # exactly 6 months
        (date(2020, 2, 28), "CDD", ["duration"]),  # a day short
        (date(2021, 8, 31), "CDD", []),  # 24 months
        (date(2021, 9, 1), "CDD", ["duration"]),  # 24 months and a day
        (None, "CDI", []),  # a CDI has no end to check
        (None, "CDD", ["duration"]),  # a CDD must have one
    ],
)
def test_professionnalisation_duration(end, contract_type, expected):
    placement = PlacementFacts(
        start=PRO_SIGNED, end=end, contract_type=contract_type, has_tutor=True
    )
    assert broken("PRO", placement) == expected


# --- A birth date after the signature: a clear reason, never a negative age -------------------


@pytest.mark.parametrize("code", ["EAV", "CEJ", "PACEA", "APPR", "PRO"])
def test_a_birth_after_the_signature_is_named_not_read_as_an_age(code):
    signed = {"EAV": date(2014, 6, 2), "CEJ": date(2023, 5, 10)}.get(code, date(2020, 3, 1))
    found = assess(scheme(code), YouthFacts(date(2024, 1, 15), jobseeker=True), signed)
    assert found.verdict == NOT_ELIGIBLE
    assert found.reasons == (
        f"date de naissance (15/01/2024) postérieure à la date de signature "
        f"({signed.strftime('%d/%m/%Y')}) : à corriger",
    )
    assert "-" not in found.explanation()


def test_a_birth_after_the_start_breaks_only_the_eligibility_of_a_placement():
    check = check_placement(scheme("PACEA"), PACEA_OK, YouthFacts(date(2030, 6, 15)))
    assert [v.rule for v in check.violations] == ["eligibility"]
    assert "postérieure à la date de signature (06/01/2025)" in check.violations[0].message


def test_schemes_without_an_age_condition_do_not_read_the_birth_date():
    # No rule of theirs reads the age, so none is computed (the record refuses a future birth).
    future = YouthFacts(date(2030, 1, 1))
    assert assess(scheme("PEC"), future, date(2020, 3, 2)).verdict == ELIGIBLE
    assert assess(scheme("AUCUN"), future, date(2020, 3, 2)).verdict == ELIGIBLE
