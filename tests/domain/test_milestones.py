"""Milestones of a hire under each scheme, from its rules and dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essdesk.domain.milestones import (
    COMING,
    DONE,
    MISSED,
    NOT_APPLICABLE,
    OVERDUE,
    PAST,
    TO_DO,
    Milestone,
    milestone_state,
    months_before,
    placement_milestones,
)
from essdesk.domain.schemes import scheme


def _eav():
    return scheme("EAV").rules_on(date(2013, 11, 1))


def test_emploi_d_avenir_milestones():
    found = placement_milestones(
        _eav(), start=date(2013, 11, 1), aid_end=date(2016, 10, 31), contract_end=date(2016, 10, 31)
    )
    assert [(m.code, m.label, m.due) for m in found] == [
        ("suivi-1", "Entretien de suivi n° 1", date(2014, 5, 1)),
        ("suivi-2", "Entretien de suivi n° 2", date(2014, 11, 1)),
        ("suivi-3", "Entretien de suivi n° 3", date(2015, 5, 1)),
        ("suivi-4", "Entretien de suivi n° 4", date(2015, 11, 1)),
        ("sortie-6-mois", "Préparer la sortie : le contrat finit dans 6 mois", date(2016, 4, 30)),
        ("suivi-5", "Entretien de suivi n° 5", date(2016, 5, 1)),
        ("bilan", "Bilan avant la fin de l'aide", date(2016, 8, 31)),
        ("attestation", "Attestation d'expérience professionnelle", date(2016, 9, 30)),
        ("fin-aide", "Fin de l'aide de l'État", date(2016, 10, 31)),
        ("fin-contrat", "Fin du contrat", date(2016, 10, 31)),
    ]
    assert [m.action for m in found[-2:]] == [False, False]


def test_cdi_without_end_has_only_aid_milestones():
    found = placement_milestones(
        _eav(), start=date(2014, 3, 1), aid_end=date(2017, 3, 1), contract_end=None
    )
    assert [m.code for m in found if not m.code.startswith("suivi")] == ["bilan", "fin-aide"]


def test_pec_entry_and_exit_interviews():
    rules = scheme("PEC").rules_on(date(2019, 3, 1))
    found = placement_milestones(
        rules, start=date(2019, 3, 1), aid_end=date(2019, 11, 30), contract_end=date(2019, 11, 30)
    )
    assert [(m.code, m.due) for m in found] == [
        ("entree", date(2019, 3, 1)),
        ("sortie-6-mois", date(2019, 5, 30)),
        ("sortie", date(2019, 10, 30)),
        ("fin-aide", date(2019, 11, 30)),
        ("fin-contrat", date(2019, 11, 30)),
    ]


def test_cej_meets_at_least_every_14_days():
    rules = scheme("CEJ").rules_on(date(2023, 1, 2))
    found = placement_milestones(
        rules, start=date(2023, 1, 2), aid_end=None, contract_end=date(2023, 7, 1)
    )
    meetings = [m.due for m in found if m.code.startswith("rdv-")]
    assert meetings[0] == date(2023, 1, 16)
    assert all((b - a).days == 14 for a, b in zip(meetings, meetings[1:], strict=False))
    assert meetings[-1] < date(2023, 7, 1) and len(meetings) == 12


def test_a_short_contract_has_no_six_month_reminder_before_it_starts():
    rules = scheme("AUCUN").rules_on(date(2020, 1, 1))
    found = placement_milestones(
        rules, start=date(2020, 1, 1), aid_end=None, contract_end=date(2020, 4, 30)
    )
    assert [m.code for m in found] == ["fin-contrat"]


def test_no_scheme_no_rules():
    found = placement_milestones(None, start=date(2020, 1, 1), aid_end=None, contract_end=None)
    assert found == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 36))
def test_months_before_never_lands_after_the_day(day, months):
    earlier = months_before(day, months)
    assert earlier <= day
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months


REVIEW = Milestone("bilan", "Bilan avant la fin de l'aide", date(2016, 6, 1))
END = Milestone("fin-contrat", "Fin du contrat", date(2016, 12, 31), action=False)
ENDS = date(2016, 12, 31)


@pytest.mark.parametrize(
    ("milestone", "today", "done", "ended_on", "state"),
    [
        (REVIEW, date(2016, 5, 31), False, ENDS, TO_DO),
        (REVIEW, date(2016, 6, 1), False, ENDS, TO_DO),  # due today: not late yet
        (REVIEW, date(2016, 6, 2), False, ENDS, OVERDUE),
        (REVIEW, ENDS, False, ENDS, OVERDUE),  # the contract's last day: still late
        (REVIEW, date(2017, 1, 1), False, ENDS, MISSED),  # the day after: missed for good
        (REVIEW, date(2030, 1, 1), False, ENDS, MISSED),  # …not overdue for ever
        (REVIEW, date(2030, 1, 1), False, None, OVERDUE),  # a CDI still running
        (REVIEW, date(2030, 1, 1), True, ENDS, DONE),
        (REVIEW, date(2016, 8, 1), False, date(2016, 5, 31), NOT_APPLICABLE),  # ended before
        (REVIEW, date(2016, 8, 1), True, date(2016, 5, 31), DONE),  # recorded all the same
        (REVIEW, date(2016, 5, 1), False, date(2016, 6, 1), TO_DO),  # due on the last day
        (END, date(2016, 12, 30), False, ENDS, COMING),
        (END, ENDS, False, ENDS, COMING),
        (END, date(2017, 1, 1), False, ENDS, PAST),
        (END, date(2017, 1, 1), False, date(2016, 9, 30), NOT_APPLICABLE),  # ended early
    ],
)
def test_milestone_states(milestone, today, done, ended_on, state):
    assert milestone_state(milestone, today=today, done=done, ended_on=ended_on) == state


def test_a_cej_that_ended_long_ago_has_no_meeting_overdue():
    rules = scheme("CEJ").rules_on(date(2023, 1, 2))
    found = placement_milestones(
        rules, start=date(2023, 1, 2), aid_end=None, contract_end=date(2023, 7, 1)
    )
    during = {
        milestone_state(m, today=date(2023, 5, 2), done=False, ended_on=date(2023, 7, 1))
        for m in found
        if m.action
    }
    after = {
        milestone_state(m, today=date(2025, 1, 6), done=False, ended_on=date(2023, 7, 1))
        for m in found
        if m.action
    }
    assert during == {OVERDUE, TO_DO} and after == {MISSED}
