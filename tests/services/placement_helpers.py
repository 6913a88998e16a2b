"""A small base for the placement service tests: a young person, employers, a tutor, counsellors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from essdesk.db import models as m
from essdesk.services.placements.records import PlacementInput, create_placement


@dataclass
class Base:
    youth: object
    association: object
    company: object
    tutor: object
    other_tutor: object
    referent: object
    colleague: object


def small_base(db) -> Base:
    with db.transaction() as session:
        referent = m.Counsellor(first_name="Claire", last_name="Fabre")
        colleague = m.Counsellor(first_name="Yanis", last_name="Morel")
        youth = m.Youth(
            last_name="Martin",
            first_name="Léna",
            birth_date=date(1994, 3, 14),
            diploma_obtained=False,
            referent=referent,
            commune="Grenoble",
            postcode="38000",
        )
        association = m.Employer(
            name="Régie de quartier Villeneuve", siret="73282932000074", legal_form="association"
        )
        company = m.Employer(name="SCOP Bâtir", siret="35600000000048", legal_form="scop")
        tutor = m.Contact(first_name="Paul", last_name="Girard", role="Encadrant", is_tutor=True)
        association.contacts.append(tutor)
        other_tutor = m.Contact(first_name="Zoé", last_name="Blanc", is_tutor=True)
        company.contacts.append(other_tutor)
        session.add_all([youth, association, company, colleague])
        session.flush()
        ids = [x.id for x in (youth, association, company, tutor, other_tutor, referent, colleague)]
    return Base(*ids)


def eav_input(base: Base, **changes) -> PlacementInput:
    """A valid Emploi d'avenir CDD of 3 years at the association, full time, with a tutor."""
    values = dict(
        youth_id=base.youth,
        employer_id=base.association,
        job_title="Agent d'entretien des espaces verts",
        start_date=date(2014, 1, 6),
        end_date=date(2017, 1, 5),
        contract_type="CDD",
        scheme_code="EAV",
        contract_form="CUI-CAE",
        weekly_hours=Decimal(35),
        aid_rate=Decimal(75),
        aid_start=date(2014, 1, 6),
        aid_end=date(2017, 1, 5),
        tutor_id=base.tutor,
        commitments=["CQP Ouvrier du paysage", "Remise à niveau en français"],
        qualification_target="CQP Ouvrier du paysage",
    )
    values.update(changes)
    return PlacementInput(**values)


def add_eav(db, base: Base, **changes):
    return create_placement(db, eav_input(base, **changes))
