"""The demonstration positionings: plausible states, dates and history for the desk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from essdesk.db import models as m
from essdesk.domain.positionings import PENDING, REFUSAL_REASONS


def add_positionings(session, rng, youths, offers, counsellors, today: date) -> None:
    """Positionings as the desk keeps them: nothing dated after today, refusals with their
    reason, and a hired young person's other pending positionings made obsolete."""
    refusals = list(REFUSAL_REASONS)
    for youth in rng.sample(youths, min(len(youths), 180)):
        made = []
        for offer in rng.sample(offers, rng.randint(1, 3)):
            status = rng.choice(["new", "processing", "postponed", "refused", "accepted"])
            proposed = min(offer.publication_date + timedelta(days=rng.randint(1, 30)), today)
            moved_on = min(proposed + timedelta(days=10), today)
            counsellor_id = rng.choice(counsellors).id
            application = m.Application(
                youth=youth,
                offer=offer,
                status=status,
                proposed_on=proposed,
                last_news_on=moved_on if status != "new" else proposed,
                counsellor_id=counsellor_id,
                refusal_reason=refusals[len(made) % len(refusals)] if status == "refused" else None,
            )
            application.history.append(
                m.ApplicationEvent(
                    status="new",
                    on=proposed,
                    at=datetime.combine(proposed, time(10)),
                    counsellor_id=counsellor_id,
                )
            )
            if status != "new":
                application.history.append(
                    m.ApplicationEvent(
                        status=status,
                        from_status="new",
                        on=moved_on,
                        at=datetime.combine(moved_on, time(11)),
                        counsellor_id=counsellor_id,
                        reason=application.refusal_reason,
                    )
                )
            made.append(application)
            session.add(application)
        hires = [a for a in made if a.status == "accepted"]
        for other in made:
            if hires and other.status in PENDING:
                hired_on = max(a.history[-1].on for a in hires)
                on = max(hired_on, other.proposed_on)
                other.history.append(
                    m.ApplicationEvent(
                        status="obsolete",
                        from_status=other.status,
                        on=on,
                        at=datetime.combine(on, time(12)),
                        note="Embauché(e) sur une autre offre",
                    )
                )
                other.status, other.last_news_on = "obsolete", on
