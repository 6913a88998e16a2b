"""Deadlines of the hires from their schemes' rules: states, follow-ups recorded, counts, CSV."""

from __future__ import annotations

from datetime import date

from essdesk.services.deadlines import (
    deadline_counts,
    deadline_counts_by_counsellor,
    deadlines,
    due_by_week,
    export_deadlines,
    upcoming_deadlines,
)
from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up
from tests.services.placement_helpers import add_eav, small_base


def test_deadlines_of_an_emploi_d_avenir(db):
    base = small_base(db)
    add_eav(db, base)
    found = upcoming_deadlines(db, today=date(2016, 11, 1), ahead_days=90, behind_days=0)
    assert [(d.due, d.label, d.youth, d.state) for d in found] == [
        (date(2016, 11, 5), "Bilan avant la fin de l'aide", "Léna Martin", "à faire"),
        (date(2016, 12, 5), "Attestation d'expérience professionnelle", "Léna Martin", "à faire"),
        (date(2017, 1, 5), "Fin de l'aide de l'État", "Léna Martin", "à venir"),
        (date(2017, 1, 5), "Fin du contrat", "Léna Martin", "à venir"),
    ]
    assert {d.scheme for d in found} == {"Emploi d'avenir"}
    assert {d.employer for d in found} == {"Régie de quartier Villeneuve"}


def test_missed_reviews_stay_listed_but_past_ends_do_not(db):
    base = small_base(db)
    add_eav(db, base)
    found = upcoming_deadlines(db, today=date(2017, 1, 20), ahead_days=90, behind_days=30)
    assert found == []  # the review was due in November: out of the window
    found = upcoming_deadlines(db, today=date(2016, 12, 20), ahead_days=10, behind_days=60)
    assert [(d.label, d.overdue) for d in found] == [
        ("Bilan avant la fin de l'aide", True),
        ("Attestation d'expérience professionnelle", True),
    ]


def test_a_follow_up_recorded_against_a_milestone_marks_it_done_and_counts_change(db):
    base = small_base(db)
    placement = add_eav(db, base)
    today = date(2016, 12, 20)
    before = deadline_counts(db, today=today, ahead_days=30, behind_days=60)
    assert (before.due, before.overdue) == (0, 2)  # the review and the certificate
    record_follow_up(
        db,
        FollowUpInput(
            youth_id=base.youth,
            placement_id=placement,
            on=date(2016, 12, 19),
            kind="bilan",
            counsellor_id=base.referent,
            milestone_code="bilan",
            notes="Bilan avec le tuteur : CQP en cours.",
        ),
    )
    after = deadline_counts(db, today=today, ahead_days=30, behind_days=60)
    assert (after.due, after.overdue) == (0, 1)
    states = {
        d.code: d.state for d in deadlines(db, date(2016, 11, 1), date(2016, 12, 31), today=today)
    }
    assert states == {"bilan": "fait", "attestation": "en retard"}


def test_deadlines_of_one_counsellor(db):
    base = small_base(db)
    add_eav(db, base)
    mine = list(deadlines(db, date(2015, 1, 1), date(2017, 12, 31), counsellor_id=base.referent))
    theirs = list(deadlines(db, date(2015, 1, 1), date(2017, 12, 31), counsellor_id=base.colleague))
    assert mine and theirs == []


def test_export_deadlines_csv(db, tmp_path):
    base = small_base(db)
    add_eav(db, base)
    target = tmp_path / "echeances.csv"
    counts = export_deadlines(
        db, date(2016, 7, 1), date(2017, 1, 31), target, today=date(2016, 11, 15)
    )
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "Nom;Prénom;Employeur;Échéance;Date;État",
        "Martin;Léna;Régie de quartier Villeneuve;Préparer la sortie : le contrat finit dans 6 "
        "mois;05/07/2016;en retard",
        "Martin;Léna;Régie de quartier Villeneuve;Entretien de suivi n° 5;06/07/2016;en retard",
        "Martin;Léna;Régie de quartier Villeneuve;Bilan avant la fin de l'aide;05/11/2016;en retard",
        "Martin;Léna;Régie de quartier Villeneuve;Attestation d'expérience professionnelle;"
        "05/12/2016;à faire",
        "Martin;Léna;Régie de quartier Villeneuve;Fin de l'aide de l'État;05/01/2017;à venir",
        "Martin;Léna;Régie de quartier Villeneuve;Fin du contrat;05/01/2017;à venir",
    ]
    assert counts == {"en retard": 3, "à faire": 1, "à venir": 2}


def test_counts_per_counsellor_for_the_dashboard(db):
    base = small_base(db)
    add_eav(db, base)
    counts = deadline_counts_by_counsellor(db, today=date(2016, 12, 20), behind_days=60)
    assert {who: (c.due, c.overdue) for who, c in counts.items()} == {base.referent: (0, 2)}


def test_due_by_week_for_the_chart(db):
    base = small_base(db)
    add_eav(db, base)
    weeks = due_by_week(db, today=date(2016, 11, 2), weeks=6)
    assert weeks[0] == (date(2016, 10, 31), 1)  # the review due on 05/11/2016
    assert [n for _, n in weeks] == [1, 0, 0, 0, 0, 1]  # the certificate on 05/12/2016


def test_what_an_ended_contract_missed_is_no_longer_overdue(db):
    base = small_base(db)
    add_eav(db, base)  # ends 05/01/2017; the review and the certificate never recorded
    states = {
        d.code: d.state
        for d in deadlines(db, date(2016, 11, 1), date(2017, 1, 31), today=date(2019, 6, 1))
    }
    assert states == {
        "bilan": "non réalisée",
        "attestation": "non réalisée",
        "fin-aide": "passée",
        "fin-contrat": "passée",
    }
    counts = deadline_counts(db, today=date(2017, 3, 1), ahead_days=30, behind_days=365)
    assert (counts.due, counts.overdue) == (0, 0)
    assert upcoming_deadlines(db, today=date(2017, 1, 20), behind_days=365) == []
