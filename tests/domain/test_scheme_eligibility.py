"""Eligibility of a young person to each scheme: every boundary of docs/rules.md, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from essdesk.domain.schemes import find_scheme, scheme
from essdesk.domain.schemes.calendar import add_months, age_on, birthday
from essdesk.domain.schemes.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    TO_COMPLETE,
    YouthFacts,
    assess,
)

SIGNED = date(2014, 6, 2)
NO_DIPLOMA = {"diploma_obtained": False}
CAP = {"diploma_obtained": True, "qualification_new": 3}
BAC = {"diploma_obtained": True, "qualification_new": 4}


def facts(birth: date, **kw) -> YouthFacts:
    return YouthFacts(birth_date=birth, **kw)


@pytest.mark.parametrize(
    ("birth", "extra", "verdict"),
    [
        (date(1998, 6, 2), NO_DIPLOMA, ELIGIBLE),  # 16th birthday on the day
        (date(1998, 6, 3), NO_DIPLOMA, NOT_ELIGIBLE),  # 16 tomorrow
        (date(1988, 6, 3), NO_DIPLOMA, ELIGIBLE),  # the day before the 26th birthday
        (date(1988, 6, 2), NO_DIPLOMA, NOT_ELIGIBLE),  # the 26th birthday
        (date(1988, 6, 2), {**NO_DIPLOMA, "rqth": True}, ELIGIBLE),  # 26 with RQTH
        (date(1985, 1, 1), {**NO_DIPLOMA, "rqth": True}, ELIGIBLE),  # 29 with RQTH
        (date(1984, 6, 3), {**NO_DIPLOMA, "rqth": True}, ELIGIBLE),  # day before 30, RQTH
        (date(1984, 6, 2), {**NO_DIPLOMA, "rqth": True}, NOT_ELIGIBLE),  # 30 with RQTH
        (date(1988, 6, 2), {**NO_DIPLOMA, "rqth": None}, TO_COMPLETE),  # 26, RQTH unknown
        (date(1980, 6, 2), {**NO_DIPLOMA, "rqth": None}, NOT_ELIGIBLE),  # 34: RQTH cannot help
    ],
)
def test_emploi_d_avenir_age_boundaries(birth, extra, verdict):
    assert assess(scheme("EAV"), facts(birth, **extra), SIGNED).verdict == verdict


SIX_MONTHS_BEFORE = date(2013, 12, 2)
TWELVE_MONTHS_BEFORE = date(2013, 6, 2)


@pytest.mark.parametrize(
    ("extra", "verdict"),
    [
        (NO_DIPLOMA, ELIGIBLE),  # tier 1: no diploma, no search asked
        ({**CAP, "job_search_start": SIX_MONTHS_BEFORE}, ELIGIBLE),  # exactly 6 months
        ({**CAP, "job_search_start": date(2013, 12, 3)}, NOT_ELIGIBLE),  # one day short
        ({**CAP, "job_search_start": date(2013, 12, 3), "search_waiver": True}, ELIGIBLE),
        (
            {
                **CAP,
                "qualification_new": None,
                "qualification_old": "V",
                "job_search_start": SIX_MONTHS_BEFORE,
            },
            ELIGIBLE,
        ),  # old level V = CAP/BEP
        ({**BAC, "qpv": True, "job_search_start": TWELVE_MONTHS_BEFORE}, ELIGIBLE),
        ({**BAC, "qpv": True, "job_search_start": date(2013, 6, 3)}, NOT_ELIGIBLE),
        ({**BAC, "rural_zone": True, "job_search_start": TWELVE_MONTHS_BEFORE}, ELIGIBLE),
        ({**BAC, "postcode": "97400", "job_search_start": TWELVE_MONTHS_BEFORE}, ELIGIBLE),
        ({**BAC, "postcode": "98800", "job_search_start": TWELVE_MONTHS_BEFORE}, ELIGIBLE),
        ({**BAC, "postcode": "38000", "job_search_start": TWELVE_MONTHS_BEFORE}, NOT_ELIGIBLE),
        (
            {
                "diploma_obtained": True,
                "qualification_new": 6,
                "qpv": True,
                "job_search_start": TWELVE_MONTHS_BEFORE,
            },
            ELIGIBLE,
        ),  # bac+3
        (
            {
                "diploma_obtained": True,
                "qualification_new": None,
                "qualification_old": "II",
                "qpv": True,
                "job_search_start": TWELVE_MONTHS_BEFORE,
            },
            ELIGIBLE,
        ),  # old II allowed
        (
            {
                "diploma_obtained": True,
                "qualification_new": 7,
                "qpv": True,
                "job_search_start": TWELVE_MONTHS_BEFORE,
            },
            NOT_ELIGIBLE,
        ),  # bac+5
        (
            {
                "diploma_obtained": True,
                "qualification_old": "I",
                "qpv": True,
                "job_search_start": TWELVE_MONTHS_BEFORE,
            },
            NOT_ELIGIBLE,
        ),  # old I
    ],
)
def test_emploi_d_avenir_diploma_tiers(extra, verdict):
    assert assess(scheme("EAV"), facts(date(1992, 1, 1), **extra), SIGNED).verdict == verdict


def test_search_start_clamped_to_the_end_of_a_shorter_month():
    signed = date(2014, 8, 31)  # minus 6 months: 31/02 does not exist → 28/02/2014
    young = date(1993, 1, 1)
    ok = assess(scheme("EAV"), facts(young, **CAP, job_search_start=date(2014, 2, 28)), signed)
    short = assess(scheme("EAV"), facts(young, **CAP, job_search_start=date(2014, 3, 1)), signed)
    assert (ok.verdict, short.verdict) == (ELIGIBLE, NOT_ELIGIBLE)
    assert "au plus tard le 28/02/2014" in short.explanation()


def test_waiver_exists_only_since_february_2014():
    young = facts(date(1992, 1, 1), **CAP, job_search_start=date(2013, 5, 1), search_waiver=True)
    assert assess(scheme("EAV"), young, date(2013, 6, 2)).verdict == NOT_ELIGIBLE
    assert assess(scheme("EAV"), young, date(2014, 2, 1)).verdict == ELIGIBLE


@pytest.mark.parametrize(
    ("extra", "missing"),
    [
        (CAP, ("date de début de recherche d'emploi",)),
        ({**BAC, "qpv": True}, ("date de début de recherche d'emploi",)),
        (
            {
                **BAC,
                "qpv": False,
                "rural_zone": False,
                "postcode": None,
                "job_search_start": TWELVE_MONTHS_BEFORE,
            },
            ("code postal du domicile",),
        ),
        ({"diploma_obtained": True}, ("niveau du diplôme",)),
        (
            {"diploma_obtained": None, **{"qualification_new": 3}},
            ("diplôme obtenu (oui / non)", "date de début de recherche d'emploi"),
        ),
    ],
)
def test_undecided_verdict_names_exactly_what_is_missing(extra, missing):
    found = assess(scheme("EAV"), facts(date(1992, 1, 1), **extra), SIGNED)
    assert found.verdict == TO_COMPLETE
    assert found.missing == missing
    assert "à renseigner : " + ", ".join(missing) in found.explanation()


def test_an_unknown_that_cannot_change_the_verdict_is_not_asked():
    too_old = assess(scheme("EAV"), facts(date(1980, 1, 1), **CAP), SIGNED)
    assert too_old.verdict == NOT_ELIGIBLE and too_old.missing == ()
    bac5 = assess(
        scheme("EAV"), facts(date(1992, 1, 1), diploma_obtained=True, qualification_new=7), SIGNED
    )
    assert bac5.verdict == NOT_ELIGIBLE and "au-delà de bac+3" in bac5.explanation()
    no_diploma = assess(scheme("EAV"), facts(date(1992, 1, 1), **NO_DIPLOMA), SIGNED)
    assert no_diploma.verdict == ELIGIBLE and no_diploma.missing == ()


@pytest.mark.parametrize(
    ("code", "signed", "verdict"),
    [
        ("EAV", date(2012, 10, 31), NOT_ELIGIBLE),
        ("EAV", date(2012, 11, 1), ELIGIBLE),
        ("EAV", date(2017, 12, 31), ELIGIBLE),
        ("EAV", date(2018, 1, 1), NOT_ELIGIBLE),
        ("PEC", date(2017, 12, 31), NOT_ELIGIBLE),
        ("PEC", date(2018, 1, 1), ELIGIBLE),
        ("CEJ", date(2022, 2, 28), NOT_ELIGIBLE),
        ("CEJ", date(2022, 3, 1), ELIGIBLE),
        ("PACEA", date(2016, 12, 31), NOT_ELIGIBLE),
        ("PACEA", date(2017, 1, 1), ELIGIBLE),
        ("AUCUN", date(1990, 1, 1), ELIGIBLE),
    ],
)
def test_schemes_in_force_by_signature_date(code, signed, verdict):
    young = facts(add_months(signed, -12 * 20), **NO_DIPLOMA)  # 20 years old on the day
    result = assess(scheme(code), young, signed)
    assert result.verdict == verdict
    if verdict == NOT_ELIGIBLE:
        assert result.reasons and ("vigueur" in result.reasons[0] or "entrée" in result.reasons[0])


@pytest.mark.parametrize(
    ("code", "signed", "birth", "extra", "verdict"),
    [
        ("CEJ", date(2023, 5, 10), date(1997, 5, 11), {}, ELIGIBLE),  # day before 26
        ("CEJ", date(2023, 5, 10), date(1997, 5, 10), {}, NOT_ELIGIBLE),  # 26th birthday
        ("CEJ", date(2023, 5, 10), date(1995, 1, 1), {"rqth": True}, ELIGIBLE),  # 28, RQTH
        ("PACEA", date(2020, 3, 1), date(1994, 3, 1), {"rqth": True}, NOT_ELIGIBLE),  # 26
        ("APPR", date(2018, 9, 1), date(1991, 1, 1), {}, NOT_ELIGIBLE),  # 27 before 2019
        ("APPR", date(2019, 9, 1), date(1991, 1, 1), {}, ELIGIBLE),  # 28 since 2019
        ("APPR", date(2019, 9, 1), date(1989, 9, 1), {}, NOT_ELIGIBLE),  # 30th birthday
        ("APPR", date(2019, 9, 1), date(1975, 1, 1), {"rqth": True}, ELIGIBLE),  # no limit
        ("PRO", date(2019, 9, 1), date(1990, 1, 1), {"jobseeker": True}, ELIGIBLE),
        ("PRO", date(2019, 9, 1), date(1990, 1, 1), {"jobseeker": None}, TO_COMPLETE),
        ("PRO", date(2019, 9, 1), date(1990, 1, 1), {"jobseeker": False}, NOT_ELIGIBLE),
        ("PRO", date(2019, 9, 1), date(2000, 1, 1), {}, ELIGIBLE),
    ],
)
def test_other_schemes_age_rules(code, signed, birth, extra, verdict):
    assert assess(scheme(code), facts(birth, **extra), signed).verdict == verdict


def test_reasons_are_french_and_say_why():
    result = assess(scheme("EAV"), facts(date(1988, 6, 2), **NO_DIPLOMA), SIGNED)
    assert result.reasons == (
        "26 ans à la signature sans RQTH (de 16 ans à la veille des 26 ans, ou des 30 ans "
        "avec une RQTH)",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("EAV", "EAV"),
        ("Emploi d'avenir", "EAV"),
        ("emploi d’avenir", "EAV"),
        ("EMPLOIS D'AVENIR", "EAV"),
        ("Parcours emploi compétences", "PEC"),
        ("cej", "CEJ"),
        ("Contrat de professionnalisation", "PRO"),
        ("apprentissage", "APPR"),
    ],
)
def test_scheme_found_by_code_or_name(text, code):
    found = find_scheme(text)
    assert found is not None and found.code == code


def test_birthday_of_29_february_and_ages():
    assert birthday(date(2000, 2, 29), 26) == date(2026, 2, 28)
    assert age_on(date(2000, 2, 29), date(2026, 2, 27)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 26
