"""Regional PEC aid rates set in the settings: dated, within the law's range, proposed at hire."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.placements.hiring import placement_from_application
from essdesk.services.placements.local_rates import local_rates, set_local_rate
from tests.services.placement_helpers import small_base


def _pec_hire(db, base, day: date):
    with db.transaction() as session:
        offer = m.Offer(
            employer_id=base.association,
            title=f"Médiateur numérique {day:%d/%m/%Y}",  # one offer per hire
            contract_type="PEC",
        )
        session.add(offer)
        session.flush()
        application = m.Application(
            youth_id=base.youth, offer_id=offer.id, status="accepted", proposed_on=day
        )
        application.history.append(
            m.ApplicationEvent(status="accepted", at=datetime(day.year, day.month, day.day, 9))
        )
        session.add(application)
        session.flush()
        return application.id


def test_dated_rates_and_the_one_proposed_at_hire(db):
    base = small_base(db)
    assert placement_from_application(db, _pec_hire(db, base, date(2026, 3, 1))).aid_rate is None
    set_local_rate(db, "PEC", date(2025, 1, 1), Decimal(40), "Arrêté 2025-01")
    set_local_rate(db, "PEC", date(2026, 7, 1), Decimal(50), "Arrêté 2026-07")
    set_local_rate(db, "PEC", date(2026, 7, 1), Decimal(45), "Arrêté 2026-07 rectifié")
    assert [(r.valid_from, r.rate) for r in local_rates(db, "PEC")] == [
        (date(2026, 7, 1), Decimal("45.00")),
        (date(2025, 1, 1), Decimal("40.00")),
    ]
    before = placement_from_application(db, _pec_hire(db, base, date(2026, 3, 2)))
    after = placement_from_application(db, _pec_hire(db, base, date(2026, 9, 1)))
    assert (before.aid_rate, after.aid_rate) == (Decimal("40.00"), Decimal("45.00"))


def test_out_of_range_or_fixed_rate_schemes_are_refused(db):
    with pytest.raises(EssDeskError, match="hors de la fourchette légale"):
        set_local_rate(db, "PEC", date(2026, 1, 1), Decimal(75))
    with pytest.raises(EssDeskError, match="pas de taux fixé localement"):
        set_local_rate(db, "EAV", date(2016, 1, 1), Decimal(75))
    assert local_rates(db, "PEC") == []


def test_only_who_may_change_the_settings(db):
    access.create_user(db, "admin", "Alice Admin", "administrator", "mot de passe long 1")
    access.create_user(db, "conseil", "Camille Conseil", "counsellor", "mot de passe long 2")
    db.actor = None
    access.log_in(db, "conseil", "mot de passe long 2")
    with pytest.raises(access.AccessDenied):
        set_local_rate(db, "PEC", date(2026, 1, 1), Decimal(40))
    assert local_rates(db, "PEC") == []
    with db.session() as session:  # the refusal is in the trail
        refused = session.query(m.AuditEntry).filter(m.AuditEntry.action == "refused").all()
    assert [e.entity for e in refused] == ["local_aid_rates"]
