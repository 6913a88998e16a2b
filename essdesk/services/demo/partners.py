"""The demo's partnership life: partners, roadmap, committees, members, mentoring, communes table."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain.milestones import months_before
from essdesk.services.demo.catalogue import COMMUNES

# INSEE codes of the demo's communes (Isère), keyed by (name, postcode).
INSEE = {
    "Grenoble": "38185", "Échirolles": "38151", "Saint-Martin-d'Hères": "38421", "Fontaine": "38169",
    "Seyssinet-Pariset": "38485", "Meylan": "38229", "Voiron": "38563", "Vif": "38545",
    "Crolles": "38140", "Vizille": "38562", "Mens": "38226", "Monestier-de-Clermont": "38242",
    "La Mure": "38269", "Villard-de-Lans": "38548", "Le Bourg-d'Oisans": "38052",
}  # fmt: skip
QPV_COMMUNES = {"Grenoble", "Échirolles", "Saint-Martin-d'Hères", "Fontaine", "Voiron"}
FEES = {"0": 600, "1-9": 600, "10-49": 1200, "50-249": 2500, "250+": 4000}
VOLUNTEERS = ("Michel Durand", "Sylvie Garnier", "Bernard Lefèvre", "Martine Rolland")
OUTCOMES = ("CDI dans l'entreprise du parrain", "Entrée en formation qualifiante")
ACTION_DETAILS = [
    ("3 par an", "jeunes accueillis", "Union des employeurs"),
    ("20 structures", "structures visitées", "Mission locale"),
    ("2 sessions", "recrutements réalisés", "France Travail"),
    ("100 % des offres", "offres relayées", "Mission locale"),
]


def add_partner_demo(session, rng: random.Random, employers, youths, today: date) -> None:
    """Enrich the demo partnership and event; add the communes table and this year's members."""
    for commune, postcode, territory in COMMUNES:
        session.add(
            m.Commune(
                insee_code=INSEE[commune],
                postcode=postcode,
                name=commune,
                territory=territory,
                rural_zone=territory == "rural",
                has_qpv=commune in QPV_COMMUNES,
            )  # fmt: skip
        )
    partnership = session.scalars(select(m.Partnership)).first()
    event = session.scalars(select(m.Event)).first()
    partners = employers[:8]
    partnership.technical_per_year = 2
    partnership.description = (
        "Rapprocher les jeunes suivis des employeurs de l'ESS du territoire : découverte des "
        "métiers, recrutements, sécurisation des parcours."
    )
    partnership.partners.extend(
        [
            m.PartnershipPartner(name=partnership.partner_name, kind="network", role="Signataire"),
            m.PartnershipPartner(name="France Travail Isère", kind="public_body", role="Signataire"),
            m.PartnershipPartner(name="Département de l'Isère", kind="public_body", role="Financeur"),
        ]
        + [m.PartnershipPartner(name=e.name, kind="employer", employer_id=e.id, role="Employeur engagé") for e in partners[:3]]
    )  # fmt: skip
    session.flush()
    for employer in partners:
        session.add(m.PartnershipEmployer(partnership_id=partnership.id, employer_id=employer.id))
    statuses = ["done", "done", "in_progress", "planned", "done", "postponed"]
    for axis in partnership.axes:
        for i, action in enumerate(axis.actions):
            target, indicator, owner = ACTION_DETAILS[(axis.position + i) % len(ACTION_DETAILS)]
            action.target, action.indicator, action.owner = target, indicator, owner
            action.year = action.due_date.year if action.due_date else None
            action.status = statuses[(axis.position + i) % len(statuses)]
    for meeting in partnership.meetings:
        meeting.attendees = "Union des employeurs, France Travail, Mission locale"
    partnership.meetings.append(
        m.PartnershipMeeting(
            kind="steering",
            held_on=months_before(today, 9),
            status="held",
            attendees="Union des employeurs, France Travail, Département, Mission locale",
            minutes="Bilan d'étape ; deux actions reportées à l'an prochain.",
        )  # fmt: skip
    )
    partnership.meetings.append(
        m.PartnershipMeeting(kind="steering", held_on=today + timedelta(days=45), status="planned")
    )
    if event is not None:
        session.add(m.PartnershipEvent(partnership_id=partnership.id, event_id=event.id))
        event.partners.extend(
            [m.EventPartner(name=partnership.partner_name, role="Co-organisateur")]
            + [m.EventPartner(name=e.name, employer_id=e.id, role="Recruteur") for e in partners[:4]]
        )  # fmt: skip
        forum = next((s for s in event.sessions if s.format == "forum"), None)
        offers = session.scalars(
            select(m.Offer).where(m.Offer.status == "open").order_by(m.Offer.title).limit(6)
        ).all()
        for session_row in event.sessions:
            session_row.registration_deadline = session_row.starts_at.date() - timedelta(days=2)
        if forum is not None:
            for offer in offers:
                session.add(m.SessionOffer(session_id=forum.id, offer_id=offer.id))
    for i, youth in enumerate(rng.sample(youths, min(4, len(youths)))):
        start = months_before(today, 10 - 2 * i)
        ended = i < 2
        session.add(
            m.Mentorship(
                youth_id=youth.id,
                volunteer_name=VOLUNTEERS[i],
                volunteer_employer_id=partners[i].id,
                partnership_id=partnership.id,
                start_date=start,
                meetings=3 + 2 * i,
                end_date=months_before(today, 2) if ended else None,
                outcome=OUTCOMES[i] if ended else None,
            )  # fmt: skip
        )
    for band, amount in FEES.items():
        session.add(m.MembershipFee(year=today.year, size_band=band, amount=Decimal(amount)))
    for i, employer in enumerate(partners):
        band = employer.size_band or "1-9"
        session.add(
            m.Membership(
                employer_id=employer.id,
                year=today.year,
                size_band=band,
                fee=Decimal(FEES[band]),
                paid=i % 3 != 2,
                paid_on=date(today.year, 2, 15) if i % 3 != 2 else None,
            )  # fmt: skip
        )
