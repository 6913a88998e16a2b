"""The territory report gives the same figures before and after a purge anonymises files."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.reports.territory_figures import UNKNOWN
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.retention import purge
from essdesk.services.territory_activity import territory_activity

DEMO_TODAY = date(2026, 11, 22)
PERIODS = [
    (date(2015, 1, 1), DEMO_TODAY),  # everything the demo holds
    (date(2026, 1, 1), DEMO_TODAY),  # the year so far, the report's default
    (date(2021, 1, 1), date(2023, 6, 30)),
]


def test_territory_figures_survive_the_purge(db):
    fill_demo_data(db, youths=80, seed=11, today=DEMO_TODAY)
    before = [territory_activity(db, start, end) for start, end in PERIODS]
    assert before[0].rows and sum(row.youths for row in before[0].rows) > 40
    assert all(row.code != UNKNOWN for row in before[0].rows)
    purged = purge(db, date(2045, 1, 1))
    assert len(purged) > 40
    with db.session() as s:
        assert s.scalar(select(func.count()).where(m.Youth.anonymised_at.is_not(None))) == len(
            purged
        )
        # Identity and contact are gone; the place of residence stays, as a statistic.
        left = s.execute(
            select(m.Youth.email, m.Youth.phone, m.Youth.address, m.Youth.postcode).where(
                m.Youth.anonymised_at.is_not(None)
            )
        ).all()
    assert {(email, phone, address) for email, phone, address, _ in left} == {(None, None, None)}
    assert all(postcode for *_, postcode in left)
    after = [territory_activity(db, start, end) for start, end in PERIODS]
    assert after == before
