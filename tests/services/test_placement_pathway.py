"""Trainings, follow-ups and their calendar, aid totals, eligibility exports, the pathway data."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from icalendar import Calendar

from essdesk.db import models as m
from essdesk.domain.schemes import scheme
from essdesk.errors import EssDeskError
from essdesk.services.placements.aid import (
    AidCancelled,
    add_smic_rate,
    aid_of_placement,
    aid_totals,
    export_aid,
    smic_table,
)
from essdesk.services.placements.eligibility import eligibility_of, export_eligibility
from essdesk.services.placements.follow_ups import (
    FollowUpInput,
    export_calendar,
    record_follow_up,
)
from essdesk.services.placements.pathway import pathway_of
from essdesk.services.placements.records import create_placement
from essdesk.services.placements.trainings import (
    TrainingInput,
    commitments_met,
    normalize_rncp,
    save_training,
)
from tests.services.placement_helpers import add_eav, eav_input, small_base

D = Decimal


def test_trainings_meet_the_employer_commitments(db):
    base = small_base(db)
    placement = add_eav(db, base)
    assert commitments_met(db, placement).share == 0
    save_training(
        db,
        TrainingInput(
            youth_id=base.youth,
            placement_id=placement,
            title="CQP Ouvrier du paysage",
            kind="qualifiante",
            organisation="CFPPA Saint-Ismier",
            funder="Uniformation",
            hours=400,
            cost=D("5200"),
            start_date=date(2014, 9, 1),
            end_date=date(2015, 6, 30),
            status="certified",
            certifying=True,
            certification="CQP Ouvrier du paysage",
            rncp_code="rncp 34567",
            commitment="cqp ouvrier du paysage",
        ),
    )
    met = commitments_met(db, placement)
    assert met.met == ["CQP Ouvrier du paysage"] and met.share == 0.5
    with db.session() as session:
        training = session.query(m.Training).one()
        assert (training.rncp_code, training.youth_id) == ("RNCP34567", base.youth)
    with pytest.raises(EssDeskError, match="n'est pas un engagement de l'employeur"):
        save_training(
            db,
            TrainingInput(
                youth_id=base.youth, placement_id=placement, title="Permis B", commitment="Permis"
            ),
        )


def test_a_training_without_placement_and_bad_values(db):
    base = small_base(db)
    save_training(
        db, TrainingInput(youth_id=base.youth, title="Remise à niveau", kind="remise_a_niveau")
    )
    with pytest.raises(EssDeskError, match="Type de formation « stage » inconnu"):
        save_training(db, TrainingInput(youth_id=base.youth, title="X", kind="stage"))
    with pytest.raises(EssDeskError, match="Code RNCP « ABC » illisible"):
        normalize_rncp("ABC")


def test_follow_ups_export_as_an_ics_calendar(db, tmp_path):
    base = small_base(db)
    placement = add_eav(db, base)
    record_follow_up(
        db,
        FollowUpInput(
            youth_id=base.youth,
            placement_id=placement,
            on=date(2014, 7, 6),
            kind="tripartite",
            counsellor_id=base.referent,
            milestone_code="suivi-1",
            start_time=time(14, 30),
            duration_minutes=45,
            notes="Avec M. Girard, tuteur.",
        ),
    )
    record_follow_up(
        db, FollowUpInput(youth_id=base.youth, on=date(2014, 8, 1), counsellor_id=base.referent)
    )
    record_follow_up(
        db, FollowUpInput(youth_id=base.youth, on=date(2014, 8, 2), counsellor_id=base.colleague)
    )
    target = tmp_path / "suivis.ics"
    assert export_calendar(db, base.referent, target) == 2
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Rencontre tripartite (jeune, employeur, conseiller) – Léna Martin",
        "Entretien de suivi – Léna Martin",
    ]
    first = events[0]
    assert first.decoded("dtstart").hour == 14 and first.decoded("dtend").minute == 15
    assert events[1].decoded("dtstart") == date(2014, 8, 1)  # all day: no time recorded
    assert str(calendar["x-wr-calname"]) == "Suivis de Claire Fabre"
    with pytest.raises(EssDeskError, match="se rattache à un contrat"):
        record_follow_up(
            db, FollowUpInput(youth_id=base.youth, on=date(2014, 8, 1), milestone_code="bilan")
        )


def _pec_2022(db, base):
    """A PEC at 50 % over the SMIC change of 01/05/2022."""
    return create_placement(
        db,
        eav_input(
            base,
            scheme_code="PEC",
            start_date=date(2022, 3, 16),
            end_date=date(2022, 12, 15),
            aid_start=date(2022, 3, 16),
            aid_end=date(2022, 12, 15),
            aid_rate=D(50),
            weekly_hours=D(35),
        ),
    )


def test_aid_of_a_placement_split_by_month_over_the_may_2022_change(db):
    base = small_base(db)
    months = aid_of_placement(db, _pec_2022(db, base))
    assert [(x.month, x.smic, x.amount) for x in months[:4]] == [
        (date(2022, 3, 1), D("10.57"), D("413.72")),  # 0.5 × 10.57 × 151.67 × 16/31
        (date(2022, 4, 1), D("10.57"), D("801.58")),
        (date(2022, 5, 1), D("10.85"), D("822.81")),
        (date(2022, 6, 1), D("10.85"), D("822.81")),
    ]
    assert months[5].smic == D("11.07")  # 01/08/2022
    assert months[-1].days_covered == 15 and len(months) == 10


def test_aid_totals_and_csv_export(db, tmp_path):
    base = small_base(db)
    add_eav(db, base)  # 01/2014 – 01/2017 at 75 %
    totals = aid_totals(db, date(2014, 1, 1), date(2014, 12, 31))
    assert [(e.name, e.contracts) for e in totals.by_employer.values()] == [
        ("Régie de quartier Villeneuve", 1)
    ]
    assert sum(e.amount for e in totals.by_employer.values()) == totals.total
    with pytest.raises(AidCancelled, match="Calcul des aides annulé"):
        aid_totals(db, date(2014, 1, 1), date(2014, 12, 31), cancelled=lambda: True)
    # January from the 6th: 26/31 of 0.75 × 9.53 × 151.67; then 11 full months.
    january = (D("0.75") * D("9.53") * D("151.67") * 26 / 31).quantize(D("0.01"))
    full = (D("0.75") * D("9.53") * D("151.67")).quantize(D("0.01"))
    assert totals.total == january + 11 * full
    target = tmp_path / "aide.csv"
    count, total = export_aid(db, date(2014, 12, 1), date(2015, 1, 31), target)
    assert count == 2 and total == D("1084.06") + D("1093.16")
    assert target.read_text(encoding="utf-8-sig").splitlines() == [
        "Nom;Prénom;Employeur;Mois;Taux;Heures mensuelles;SMIC horaire;Montant",
        "Martin;Léna;Régie de quartier Villeneuve;12/2014;75;151,67;9,53;1084,06",
        "Martin;Léna;Régie de quartier Villeneuve;01/2015;75;151,67;9,61;1093,16",
    ]


def test_user_smic_rates_extend_the_table(db):
    add_smic_rate(db, date(2025, 11, 1), D("12.02"))
    add_smic_rate(db, date(2025, 11, 1), D("12.03"), "correction")
    assert smic_table(db).rate_on(date(2026, 3, 1)) == D("12.03")
    with pytest.raises(EssDeskError, match="un 1er du mois"):
        add_smic_rate(db, date(2025, 11, 2), D("12"))


def test_eligibility_of_one_and_of_all(db, tmp_path):
    base = small_base(db)
    with db.transaction() as session:
        session.add(
            m.Youth(
                last_name="Durand",
                first_name="Noé",
                birth_date=date(1990, 1, 1),
                diploma_obtained=True,
                qualification_level_new=3,
            )
        )
        session.add(
            m.Youth(
                last_name="Petit", first_name="Inès", birth_date=date(1980, 1, 1), status="exited"
            )
        )
    eav = scheme("EAV")
    assert eligibility_of(db, base.youth, eav, date(2014, 6, 2)).verdict == "éligible"
    target = tmp_path / "eligibilite.csv"
    counts = export_eligibility(db, eav, date(2014, 6, 2), target)
    assert counts == {"à compléter": 1, "éligible": 1}
    assert target.read_text(encoding="utf-8-sig").splitlines() == [
        "Nom;Prénom;Date de naissance;Verdict;Motifs",
        # The reasons hold « ; »: the cell is quoted, as Excel expects.
        'Durand;Noé;01/01/1990;à compléter;"24 ans à la signature ; à renseigner : date de '
        "début de recherche d'emploi\"",
        'Martin;Léna;14/03/1994;éligible;"20 ans à la signature ; sans diplôme"',
    ]
    one = tmp_path / "un.csv"
    assert export_eligibility(db, eav, date(2014, 6, 2), one, youth_name="martin lena") == {
        "éligible": 1
    }
    with pytest.raises(EssDeskError, match="Aucun jeune ne s'appelle « Nobody Here »"):
        export_eligibility(db, eav, date(2014, 6, 2), tmp_path / "x.csv", youth_name="Nobody Here")
    assert not (tmp_path / "x.csv").exists()


def test_pathway_gathers_placements_trainings_follow_ups_and_what_is_due(db):
    base = small_base(db)
    placement = add_eav(db, base, weekly_hours=D(24), part_time_agreement=None)
    save_training(
        db,
        TrainingInput(
            youth_id=base.youth,
            placement_id=placement,
            title="CQP Ouvrier du paysage",
            status="in_progress",
            start_date=date(2014, 9, 1),
            commitment="CQP Ouvrier du paysage",
        ),
    )
    record_follow_up(
        db,
        FollowUpInput(
            youth_id=base.youth,
            placement_id=placement,
            on=date(2014, 7, 4),
            counsellor_id=base.referent,
            milestone_code="suivi-1",
        ),
    )
    sheet = pathway_of(db, "Léna Martin", today=date(2015, 2, 1))
    assert (sheet.name, sheet.referent) == ("Léna Martin", "Claire Fabre")
    (p,) = sheet.placements
    assert (p.employer, p.tutor, p.scheme) == (
        "Régie de quartier Villeneuve",
        "Paul Girard (Encadrant)",
        "Emploi d'avenir",
    )
    assert p.to_complete == ["accord écrit du jeune pour le temps partiel"]
    assert p.aid_total > p.aid_to_date > 0
    assert sheet.follow_ups[0].milestone == "Entretien de suivi n° 1"
    assert [(d.code, d.state) for d in sheet.due] == [
        ("suivi-2", "en retard"),
        ("suivi-3", "à faire"),
    ]
    assert [label for _, label in sheet.timeline()][0].startswith("Début du contrat chez Régie")


def test_eligibility_panel_lists_the_schemes_open_on_the_day(db):
    from essdesk.services.placements.eligibility import eligibility_panel

    base = small_base(db)
    panel = eligibility_panel(db, base.youth, date(2014, 6, 2))
    assert [(s.code, e.verdict) for s, e in panel] == [
        ("EAV", "éligible"),
        ("APPR", "éligible"),
        ("PRO", "éligible"),
        ("AUCUN", "éligible"),
    ]
    later = eligibility_panel(db, base.youth, date(2022, 6, 1))  # 28 years old
    assert {s.code: e.verdict for s, e in later}["CEJ"] == "non éligible"
