"""Benchmark: eligibility, aid and deadlines over 100,000 young people and 30,000 placements.

Also the import of 5,000 placements (every rule checked). Figures are printed, not asserted.
Run: python benchmarks/bench_schemes.py [--youths N] [--placements N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def fill(db, youths: int, placements: int) -> None:
    """Young people of every profile, a few employers, Emplois d'avenir 2013–2017."""
    from essdesk.db import models as m
    from essdesk.db.models.keys import youth_key
    from essdesk.services.placements.common import scheme_rows

    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with db.transaction() as session:
        eav = scheme_rows(session)["EAV"].id
        employers = [
            {
                "id": uuid.uuid4(),
                "name": f"Association n° {i}",
                "siret": None,
                "legal_form": "association" if i % 4 else "scop",
                "ess_networks": [],
                "partnership_status": "none",
                "archived": False,
                **stamp,
            }
            for i in range(500)
        ]
        session.execute(m.Employer.__table__.insert(), employers)
        rows = []
        for i in range(youths):
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "last_name": f"Nom{i:06d}",
                    "first_name": "Prénom",
                    "birth_date": date(1988, 1, 1) + timedelta(days=i % 4000),
                    "qpv": i % 7 == 0,
                    "rural_zone": False,
                    "rqth": i % 50 == 0,
                    "qualification_level_new": (None, 3, 4, 2)[i % 4],
                    "diploma_obtained": i % 3 != 0,
                    "job_search_start": None if i % 5 == 0 else date(2013, 1, 1),
                    "status": "active",
                    **stamp,
                }
            )
            # A bulk insert skips the ORM hook that folds the natural key: computed here.
            rows[-1]["match_key"] = youth_key(f"Nom{i:06d}", "Prénom", rows[-1]["birth_date"])
        for start in range(0, len(rows), 5000):
            session.execute(m.Youth.__table__.insert(), rows[start : start + 5000])
        hires = []
        for i in range(placements):
            start = date(2013, 1, 1) + timedelta(days=(i * 7) % 1800)
            end = start + timedelta(days=365 * 3 - 1)
            hires.append(
                {
                    "id": uuid.uuid4(),
                    "youth_id": rows[i]["id"],
                    "employer_id": employers[i % 500]["id"],
                    "scheme_id": eav,
                    "job_title": "Agent",
                    "contract_type": "CDD",
                    "contract_form": "CUI-CAE",
                    "start_date": start,
                    "end_date": end,
                    "weekly_hours": Decimal(35),
                    "aid_rate": Decimal(75),
                    "aid_start": start,
                    "aid_end": end,
                    "status": "active",
                    "aid_extension_for_training": False,
                    "overridden_rules": [],
                    "to_complete": [],
                    "commitments": [],
                    **stamp,
                }
            )
        for start in range(0, len(hires), 5000):
            session.execute(m.Placement.__table__.insert(), hires[start : start + 5000])


def timed(label: str, work) -> object:
    began = time.perf_counter()
    result = work()
    print(
        f"{label:<58} {time.perf_counter() - began:7.2f} s   (pic mémoire {peak_rss_mb():.0f} Mo)"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=30_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="essdesk-bench-"))
    os.environ["ESSDESK_DATA_DIR"] = str(folder / "donnees")

    from essdesk.db.database import open_database
    from essdesk.domain.schemes import scheme
    from essdesk.services.deadlines import export_deadlines, upcoming_deadlines
    from essdesk.services.imports import import_file
    from essdesk.services.placements.aid import export_aid
    from essdesk.services.placements.eligibility import export_eligibility

    db = open_database(str(folder / "bench.sqlite3"))
    timed(
        f"remplissage ({args.youths} jeunes, {args.placements} contrats)",
        lambda: fill(db, args.youths, args.placements),
    )
    counts = timed(
        "éligibilité EAV de tous les jeunes suivis (CSV)",
        lambda: export_eligibility(db, scheme("EAV"), date(2014, 6, 2), folder / "e.csv"),
    )
    print(f"    verdicts : {counts}")
    count, total = timed(
        "aide 01/2013–12/2015, une ligne par contrat et par mois (CSV)",
        lambda: export_aid(db, date(2013, 1, 1), date(2015, 12, 31), folder / "a.csv"),
    )
    print(f"    {count} lignes, total {total} €")
    states = timed(
        "échéances 01/01/2015–31/12/2017 (CSV)",
        lambda: export_deadlines(
            db, date(2015, 1, 1), date(2017, 12, 31), folder / "d.csv", today=date(2016, 6, 1)
        ),
    )
    print(f"    états : {states}")
    found = timed(
        "tableau de bord : échéances à 90 jours",
        lambda: upcoming_deadlines(db, today=date(2016, 6, 1)),
    )
    print(f"    {len(found)} échéances")

    lines = [
        "Nom;Prénom;Date de naissance;SIRET de l'employeur;Dispositif;Forme du contrat;"
        "Date de début;Date de fin;Durée hebdomadaire;Taux d'aide;Intitulé du poste"
    ]
    with db.transaction() as session:
        from essdesk.db import models as m

        session.execute(
            m.Employer.__table__.update()
            .where(m.Employer.name == "Association n° 1")
            .values(siret="73282932000074")
        )
    for i in range(5000):
        birth = date(1988, 1, 1) + timedelta(days=(args.placements + i) % 4000)
        lines.append(
            f"Nom{args.placements + i:06d};Prénom;{birth:%d/%m/%Y};73282932000074;EAV;"
            "CAE;01/03/2016;28/02/2019;35;75;Agent"
        )
    (folder / "contrats.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = timed(
        "import de 5 000 contrats (règles vérifiées, --skip-invalid)",
        lambda: import_file(db, "placements", folder / "contrats.csv", skip_invalid=True),
    )
    print(f"    créations {result.created}, rejets {result.rejected}")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
