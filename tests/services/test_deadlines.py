"""Upcoming deadlines of the hires, from the schemes' rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain.schemes import SCHEMES
from essdesk.services.deadlines import upcoming_deadlines


def _seeded_eav(session) -> m.Scheme:
    """The Emploi d'avenir every base is created with (its rules as domain/schemes.py says)."""
    scheme = session.scalars(select(m.Scheme).where(m.Scheme.code == "EAV")).one()
    assert scheme.name == SCHEMES["EAV"]["name"]
    return scheme


def test_deadlines_of_an_emploi_d_avenir(db):
    with db.transaction() as session:
        scheme = _seeded_eav(session)
        youth = m.Youth(last_name="Martin", first_name="Léna", birth_date=date(1995, 3, 14))
        employer = m.Employer(name="Régie de quartier")
        session.add(
            m.Placement(
                youth=youth,
                employer=employer,
                scheme=scheme,
                job_title="Agent d'entretien",
                contract_type="emploi_avenir",
                start_date=date(2014, 1, 6),
                end_date=date(2017, 1, 5),
                aid_end=date(2017, 1, 5),
                weekly_hours=Decimal(35),
            )
        )
        session.add(  # an older hire, long over: nothing due
            m.Placement(
                youth=m.Youth(last_name="Petit", first_name="Noé", birth_date=date(1994, 1, 1)),
                employer=employer,
                scheme=scheme,
                job_title="Animateur",
                contract_type="emploi_avenir",
                start_date=date(2012, 12, 1),
                end_date=date(2015, 11, 30),
                aid_end=date(2015, 11, 30),
            )
        )
    found = upcoming_deadlines(db, today=date(2016, 11, 1), ahead_days=90, behind_days=0)
    assert [(d.due, d.label, d.youth) for d in found] == [
        (date(2016, 11, 5), "Bilan avant la fin de l'aide", "Léna Martin"),
        (date(2016, 12, 5), "Attestation d'expérience professionnelle", "Léna Martin"),
        (date(2017, 1, 5), "Fin de l'aide de l'État", "Léna Martin"),
        (date(2017, 1, 5), "Fin du contrat", "Léna Martin"),
    ]
    assert {d.scheme for d in found} == {"Emploi d'avenir"}


def test_missed_reviews_stay_listed_but_past_ends_do_not(db):
    with db.transaction() as session:
        session.add(
            m.Placement(
                youth=m.Youth(last_name="Martin", first_name="Léna", birth_date=date(1995, 3, 14)),
                employer=m.Employer(name="Régie de quartier"),
                scheme=_seeded_eav(session),
                job_title="Agent d'entretien",
                contract_type="emploi_avenir",
                start_date=date(2014, 1, 6),
                end_date=date(2017, 1, 5),
                aid_end=date(2017, 1, 5),
            )
        )
    found = upcoming_deadlines(db, today=date(2017, 1, 20), ahead_days=90, behind_days=30)
    assert [d.label for d in found] == []  # the review was due in November: out of the window
    found = upcoming_deadlines(db, today=date(2016, 12, 20), ahead_days=10, behind_days=60)
    assert [(d.label, d.overdue) for d in found] == [
        ("Bilan avant la fin de l'aide", True),
        ("Attestation d'expérience professionnelle", True),
    ]
