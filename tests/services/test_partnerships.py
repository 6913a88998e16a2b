"""Partnerships, memberships, mentoring and event registrations, written through their services."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain.governance import expected_meetings
from essdesk.errors import EssDeskError
from essdesk.services import memberships as ms
from essdesk.services import partnerships as ps
from essdesk.services.events import sessions as ev
from essdesk.services.mentoring import list_pairs
from tests.services.partner_data import TODAY, add_placements, build_agency, fill_event


def test_flags_overdue_action_and_committees_and_the_coming_end(db):
    agency = build_agency(db)
    flags = ps.partnership_flags(db, TODAY)
    kinds = [(f.kind, f.due) for f in flags]
    # The job dating was due on 30/04/2026 and is still planned.
    assert ("action_overdue", date(2026, 4, 30)) in kinds
    # The technical committee planned for 20/05/2026 was never marked held.
    assert ("meeting_overdue", date(2026, 5, 20)) in kinds
    # A steering committee a year: the last one was on 12/03/2025, due again on 12/03/2026.
    assert ("meeting_overdue", date(2026, 3, 12)) in kinds
    # The agreement ends on 31/08/2026: within three months of 15/06/2026.
    ending = [f for f in flags if f.kind == "ending_soon"]
    assert len(ending) == 1 and "31/08/2026 (dans 77 jours)" in ending[0].message
    # The action done and the one due in December are not flagged.
    assert sum(1 for f in flags if f.kind == "action_overdue") == 1
    assert all(f.partnership_id == agency.partnership_id for f in flags)
    # A year before, nothing ends soon and the steering committee was not yet due.
    early = ps.partnership_flags(db, date(2025, 6, 1))
    assert [f.kind for f in early] == []


def test_expected_meetings_counts_every_started_year():
    assert expected_meetings(1, date(2025, 1, 1), date(2025, 12, 31)) == 1
    assert expected_meetings(1, date(2025, 1, 1), date(2026, 6, 30)) == 2
    assert expected_meetings(2, date(2025, 1, 1), date(2025, 3, 1)) == 1
    assert expected_meetings(0, date(2025, 1, 1), date(2026, 1, 1)) == 0
    # Five anniversary years, a leap day among them: twice a year expects 10, not 11.
    assert expected_meetings(2, date(2022, 1, 1), date(2026, 12, 31)) == 10


def test_partnership_checks_and_listing(db):
    with pytest.raises(EssDeskError, match="précède le début"):
        ps.create_partnership(db, title="X", partner_name="Y", start_date=date(2026, 1, 2),
                              end_date=date(2026, 1, 1))  # fmt: skip
    with pytest.raises(EssDeskError, match="« Intitulé » est obligatoire"):
        ps.create_partnership(db, title="  ", partner_name="Y")
    agency = build_agency(db)
    with pytest.raises(EssDeskError, match="Instance inconnu"):
        ps.record_meeting(db, agency.partnership_id, "bureau", date(2026, 1, 1))
    [summary] = ps.list_partnerships(db)
    assert (summary.title, summary.axes) == ("Convention UDES × France Travail", 2)
    assert ps.find_partnership(db, "udes").id == agency.partnership_id
    with pytest.raises(EssDeskError, match="Aucun partenariat ne correspond"):
        ps.find_partnership(db, "fondation")
    with db.session() as s:
        employers = s.scalars(
            select(m.PartnershipEmployer.employer_id).where(
                m.PartnershipEmployer.partnership_id == agency.partnership_id
            )
        ).all()
    # The employer partner is covered once, although it is both a partner and linked.
    assert sorted(employers) == sorted([agency.employers["partner"], agency.employers["other"]])
    version = ps.update_partnership(db, agency.partnership_id, 1, steering_per_year=2)
    assert version == 2


def test_fee_scale_memberships_and_publishing_members(db):
    agency = build_agency(db)
    ms.set_fee(db, 2026, "1-9", "600")
    ms.set_fee(db, 2026, "10-49", Decimal("1200"))
    ms.set_fee(db, 2026, "10-49", "1 500,00")  # the user edits the scale
    assert ms.fee_scale(db, 2026) == {"1-9": Decimal("600.00"), "10-49": Decimal("1500.00")}
    first = ms.enrol_member(db, agency.employers["partner"], 2026)
    ms.enrol_member(db, agency.employers["other"], 2026)
    with pytest.raises(EssDeskError, match="déjà adhérent pour 2026"):
        ms.enrol_member(db, agency.employers["partner"], 2026)
    with pytest.raises(EssDeskError, match="tranche d'effectif de « Boulangerie Martin »"):
        ms.enrol_member(db, agency.employers["outsider"], 2026)
    with pytest.raises(EssDeskError, match="barème 2027 n'a pas de cotisation"):
        ms.enrol_member(db, agency.employers["partner"], 2027)
    ms.enrol_member(db, agency.employers["outsider"], 2026, fee=4000)
    ms.record_payment(db, first, date(2026, 2, 1))
    members = ms.list_members(db, 2026)
    assert [(x.employer_name, x.fee, x.paid) for x in members] == [
        ("Boulangerie Martin", Decimal("4000.00"), False),
        ("Ressourcerie du Trièves", Decimal("600.00"), False),
        ("SCOP Les Charpentiers", Decimal("1500.00"), True),
    ]
    assert [x.employer_name for x in ms.publishing_members(db, 2026)] == ["SCOP Les Charpentiers"]
    assert (
        ms.fees_summary(members)
        == "3 adhérents, 6\u202f100,00\u202f€ appelés, 1\u202f500,00\u202f€ encaissés"
    )


def test_mentoring_pairs_on_both_records(db):
    agency = build_agency(db)
    add_placements(db, agency)
    by_youth = list_pairs(db, youth_id=agency.youths[2])
    assert [(p.volunteer_name, p.meetings, p.outcome) for p in by_youth] == [
        ("Michel Senior", 2, "CDI chez le parrain")
    ]
    assert by_youth[0].period == "du 01/11/2025 au 01/05/2026"
    by_company = list_pairs(db, employer_id=agency.employers["partner"])
    assert [p.youth_name for p in by_company] == ["Camille Jeune02"]
    assert len(list_pairs(db, partnership_id=agency.partnership_id)) == 2


def test_registrations_capacity_deadline_cancel_and_attendance(db):
    agency = build_agency(db)
    workshop, forum = agency.session_ids
    y = agency.youths
    line, status = ev.register(db, workshop, youth_id=y[0], today=date(2026, 3, 1))
    assert status == "registered"
    with pytest.raises(EssDeskError, match="déjà inscrit à « Atelier CV »"):
        ev.register(db, workshop, youth_id=y[0], today=date(2026, 3, 1))
    # After the deadline (13/03/2026) a registration is kept as refused.
    assert ev.register(db, workshop, youth_id=y[1], today=date(2026, 3, 14))[1] == "refused"
    ev.cancel_registration(db, line)
    # A cancelled young person may register again: the new line replaces the old one.
    assert ev.register(db, workshop, youth_id=y[0], today=date(2026, 3, 2))[1] == "registered"
    with db.session() as s:
        lines = s.scalars(select(m.Attendance).where(m.Attendance.session_id == workshop)).all()
    assert sorted(a.registration for a in lines) == ["refused", "registered"]
    with pytest.raises(EssDeskError, match="n'est pas un jour de l'événement"):
        ev.add_session(db, agency.event_id, "Hors date", datetime(2026, 3, 20, 9))
    with pytest.raises(EssDeskError, match="Présence inconnue"):
        ev.mark_attendance(db, lines[0].id, "excusé")
    with pytest.raises(EssDeskError, match="Format de session inconnu"):
        ev.add_session(db, agency.event_id, "X", datetime(2026, 3, 16, 9), format="concert")
    assert forum


def test_event_figures_follow_the_sheets(db):
    from essdesk.services.events.review import event_report_data

    agency = build_agency(db)
    expected = fill_event(db, agency)
    add_placements(db, agency)
    data = event_report_data(db, agency.event_id)
    assert data.registered == expected["registered"]
    assert (data.cancelled, data.refused) == (expected["cancelled"], expected["refused"])
    assert (data.present, data.absent) == (expected["present"], expected["absent"])
    assert (data.professionals, data.recruiters_present) == (1, 1)
    assert data.partners == ("SCOP Les Charpentiers",)
    o = data.outcomes
    assert o.window_end == date(2026, 6, 17)
    assert (o.youths_present, o.positionings, o.interviews) == (4, 2, 1)
    assert o.positionings_event_employers == 2 and o.interviews_event_employers == 1
    # y1 was hired twice after the event: at the partner (an event employer), then elsewhere.
    assert (o.hires, o.hires_event_employers) == (2, 1)
    # The walk-in youth is a present young person, the professional and the recruiter are not.
    assert data.profile.youths == 4
