"""« RQTH et notes des jeunes suivis seulement » in the app: exports, imports, checks, history."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.domain.entities import EntityKind
from essdesk.domain.schemes import BY_CODE
from essdesk.services import access, sensitive
from essdesk.services.exports import export_table
from essdesk.services.listings import LISTINGS
from essdesk.services.placements.eligibility import eligibility_of, eligibility_of_all
from essdesk.services.records import load_record, save_record, update_record
from tests.privacy.test_sensitive import PASSWORD, _agency


def test_followed_only_holds_in_the_export_and_the_eligibility(db, tmp_path):
    followed, stranger = _agency(db)
    with db.transaction() as s:
        # 27 on the day: only an RQTH opens an Emploi d'avenir (up to 30).
        s.get(m.Youth, stranger.id).birth_date = date(1988, 1, 10)
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "followed")
    eav, day = BY_CODE["EAV"], date(2015, 6, 1)
    assert eligibility_of(db, stranger.id, eav, day).eligible  # the administrator sees it
    access.log_in(db, "conseil", PASSWORD)

    out = tmp_path / "jeunes.csv"
    export_table(db, "youths", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Nom"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert rows["Suivi"]["RQTH"] == "Oui" and rows["Inconnu"]["RQTH"] == ""
    assert rows["Inconnu"]["Prénom"] == "Noé"  # the rest of the row is exported

    # An RQTH the counsellor may not see is unknown to the verdict, not « non ».
    verdict = eligibility_of(db, stranger.id, eav, day)
    assert verdict.verdict != "eligible" and verdict.missing == ("RQTH",)
    assert "avec RQTH" not in verdict.explanation()
    [streamed] = [e for e in eligibility_of_all(db, eav, day) if e.youth_id == stranger.id]
    assert streamed.result == verdict
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "all")
    access.log_in(db, "conseil", PASSWORD)
    assert eligibility_of(db, stranger.id, eav, day).eligible


def test_followed_only_a_counsellor_cannot_take_a_colleagues_young_person(db):
    followed, stranger = _agency(db)
    with db.transaction() as s:
        nobody = m.Youth(last_name="Libre", first_name="Zoé", birth_date=date(2006, 7, 8))
        s.add(nobody)
        mine = followed.referent_id
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "conseil", PASSWORD)
    hidden = load_record(db, EntityKind.YOUTHS, stranger.id)
    with pytest.raises(access.AccessDenied, match="suivi par un autre conseiller"):
        save_record(
            db, EntityKind.YOUTHS, stranger.id, hidden.version, hidden.texts, referent_id=mine
        )
    with pytest.raises(access.AccessDenied, match="seul un administrateur"):
        update_record(db, m.Youth, stranger.id, hidden.version, referent_id=mine)
    with db.session() as s:
        assert s.get(m.Youth, stranger.id).referent_id == stranger.referent_id
        refusals = s.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.action == "refused", m.AuditEntry.youth_id == stranger.id
            )
        ).all()
    assert len(refusals) == 2
    # A young person nobody follows may be taken; one's own may be handed over.
    taken = load_record(db, EntityKind.YOUTHS, nobody.id)
    save_record(db, EntityKind.YOUTHS, nobody.id, taken.version, taken.texts, referent_id=mine)
    assert load_record(db, EntityKind.YOUTHS, nobody.id).extra.get("masked") is None
    own = load_record(db, EntityKind.YOUTHS, followed.id)
    update_record(db, m.Youth, followed.id, own.version, referent_id=stranger.referent_id)
    assert load_record(db, EntityKind.YOUTHS, followed.id).extra["masked"] == {"rqth"}
    access.log_in(db, "admin", PASSWORD)  # the administrator hands anyone over
    back = load_record(db, EntityKind.YOUTHS, followed.id)
    update_record(db, m.Youth, followed.id, back.version, referent_id=mine)


def write_youths_file(path, rqth: str):
    """Both young people of `_agency` in an agency's CSV, with one RQTH answer for both."""
    lines = ["Nom;Prénom;Date de naissance;RQTH;Téléphone"]
    lines += [
        f"Suivi;Léa;02/01/2005;{rqth};0601020304",
        f"Inconnu;Noé;04/03/2006;{rqth};0605060708",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_followed_only_an_import_keeps_the_rqth_it_may_not_see(db, tmp_path):
    from essdesk.services.imports import import_file

    followed, stranger = _agency(db)
    access.log_in(db, "admin", PASSWORD)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "conseil", PASSWORD)
    result = import_file(db, "youths", write_youths_file(tmp_path / "jeunes.csv", "Non"))
    assert result.updated == 2  # the phones; the RQTH of the one followed
    with db.session() as s:
        assert s.get(m.Youth, followed.id).rqth is False
        kept = s.get(m.Youth, stranger.id)
        assert kept.rqth is True and kept.phone == "+33605060708"  # the rest of the line


