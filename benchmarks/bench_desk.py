"""Benchmark: the desk at ten years of records, measured through the services the screens call.

Generates 100,000 young people, 20,000 employers (two contacts each), 200,000 offers, 300,000
positionings and 1,000,000 interactions with bulk Core inserts, then measures (medians):
the youth list's first page with its count, a filter keystroke, the global search, opening a
young person's record (identity, completeness, log, positionings, situations), saving it, the
main window's start with the base open (a fresh process, offscreen) and the resident memory.
The same is run first at 1,000 young people (other figures scaled alike); the last line is the
full size, exactly:
list_open_ms=… keystroke_ms=… global_search_ms=… open_record_ms=… save_record_ms=… start_ms=… rss_mb=…
Run: python benchmarks/bench_desk.py [--youths N] [--keep DIR [--reuse]] [--runs R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST = [
    "Hélène",
    "Lucas",
    "Emma",
    "Léa",
    "Noah",
    "Inès",
    "Yanis",
    "Chloé",
    "Édith",
    "Jade",
    "Louis",
    "Zoé",
    "Adam",
    "Manon",
    "Rayan",
    "Maëlys",
    "Théo",
    "Anaïs",
    "Sofiane",
    "Jean-Marc",
]
LAST = [
    "Durand",
    "Martin",
    "Léger",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "N'Diaye",
    "Moreau",
    "Girard",
    "Da Silva",
    "Fontaine",
    "Roux",
    "Nguyễn",
    "Benali",
    "Petit",
    "Garnier",
    "Faure",
    "Œuvray",
    "Lemaire",
    "De La Tour",
    "Perrin",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Chevalier",
]
COMMUNES = [
    ("38000", "Grenoble", 45.188, 5.724),
    ("38130", "Échirolles", 45.147, 5.716),
    ("38400", "Saint-Martin-d'Hères", 45.167, 5.765),
    ("38710", "Mens", 44.816, 5.751),
    ("38500", "Voiron", 45.364, 5.589),
    ("73000", "Chambéry", 45.564, 5.917),
]
ROME = [
    "K1302",
    "K1303",
    "K1304",
    "K2204",
    "G1603",
    "G1602",
    "D1106",
    "N1103",
    "A1203",
    "F1703",
    "H2604",
    "B1803",
    "M1607",
    "J1501",
]
CONTRACTS = ["CDI", "CDD", "apprentissage", "PEC", "IAE", "interim"]
TITLES = [
    "Agent d'entretien",
    "Aide à domicile",
    "Commis de cuisine",
    "Valoriste",
    "Vendeur en magasin solidaire",
    "Agent d'accueil",
    "Préparateur de commandes",
    "Ouvrier maraîcher",
    "Auxiliaire de vie",
    "Animateur périscolaire",
]
KINDS = ["call", "interview", "email", "visit", "note"]
BATCH = 20_000


def sizes(youths: int) -> dict[str, int]:
    k = youths / 100_000
    return {
        "youths": youths,
        "employers": int(20_000 * k),
        "offers": int(200_000 * k),
        "applications": int(300_000 * k),
        "interactions": int(1_000_000 * k),
    }


def generate(target: str, youths: int) -> dict[str, float]:
    """Fill a fresh base; returns the seconds each table took (Core executemany, no ORM)."""
    from sqlalchemy import insert

    from essdesk.db import models as m
    from essdesk.db.database import open_database
    from essdesk.db.models.keys import contact_key, offer_key, youth_key
    from essdesk.db.search_keys import index_rows, with_sort_key
    from essdesk.domain.text import squash

    n = sizes(youths)
    rng = random.Random(8)
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    db = open_database(target, daily_backup=False)
    spent: dict[str, float] = {}

    def stamp(row: dict) -> dict:
        row.update(id=uuid.uuid4(), created_at=now, updated_at=now, version=1)
        return row

    def put(name, model, rows, kind=None):
        start = time.perf_counter()
        ids = []
        with db.engine.begin() as connection:
            for i in range(0, len(rows), BATCH):
                chunk = rows[i : i + BATCH]
                if kind:
                    chunk = [with_sort_key(kind, r) for r in chunk]
                connection.execute(insert(model), chunk)
                if kind:
                    index_rows(connection, kind, chunk)
            ids = [r["id"] for r in rows]
        spent[name] = time.perf_counter() - start
        return ids

    counsellors = put(
        "counsellors",
        m.Counsellor,
        [stamp({"first_name": f, "last_name": "Conseil", "active": True}) for f in FIRST[:12]],
    )
    employers = put(
        "employers",
        m.Employer,
        [
            stamp(
                {
                    "name": f"{rng.choice(['Ressourcerie', 'Jardins', 'Atelier', 'Régie', 'Coop'])} "
                    f"{rng.choice(LAST)} {i}",
                    "siret": f"{10_000_000_000_000 + i}",
                    "postcode": (c := rng.choice(COMMUNES))[0],
                    "commune": c[1],
                    "ess_networks": [],
                    "partnership_status": "none",
                    "archived": False,
                }
            )
            for i in range(n["employers"])
        ],
        "employer",
    )
    put(
        "contacts",
        m.Contact,
        [
            stamp(
                {
                    "employer_id": e,
                    # Two different people per employer (the natural key is employer + name).
                    "first_name": FIRST[(i + j) % len(FIRST)],
                    "last_name": LAST[(i * 7 + j) % len(LAST)],
                    "match_key": contact_key(
                        LAST[(i * 7 + j) % len(LAST)], FIRST[(i + j) % len(FIRST)]
                    ),
                    "email": f"contact{i}.{j}@structure.example",
                    "is_tutor": j == 0,
                }
            )
            for i, e in enumerate(employers)
            for j in range(2)
        ],
        "contact",
    )
    youth_rows, identities = [], set()
    for i in range(n["youths"]):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if i == 0:
            first, last = "Hélène", "Durand"
        while True:  # (last, first, birth date) is unique in the base
            birth = today - dt.timedelta(days=rng.randint(16 * 365, 26 * 365 - 1))
            if (last, first, birth) not in identities:
                identities.add((last, first, birth))
                break
        c = rng.choice(COMMUNES)
        youth_rows.append(
            stamp(
                {
                    "first_name": first,
                    "last_name": last,
                    "birth_date": birth,
                    "match_key": youth_key(last, first, birth),
                    "email": f"{squash(first)[:3]}{i}@exemple.fr",
                    "phone": f"06 {i // 1_000_000 % 100:02d} {i // 10_000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}",
                    "postcode": c[0],
                    "commune": c[1],
                    "latitude": c[2],
                    "longitude": c[3],
                    "qpv": rng.random() < 0.2,
                    "rural_zone": c[0] == "38710",
                    "rqth": rng.random() < 0.05,
                    "qualification_level_new": rng.randint(1, 6),
                    "diploma_obtained": rng.random() < 0.6,
                    "referent_id": rng.choice(counsellors),
                    "status": rng.choice(["active"] * 6 + ["in_job", "exited"]),
                    "wished_rome": rng.choice(ROME),
                    "mobility_km": rng.choice([None, 10, 20, 40]),
                }
            )
        )
    youths_ids = put("youths", m.Youth, youth_rows, "youth")
    offer_rows, seen = [], set()
    while len(offer_rows) < n["offers"]:
        c = rng.choice(COMMUNES)
        published = today - dt.timedelta(days=rng.randint(0, 3650))
        employer, title = rng.choice(employers), f"{rng.choice(TITLES)} — {c[1]}"
        if (employer, title, published) in seen:  # unique per employer, title and date
            continue
        seen.add((employer, title, published))
        offer_rows.append(
            stamp(
                {
                    "employer_id": employer,
                    "title": title,
                    "match_key": offer_key(title, published),
                    "rome_code": rng.choice(ROME),
                    "contract_type": rng.choice(CONTRACTS),
                    "publication_date": published,
                    "last_news_on": published,
                    "status": "open" if published > today - dt.timedelta(days=120) else "expired",
                    "positions": 1,
                    "postcode": c[0],
                    "latitude": c[2],
                    "longitude": c[3],
                }
            )
        )
    offers = put("offers", m.Offer, offer_rows, "offer")
    pairs = set()
    while len(pairs) < n["applications"]:
        pairs.add((rng.randrange(len(youths_ids)), rng.randrange(len(offers))))
    applications = [
        stamp(
            {
                "youth_id": youths_ids[y],
                "offer_id": offers[o],
                "status": rng.choice(
                    ["new", "processing", "refused", "accepted", "obsolete", "cancelled"]
                ),
                "proposed_on": offer_rows[o]["publication_date"],
                "last_news_on": offer_rows[o]["publication_date"],
            }
        )
        for y, o in sorted(pairs)
    ]
    put("applications", m.Application, applications)
    put(
        "application_events",
        m.ApplicationEvent,
        [
            stamp(
                {
                    "application_id": a["id"],
                    "status": a["status"],
                    "at": now,
                    "on": a["proposed_on"],
                }
            )
            for a in applications
        ],
    )
    last_contact: dict = {}
    rows = []
    for _ in range(n["interactions"]):
        when = now - dt.timedelta(minutes=rng.randint(0, 3650 * 24 * 60))
        if rng.random() < 0.8:
            subject = {"youth_id": rng.choice(youths_ids), "employer_id": None}
            key = subject["youth_id"]
            last_contact[key] = max(last_contact.get(key, when), when)
        else:
            subject = {"youth_id": None, "employer_id": rng.choice(employers)}
        rows.append(
            stamp(
                {
                    **subject,
                    "kind": rng.choice(KINDS),
                    "occurred_at": when,
                    "counsellor_id": rng.choice(counsellors),
                    "notes": "Point d'étape",
                }
            )
        )
    put("interactions", m.Interaction, rows)
    start = time.perf_counter()
    from sqlalchemy import bindparam, update

    with db.engine.begin() as connection:
        connection.execute(
            update(m.Youth)
            .where(m.Youth.id == bindparam("yid"))
            .values(last_contact_at=bindparam("at")),
            [{"yid": k, "at": v} for k, v in last_contact.items()],
        )
        if db.is_sqlite:
            connection.exec_driver_sql("ANALYZE")
    spent["last_contact+analyze"] = time.perf_counter() - start
    db.close()
    return spent


def median_ms(action, runs: int) -> float:
    action()  # warm the caches as a counsellor's second search would
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(target: str, runs: int) -> dict[str, float]:
    from sqlalchemy import func, select

    from essdesk.db import models as m
    from essdesk.db.database import open_database
    from essdesk.services import interactions, positionings, records, search, youth_file

    db = open_database(target, daily_backup=False)
    figures = {}

    def list_open():
        with db.session() as session:
            session.scalar(select(func.count()).select_from(m.Youth))
        search.search(db, "youth", "", limit=200)

    figures["list_open_ms"] = median_ms(list_open, runs)
    keystrokes = [
        "h",
        "he",
        "hel",
        "hele",
        "helen",
        "helene",
        "helene d",
        "helene du",
        "helene dur",
        "06 00 00",
        "hel0@ex",
    ]
    times = []
    for text in keystrokes:
        times.append(median_ms(lambda text=text: search.search(db, "youth", text, limit=200), runs))
    figures["keystroke_ms"] = statistics.median(times)
    # The function the Ctrl+K box (ui/search/dialog.py) runs on its worker for each search.
    queries = ["durand", "ressourcerie", "helene dur", "aide dom", "lef"]
    figures["global_search_ms"] = statistics.median(
        median_ms(lambda q=q: search.global_search(db, q), runs) for q in queries
    )
    helene = search.search(db, "youth", "helene durand", limit=1).rows[0]

    def open_record():
        with db.session() as session:
            youth = session.get(m.Youth, helene.id)
            youth.referent  # noqa: B018 - the editor shows the referent's name
        youth_file.completeness(db, helene.id)
        interactions.entries(db, youth_id=helene.id, limit=50)
        positionings.of_youth(db, helene.id)
        youth_file.situations(db, helene.id)

    figures["open_record_ms"] = median_ms(open_record, runs)
    phones = iter(f"07 11 22 {i // 100:02d} {i % 100:02d}" for i in range(10_000))

    def save_record():
        with db.session() as session:
            version = session.get(m.Youth, helene.id).version
        records.update_record(db, m.Youth, helene.id, version, phone=next(phones))

    figures["save_record_ms"] = median_ms(save_record, runs)
    db.close()
    figures["start_ms"] = statistics.median(start_ms(target) for _ in range(3))
    print(
        f"  sauvegarde de démarrage, en arrière-plan une fois la fenêtre utilisable : "
        f"{statistics.median(BACKUPS) / 1000:.1f} s",
        flush=True,
    )
    BACKUPS.clear()
    scale = 1 if sys.platform == "darwin" else 1024
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024
    return figures


START = """
import os, time; t0 = time.perf_counter()
import sys; sys.path.insert(0, {root!r})
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from essdesk.db.database import open_database, take_routine_backup
from essdesk.services import access
from essdesk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(); window.show(); app.processEvents()
# What ui/app.py's open_in_window does off the UI thread: open (and check) the base, ask
# whether a login is needed; then the window gets the base.
db = open_database({target!r}, daily_backup=False)
access.needs_login(db)
window.set_database(db); app.processEvents()
# Usable: the first screen's data, loaded off the UI thread, has arrived and is shown.
QThreadPool.globalInstance().waitForDone(); app.processEvents()
usable = (time.perf_counter() - t0) * 1000
# The start-up backup then runs in the background (ui/app.py start_up_backup): timed apart.
t1 = time.perf_counter(); take_routine_backup(db); backup = (time.perf_counter() - t1) * 1000
db.close()  # a clean close, as when the user quits
print(usable, backup, flush=True)
os._exit(0)  # the measure is taken; skip Qt's teardown
"""

BACKUPS: list[float] = []  # the start-up backup of each start measured, in ms


def start_ms(target: str) -> float:
    """A fresh process: import, open the base, build and show the main window (offscreen)."""
    code = START.format(root=str(Path(__file__).resolve().parent.parent), target=target)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    usable, backup = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    BACKUPS.append(backup)
    return usable


def line(figures: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.0f}" if k != "rss_mb" else f"{k}={v:.0f}" for k, v in figures.items())


def run_size(folder: Path, youths: int, runs: int, reuse: bool = False) -> str:
    path = folder / f"bureau-{youths}.sqlite3"
    target = str(path)
    if reuse and path.exists():
        print(f"[{youths} jeunes] base réutilisée ({path})", flush=True)
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            return line(pool.apply(measure, (target, runs)))
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    # Generation in a child process so that its memory does not count in rss_mb.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        spent = pool.apply(generate, (target, youths))
    total = time.perf_counter() - start
    detail = ", ".join(f"{k} {v:.1f} s" for k, v in spent.items())
    print(
        f"[{youths} jeunes] génération {total:.1f} s ({detail}) ; base {path.stat().st_size / 2**20:.0f} Mo",
        flush=True,
    )
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        figures = pool.apply(measure, (target, runs))
    return line(figures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument(
        "--small", type=int, default=1_000, help="the size run first, for comparison"
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the bases in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again the bases kept by an earlier --keep"
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="essdesk-bench-desk-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESSDESK_DATA_DIR", str(folder / "donnees"))
    small = run_size(folder, args.small, args.runs, args.reuse)
    print(f"[{args.small} jeunes] {small}", flush=True)
    full = run_size(folder, args.youths, args.runs, args.reuse)
    print(f"[{args.youths} jeunes] ci-dessous", flush=True)
    print(full)
    return 0


if __name__ == "__main__":
    sys.exit(main())
