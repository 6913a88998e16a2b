"""Placements on both backends: JSON flags, renewals, deadlines, aid, import and name search."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from essdesk.db import models as m
from essdesk.services.deadlines import deadlines
from essdesk.services.imports import import_file
from essdesk.services.placements.aid import aid_totals
from essdesk.services.placements.follow_ups import FollowUpInput, record_follow_up
from essdesk.services.placements.pathway import pathway_of
from essdesk.services.placements.records import add_renewal, create_placement
from tests.services.placement_helpers import eav_input, small_base


def test_placement_life_cycle_on_both_backends(any_db, tmp_path):
    base = small_base(any_db)
    placement = create_placement(
        any_db,
        eav_input(
            base,
            end_date=date(2015, 1, 5),
            aid_end=date(2015, 1, 5),
            weekly_hours=Decimal(15),
            justification="Reprise progressive après un arrêt maladie.",
        ),
    )
    add_renewal(any_db, placement, end_date=date(2016, 1, 5), aid_end=date(2016, 1, 5))
    record_follow_up(
        any_db,
        FollowUpInput(
            youth_id=base.youth,
            placement_id=placement,
            on=date(2015, 11, 2),
            milestone_code="bilan",
        ),
    )
    with any_db.session() as session:
        stored = session.get(m.Placement, placement)
        assert stored.to_complete == ["part_time_agreement"]
        assert [r["rule"] for r in stored.overridden_rules] == ["weekly_hours"]
    states = {
        d.code: d.state
        for d in deadlines(any_db, date(2015, 10, 1), date(2016, 1, 31), today=date(2016, 1, 1))
    }
    assert states["bilan"] == "fait" and states["attestation"] == "en retard"
    totals = aid_totals(any_db, date(2015, 1, 1), date(2015, 12, 31))
    # 15 h: 65 monthly hours; 12 full months at 0.75 × 9.61 × 65.
    assert totals.total == 12 * (Decimal("0.75") * Decimal("9.61") * Decimal("65.00")).quantize(
        Decimal("0.01")
    )
    assert pathway_of(any_db, "lena MARTIN").placements[0].renewals == [
        (date(2015, 1, 6), date(2016, 1, 5))
    ]

    path = tmp_path / "contrats.csv"
    path.write_text(
        "Nom;Prénom;Date de naissance;SIRET de l'employeur;Dispositif;Forme du contrat;"
        "Date de début;Date de fin;Durée hebdomadaire;Taux d'aide;Intitulé du poste\n"
        "Martin;Léna;14/03/1994;35600000000048;EAV;CIE;01/02/2016;31/01/2017;35;35;Maçon\n",
        encoding="utf-8",
    )
    result = import_file(any_db, "placements", path)
    assert (result.created, result.rejected) == (1, 0)
    with any_db.session() as session:
        imported = session.query(m.Placement).filter_by(job_title="Maçon").one()
        assert (imported.contract_type, imported.to_complete) == ("CDD", ["tutor"])