def test_followed_only_holds_in_the_history_the_filter_and_the_contract(db):
    from essdesk.services.audit_log import RESERVED, record_history
    from essdesk.services.placements.file import load_placement
    from essdesk.services.youth_file import YouthFilters

    followed, stranger = _agency(db)
    with db.transaction() as s:
        employer = m.Employer(name="Régie Nord")
        s.add(employer)
        s.flush()
        scheme = s.scalars(select(m.Scheme).where(m.Scheme.code == "PEC")).one()
        contract = m.Placement(
            youth_id=stranger.id, employer_id=employer.id, scheme_id=scheme.id,
            job_title="Valoriste", contract_type="CDD", start_date=date(2026, 1, 5),
            end_date=date(2026, 12, 31),
        )  # fmt: skip
        s.add(contract)
        s.flush()
        s.add(
            m.FollowUp(
                youth_id=stranger.id,
                placement_id=contract.id,
                on=date(2026, 3, 2),
                notes="Arrêt maladie",
            )  # fmt: skip
        )
    access.log_in(db, "admin", PASSWORD)
    record = load_record(db, EntityKind.YOUTHS, stranger.id)
    update_record(db, m.Youth, stranger.id, record.version, rqth=False)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "conseil", PASSWORD)

    history = " ".join(str(cell) for row in record_history(db, stranger.id) for cell in row)
    assert f"RQTH : {RESERVED} → {RESERVED}" in history and "false" not in history
    assert "médical" not in history  # the note of the interview, logged with it
    [line] = load_placement(db, contract.id, today=date(2026, 6, 1)).follow_ups
    assert line.notes == sensitive.MASKED_NOTE
    rqth_yes = YouthFilters(rqth=True).conditions_for(db)
    assert [r.cells[0] for r in LISTINGS["youths"].rows(db, where=rqth_yes)] == ["Suivi"]

    access.log_in(db, "admin", PASSWORD)  # the administrator: all of it
    assert "RQTH : true → false" in " ".join(
        str(cell) for row in record_history(db, stranger.id) for cell in row
    )
    assert load_placement(db, contract.id, today=date(2026, 6, 1)).follow_ups[0].notes == (
        "Arrêt maladie"
    )


def test_followed_only_holds_in_the_contract_checks(db):
    from essdesk.services.placements.records import check_input, create_placement
    from tests.services.placement_helpers import eav_input, small_base

    base = small_base(db)
    with db.transaction() as s:
        youth = s.get(m.Youth, base.youth)  # 27 at the start: only an RQTH would open it
        youth.birth_date, youth.rqth = date(1986, 6, 1), False
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(
        db, "yanis", "Yanis Morel", "counsellor", PASSWORD, counsellor_id=base.colleague
    )
    access.log_in(db, "admin", PASSWORD)
    refused = check_input(db, eav_input(base))
    assert any("sans RQTH" in v.message for v in refused.violations)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "yanis", PASSWORD)  # not the referent
    check = check_input(db, eav_input(base))
    said = " ".join(v.message for v in check.violations) + " ".join(check.to_complete)
    assert "sans RQTH" not in said and "avec RQTH" not in said
    # Saved with the RQTH « à compléter »: the referent's next save checks the rule.
    placement_id = create_placement(db, eav_input(base))
    with db.session() as s:
        assert "eligibility" in s.get(m.Placement, placement_id).to_complete


def test_followed_only_holds_in_the_placement_import(db, tmp_path):
    from essdesk.services.imports import import_file
    from tests.services.placement_helpers import small_base

    base = small_base(db)
    with db.transaction() as s:  # 27 at the start, no RQTH: the Emploi d'avenir is closed
        s.get(m.Youth, base.youth).birth_date = date(1986, 6, 1)
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(
        db, "yanis", "Yanis Morel", "counsellor", PASSWORD, counsellor_id=base.colleague
    )
    path = tmp_path / "contrats.csv"
    path.write_text(
        "Nom;Prénom;Date de naissance;SIRET de l'employeur;Dispositif;Type de contrat;"
        "Date de début;Date de fin;Durée hebdomadaire;Intitulé du poste\n"
        "Martin;Léna;01/06/1986;73282932000074;EAV;CDD;06/01/2014;05/01/2017;35;Agent\n",
        encoding="utf-8",
    )
    access.log_in(db, "admin", PASSWORD)
    said = " ".join(str(p) for p in import_file(db, "placements", path, dry_run=True).problems)
    assert "sans RQTH" in said  # the administrator is told why
    sensitive.set_scope(db, "followed")
    access.log_in(db, "yanis", PASSWORD)  # not the referent: the reason would tell the RQTH
    said = " ".join(str(p) for p in import_file(db, "placements", path, dry_run=True).problems)
    assert "RQTH" not in said


def test_followed_only_holds_in_the_rules_a_contract_was_saved_against(db):
    from essdesk.services.placements.file import load_placement
    from essdesk.services.placements.pathway import pathway_steps
    from essdesk.services.placements.records import create_placement
    from tests.services.placement_helpers import eav_input, small_base

    base = small_base(db)
    with db.transaction() as s:  # 27 at the start, no RQTH: saved against the age rule
        s.get(m.Youth, base.youth).birth_date = date(1986, 6, 1)
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(
        db, "yanis", "Yanis Morel", "counsellor", PASSWORD, counsellor_id=base.colleague
    )
    access.log_in(db, "admin", PASSWORD)
    placement_id = create_placement(db, eav_input(base, justification="Accord de la DDETS"))
    assert any("sans RQTH" in r for r in load_placement(db, placement_id).overridden_rules)
    sensitive.set_scope(db, "followed")
    access.log_in(db, "yanis", PASSWORD)
    rules = load_placement(db, placement_id).overridden_rules
    assert rules and all("sans RQTH" not in r for r in rules)
    assert sensitive.RESERVED_RULE in rules
    [sheet] = pathway_steps(db, base.youth, today=date(2015, 1, 1)).placements
    assert sheet.overridden_rules == rules
