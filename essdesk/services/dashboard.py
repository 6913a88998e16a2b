"""The home screen's figures: how many youths, employers, offers, contracts, partnerships, events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.services import access


def dashboard_counts(db: Database) -> dict[str, int]:
    """The figures of the home screen (those about young people for who may read their files)."""
    today = date.today()
    youth_files = access.current_actor(db).may("youth.file")
    with db.session() as session:

        def count(query) -> int:
            return session.scalar(query) or 0

        figures = {
            "Jeunes en accompagnement": count(
                select(func.count()).select_from(m.Youth).where(m.Youth.status == "active")
            )
            if youth_files
            else None,
            "Employeurs": count(
                select(func.count()).select_from(m.Employer).where(m.Employer.archived.is_(False))
            ),
            "Offres ouvertes": count(
                select(func.count()).select_from(m.Offer).where(m.Offer.status == "open")
            ),
            "Contrats en cours": count(
                select(func.count())
                .select_from(m.Placement)
                .where(or_(m.Placement.end_date.is_(None), m.Placement.end_date >= today))
            )
            if youth_files
            else None,
            "Partenariats": count(select(func.count()).select_from(m.Partnership)),
            "Événements": count(select(func.count()).select_from(m.Event)),
        }
    return {label: value for label, value in figures.items() if value is not None}
