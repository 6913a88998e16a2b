"""Benchmark: online backup and full check of a large base (target: 500 MB in ≤ 10 s).

Run: python benchmarks/bench_backup.py [--megabytes 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path


def build_base(path: Path, megabytes: int) -> None:
    """A migrated ESS Desk base filled with youth files until it weighs `megabytes`."""
    from essdesk.db.database import open_database
    from essdesk.db.models.keys import youth_key

    open_database(str(path), daily_backup=False).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    notes = (
        "Entretien de suivi : point sur la recherche d'emploi, la mobilité et la formation. " * 12
    )
    batch, k = [], 0
    while path.stat().st_size < megabytes * 1_000_000:
        for _ in range(20_000):
            k += 1
            born = date(2000 + k % 9, 1 + k % 12, 1 + k % 28)
            # Raw SQL skips the ORM hook that folds the natural key: computed here.
            key = youth_key(f"Nom{k}", f"Prénom{k}", born)
            batch.append((uuid.uuid4().hex, f"Nom{k}", f"Prénom{k}", born.isoformat(), notes, key))
        connection.executemany(
            "INSERT INTO youths (id, last_name, first_name, birth_date, address, match_key, qpv,"
            " rural_zone, rqth, diploma_obtained, status, created_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 'active', '2026-01-01', '2026-01-01', 1)",
            batch,
        )
        connection.commit()
        batch.clear()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="dossier de travail (sinon temporaire)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="essdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["ESSDESK_DATA_DIR"] = str(work / "donnees")
    base = work / "grosse-base.sqlite3"
    if not base.exists():
        started = time.perf_counter()
        build_base(base, args.megabytes)
        print(
            f"base construite : {base.stat().st_size / 1e6:.0f} Mo en {time.perf_counter() - started:.1f} s"
        )

    from essdesk.db.database import open_database

    started = time.perf_counter()
    db = open_database(str(base), daily_backup=False)
    print(f"ouverture (vérification rapide incluse) : {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    path = db.backup("bench")
    backup_s = time.perf_counter() - started
    print(
        f"sauvegarde à chaud + vérification rapide de la copie : {backup_s:.2f} s "
        f"({path.stat().st_size / 1e6:.0f} Mo, objectif ≤ 10 s)"
    )
    started = time.perf_counter()
    problems = db.integrity_problems(full=True)
    print(
        f"vérification complète (integrity_check) : {time.perf_counter() - started:.2f} s, "
        f"{problems or 'ok'}"
    )
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mémoire maximale du processus : {peak:.0f} Mo")


if __name__ == "__main__":
    main()
