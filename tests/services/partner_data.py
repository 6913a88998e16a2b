"""A small agency written through the services, with figures the report tests count by hand."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from essdesk.db import models as m
from essdesk.services import partnerships as ps
from essdesk.services.events import sessions as ev
from essdesk.services.mentoring import end_mentorship, record_mentoring_meeting, start_mentorship

TODAY = date(2026, 6, 15)


@dataclass
class Agency:
    partnership_id: uuid.UUID
    event_id: uuid.UUID
    session_ids: list[uuid.UUID]
    employers: dict[str, uuid.UUID]
    youths: list[uuid.UUID]
    ids: dict[str, uuid.UUID] = field(default_factory=dict)


def _youths(session, count: int) -> list[m.Youth]:
    # Residence: the first half in Grenoble (urban), then Voiron (peri-urban), then Mens (rural).
    places = [("38000", "Grenoble")] * 4 + [("38500", "Voiron")] * 3 + [("38710", "Mens")] * 3
    youths = []
    for i in range(count):
        postcode, commune = places[i % len(places)]
        youths.append(
            m.Youth(
                last_name=f"Jeune{i:02d}",
                first_name="Camille",
                birth_date=date(2004, 1, 1 + i),
                postcode=postcode,
                commune=commune,
                qualification_level_new=3 + i % 3,
            )  # fmt: skip
        )
    session.add_all(youths)
    return youths


def build_agency(db) -> Agency:
    """One agreement (2 axes, 3 actions, committees), one event (2 sessions), offers and hires."""
    with db.transaction() as s:
        partner = m.Employer(name="SCOP Les Charpentiers", siret=None, size_band="10-49",
                             postcode="38500", commune="Voiron")  # fmt: skip
        other = m.Employer(name="Ressourcerie du Trièves", size_band="1-9", territory="rural",
                           postcode="38000", commune="Grenoble")  # fmt: skip
        outsider = m.Employer(name="Boulangerie Martin", postcode="38000", commune="Grenoble")
        s.add_all([partner, other, outsider])
        youths = _youths(s, 10)
        s.flush()
        employers = {"partner": partner.id, "other": other.id, "outsider": outsider.id}
        youth_ids = [y.id for y in youths]
        offers = []
        # Offers of the partner employers: 2 in 2025, 3 in 2026; one of the outsider (not counted).
        for i, (employer, day) in enumerate(
            [(partner, date(2025, 3, 1)), (other, date(2025, 9, 1)), (partner, date(2026, 1, 10)),
             (partner, date(2026, 2, 10)), (other, date(2026, 3, 10)), (outsider, date(2026, 3, 1))]
        ):  # fmt: skip
            offers.append(
                m.Offer(
                    employer_id=employer.id,
                    title=f"Poste {i}",
                    publication_date=day,
                    positions=2 if i == 0 else 1,
                    status="open",
                    contract_type="CDD",
                    weekly_hours=35,
                    place=employer.commune,
                )  # fmt: skip
            )
        s.add_all(offers)
        s.flush()
    pid = ps.create_partnership(
        db, title="Convention UDES × France Travail", partner_name="UDES Auvergne-Rhône-Alpes",
        signed_on=date(2025, 1, 10), start_date=date(2025, 1, 10), end_date=date(2026, 8, 31),
        steering_per_year=1, technical_per_year=2,
    )  # fmt: skip
    ps.add_partner(db, pid, "UDES Auvergne-Rhône-Alpes", "network", role="Signataire")
    ps.add_partner(db, pid, "France Travail Isère", "public_body", role="Signataire")
    ps.add_partner(db, pid, "SCOP Les Charpentiers", "employer", employer_id=partner.id)
    ps.link_employer(db, pid, other.id)
    axis1 = ps.add_axis(db, pid, "Faire connaître les métiers de l'ESS")
    axis2 = ps.add_axis(db, pid, "Faciliter les recrutements")
    done = ps.add_action(db, axis1, "Journées découverte", due_date=date(2025, 11, 30),
                         target="3 journées", indicator="jeunes accueillis", owner="UDES")  # fmt: skip
    ps.set_action_status(db, done, "done")
    late = ps.add_action(
        db, axis2, "Job dating ESS", due_date=date(2026, 4, 30), owner="Mission locale"
    )
    ps.add_action(
        db, axis2, "Guide des employeurs", due_date=date(2026, 12, 15), status="in_progress"
    )
    ps.record_meeting(db, pid, "steering", date(2025, 3, 12), attendees="UDES, France Travail",
                      minutes="Feuille de route validée.")  # fmt: skip
    ps.record_meeting(db, pid, "technical", date(2025, 6, 5))
    ps.record_meeting(db, pid, "technical", date(2026, 5, 20), status="planned")
    event_id = ev.create_event(db, "Semaine de l'ESS 2026", date(2026, 3, 16), date(2026, 3, 17),
                               place="Mission locale de Voiron")  # fmt: skip
    ps.link_event(db, pid, event_id)
    ev.add_event_partner(db, event_id, "SCOP Les Charpentiers", employer_id=partner.id)
    workshop = ev.add_session(db, event_id, "Atelier CV", datetime(2026, 3, 16, 9),
                              datetime(2026, 3, 16, 11), capacity=4,
                              registration_deadline=date(2026, 3, 13))  # fmt: skip
    forum = ev.add_session(db, event_id, "Forum des offres", datetime(2026, 3, 17, 14),
                           datetime(2026, 3, 17, 17), format="forum")  # fmt: skip
    agency = Agency(pid, event_id, [workshop, forum], employers, youth_ids)
    agency.ids["late_action"] = late
    return agency


def fill_event(db, agency: Agency) -> dict[str, int]:
    """Registrations and attendance; returns the figures the review must show."""
    workshop, forum = agency.session_ids
    y = agency.youths
    lines = [ev.register(db, workshop, youth_id=y[i], today=date(2026, 3, 10))[0] for i in range(4)]
    refused = ev.register(db, workshop, youth_id=y[4], today=date(2026, 3, 10))  # full
    late = ev.register(db, forum, youth_id=y[5], today=date(2026, 3, 1))  # no deadline: registered
    ev.cancel_registration(db, lines[3])
    ev.mark_attendance(db, lines[0], "present")
    ev.mark_attendance(db, lines[1], "present")
    ev.mark_attendance(db, lines[2], "absent")
    ev.mark_attendance(db, late[0], "present")
    ev.record_walk_in(db, forum, youth_id=y[6])
    ev.record_walk_in(
        db, forum, name="Anne Conseil", role="professional", organisation="CAP emploi"
    )
    ev.record_walk_in(db, forum, name="Paul Recrute", role="recruiter", organisation="SCOP")
    with db.transaction() as s:
        offers = [
            o
            for o in s.query(m.Offer).order_by(m.Offer.title)
            if o.employer_id == agency.employers["partner"]
        ]
        offer_id = offers[0].id
    ev.present_offer(db, forum, offer_id)
    # After the event: present youths y0, y1, y5, y6. Two positionings, one hire at the partner.
    with db.transaction() as s:
        s.add(
            # Met the employer (action préalable à l'embauche), then refused: it still counts.
            m.Application(
                youth_id=y[0],
                offer_id=offer_id,
                status="refused",
                refusal_reason="lacking_skills",
                proposed_on=date(2026, 3, 20),
                history=[
                    m.ApplicationEvent(status="prior_to_hire", from_status="processing"),
                    m.ApplicationEvent(status="refused", from_status="prior_to_hire"),
                ],
            )
        )
        s.add(
            m.Application(
                youth_id=y[5],
                offer_id=offers[1].id,
                status="new",
                proposed_on=date(2026, 4, 2),
            )
        )
        s.add(
            m.Application(
                youth_id=y[2],
                offer_id=offers[1].id,
                status="new",
                proposed_on=date(2026, 4, 2),
            )
        )
    assert refused[1] == "refused" and late[1] == "registered"
    return {"registered": 5, "cancelled": 1, "refused": 1, "present": 4, "absent": 1,
            "professionals": 1, "recruiters": 1, "positionings": 2, "interviews": 1}  # fmt: skip


def add_placements(db, agency: Agency) -> dict[str, int]:
    """Hires: 2 at partner employers in 2025, 2 in 2026 (same young person twice), 1 elsewhere."""
    y, e = agency.youths, agency.employers
    rows = [
        (y[0], e["partner"], date(2025, 4, 1), "CDD", None, None),
        (y[7], e["other"], date(2025, 10, 1), "CDI", None, None),
        (y[1], e["partner"], date(2026, 4, 1), "CDD", date(2026, 5, 31), "cdi"),
        (y[1], e["other"], date(2026, 6, 1), "apprentissage", None, None),
        (y[8], e["outsider"], date(2026, 2, 1), "CDD", date(2026, 5, 1), "cdd_6_months"),
    ]
    with db.transaction() as s:
        for youth, employer, start, contract, end, outcome in rows:
            s.add(m.Placement(youth_id=youth, employer_id=employer, job_title="Agent", contract_type=contract,
                              start_date=start, end_date=end, exit_outcome=outcome))  # fmt: skip
    pair = start_mentorship(db, y[2], "Michel Senior", date(2025, 11, 1),
                            volunteer_employer_id=e["partner"], partnership_id=agency.partnership_id)  # fmt: skip
    record_mentoring_meeting(db, pair)
    record_mentoring_meeting(db, pair)
    end_mentorship(db, pair, date(2026, 5, 1), "CDI chez le parrain")
    start_mentorship(
        db, y[3], "Sylvie Retraitée", date(2026, 2, 1), partnership_id=agency.partnership_id
    )
    return {"placements_2025": 2, "placements_2026": 2, "youths_placed": 3, "pairs": 2}
