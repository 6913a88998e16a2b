"""What is due soon for the hires the agency follows: reviews, certificates, ends of aid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.milestones import placement_milestones
from essdesk.services import access


@dataclass(frozen=True)
class Deadline:
    due: date
    label: str
    youth: str
    employer: str
    scheme: str
    overdue: bool = False  # due before the day the list was made for


def upcoming_deadlines(
    db: Database, *, today: date | None = None, ahead_days: int = 90, behind_days: int = 30
) -> list[Deadline]:
    """Milestones due in the next `ahead_days` (and those missed in the last `behind_days`)."""
    access.require_read(db, "placements")  # names young people and their contracts
    today = today or date.today()
    start, end = today - timedelta(days=behind_days), today + timedelta(days=ahead_days)
    query = (
        select(m.Placement, m.Youth, m.Employer, m.Scheme)
        .join(m.Youth, m.Placement.youth_id == m.Youth.id)
        .join(m.Employer, m.Placement.employer_id == m.Employer.id)
        .outerjoin(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
        # Only hires whose contract or aid is still running around the window.
        .where(
            or_(m.Placement.end_date.is_(None), m.Placement.end_date >= start),
            or_(m.Placement.aid_end.is_(None), m.Placement.aid_end >= start),
        )
    )
    found = []
    with db.session() as session:
        for placement, youth, employer, scheme in session.execute(query):
            rules = scheme.rules if scheme is not None else {}
            for milestone in placement_milestones(
                rules, aid_end=placement.aid_end, contract_end=placement.end_date
            ):
                # A missed review is still to do; a contract that ended is no longer news.
                first_day = start if milestone.action else today
                if first_day <= milestone.due <= end:
                    found.append(
                        Deadline(
                            milestone.due,
                            milestone.label,
                            f"{youth.first_name} {youth.last_name}",
                            employer.name,
                            scheme.name if scheme is not None else "",
                            milestone.due < today,
                        )
                    )
    return sorted(found, key=lambda d: d.due)
