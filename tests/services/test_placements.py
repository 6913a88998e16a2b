"""Recording placements: rule checks, justified overrides, renewals, ends, pre-fill from a hire."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.services.placements.hiring import placement_from_application
from essdesk.services.placements.records import (
    PlacementRulesBroken,
    add_renewal,
    check_input,
    create_placement,
    record_end,
    to_complete_labels,
    update_placement,
)
from tests.services.placement_helpers import add_eav, eav_input, small_base


def _placement(db, placement_id) -> m.Placement:
    with db.session() as session:
        found = session.get(m.Placement, placement_id)
        assert found is not None
        session.expunge(found)
        return found


def test_a_valid_emploi_d_avenir_is_saved_with_nothing_to_complete(db):
    base = small_base(db)
    placement = _placement(db, add_eav(db, base))
    assert placement.override_justification is None
    assert placement.to_complete == []
    assert placement.tutor_id == base.tutor
    assert placement.commitments == ["CQP Ouvrier du paysage", "Remise à niveau en français"]


def test_a_placement_breaking_a_rule_is_refused_without_justification(db):
    base = small_base(db)
    data = eav_input(base, weekly_hours=Decimal(15))
    with pytest.raises(PlacementRulesBroken) as caught:
        create_placement(db, data)
    assert "au moins 17,5 h par semaine (reçu : 15 h)" in caught.value.detail
    assert "écrivez une justification" in caught.value.message
    with db.session() as session:
        assert session.query(m.Placement).count() == 0
    preview = check_input(db, data)
    assert [v.rule for v in preview.violations] == ["weekly_hours"]


def test_an_override_keeps_the_written_justification_and_the_rules_broken(db):
    base = small_base(db)
    why = "Temps partiel thérapeutique validé par le médecin du travail."
    placement_id = create_placement(
        db, eav_input(base, weekly_hours=Decimal(15), justification=why)
    )
    placement = _placement(db, placement_id)
    assert placement.override_justification == why
    assert [r["rule"] for r in placement.overridden_rules] == ["weekly_hours"]
    assert placement.to_complete == ["part_time_agreement"]
    assert to_complete_labels(placement) == ["accord écrit du jeune pour le temps partiel"]
    # Fixed later: the override goes away with the broken rule.
    version = update_placement(
        db, placement_id, placement.version, eav_input(base, part_time_agreement=True)
    )
    fixed = _placement(db, placement_id)
    assert (fixed.version, fixed.override_justification, fixed.overridden_rules) == (
        version,
        None,
        [],
    )


def test_update_with_a_stale_version_is_refused(db):
    base = small_base(db)
    placement_id = add_eav(db, base)
    with pytest.raises(EssDeskError, match="modifié entre-temps"):
        update_placement(db, placement_id, 99, eav_input(base))


def test_the_tutor_must_be_a_contact_of_the_employer(db):
    base = small_base(db)
    with pytest.raises(EssDeskError, match="contact de l'employeur « Régie de quartier"):
        create_placement(db, eav_input(base, tutor_id=base.other_tutor))


def test_a_market_employer_signs_a_cie_at_35_percent(db):
    base = small_base(db)
    with pytest.raises(PlacementRulesBroken) as caught:
        create_placement(db, eav_input(base, employer_id=base.company, tutor_id=base.other_tutor))
    assert "secteur marchand signe un CUI-CIE" in caught.value.detail
    assert "taux" not in caught.value.detail  # 75 % is the CAE rate: only the form is wrong
    create_placement(
        db,
        eav_input(
            base,
            employer_id=base.company,
            tutor_id=base.other_tutor,
            contract_form="CUI-CIE",
            aid_rate=Decimal(35),
        ),
    )


def test_renewals_are_dated_and_checked(db):
    base = small_base(db)
    placement_id = add_eav(db, base, end_date=date(2015, 1, 5), aid_end=date(2015, 1, 5))
    add_renewal(db, placement_id, end_date=date(2016, 1, 5), aid_end=date(2016, 1, 5))
    placement = _placement(db, placement_id)
    with db.session() as session:
        renewals = session.query(m.PlacementRenewal).all()
        assert [(r.start_date, r.end_date, r.aid_end) for r in renewals] == [
            (date(2015, 1, 6), date(2016, 1, 5), date(2016, 1, 5))
        ]
    assert placement.override_justification is None
    # Beyond 36 months in total: refused, and the renewal is not kept.
    with pytest.raises(PlacementRulesBroken) as caught:
        add_renewal(db, placement_id, end_date=date(2017, 2, 5))
    assert "36 mois au plus, renouvellements compris" in caught.value.detail
    with db.session() as session:
        assert session.query(m.PlacementRenewal).count() == 1


def test_record_the_actual_end_and_the_exit(db):
    base = small_base(db)
    placement_id = add_eav(db, base)
    record_end(
        db, placement_id, actual_end=date(2016, 3, 31), reason="embauche_cdi", exit_outcome="cdi"
    )
    ended = _placement(db, placement_id)
    assert (ended.actual_end_date, ended.end_reason, ended.exit_outcome, ended.status) == (
        date(2016, 3, 31),
        "embauche_cdi",
        "cdi",
        "ended",
    )
    with pytest.raises(EssDeskError, match="Motif de fin « démission » inconnu"):
        record_end(db, placement_id, actual_end=date(2016, 3, 31), reason="démission")


def test_a_hired_positioning_prefills_the_placement(db):
    base = small_base(db)
    with db.transaction() as session:
        offer = m.Offer(
            employer_id=base.association,
            title="Agent d'entretien des espaces verts",
            contract_type="emploi_avenir",
            weekly_hours=Decimal(35),
            rome_code="A1203",
        )
        session.add(offer)
        session.flush()
        application = m.Application(
            youth_id=base.youth, offer_id=offer.id, status="accepted", proposed_on=date(2014, 1, 2)
        )
        application.history.append(
            m.ApplicationEvent(status="accepted", at=datetime(2014, 1, 6, 9))
        )
        other = m.Offer(employer_id=base.company, title="Aide maçon", contract_type="CDD")
        session.add(other)
        session.flush()
        pending = m.Application(
            youth_id=base.youth, offer_id=other.id, status="proposed", proposed_on=date(2014, 1, 2)
        )
        session.add_all([application, pending])
        session.flush()
        hired_id, pending_id = application.id, pending.id
    data = placement_from_application(db, hired_id)
    assert (data.youth_id, data.employer_id, data.scheme_code) == (
        base.youth,
        base.association,
        "EAV",
    )
    assert (data.start_date, data.end_date, data.contract_type) == (
        date(2014, 1, 6),
        date(2017, 1, 5),
        "CDD",
    )
    assert (data.contract_form, data.aid_rate, data.tutor_id) == (
        "CUI-CAE",
        Decimal(75),
        base.tutor,
    )
    assert data.rome_code == "A1203"
    placement_id = create_placement(db, data)  # pre-filled and valid as is
    assert _placement(db, placement_id).offer_id is not None
    with pytest.raises(EssDeskError, match="« embauché »"):
        placement_from_application(db, pending_id)


def test_a_cej_overlapping_the_young_person_s_pacea_is_refused(db):
    base = small_base(db)
    with db.transaction() as session:
        session.get(m.Youth, base.youth).birth_date = date(2003, 3, 14)
    common = dict(contract_form=None, aid_rate=None, aid_start=None, aid_end=None, tutor_id=None)
    pacea_input = eav_input(
        base, scheme_code="PACEA", start_date=date(2021, 9, 1), end_date=date(2022, 8, 31), **common
    )
    pacea = create_placement(db, pacea_input)
    cej = eav_input(
        base,
        scheme_code="CEJ",
        start_date=date(2022, 3, 1),
        end_date=date(2022, 8, 31),
        weekly_hours=Decimal(15),
        **common,
    )
    preview = check_input(db, cej)
    assert [v.rule for v in preview.violations] == ["not_with"]
    assert "PACEA du 01/09/2021 au 31/08/2022" in preview.violations[0].message
    record_end(db, pacea, actual_end=date(2022, 2, 28), reason="autre")
    assert check_input(db, cej).ok
