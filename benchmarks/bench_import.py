"""Benchmark: import 100,000 employers from a French Excel CSV, then export them to CSV and XLSX.

Targets: import (validation included) ≤ 20 s with peak RSS ≤ 400 MB; export ≤ 10 s.
Run: python benchmarks/bench_import.py [--rows N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from stdnum import luhn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LEGAL_FORMS = ("Association loi 1901", "SCOP SARL", "SCIC SAS", "Mutuelle", "Fondation")
COMMUNES = (("38000", "Grenoble"), ("38130", "Échirolles"), ("38400", "Saint-Martin-d'Hères"))


def siret(number: int) -> str:
    siren = f"{10_000_000 + number:08d}"
    siren += luhn.calc_check_digit(siren)
    base = siren + "0001"
    return base + luhn.calc_check_digit(base)


def make_file(path: Path, rows: int) -> None:
    # Windows-1252, ";" and CRLF, spaces in SIRETs and dotted phones: what Excel writes.
    with path.open("w", encoding="cp1252", newline="") as f:
        f.write(
            "Raison sociale;N° SIRET;Forme juridique;Code NAF;Adresse;CP;Commune;Tél.;Courriel\r\n"
        )
        for i in range(rows):
            s = siret(i)
            postcode, commune = COMMUNES[i % len(COMMUNES)]
            f.write(
                f"Structure n°{i} de l'Économie Solidaire;{s[:3]} {s[3:6]} {s[6:9]} {s[9:]};"
                f"{LEGAL_FORMS[i % len(LEGAL_FORMS)]};88.99B;{i % 200} rue des Coopératives;"
                f"{postcode};{commune};04.76.{i % 100:02d}.22.33;contact{i}@structure.example\r\n"
            )


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="essdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESSDESK_DATA_DIR", str(folder / "donnees"))

    from essdesk.db.database import open_database
    from essdesk.services.exports import export_table
    from essdesk.services.imports import import_file

    source = folder / "employeurs.csv"
    start = time.perf_counter()
    make_file(source, args.rows)
    print(f"Fichier : {args.rows} lignes, {source.stat().st_size / 1e6:.1f} Mo "
          f"({time.perf_counter() - start:.1f} s pour le générer)")  # fmt: skip

    db = open_database(str(folder / "bench.sqlite3"), daily_backup=False)
    try:
        rss_before = peak_rss_mb()
        start = time.perf_counter()
        result = import_file(db, "employers", source)
        import_seconds = time.perf_counter() - start
        print(f"Import : {result.created} créés en {import_seconds:.1f} s "
              f"({args.rows / import_seconds:.0f} lignes/s) ; mémoire maximale du processus "
              f"{peak_rss_mb():.0f} Mo (avant l'import : {rss_before:.0f} Mo)")  # fmt: skip

        start = time.perf_counter()
        again = import_file(db, "employers", source)
        print(f"Réimport : {again.skipped} déjà à jour, {again.created} créés, "
              f"en {time.perf_counter() - start:.1f} s")  # fmt: skip

        for suffix in (".csv", ".xlsx"):
            target = folder / f"export{suffix}"
            start = time.perf_counter()
            count = export_table(db, "employers", target)
            print(f"Export {suffix} : {count} lignes en {time.perf_counter() - start:.1f} s "
                  f"({target.stat().st_size / 1e6:.1f} Mo)")  # fmt: skip
        print(f"Mémoire maximale du processus à la fin : {peak_rss_mb():.0f} Mo")
    finally:
        db.close()
    if not args.keep:
        print(f"(fichiers dans {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
