"""Benchmark: what the audit trail costs an import (100,000 employers, 30,000 young people).

Each file is imported into two fresh bases in the same process, one with the trail and one
with the trail's session events left out, alternately, so that the machine's load weighs on
both alike. Run: python benchmarks/bench_audit.py [--rows N] [--youths N] [--rounds R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_import import make_file  # noqa: E402


def make_youths(path: Path, rows: int) -> None:
    start = dt.date(1998, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write("Nom;Prénom;Date de naissance\r\n")
        for i in range(rows):
            born = start + dt.timedelta(days=i % 3000)
            f.write(f"Nom{i};Prénom{i % 997};{born:%d/%m/%Y}\r\n")


def timed_import(folder: Path, name: str, entity: str, source: Path, traced: bool) -> float:
    from essdesk.db import audit, database
    from essdesk.services.imports import import_file

    original = audit.install
    if not traced:
        database.audit.install = lambda *args: None  # the same base, without the trail's events
    try:
        db = database.open_database(str(folder / f"{name}.sqlite3"), daily_backup=False)
    finally:
        database.audit.install = original
    try:
        start = time.perf_counter()
        import_file(db, entity, source)
        return time.perf_counter() - start
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--youths", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="essdesk-bench-audit-"))
    os.environ.setdefault("ESSDESK_DATA_DIR", str(folder / "donnees"))
    employers, youths = folder / "employeurs.csv", folder / "jeunes.csv"
    make_file(employers, args.rows)
    make_youths(youths, args.youths)
    for entity, source, rows in (
        ("employers", employers, args.rows),
        ("youths", youths, args.youths),
    ):
        times: dict[bool, list[float]] = {True: [], False: []}
        for round_ in range(args.rounds):
            for traced in (False, True):
                name = f"{entity}-{round_}-{'trace' if traced else 'sans'}"
                times[traced].append(timed_import(folder, name, entity, source, traced))
        without, with_ = statistics.median(times[False]), statistics.median(times[True])
        print(f"Import de {rows} {entity} : {without:.1f} s sans le journal, {with_:.1f} s avec "
              f"(+{(with_ / without - 1) * 100:.0f} %)")  # fmt: skip
    print(f"(fichiers dans {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
