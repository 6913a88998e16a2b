"""Small hand-made records for the desk's service tests."""

from __future__ import annotations

import datetime as dt

from essdesk.db import models as m

TODAY = dt.date.today()


def counsellor(db, first="Claire", last="Martin"):
    with db.transaction() as session:
        record = m.Counsellor(first_name=first, last_name=last, email="claire.martin@ml.fr")
        session.add(record)
    return record.id


def employer(db, name="Ressourcerie du Trièves", **values):
    values.setdefault("commune", "Mens")
    values.setdefault("postcode", "38710")
    with db.transaction() as session:
        record = m.Employer(name=name, **values)
        session.add(record)
    return record.id


def youth(db, first="Hélène", last="Durand", birth=dt.date(2004, 5, 12), **values):
    values.setdefault("postcode", "38000")
    values.setdefault("commune", "Grenoble")
    with db.transaction() as session:
        record = m.Youth(first_name=first, last_name=last, birth_date=birth, **values)
        session.add(record)
    return record.id


def offer(db, employer_id, title="Agent d'entretien", **values):
    values.setdefault("publication_date", TODAY - dt.timedelta(days=10))
    values.setdefault("last_news_on", values["publication_date"])
    values.setdefault("rome_code", "K2204")
    values.setdefault("contract_type", "CDD")
    values.setdefault("postcode", "38000")
    with db.transaction() as session:
        record = m.Offer(employer_id=employer_id, title=title, **values)
        session.add(record)
    return record.id
