"""Milestones of a hire under a scheme."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from essdesk.domain.milestones import months_before, placement_milestones
from essdesk.domain.schemes import SCHEMES


def test_emploi_d_avenir_milestones():
    rules = SCHEMES["EAV"]["rules"]
    found = placement_milestones(rules, aid_end=date(2016, 10, 31), contract_end=date(2016, 10, 31))
    assert [(m.label, m.due) for m in found] == [
        ("Bilan avant la fin de l'aide", date(2016, 8, 31)),
        ("Attestation d'expérience professionnelle", date(2016, 9, 30)),
        ("Fin de l'aide de l'État", date(2016, 10, 31)),
        ("Fin du contrat", date(2016, 10, 31)),
    ]


def test_cdi_without_end_has_only_aid_milestones():
    found = placement_milestones(
        SCHEMES["EAV"]["rules"], aid_end=date(2017, 3, 1), contract_end=None
    )
    assert [m.label for m in found] == ["Bilan avant la fin de l'aide", "Fin de l'aide de l'État"]


def test_months_before_clamps_to_month_end():
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_before(date(2023, 5, 31), 3) == date(2023, 2, 28)
    assert months_before(date(2024, 1, 15), 2) == date(2023, 11, 15)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 60))
def test_months_before_is_never_later_and_keeps_the_month_distance(day, months):
    earlier = months_before(day, months)
    assert earlier <= day
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
