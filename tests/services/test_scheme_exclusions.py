"""A PACEA and a CEJ never at once: the import of placements and the eligibility verdicts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from essdesk.db import models as m
from essdesk.domain.schemes import scheme
from essdesk.services.imports import ImportRejected, import_file
from essdesk.services.placements.eligibility import (
    eligibility_of,
    eligibility_panel,
    export_eligibility,
)
from essdesk.services.placements.records import add_renewal, create_placement, record_end
from tests.services.placement_helpers import eav_input, small_base

HEADERS = (
    "Nom;Prénom;Date de naissance;SIRET de l'employeur;Dispositif;Type de contrat;"
    "Date de début;Date de fin;Durée hebdomadaire;Intitulé du poste;Justification"
)
SIRET = "73282932000074"  # the association of small_base
PACEA_NAME = "Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie"
_NO_AID = dict(contract_form=None, aid_rate=None, aid_start=None, aid_end=None, tutor_id=None)


def _young(db):
    base = small_base(db)
    with db.transaction() as session:
        session.get(m.Youth, base.youth).birth_date = date(2003, 3, 14)
    return base


def _add(db, base, code: str, start: date, end: date, **changes):
    hours = Decimal(15) if code == "CEJ" else Decimal(35)
    data = eav_input(
        base, scheme_code=code, start_date=start, end_date=end, weekly_hours=hours, **_NO_AID
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return create_placement(db, data)


def _row(code: str, start: str, end: str, justification: str = "", birth="14/03/2003") -> str:
    hours = "15" if code == "CEJ" else "35"
    return f"Martin;Léna;{birth};{SIRET};{code};CDD;{start};{end};{hours};Accompagnement;{justification}"


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "contrats.csv"
    path.write_text("\n".join((HEADERS, *rows)) + "\n", encoding="utf-8-sig")
    return path


def _count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(m.Placement))


def _refusals(db, path) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        import_file(db, "placements", path)
    return [str(p) for p in refused.value.problems]


def test_import_refuses_a_pacea_overlapping_a_cej_of_the_base(any_db, tmp_path):
    base = _young(any_db)
    _add(any_db, base, "CEJ", date(2022, 3, 1), date(2022, 8, 31))
    problems = _refusals(any_db, _file(tmp_path, _row("PACEA", "01/09/2021", "31/08/2022")))
    assert problems == [
        f"ligne 2 : règle enfreinte : {PACEA_NAME} : pas en même temps qu'un Contrat "
        "d'engagement jeune (CEJ du 01/03/2022 au 31/08/2022)"
    ]
    assert _count(any_db) == 1  # all or nothing
    # Closed the day before the CEJ: no day in common.
    done = import_file(
        any_db, "placements", _file(tmp_path, _row("PACEA", "01/09/2021", "28/02/2022"))
    )
    assert (done.created, done.rejected) == (1, 0)


def test_import_refuses_two_rows_of_the_file_that_overlap(any_db, tmp_path):
    _young(any_db)
    path = _file(
        tmp_path,
        _row("PACEA", "01/09/2021", "31/08/2022"),
        _row("CEJ", "01/03/2022", "31/08/2022"),
    )
    assert _refusals(any_db, path) == [
        f"ligne 2 : règle enfreinte : {PACEA_NAME} : pas en même temps qu'un Contrat "
        "d'engagement jeune (CEJ du 01/03/2022 au 31/08/2022, ligne 3 du fichier)",
        f"ligne 3 : règle enfreinte : Contrat d'engagement jeune : pas en même temps qu'un "
        f"{PACEA_NAME} (PACEA du 01/09/2021 au 31/08/2022, ligne 2 du fichier)",
    ]
    assert _count(any_db) == 0
    skipped = import_file(any_db, "placements", path, skip_invalid=True)
    assert (skipped.created, skipped.rejected) == (0, 2)


def test_a_row_updating_a_placement_replaces_it_and_keeps_its_recorded_end(any_db, tmp_path):
    base = _young(any_db)
    pacea = _add(any_db, base, "PACEA", date(2021, 9, 1), date(2022, 8, 31))
    # The file shortens the stored PACEA: its old planned end no longer counts.
    shortened = _file(
        tmp_path,
        _row("PACEA", "01/09/2021", "28/02/2022"),
        _row("CEJ", "01/03/2022", "31/08/2022"),
    )
    done = import_file(any_db, "placements", shortened)
    assert (done.created, done.updated, done.rejected) == (1, 1, 0)
    # An old spreadsheet with the first planned end, once the PACEA was closed in the app.
    record_end(any_db, pacea, actual_end=date(2022, 2, 28), reason="autre")
    original = _file(
        tmp_path,
        _row("PACEA", "01/09/2021", "31/08/2022"),
        _row("CEJ", "01/03/2022", "31/08/2022"),
    )
    again = import_file(any_db, "placements", original)
    assert (again.updated, again.skipped, again.rejected) == (1, 1, 0)


def test_a_justified_overlap_is_imported_with_the_rule_it_overrides(any_db, tmp_path):
    base = _young(any_db)
    _add(any_db, base, "CEJ", date(2022, 3, 1), date(2022, 8, 31))
    why = "Erreur de saisie du logiciel national, corrigée en commission"
    row = _row("PACEA", "01/09/2021", "31/08/2022", justification=why)
    assert import_file(any_db, "placements", _file(tmp_path, row)).created == 1
    with any_db.session() as session:
        stored = session.scalars(
            select(m.Placement).where(m.Placement.override_justification == why)
        ).one()
        assert [r["rule"] for r in stored.overridden_rules] == ["not_with"]


def test_eligibility_reads_the_young_person_s_placements_on_the_day(any_db):
    base = _young(any_db)
    cej = _add(any_db, base, "CEJ", date(2022, 3, 1), date(2022, 8, 31))
    pacea, cej_scheme = scheme("PACEA"), scheme("CEJ")
    refused = eligibility_of(any_db, base.youth, pacea, date(2022, 8, 31))
    assert refused.verdict == "non éligible"
    assert refused.reasons == (
        "déjà en Contrat d'engagement jeune le 31/08/2022 (CEJ du 01/03/2022 au 31/08/2022) : "
        "pas de PACEA en même temps",
    )
    assert eligibility_of(any_db, base.youth, pacea, date(2022, 9, 1)).verdict == "éligible"
    assert eligibility_of(any_db, base.youth, cej_scheme, date(2022, 6, 1)).verdict == "éligible"
    # A renewal carries the CEJ on; an actual end recorded closes it.
    add_renewal(any_db, cej, end_date=date(2023, 2, 28))
    assert eligibility_of(any_db, base.youth, pacea, date(2023, 1, 2)).verdict == "non éligible"
    record_end(any_db, cej, actual_end=date(2022, 12, 31), reason="autre")
    assert eligibility_of(any_db, base.youth, pacea, date(2023, 1, 2)).verdict == "éligible"
    panel = {
        s.code: e.verdict for s, e in eligibility_panel(any_db, base.youth, date(2022, 12, 31))
    }
    assert (panel["PACEA"], panel["CEJ"]) == ("non éligible", "éligible")


def test_the_export_reads_the_periods_without_a_query_per_young_person(any_db, tmp_path):
    base = _young(any_db)
    _add(any_db, base, "PACEA", date(2021, 9, 1), date(2022, 8, 31))

    def queries_for(count: int) -> tuple[int, list[str]]:
        with any_db.transaction() as session:
            session.query(m.Youth).filter(m.Youth.last_name.like("Z%")).delete()
            for n in range(count):
                session.add(
                    m.Youth(last_name=f"Z{n:03}", first_name="Noé", birth_date=date(2004, 1, 1))
                )
        seen: list[str] = []

        def listener(_conn, _cursor, statement, *_rest):
            seen.append(statement)

        event.listen(any_db.engine, "before_cursor_execute", listener)
        try:
            target = tmp_path / "eligibilite.csv"
            export_eligibility(any_db, scheme("CEJ"), date(2022, 6, 1), target)
        finally:
            event.remove(any_db.engine, "before_cursor_execute", listener)
        return len(seen), target.read_text(encoding="utf-8-sig").splitlines()

    few, lines = queries_for(2)
    many, lines = queries_for(40)
    assert many == few
    assert lines[0] == "Nom;Prénom;Date de naissance;Verdict;Motifs"
    assert lines[1] == (
        "Martin;Léna;14/03/2003;non éligible;déjà en Parcours contractualisé d'accompagnement "
        "vers l'emploi et l'autonomie le 01/06/2022 (PACEA du 01/09/2021 au 31/08/2022) : pas de "
        "CEJ en même temps"
    )
    assert {line.split(";")[3] for line in lines[2:]} == {"éligible"} and len(lines) == 42
