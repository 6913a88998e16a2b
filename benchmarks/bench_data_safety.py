"""Benchmark: what the data-safety checks cost on an agency's full base.

- import of N young people (folded natural keys, synchronous=FULL, whole-file encoding check),
  then the same file again (every row matched on the indexed key, nothing written);
- revision 0005 on a base of N young people left at revision 0003 (keys computed, index built);
- the checks a restore runs on the resulting file (integrity, expected schema, links).

Run: python benchmarks/bench_data_safety.py [--rows N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LAST = ("Martin", "Lefèvre", "Nguyễn", "Bouzid", "Da Silva", "Dubois", "Œuvray", "N'Diaye")
FIRST = ("Émilie", "Ryan", "Léna", "Noël", "Anaïs", "Jérôme", "Inès", "Chloé")


def youths_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write("Nom;Prénom;Date de naissance;Code postal;Commune;Courriel\r\n")
        for i in range(rows):
            day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 1995 + (i // 336) % 15
            f.write(
                f"{LAST[i % 8]}{i};{FIRST[(i // 8) % 8]};{day:02d}/{month:02d}/{year};38000;"
                f"Grenoble;jeune{i}@exemple.fr\r\n"
            )


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label} : {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    folder = Path(tempfile.mkdtemp(prefix="essdesk-bench-"))
    os.environ["ESSDESK_DATA_DIR"] = str(folder / "donnees")
    from sqlalchemy import text

    from essdesk.db import migrate
    from essdesk.db.database import open_database
    from essdesk.db.engine import DatabaseTarget, create_engine_for
    from essdesk.services.backups import check_backup_file
    from essdesk.services.imports import import_file

    source = folder / "jeunes.csv"
    youths_csv(source, rows)
    print(f"{rows} jeunes, fichier de {source.stat().st_size / 1e6:.1f} Mo")
    db = open_database(str(folder / "base.sqlite3"))
    first = timed("import (créations)", lambda: import_file(db, "youths", source))
    again = timed("réimport (tout déjà à jour)", lambda: import_file(db, "youths", source))
    print(f"  créations {first.created}, puis déjà à jour {again.skipped}")
    backup = db.backup("bench")
    db.close()
    timed("vérifications d'une restauration", lambda: check_backup_file(backup))

    old = folder / "ancienne.sqlite3"
    engine = create_engine_for(DatabaseTarget(f"sqlite:///{old}", old))
    migrate.upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO youths (id, last_name, first_name, birth_date, qpv, rural_zone, rqth, "
                "diploma_obtained, status, created_at, updated_at, version) VALUES (:id, :l, :f, "
                ":b, 0, 0, 0, 0, 'active', '2024-01-01', '2024-01-01', 1)"
            ),
            [
                {
                    "id": uuid.uuid4().hex,
                    "l": f"{LAST[i % 8]}{i}",
                    "f": FIRST[i % 8],
                    "b": f"{1995 + i % 15}-01-01",
                }
                for i in range(rows)
            ],
        )
    timed("migration 0005 (clés et index)", lambda: migrate.upgrade(engine))
    engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pic de mémoire : {peak:.0f} Mo")


if __name__ == "__main__":
    main()
