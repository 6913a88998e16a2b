"""A PACEA and a CEJ never at once: the eligibility verdict on a day, and the placement's rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from essdesk.domain.schemes import scheme
from essdesk.domain.schemes.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    TO_COMPLETE,
    SchemePeriod,
    YouthFacts,
    assess,
)
from essdesk.domain.schemes.placement_rules import PlacementFacts, check_placement

YOUNG = YouthFacts(date(2003, 3, 14))  # 19 in 2022
ON = date(2022, 6, 1)
CEJ = SchemePeriod("CEJ", date(2022, 3, 1), date(2022, 8, 31))
PACEA = SchemePeriod("PACEA", date(2021, 9, 1), None)


@pytest.mark.parametrize(
    ("code", "other", "expected"),
    [
        ("PACEA", None, ELIGIBLE),
        ("PACEA", CEJ, NOT_ELIGIBLE),  # in a CEJ that day
        ("PACEA", SchemePeriod("CEJ", date(2022, 6, 1), None), NOT_ELIGIBLE),  # CEJ from the day
        ("PACEA", SchemePeriod("CEJ", date(2022, 6, 2), None), ELIGIBLE),  # CEJ from tomorrow
        (
            "PACEA",
            SchemePeriod("CEJ", date(2022, 3, 1), date(2022, 6, 1)),
            NOT_ELIGIBLE,
        ),  # last day
        ("PACEA", SchemePeriod("CEJ", date(2022, 3, 1), date(2022, 5, 31)), ELIGIBLE),  # ended
        ("PACEA", SchemePeriod("PEC", date(2022, 3, 1), None), ELIGIBLE),  # a PEC excludes nothing
        ("PACEA", SchemePeriod("PACEA", date(2022, 3, 1), None), ELIGIBLE),  # not its own rule
        ("CEJ", PACEA, NOT_ELIGIBLE),  # the same rule seen from the CEJ
        ("CEJ", SchemePeriod("PACEA", date(2021, 9, 1), date(2022, 5, 31)), ELIGIBLE),
        ("EAV", PACEA, NOT_ELIGIBLE),  # no entry into an Emploi d'avenir in 2022 at all
        ("APPR", PACEA, ELIGIBLE),  # an apprenticeship may follow a PACEA
    ],
)
def test_a_young_person_in_one_scheme_is_not_eligible_to_the_other_that_day(code, other, expected):
    others = () if other is None else (other,)
    assert assess(scheme(code), YOUNG, ON, others).verdict == expected


def test_the_reason_says_which_scheme_and_its_dates_in_french():
    found = assess(scheme("PACEA"), YOUNG, ON, (CEJ,))
    assert found.reasons == (
        "déjà en Contrat d'engagement jeune le 01/06/2022 (CEJ du 01/03/2022 au 31/08/2022) : "
        "pas de PACEA en même temps",
    )
    assert found.missing == ()
    seen_from_cej = assess(scheme("CEJ"), YOUNG, ON, (PACEA,))
    assert seen_from_cej.explanation() == (
        "déjà en Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie le "
        "01/06/2022 (PACEA en cours depuis le 01/09/2021) : pas de CEJ en même temps"
    )


def test_the_overlap_adds_to_other_failures_and_settles_what_was_undecided():
    too_old = YouthFacts(date(1990, 1, 1))
    found = assess(scheme("PACEA"), too_old, ON, (CEJ,))
    assert found.verdict == NOT_ELIGIBLE and len(found.reasons) == 2
    assert found.reasons[0].startswith("32 ans à la signature")
    # 27 with an unknown RQTH is « à compléter » for a CEJ, unless a PACEA runs that day.
    unknown_rqth = YouthFacts(date(1995, 1, 1), rqth=None)
    assert assess(scheme("CEJ"), unknown_rqth, ON).verdict == TO_COMPLETE
    settled = assess(scheme("CEJ"), unknown_rqth, ON, (PACEA,))
    assert (settled.verdict, settled.missing) == (NOT_ELIGIBLE, ())
    assert settled.reasons[-1].startswith("déjà en Parcours contractualisé")


def test_a_scheme_not_yet_in_force_says_only_that():
    found = assess(scheme("CEJ"), YOUNG, date(2022, 2, 1), (PACEA,))
    assert found.verdict == NOT_ELIGIBLE
    assert [r for r in found.reasons if "déjà en" in r] == []


def test_a_period_from_a_file_says_its_line():
    row = SchemePeriod("CEJ", date(2022, 3, 1), date(2022, 8, 31), "ligne 4 du fichier")
    assert row.describe() == "CEJ du 01/03/2022 au 31/08/2022, ligne 4 du fichier"
    pacea = PlacementFacts(start=date(2021, 9, 1), end=date(2022, 8, 31), others=(row,))
    (violation,) = check_placement(scheme("PACEA"), pacea, None).violations
    assert violation.rule == "not_with"
    assert violation.message.endswith(
        "pas en même temps qu'un Contrat d'engagement jeune "
        "(CEJ du 01/03/2022 au 31/08/2022, ligne 4 du fichier)"
    )


@pytest.mark.parametrize(
    ("period", "start", "last", "meets"),
    [
        (CEJ, date(2022, 9, 1), None, False),  # from the day after its end
        (CEJ, date(2022, 8, 31), None, True),  # from its last day
        (CEJ, date(2021, 1, 1), date(2022, 2, 28), False),  # ends the day before
        (CEJ, date(2021, 1, 1), date(2022, 3, 1), True),  # ends on its first day
        (PACEA, date(2030, 1, 1), date(2030, 12, 31), True),  # still open
    ],
)
def test_periods_meet_on_a_day_in_common(period, start, last, meets):
    assert period.meets(start, last) is meets


def test_a_cej_checked_as_a_placement_reads_the_same_periods():
    cej = PlacementFacts(
        start=date(2022, 3, 1), end=date(2022, 8, 31), weekly_hours=Decimal(15), others=(PACEA,)
    )
    assert [v.rule for v in check_placement(scheme("CEJ"), cej, YOUNG).violations] == ["not_with"]
