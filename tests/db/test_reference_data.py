"""Every base holds the schemes and the 14 ROME domains from its creation, not only the demo's."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from essdesk.db import models as m
from essdesk.db.reference_data import seed_reference_data
from essdesk.domain.nomenclatures import ROME_DOMAINS
from essdesk.domain.schemes import SCHEMES


def _codes(db, model) -> dict[str, object]:
    with db.session() as session:
        return {row.code: row for row in session.scalars(select(model))}


def test_a_new_base_holds_the_schemes_and_rome_domains(any_db):
    schemes = _codes(any_db, m.Scheme)
    assert set(schemes) == set(SCHEMES)
    eav = schemes["EAV"]
    assert (eav.name, eav.valid_to.isoformat()) == ("Emploi d'avenir", "2018-01-01")
    assert eav.rules["aid_rates"]["CUI-CAE"] == 75 and eav.version == 1
    domains = _codes(any_db, m.RomeCode)
    assert {code: row.label for code, row in domains.items()} == ROME_DOMAINS
    assert len(domains) == 14


def test_seeding_again_only_fills_gaps_and_keeps_the_agency_s_edits(any_db):
    with any_db.transaction() as session:
        session.execute(update(m.Scheme).where(m.Scheme.code == "PEC").values(name="PEC (local)"))
        session.execute(delete(m.RomeCode).where(m.RomeCode.code.in_(["A", "N"])))
    with any_db.transaction() as session:
        added = seed_reference_data(session.connection())
    assert added == {"dispositifs": 0, "domaines ROME": 2}
    assert _codes(any_db, m.Scheme)["PEC"].name == "PEC (local)"
    with any_db.transaction() as session:
        assert seed_reference_data(session.connection()) == {"dispositifs": 0, "domaines ROME": 0}
        assert session.scalar(select(func.count()).select_from(m.RomeCode)) == 14
