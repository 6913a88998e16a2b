"""Benchmark: what the server's per-row gate on the RQTH and the notes costs on PostgreSQL.

100,000 young people and 100,000 noted interviews; the same reads as the base's owner (who
also goes through the gate: the SQL is the same for everyone) and as a counsellor under
« jeunes suivis seulement », next to the raw column read by the owner.
Needs the machine's PostgreSQL binaries (`pg_config --bindir`), as the tests do.
Run: python benchmarks/bench_sensitive_pg.py [--youths N]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from benchmarks.bench_partner_reports import rows  # noqa: E402
from essdesk.db import models as m  # noqa: E402
from essdesk.db.database import open_database  # noqa: E402
from essdesk.domain.schemes import BY_CODE  # noqa: E402
from essdesk.services import access, sensitive  # noqa: E402
from essdesk.services import interactions as log  # noqa: E402
from essdesk.services.listings import LISTINGS  # noqa: E402
from essdesk.services.placements.eligibility import eligibility_of_all  # noqa: E402
from essdesk.services.youth_file import YouthFilters  # noqa: E402
from tests.pg_server import start_server  # noqa: E402

PASSWORD = "banc-d-essai-solide"


def fill(db, youths: int) -> tuple[uuid.UUID, uuid.UUID]:
    with db.transaction() as s:
        counsellors = [{"first_name": f"C{i}", "last_name": "Conseil"} for i in range(6)]
        s.execute(*rows(m.Counsellor, counsellors))
        ids = [c["id"] for c in counsellors]
        batch = 10_000
        for start in range(0, youths, batch):
            people = [
                {
                    "last_name": f"Nom{i}",
                    "first_name": "Prénom",
                    "birth_date": date(1996, 1, 1) + timedelta(days=i % 4000),
                    "rqth": i % 30 == 0,
                    "qpv": False,
                    "rural_zone": False,
                    "status": "active",
                    "diploma_obtained": False,
                    "referent_id": ids[i % 6],
                    "sort_key": f"nom{i:06}",
                    "job_search_start": date(2014, 1, 1),
                }  # fmt: skip
                for i in range(start, min(start + batch, youths))
            ]
            s.execute(*rows(m.Youth, people))
            notes = [
                {
                    "kind": "interview",
                    "occurred_at": date(2026, 1, 5),
                    "youth_id": p["id"],
                    "notes": f"Entretien de {p['last_name']}",
                }  # fmt: skip
                for p in people
            ]
            s.execute(*rows(m.Interaction, notes))
        first = s.scalar(text("SELECT id FROM youths ORDER BY sort_key LIMIT 1"))
    return ids[0], first


def timed(action) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best * 1000


def measure(db, youth_id: uuid.UUID) -> dict[str, float]:
    youths = LISTINGS["youths"]
    only_rqth = YouthFilters(rqth=True).conditions()
    pec = BY_CODE["EAV"]
    return {
        "list_page_ms": timed(lambda: youths.rows(db, limit=200)),
        "count_rqth_filter_ms": timed(lambda: youths.count(db, where=only_rqth)),
        "interviews_of_one_ms": timed(lambda: log.entries(db, youth_id=youth_id)),
        "eligibility_all_ms": timed(
            lambda: sum(1 for _ in eligibility_of_all(db, pec, date(2015, 6, 1)))
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--youths", type=int, default=100_000)
    args = parser.parse_args()
    server = start_server()
    try:
        name = "bench_sensitive"
        with psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname="postgres",
            autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute(f"CREATE DATABASE {name}")
        url = server.url(name)
        owner = open_database(url)
        began = time.perf_counter()
        counsellor_id, youth_id = fill(owner, args.youths)
        print(f"fill_s={time.perf_counter() - began:.1f} youths={args.youths}")
        login = "conseil_banc"
        access.create_user(
            owner, login, "Camille Conseil", "counsellor", PASSWORD, counsellor_id=counsellor_id
        )
        sensitive.set_scope(owner, "followed")
        with owner.engine.connect() as c:
            c.exec_driver_sql("ANALYZE")
            raw = timed(lambda: c.exec_driver_sql("SELECT count(*) FROM youths WHERE rqth").all())
            gated = timed(
                lambda: c.exec_driver_sql(
                    "SELECT count(*) FROM youths WHERE essdesk_youths_rqth(id)"
                ).all()
            )
        print(f"owner_raw_column_scan_ms={raw:.0f} owner_gated_scan_ms={gated:.0f}")
        for who, db in (("owner", owner), ("counsellor", None)):
            if db is None:
                address = make_url(url).set(username=login, password=PASSWORD)
                db = open_database(address.render_as_string(hide_password=False))
            figures = measure(db, youth_id)
            print(who, " ".join(f"{k}={v:.0f}" for k, v in figures.items()))
            db.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
