"""A positioning moved to « embauché » becomes a placement: the editor opens pre-filled."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.schemes import BY_CODE
from essdesk.domain.schemes.calendar import add_months
from essdesk.domain.schemes.catalogue import CAE, CIE, MARKET, employer_kind
from essdesk.domain.schemes.placement_rules import expected_aid_rate
from essdesk.errors import EssDeskError
from essdesk.services.placements.common import get
from essdesk.services.placements.local_rates import local_rate_on
from essdesk.services.placements.records import PlacementInput

HIRED = "accepted"  # « embauchée », the hire state of domain/positionings.py
# Offers name the scheme as their contract type; the placement keeps CDI/CDD and the scheme.
_SCHEME_OF_CONTRACT = {
    "emploi_avenir": "EAV",
    "PEC": "PEC",
    "CUI-CAE": "PEC",
    "apprentissage": "APPR",
    "professionnalisation": "PRO",
}


def placement_from_application(
    db: Database, application_id: uuid.UUID, *, start: date | None = None
) -> PlacementInput:
    """The placement a hired positioning leads to, filled from its offer and employer.

    Nothing is saved: the editor shows it, the counsellor completes it, create_placement saves.
    """
    with db.session() as session:
        application = get(session, m.Application, application_id, "Mise en relation")
        if application.status != HIRED:
            raise EssDeskError("Seule une mise en relation « embauché » peut devenir un contrat.")
        offer = application.offer
        employer = offer.employer
        hired_on = session.scalar(
            select(m.ApplicationEvent.at)
            .where(
                m.ApplicationEvent.application_id == application.id,
                m.ApplicationEvent.status == HIRED,
            )
            .order_by(m.ApplicationEvent.at.desc())
            .limit(1)
        )
        first_day = start or offer.start_date or (hired_on.date() if hired_on else date.today())
        code = _SCHEME_OF_CONTRACT.get(offer.contract_type or "")
        end = None
        if offer.duration_months:
            end = add_months(first_day, offer.duration_months) - timedelta(days=1)
        elif code == "EAV":  # the law's default length of an Emploi d'avenir CDD
            end = add_months(first_day, 36) - timedelta(days=1)
        kind = employer_kind(employer.legal_form)
        form = None
        rate = None
        if code in ("EAV", "PEC"):
            form = CIE if code == "EAV" and kind == MARKET else CAE
            rules = BY_CODE[code].rules_on(first_day)
            rate = expected_aid_rate(rules, form, kind) if rules else None
            if rate is None:  # a rate the law leaves to the region: the one set in the settings
                rate = local_rate_on(session, code, first_day)
        tutors = [c for c in employer.contacts if c.is_tutor]
        contract_type = offer.contract_type if offer.contract_type in ("CDI", "CDD") else None
        return PlacementInput(
            youth_id=application.youth_id,
            employer_id=employer.id,
            offer_id=offer.id,
            job_title=offer.title,
            rome_code=offer.rome_code,
            start_date=first_day,
            end_date=end,
            contract_type=contract_type or ("CDD" if end else "CDI"),
            scheme_code=code,
            contract_form=form,
            weekly_hours=offer.weekly_hours or Decimal(35),
            aid_rate=rate,
            aid_start=first_day if form else None,
            aid_end=end if form else None,
            tutor_id=tutors[0].id if len(tutors) == 1 else None,
        )
